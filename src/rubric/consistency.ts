/**
 * Consistency checks beyond the schema. Errors make a rubric unusable; warnings are mismatches the
 * document itself has (000 indicator 3: 26 points of sub-items under 24), which the rubric must
 * acknowledge with a note on the section or item concerned (a test enforces this for shipped rubrics).
 */
import type { Rubric } from "./schema";
import { EARNING_KINDS, resolveVariant, sectionScoring, toH, variantIds } from "./model";

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
      if (earning && earning !== item.clauses.length) {
        error(`${ip}.clauses`, "an item either earns points (award, bonus) or loses them (fixed, counted, discretionary), not both");
      }
      if (mode === "sum" && item.points === undefined) error(`${ip}.points`, 'missing (items of a "sum" section need points)');
      if (mode === "deduct" && earning) error(`${ip}.clauses`, 'a "deduct" section cannot hold award or bonus clauses');
      if (earning && item.cap !== undefined) error(`${ip}.cap`, "an item deduction cap on an item that earns points");
      if (!item.clauses.length && !item.scoredAbove) warning(ip, "item has no scoring clauses: it always scores full points");
      if (earning && item.points !== undefined) {
        const most = item.clauses.reduce((s, c) => s + toH(c.kind === "bonus" ? (c.cap ?? c.amount) : c.kind === "award" ? c.amount : 0), 0);
        if (most !== toH(item.points)) {
          warning(ip, `its sub-items add up to ${most / 100} but the item is worth ${item.points}`);
        }
      }
      item.clauses.forEach((clause, ci) => {
        const cp = `${ip}.clauses[${ci}]`;
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
    p.clauses.forEach((c, ci) => claim(c.id, `${pp}.clauses[${ci}]`));
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
