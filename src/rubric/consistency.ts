/**
 * Consistency checks beyond the schema. Errors make a rubric unusable; warnings are mismatches the
 * document itself has (000 indicator 3: 26 points of sub-items under 24), which the rubric must
 * acknowledge with a note on the section or item concerned (a test enforces this for shipped rubrics).
 */
import type { Clause, PenaltyClause, Rubric } from "./schema";
import { abovePointsH, clauseText, EARNING_KINDS, notApplicableOf, resolveVariant, sectionScoring, selfPointsH, takesInput, toH, variantIds } from "./model";

export interface Finding {
  severity: "error" | "warning";
  path: string;
  message: string;
}

export function checkConsistency(rubric: Rubric): Finding[] {
  const findings: Finding[] = [];
  const error = (path: string, message: string) => findings.push({ severity: "error", path, message });
  const warning = (path: string, message: string) => findings.push({ severity: "warning", path, message });

  // Ids are one namespace, so a response or a hidden sheet cell can name any part unambiguously.
  const seen = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = seen.get(id);
    if (first) error(`${path}.id`, `duplicate id "${id}" (first used at ${first})`);
    else seen.set(id, path);
  };
  const variantSet = new Set((rubric.variants ?? []).map((v) => v.id));
  const checkAppliesTo = (ids: string[] | undefined, path: string) => {
    for (const [k, id] of (ids ?? []).entries()) {
      if (!variantSet.has(id)) error(`${path}.appliesTo[${k}]`, `unknown variant "${id}"`);
    }
  };

  rubric.variants?.forEach((v, i) => {
    if (rubric.variants!.findIndex((w) => w.id === v.id) !== i) error(`variants[${i}].id`, `duplicate variant id "${v.id}"`);
  });
  const fieldIds = [...rubric.fields.header, ...rubric.fields.footer].map((f) => f.id);
  fieldIds.forEach((id, i) => {
    if (fieldIds.indexOf(id) !== i) error("fields", `duplicate field id "${id}"`);
  });

  /** Where each clause is, for the exclusive groups. */
  const clauseAt = new Map<string, { clause: Clause | PenaltyClause; open: boolean }>();

  rubric.sections.forEach((section, si) => {
    const sp = `sections[${si}]`;
    claim(section.id, sp);
    checkAppliesTo(section.appliesTo, sp);
    const items = section.items ?? [];
    const checks = section.checks ?? [];
    if (!items.length && !checks.length) error(sp, "a section needs items or checks");
    if (items.length && section.points === undefined) error(`${sp}.points`, "missing (a section with scored items needs points)");
    const mode = sectionScoring(section);

    items.forEach((item, ii) => {
      const ip = `${sp}.items[${ii}]`;
      claim(item.id, ip);
      checkAppliesTo(item.appliesTo, ip);
      const earning = item.clauses.filter((c) => EARNING_KINDS.has(c.kind)).length;
      if (earning && earning !== item.clauses.filter((c) => c.kind !== "scoredAbove").length) {
        error(`${ip}.clauses`, "an item either earns points (award, bonus) or loses them (fixed, counted, discretionary), not both");
      }
      if (mode === "sum" && item.points === undefined) error(`${ip}.points`, 'missing (items of a "sum" section need points)');
      if (mode === "deduct" && earning) error(`${ip}.clauses`, 'a "deduct" section cannot hold award or bonus clauses');
      if (earning && item.cap !== undefined) error(`${ip}.cap`, "an item deduction cap on an item that earns points");
      if (!item.clauses.length && !item.scoredAbove) warning(ip, "item has no scoring clauses: it always scores full points");
      if (earning && item.points !== undefined) {
        const most = item.clauses.reduce((s, c) => s + toH(c.kind === "bonus" ? (c.cap ?? c.amount) : c.kind === "award" ? c.amount : 0), 0);
        if (most !== selfPointsH(item)) {
          warning(ip, `its sub-items add up to ${most / 100} but the item is worth ${selfPointsH(item) / 100}`);
        }
      }
      const aboveH = abovePointsH(item);
      if (item.clauses.some((c) => c.kind === "scoredAbove")) {
        if (item.scoredAbove) error(`${ip}.clauses`, "an item scored above as a whole has no parts scored above");
        if (mode === "deduct") error(`${ip}.clauses`, 'parts scored above belong to items of a "sum" section');
      }
      if (aboveH > 0 && item.points !== undefined && aboveH > toH(item.points)) {
        error(`${ip}.clauses`, `its parts scored above are worth ${aboveH / 100}, more than the item's ${item.points}`);
      }
      if (item.selectable && item.scoredAbove) error(`${ip}.selectable`, "an item scored above is not selected by the assessors");
      checkLists(item.clauses, ip, error);
      item.clauses.forEach((clause, ci) => {
        const cp = `${ip}.clauses[${ci}]`;
        clauseAt.set(clause.id, { clause, open: takesInput(clause) && !item.scoredAbove && !item.selectable });
        if (notApplicableOf(clause) && EARNING_KINDS.has(clause.kind)) error(`${cp}.notApplicable`, "only a deduction can be aimed at another level");
        claim(clause.id, cp);
        if ("cap" in clause && clause.cap !== undefined && "amount" in clause && clause.cap < clause.amount) {
          error(`${cp}.cap`, `clause cap ${clause.cap} is below its amount ${clause.amount}`);
        }
      });
    });
    checks.forEach((check, ci) => {
      claim(check.id, `${sp}.checks[${ci}]`);
      checkAppliesTo(check.appliesTo, `${sp}.checks[${ci}]`);
    });
  });

  rubric.penalties?.forEach((p, pi) => {
    const pp = `penalties[${pi}]`;
    claim(p.id, pp);
    checkAppliesTo(p.appliesTo, pp);
    checkLists(p.clauses, pp, error);
    p.clauses.forEach((c, ci) => {
      clauseAt.set(c.id, { clause: c, open: takesInput(c) });
      claim(c.id, `${pp}.clauses[${ci}]`);
    });
  });
  // Alternatives for one fact: deductions the unit enters, each in one group.
  const grouped = new Map<string, string>();
  rubric.exclusive?.forEach((g, gi) => {
    const gp = `exclusive[${gi}]`;
    claim(g.id, gp);
    g.clauses.forEach((id, k) => {
      const at = clauseAt.get(id);
      const where = `${gp}.clauses[${k}]`;
      if (!at) return error(where, `unknown clause "${id}"`);
      if (!["fixed", "counted", "discretionary"].includes(at.clause.kind)) error(where, `"${id}" is not a deduction (fixed, counted or discretionary)`);
      if (!at.open) error(where, `"${id}" takes no entry or may be left unassessed (scored above, another level, a selectable item)`);
      const first = grouped.get(id);
      if (first) error(where, `"${id}" is already in ${first}`);
      else grouped.set(id, gp);
    });
  });
  rubric.vetoes?.forEach((v, vi) => claim(v.id, `vetoes[${vi}]`));

  const t = rubric.tiers;
  if (t && !(t.excellent >= t.good && t.good >= t.pass)) error("tiers", "expected excellent ≥ good ≥ pass");

  // Sum sections: do the items' points add up to the section's, for every variant?
  for (const variant of variantIds(rubric)) {
    const sections = resolveVariant(rubric, variant);
    if (rubric.variants?.length && !sections.some((s) => s.items?.length || s.checks?.length)) {
      error("variants", `variant "${variant}" has no items`);
    }
    for (const s of sections) {
      if (sectionScoring(s) !== "sum" || !s.items?.length || s.points === undefined) continue;
      const sum = s.items.reduce((acc, i) => acc + toH(i.points ?? 0), 0);
      if (sum !== toH(s.points)) {
        const si = rubric.sections.findIndex((x) => x.id === s.id);
        const where = variant ? ` for variant "${variant}"` : "";
        warning(`sections[${si}]`, `its items add up to ${sum / 100} but the section is worth ${s.points}${where}`);
      }
    }
    // Sections with appliesTo on items: the variant must leave every scored section with items.
    for (const s of sections) {
      if (variant !== undefined && s.points !== undefined && s.items && s.items.length === 0 && !s.checks?.length) {
        error(`sections[${rubric.sections.findIndex((x) => x.id === s.id)}]`, `variant "${variant}" leaves this section without items`);
      }
    }
  }
  return findings;
}

/**
 * Closed lists ("……各扣2分" over 安全生产、消防工作): one clause per listed thing, each naming it (`listed`, words of
 * the sentence); the first carries the sentence, every later one points at it (`sameText`) with the same kind and
 * amount. Every other clause carries its own text.
 */
function checkLists(clauses: readonly (Clause | PenaltyClause)[], ip: string, error: (path: string, message: string) => void): void {
  clauses.forEach((clause, ci) => {
    const cp = `${ip}.clauses[${ci}]`;
    if (clause.kind === "scoredAbove") return;
    if (clause.sameText === undefined) {
      if (clause.text === undefined) error(`${cp}.text`, "missing (a clause needs its text, or sameText naming the clause that carries it)");
      return;
    }
    if (clause.text !== undefined) error(`${cp}.sameText`, "a clause has either its own text or sameText, not both");
    if (clause.listed === undefined) error(`${cp}.listed`, "missing (a clause with sameText names its listed thing)");
    const k = clauses.findIndex((c) => c.id === clause.sameText);
    const first = clauses[k];
    if (!first || k >= ci) return error(`${cp}.sameText`, `"${clause.sameText}" is not a clause before this one in the same item`);
    if (first.kind === "scoredAbove" || first.text === undefined || first.sameText !== undefined) {
      return error(`${cp}.sameText`, `"${clause.sameText}" does not carry the sentence (it has no text of its own)`);
    }
    if (first.listed === undefined) error(`${cp}.sameText`, `"${clause.sameText}" names no listed thing (the first thing of the list needs listed)`);
    const shape = (c: Clause | PenaltyClause) => JSON.stringify([c.kind, "amount" in c ? c.amount : null, "unit" in c ? c.unit : null, "cap" in c ? (c.cap ?? null) : null]);
    if (shape(clause) !== shape(first)) error(`${cp}.sameText`, `a listed thing deducts like "${first.id}" (same kind, amount, unit and cap)`);
    const same = clauses.slice(0, ci).filter((c) => c.kind !== "scoredAbove" && (c.id === first.id || c.sameText === first.id));
    if (clause.listed !== undefined && same.some((c) => c.kind !== "scoredAbove" && c.listed === clause.listed)) {
      error(`${cp}.listed`, `"${clause.listed}" is listed twice in the same list`);
    }
  });
  // A listed thing is words of its sentence.
  clauses.forEach((clause, ci) => {
    if (clause.kind === "scoredAbove" || clause.listed === undefined) return;
    const sentence = clauseText(clause, { clauses });
    if (sentence && !sentence.includes(clause.listed)) error(`${ip}.clauses[${ci}].listed`, `"${clause.listed}" does not occur in the sentence`);
  });
}

/** The object a finding's path points at (`sections[2].items[4]` → that item). */
function objectAt(root: unknown, path: string): unknown {
  let node: unknown = root;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A warning is acknowledged when the section or item it points at (or the rubric) carries a note. */
export function isAcknowledged(rubric: Rubric, finding: Finding): boolean {
  const target = objectAt(rubric, finding.path) as { notes?: string[] } | undefined;
  return Boolean(target?.notes?.length);
}
