/**
 * score(rubric, responses) → report. Pure. All arithmetic is in whole hundredths of a point, so
 * fractional deductions are exact; the sheet's formulas round to 2 decimals at the same steps.
 *
 * Caps, in order (SCORING.md): clause cap → item (cap, points, floor at 0) → section (points; a "deduct"
 * section floors at 0) → total (penalties, floor at 0). Invalid entries are flagged and scored as blank.
 *
 * 004's constructs (docs/rubric-format.md): an item's parts scored above leave it a self part to score; clauses
 * aimed at another level, and the clauses of a selectable item not inspected, take no entry; alternatives for one
 * fact (exclusive groups of scope "fact") entered together are each invalid, so none deducts.
 */
import type { Check, Clause, Exclusive, Field, Item, Penalty, PenaltyClause, Rubric, Section } from "../rubric/schema";
import {
  clauseText, abovePointsH, isEarningItem, isOneFact, notApplicableOf, resolveVariant, sectionScoring, selfAssessableMaxH, selfPointsH, takesInput, toH, fromH,
} from "../rubric/model";
import { fingerprint } from "../rubric/fingerprint";
import { isBlank, MAX_COUNT, readAmount, readAnswer, readCount, readTick, type Problem } from "./inputs";
import { tierFor, tierPolicyFor } from "./tiers";
import type {
  CheckResult, ClauseInput, ClauseResult, Flag, InputName, InputValue, ItemResult, NotApplicableResult, PenaltyResult, Report, Responses,
  SectionResult, TargetType, TierPolicy, VetoResult,
} from "./types";

export class ScoringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScoringError";
  }
}

export interface ScoreOptions {
  /** Overrides the rubric's and the default tier thresholds; null turns tiers off (Report.tier and tierPolicy null). */
  tiers?: TierPolicy | null;
}

const INF = Number.POSITIVE_INFINITY;

/**
 * Text in “”, its own quotes turned to ‘’ as Chinese official text nests them (“建立‘一岗双责’…”): a quote
 * inside a quote would otherwise close it early.
 */
export function quoted(text: string): string {
  return `“${text.replace(/“/g, "‘").replace(/”/g, "’")}”`;
}

/** Short name of an item for messages: 第3项“深入贯彻落实…”. */
function itemName(label: string, text: string): { zh: string; en: string } {
  const short = quoted(text.length > 18 ? text.slice(0, 18) + "…" : text);
  return label ? { zh: `第${label}项${short}`, en: `item ${label} ${short}` } : { zh: short, en: short };
}

class FlagList {
  readonly flags: Flag[] = [];
  add(kind: Flag["kind"], type: TargetType, id: string, input: InputName, zh: string, en: string) {
    this.flags.push({ kind, target: { type, id, input }, message: zh, messageEn: en });
  }
  invalid(type: TargetType, id: string, input: InputName, where: { zh: string; en: string }, p: Problem) {
    this.add("invalid-input", type, id, input, `${where.zh}：${p.zh}`, `${where.en}: ${p.en}`);
  }
}

/**
 * Evaluates one clause's entries. Returns hundredths deducted (deducting kinds) or earned (earning kinds).
 * `maxAmount` bounds a discretionary entry; `here` names the clause in flags (clauseName).
 */
function evalClause(
  clause: Clause | Penalty["clauses"][number],
  input: ClauseInput | undefined,
  maxAmountH: number,
  here: { zh: string; en: string },
  flags: FlagList,
): { valueH: number; entered: boolean } {
  const tick = readTick(input?.ticked);
  const count = readCount(input?.count);
  const ticked = tick.ok && tick.value;
  if (!tick.ok) flags.invalid("clause", clause.id, "tick", here, tick.problem);

  // An entry in a column this clause does not use is invalid, never silently used or dropped.
  const unused = (name: "count" | "amount", zh: string, en: string) => {
    if (!isBlank(input?.[name])) {
      flags.invalid("clause", clause.id, name, here, { zh, en: `${en} (got ${String(input?.[name])})` });
    }
  };

  switch (clause.kind) {
    case "fixed":
    case "award": {
      // The sheet's 状态 column says the same (src/layout/plan/status.ts unusedCount): 此条, 扣分 or 计分.
      const by = clause.kind === "fixed" ? "此条按勾选扣分" : "此条按勾选计分";
      unused("count", `${by}，不填次数`, "this clause is scored by its tick and takes no count");
      unused("amount", `${by}，不填扣分`, "this clause is scored by its tick and takes no amount");
      if (clause.kind === "fixed") return { valueH: ticked ? toH(clause.amount) : 0, entered: ticked };
      return { valueH: ticked ? 0 : toH(clause.amount), entered: ticked };
    }
    case "counted":
    case "bonus": {
      unused("amount", "此条按次数计分，不填扣分", "this clause is scored by its count and takes no amount");
      if (!count.ok) {
        flags.invalid("clause", clause.id, "count", here, count.problem);
        return { valueH: 0, entered: false };
      }
      if (ticked && count.value === 0) {
        flags.invalid("clause", clause.id, "count", here, { zh: "已勾选但未填次数", en: "ticked but no count entered" });
      }
      const valueH = Math.min(count.value * toH(clause.amount), clause.cap !== undefined ? toH(clause.cap) : INF);
      return { valueH, entered: count.value > 0 };
    }
    case "scoredAbove":
      // Not self-assessed: scoreItem never evaluates it (its entries are flagged there).
      return { valueH: 0, entered: false };
    case "discretionary": {
      unused("count", "酌情扣分填扣分值，不填次数", "a discretionary clause takes an amount, not a count");
      const capH = toH(clauseAmountLimit(clause, fromH(maxAmountH)));
      const amount = readAmount(input?.amount, fromH(capH));
      if (!amount.ok) {
        flags.invalid("clause", clause.id, "amount", here, amount.problem);
        return { valueH: 0, entered: false };
      }
      if (ticked && amount.value === 0) {
        flags.invalid("clause", clause.id, "amount", here, { zh: "已勾选但未填扣分", en: "ticked but no amount entered" });
      }
      return { valueH: toH(amount.value), entered: amount.value > 0 };
    }
  }
}

/**
 * What scoring needs of a rubric and variant besides the entries: the variant's sections, the ids it knows, the
 * limits that decide whether an exclusive group's clause is entered, and the names that flags give each item and
 * clause. Worked out once per rubric and variant (a thousand returns of one table score against one), not per return.
 */
interface Scope {
  sections: Section[];
  /** Clause ids of this variant, to spot entries for clauses that do not exist. */
  knownClauses: Set<string>;
  knownItems: Set<string>;
  vetoIds: Set<string>;
  /** The header's and footer's fields, in that order. */
  fields: Field[];
  /** Clause id → the clause and the most a discretionary entry there may deduct (for conflicts()). */
  limits: Map<string, { clause: Clause | PenaltyClause; limitH: number }>;
  /** Items, penalties and checks by object → itemName; clauses → clauseName. */
  names: Map<Item | Penalty | Check, { zh: string; en: string }>;
  clauseNames: Map<Clause | PenaltyClause, { zh: string; en: string }>;
}

/** A clause in messages: its item's name and the start of its sentence. */
function clauseName(clause: Clause | PenaltyClause, item: Item | Penalty, where: { zh: string; en: string }): { zh: string; en: string } {
  return { zh: `${where.zh}的${quoted(clauseText(clause, item).slice(0, 14) + "…")}`, en: `${where.en}, clause ${clause.id}` };
}

const scopes = new WeakMap<Rubric, Map<string | undefined, Scope>>();
/** The scope of a rubric and variant; throws a ScoringError for a variant the rubric does not have (sectionsFor). */
function scopeOf(rubric: Rubric, variant: string | undefined): Scope {
  let byVariant = scopes.get(rubric);
  if (!byVariant) scopes.set(rubric, (byVariant = new Map()));
  let scope = byVariant.get(variant);
  if (scope) return scope;
  const sections = sectionsFor(rubric, variant);
  scope = {
    sections, knownClauses: new Set(), knownItems: new Set(), vetoIds: new Set((rubric.vetoes ?? []).map((v) => v.id)),
    fields: [...rubric.fields.header, ...rubric.fields.footer], limits: new Map(), names: new Map(), clauseNames: new Map(),
  };
  const name = (x: Item | Penalty | Check) => {
    const n = itemName(x.label, x.text);
    scope!.names.set(x, n);
    return n;
  };
  for (const s of sections) {
    for (const i of s.items ?? []) {
      scope.knownItems.add(i.id);
      const n = name(i);
      for (const c of i.clauses) {
        scope.knownClauses.add(c.id);
        scope.clauseNames.set(c, clauseName(c, i, n));
        scope.limits.set(c.id, { clause: c, limitH: toH(clauseAmountLimit(c as { cap?: number }, discretionaryLimit(s, i))) });
      }
    }
    for (const c of s.checks ?? []) {
      scope.knownItems.add(c.id);
      name(c);
    }
  }
  for (const p of rubric.penalties ?? []) {
    scope.knownItems.add(p.id);
    const n = name(p);
    for (const c of p.clauses) {
      scope.knownClauses.add(c.id);
      scope.clauseNames.set(c, clauseName(c, p, n));
      scope.limits.set(c.id, { clause: c, limitH: toH(clauseAmountLimit(c as { cap?: number }, penaltyAmountLimit(p))) });
    }
  }
  byVariant.set(variant, scope);
  return scope;
}

interface Ctx {
  rubric: Rubric;
  scope: Scope;
  responses: Responses;
  flags: FlagList;
  /** Clauses of an exclusive group with more than one entered (conflicts()): each is invalid, scored as blank. */
  conflicts: Map<string, Exclusive>;
  notApplicable: NotApplicableResult[];
}

function noteOf(ctx: Ctx, id: string): boolean {
  return !isBlank(ctx.responses.items?.[id]?.note);
}

function evidenceFlags(ctx: Ctx, type: TargetType, id: string, name: { zh: string; en: string }, entered: boolean, claims: boolean) {
  if (noteOf(ctx, id)) return;
  if (entered) {
    ctx.flags.add("unexplained-entry", type, id, "note", `${name.zh}有扣分或未落实项，但未填写自评情况说明`, `${name.en} has a deduction or 未落实 entry but no explanation`);
  } else if (claims) {
    ctx.flags.add("missing-evidence", type, id, "note", `${name.zh}未填写自评情况（佐证材料）`, `${name.en} claims its points but has no self-assessment note`);
  }
}

/**
 * The most a discretionary entry on this item may deduct: the item's points (less its parts scored above), else
 * its cap, else the section's.
 */
export function discretionaryLimit(section: Section, item: Item): number {
  if (item.points !== undefined && abovePointsH(item) > 0) return fromH(selfPointsH(item));
  return item.points ?? item.cap ?? section.points ?? 0;
}

/** Anything in a clause's cells but a valid "not ticked" (↔ the sheet's OR(NOT(unticked(tick)),NOT(blank(count)))). */
function anyEntry(input: ClauseInput | undefined): boolean {
  return Boolean(input) && ((!isBlank(input!.ticked) && input!.ticked !== false) || !isBlank(input!.count) || !isBlank(input!.amount));
}

/**
 * Is a loss entered here, read from the entries alone (↔ the sheet's exclusive-group test, plan/scores.ts
 * rawEntered): a valid tick on a fixed clause, a valid count > 0, a valid amount > 0 within `limitH`.
 */
function rawEntered(clause: Clause | PenaltyClause, input: ClauseInput | undefined, limitH: number): boolean {
  switch (clause.kind) {
    case "fixed": {
      const t = readTick(input?.ticked);
      return t.ok && t.value;
    }
    case "counted": {
      const c = readCount(input?.count);
      return c.ok && c.value > 0;
    }
    case "discretionary": {
      const a = readAmount(input?.amount, fromH(limitH));
      return a.ok && a.value > 0;
    }
    default:
      return false;
  }
}

/**
 * The clauses of every exclusive group (alternatives for one fact) in which more than one clause is entered.
 * Groups only hold deducting clauses that take input, of items that are always assessed (consistency.ts).
 */
function conflicts(rubric: Rubric, limits: Scope["limits"], responses: Responses): Map<string, Exclusive> {
  const out = new Map<string, Exclusive>();
  for (const g of rubric.exclusive ?? []) {
    if (!isOneFact(g)) continue;
    const entered = g.clauses.filter((id) => {
      const x = limits.get(id);
      return x !== undefined && rawEntered(x.clause, responses.clauses?.[id], x.limitH);
    });
    if (entered.length > 1) for (const id of entered) out.set(id, g);
  }
  return out;
}

/** The input a clause's loss is entered in, for a flag's cell. */
const lossInput = (kind: string): InputName => (kind === "fixed" ? "tick" : kind === "discretionary" ? "amount" : "count");

/**
 * A clause that takes no entry here — scored above, aimed at another level, or of an item not inspected — with
 * an entry: invalid (its cells are locked in the sheet; the entry is not scored).
 */
function noEntryProblem(clause: Clause | PenaltyClause, item: Item | Penalty): Problem {
  if (clause.kind === "scoredAbove") return { zh: `此条由${clause.by}直接评分，不能自评`, en: `scored by ${clause.by}, not self-assessable` };
  const na = notApplicableOf(clause);
  if (na) return { zh: `此条针对${na.level}，不适用于本单位，不填`, en: `aimed at ${na.level}, not applicable to the unit; leave it blank` };
  const how = "selectable" in item && item.selectable ? item.selectable.text : "选查";
  return { zh: `本项未抽查（${how}），不填；已抽查的，先在“抽查”栏勾选`, en: "this item was not inspected (选查); tick 抽查 first if it was" };
}

/**
 * One clause of an item or penalty that is assessed: its value, or nothing where it takes no entry (`open`
 * false: scored above, another level, an item not inspected); an alternative entered beside another is
 * flagged and scored as blank.
 */
function scoreClause(ctx: Ctx, clause: Clause | PenaltyClause, item: Item | Penalty, open: boolean, maxAmountH: number, name: { zh: string; en: string }): ClauseResult {
  const input = ctx.responses.clauses?.[clause.id];
  const level = notApplicableOf(clause);
  const na = level ? { notApplicable: true as const } : {};
  if (level) ctx.notApplicable.push({ id: clause.id, itemId: item.id, level: level.level, note: level.note });
  if (!open || !takesInput(clause)) {
    if (anyEntry(input)) ctx.flags.invalid("clause", clause.id, "tick", name, noEntryProblem(clause, item));
    return { id: clause.id, kind: clause.kind, value: 0, entered: false, ...na };
  }
  const r = evalClause(clause, input, maxAmountH, ctx.scope.clauseNames.get(clause)!, ctx.flags);
  const group = ctx.conflicts.get(clause.id);
  if (group) {
    ctx.flags.invalid("clause", clause.id, lossInput(clause.kind), name, {
      zh: `同一事实只扣一次：本条与同组条款只能填写一项，均暂不计分（${group.note}）`,
      en: `one fact is deducted once: enter only one of the alternatives (group ${group.id}); none is scored until corrected`,
    });
    return { id: clause.id, kind: clause.kind, value: 0, entered: false };
  }
  return { id: clause.id, kind: clause.kind, value: fromH(r.valueH), entered: r.entered };
}

/** A selectable item (选查): inspected when its 抽查 tick is ticked; an invalid tick is flagged and read as blank. */
function isSelected(ctx: Ctx, item: Item, name: { zh: string; en: string }): boolean {
  if (!item.selectable) return true;
  const t = readTick(ctx.responses.items?.[item.id]?.selected);
  if (!t.ok) ctx.flags.invalid("item", item.id, "tick", { zh: `${name.zh}的“抽查”栏`, en: `${name.en}, 抽查` }, t.problem);
  return t.ok && t.value;
}

/** The most a discretionary clause may deduct: its own cap within the item's limit. */
export function clauseAmountLimit(clause: { cap?: number }, itemLimit: number): number {
  return clause.cap !== undefined ? Math.min(clause.cap, itemLimit) : itemLimit;
}

function scoreItem(ctx: Ctx, section: Section, item: Item): { result: ItemResult; scoreH: number; deductionH: number } {
  const name = ctx.scope.names.get(item)!;
  const mode = sectionScoring(section);
  // What the unit assesses itself: the item's points less its parts scored above (clause level).
  const pointsH = item.points !== undefined ? selfPointsH(item) : undefined;
  const aboveH = abovePointsH(item);
  const clauseResults: ClauseResult[] = [];

  if (item.scoredAbove) {
    // Not self-assessable: any entry here is invalid, and the item is left out of the score.
    for (const c of item.clauses) {
      const input = ctx.responses.clauses?.[c.id];
      if (anyEntry(input)) {
        ctx.flags.invalid("clause", c.id, "tick", name, { zh: `此项由${item.scoredAbove.by}直接评分，不能自评`, en: `scored by ${item.scoredAbove.by}, not self-assessable` });
      }
      clauseResults.push({ id: c.id, kind: c.kind, value: 0, entered: false });
    }
    return {
      result: { id: item.id, sectionId: section.id, label: item.label, points: item.points, deduction: 0, scoredAbove: true, hasNote: noteOf(ctx, item.id), clauses: clauseResults },
      scoreH: 0,
      deductionH: 0,
    };
  }

  const discretionaryMaxH = toH(discretionaryLimit(section, item));
  const selected = isSelected(ctx, item, name);
  let sumH = 0;
  let lossEntered = false;
  let bonusClaimed = false;
  for (const c of item.clauses) {
    const r = scoreClause(ctx, c, item, selected, discretionaryMaxH, name);
    sumH += toH(r.value);
    if (c.kind === "bonus") bonusClaimed ||= r.value > 0;
    else lossEntered ||= r.entered;
    clauseResults.push(r);
  }

  let scoreH: number | undefined;
  let deductionH: number;
  if (!selected) {
    // Not inspected: the item keeps its maximum (its clauses took no entry).
    deductionH = 0;
    scoreH = mode === "sum" ? (pointsH ?? 0) : undefined;
  } else if (isEarningItem(item)) {
    scoreH = Math.min(pointsH ?? 0, sumH);
    deductionH = (pointsH ?? 0) - scoreH;
  } else {
    const capH = item.cap !== undefined ? toH(item.cap) : INF;
    deductionH = Math.min(sumH, capH, mode === "sum" ? (pointsH ?? 0) : INF);
    scoreH = mode === "sum" ? (pointsH ?? 0) - deductionH : undefined;
  }
  // Bonus counts claim points: they need a note like any claim, even where notes are otherwise optional. An item
  // not inspected claims nothing.
  if (selected) evidenceFlags(ctx, "item", item.id, name, lossEntered, ctx.rubric.evidence.required || bonusClaimed);

  return {
    result: {
      id: item.id, sectionId: section.id, label: item.label, points: item.points,
      score: scoreH === undefined ? undefined : fromH(scoreH), deduction: fromH(deductionH),
      scoredAbove: false, ...(aboveH > 0 ? { scoredAbovePoints: fromH(aboveH) } : {}), ...(item.selectable ? { selected } : {}),
      hasNote: noteOf(ctx, item.id), clauses: clauseResults,
    },
    scoreH: scoreH ?? 0,
    deductionH,
  };
}

function scoreSection(ctx: Ctx, section: Section): SectionResult {
  const mode = sectionScoring(section);
  const pointsH = toH(section.points ?? 0);
  const items: ItemResult[] = [];
  let sumScoresH = 0;
  let sumDeductionsH = 0;
  for (const item of section.items ?? []) {
    const r = scoreItem(ctx, section, item);
    items.push(r.result);
    sumScoresH += r.scoreH;
    sumDeductionsH += r.deductionH;
  }
  const rawH = mode === "sum" ? sumScoresH : pointsH - sumDeductionsH;
  const scoreH = mode === "sum" ? Math.min(pointsH, rawH) : Math.max(0, rawH);
  const selfMaxH = selfAssessableMaxH(section);
  return {
    id: section.id, label: section.label, title: section.title, scoring: mode,
    max: fromH(pointsH), selfMax: fromH(selfMaxH), raw: fromH(rawH), score: fromH(scoreH), items,
  };
}

/** A discretionary penalty entry is bounded by the penalty's cap, else by a large sanity limit. */
export function penaltyAmountLimit(penalty: Penalty): number {
  return penalty.cap ?? MAX_COUNT;
}

function scorePenalty(ctx: Ctx, penalty: Penalty): PenaltyResult {
  const name = ctx.scope.names.get(penalty)!;
  let sumH = 0;
  let entered = false;
  const clauses: ClauseResult[] = [];
  const capH = penalty.cap !== undefined ? toH(penalty.cap) : INF;
  for (const c of penalty.clauses) {
    const r = scoreClause(ctx, c, penalty, true, toH(penaltyAmountLimit(penalty)), name);
    sumH += toH(r.value);
    entered ||= r.entered;
    clauses.push(r);
  }
  evidenceFlags(ctx, "penalty", penalty.id, name, entered, false);
  return { id: penalty.id, label: penalty.label, deduction: fromH(Math.min(sumH, capH)), clauses };
}

function scoreChecks(ctx: Ctx, sections: Section[]): CheckResult[] {
  const out: CheckResult[] = [];
  for (const s of sections) {
    for (const check of s.checks ?? []) {
      const name = ctx.scope.names.get(check)!;
      const a = readAnswer(ctx.responses.items?.[check.id]?.answer);
      if (!a.ok) ctx.flags.invalid("check", check.id, "answer", name, a.problem);
      const answer = a.ok ? a.value : null;
      if (a.ok && answer === null) ctx.flags.add("unanswered-check", "check", check.id, "answer", `${name.zh}未作答`, `${name.en} is unanswered`);
      if (answer === "no" && !noteOf(ctx, check.id)) ctx.flags.add("check-no-note", "check", check.id, "note", `${name.zh}答“否”但未说明情况`, `${name.en} is answered 否 without a note`);
      out.push({ id: check.id, sectionId: s.id, answer });
    }
  }
  return out;
}

function scoreVetoes(ctx: Ctx): Report["veto"] {
  const reasons: VetoResult[] = [];
  for (const v of ctx.rubric.vetoes ?? []) {
    const t = readTick(ctx.responses.vetoes?.[v.id]);
    if (!t.ok) ctx.flags.invalid("veto", v.id, "tick", { zh: "否决项", en: "veto" }, t.problem);
    else if (t.value) reasons.push({ id: v.id, effect: v.effect, text: v.text });
  }
  return {
    fail: reasons.some((r) => r.effect === "fail"),
    noExcellent: reasons.some((r) => r.effect === "noExcellent"),
    reasons,
  };
}

function checkFields(ctx: Ctx) {
  for (const f of ctx.scope.fields) {
    if (f.required && isBlank(ctx.responses.fields?.[f.id])) {
      ctx.flags.add("missing-field", "field", f.id, "value", `未填写“${f.label}”`, `required field “${f.label}” is blank`);
    }
  }
}

/** Entries for ids the rubric (this variant) does not have are reported, never silently dropped. */
function checkUnknownIds(ctx: Ctx) {
  for (const id of Object.keys(ctx.responses.clauses ?? {})) {
    if (!ctx.scope.knownClauses.has(id)) ctx.flags.add("invalid-input", "clause", id, "value", `未知的评分条款编号“${id}”`, `unknown clause id “${id}”`);
  }
  for (const id of Object.keys(ctx.responses.items ?? {})) {
    if (!ctx.scope.knownItems.has(id)) ctx.flags.add("invalid-input", "item", id, "value", `未知的考核项目编号“${id}”`, `unknown item id “${id}”`);
  }
  for (const id of Object.keys(ctx.responses.vetoes ?? {})) {
    if (!ctx.scope.vetoIds.has(id)) ctx.flags.add("invalid-input", "veto", id, "value", `未知的否决项编号“${id}”`, `unknown veto id “${id}”`);
  }
}

/** Checks the variant and returns the sections it sees. */
export function sectionsFor(rubric: Rubric, variant: string | undefined): Section[] {
  if (rubric.variants?.length) {
    if (variant === undefined) throw new ScoringError(`评分表“${rubric.title}”需要选择适用单位（变体）/ rubric ${rubric.id} needs a variant`);
    if (!rubric.variants.some((v) => v.id === variant)) {
      throw new ScoringError(`评分表“${rubric.title}”没有变体“${variant}” / rubric ${rubric.id} has no variant "${variant}"`);
    }
  } else if (variant !== undefined) {
    throw new ScoringError(`评分表“${rubric.title}”没有变体 / rubric ${rubric.id} has no variants, got "${variant}"`);
  }
  return resolveVariant(rubric, variant);
}

export function score(rubric: Rubric, responses: Responses, options: ScoreOptions = {}): Report {
  const scope = scopeOf(rubric, responses.variant);
  const { sections } = scope;
  const ctx: Ctx = { rubric, scope, responses, flags: new FlagList(), conflicts: conflicts(rubric, scope.limits, responses), notApplicable: [] };

  checkFields(ctx);
  const sectionResults = sections.filter((s) => s.items?.length).map((s) => scoreSection(ctx, s));
  const penalties = (rubric.penalties ?? []).map((p) => scorePenalty(ctx, p));
  const checks = scoreChecks(ctx, sections);
  const veto = scoreVetoes(ctx);
  checkUnknownIds(ctx);

  const subtotalH = sectionResults.reduce((s, r) => s + toH(r.score), 0);
  const penaltyH = penalties.reduce((s, p) => s + toH(p.deduction), 0);
  const totalH = Math.max(0, subtotalH - penaltyH);
  const maxH = sectionResults.reduce((s, r) => s + toH(r.max), 0);
  const selfMaxH = sectionResults.reduce((s, r) => s + toH(r.selfMax), 0);
  // Whole items scored above, and the printed points of items' parts scored above.
  const scoredAboveH = sectionResults.reduce(
    (s, r) => s + r.items.reduce((a, i) => a + (i.scoredAbove ? toH(i.points ?? 0) : toH(i.scoredAbovePoints ?? 0)), 0),
    0,
  );
  // Percent in hundredths, rounded half up from the exact ratio (as ROUND(total/max*100, 2) does).
  const percent = selfMaxH > 0 ? Math.round((totalH * 10000) / selfMaxH) / 100 : null;
  const tierPolicy = tierPolicyFor(rubric, options.tiers);
  const complete = !ctx.flags.flags.some((f) => f.kind === "invalid-input");

  return {
    rubric: { id: rubric.id, version: rubric.version, fingerprint: fingerprint(rubric) },
    variant: responses.variant,
    sections: sectionResults,
    penalties,
    checks,
    subtotal: fromH(subtotalH),
    penaltyTotal: fromH(penaltyH),
    total: fromH(totalH),
    max: fromH(maxH),
    selfMax: fromH(selfMaxH),
    scoredAboveMax: fromH(scoredAboveH),
    notApplicable: ctx.notApplicable,
    percent,
    percentScale: rubric.percentScale ?? false,
    veto,
    tier: percent === null || tierPolicy === null ? null : tierFor(percent, tierPolicy, veto),
    tierPolicy,
    flags: ctx.flags.flags,
    complete,
    state: !hasAnyEntry(responses) ? "unfilled" : complete ? "final" : "provisional",
  };
}

/** An entry: anything in a tick (other than FALSE), count, amount, note, answer, 抽查 or veto cell. Header fields are not entries (a template comes with its unit's name). */
function hasAnyEntry(responses: Responses): boolean {
  const entered = (v: InputValue) => !isBlank(v) && v !== false;
  // By keys: a return's clause entries (dozens of ids) are a dictionary-mode object, whose Object.values V8 collects
  // three times slower than its keys.
  const clauses = responses.clauses ?? {};
  for (const id of Object.keys(clauses)) if (entered(clauses[id].ticked) || entered(clauses[id].count) || entered(clauses[id].amount)) return true;
  const items = responses.items ?? {};
  for (const id of Object.keys(items)) if (entered(items[id].note) || entered(items[id].answer) || entered(items[id].selected)) return true;
  const vetoes = responses.vetoes ?? {};
  return Object.keys(vetoes).some((id) => entered(vetoes[id]));
}
