/** Small pure helpers over a rubric that the scoring engine, the layout and the checks share. */
import type { Clause, Item, Penalty, PenaltyClause, Rubric, Section } from "./schema";

/** An exclusive group whose clauses may not be entered together (scope "fact"); "finding" groups are guidance. */
export function isOneFact(group: { scope?: "fact" | "finding" }): boolean {
  return (group.scope ?? "fact") === "fact";
}

export const EARNING_KINDS: ReadonlySet<Clause["kind"]> = new Set(["award", "bonus"]);

/** An item earns points (award sub-items, bonus) rather than losing them (deductions); parts scored above are neither. */
export function isEarningItem(item: Item): boolean {
  const scored = item.clauses.filter((c) => c.kind !== "scoredAbove");
  return scored.length > 0 && scored.every((c) => EARNING_KINDS.has(c.kind));
}

/**
 * Does the unit enter anything for this clause? Not for a part scored by a higher authority, nor for a clause
 * aimed at another level (notApplicable): those are shown, with no input, out of the score.
 */
export function takesInput(clause: Clause | PenaltyClause): boolean {
  return clause.kind !== "scoredAbove" && !clause.notApplicable;
}

/** A clause's notApplicable (省级, 市级 …), if it has one. */
export function notApplicableOf(clause: Clause | PenaltyClause): { level: string; note: string } | undefined {
  return clause.kind === "scoredAbove" ? undefined : clause.notApplicable;
}

type AnyClause = Clause | PenaltyClause;

/**
 * A clause's sentence, the one place every reader gets it from (reports, the sheet, the pane): its own `text`, or —
 * a later thing of a closed list ("……各扣2分") — the text of the earlier clause of the same item its `sameText`
 * names (consistency.ts guarantees that clause exists and carries text).
 */
export function clauseText(clause: AnyClause, item: { clauses: readonly AnyClause[] }): string {
  if (clause.text !== undefined) return clause.text;
  const first = clause.kind === "scoredAbove" ? undefined : item.clauses.find((c) => c.id === clause.sameText);
  return first?.text ?? "";
}

/** The listed thing a clause of a closed list deducts for ("消防工作"), if it is one. */
export function listedOf(clause: AnyClause): string | undefined {
  return clause.kind === "scoredAbove" ? undefined : clause.listed;
}

/** Hundredths of an item's points that a higher authority scores (its scoredAbove clauses' printed points). */
export function abovePointsH(item: Item | Penalty): number {
  return (item.clauses as Clause[]).reduce((s, c) => s + (c.kind === "scoredAbove" ? toH(c.points ?? 0) : 0), 0);
}

/** Hundredths of an item's points the unit assesses itself: its points less the parts scored above. */
export function selfPointsH(item: Item): number {
  return toH(item.points ?? 0) - abovePointsH(item);
}

/** Does this clause take a count (rather than a tick or an amount)? */
export function isCountedKind(kind: Clause["kind"]): boolean {
  return kind === "counted" || kind === "bonus";
}

export function sectionScoring(section: Section): "sum" | "deduct" {
  return section.scoring ?? "sum";
}

/**
 * The most a unit can score itself on a section, in hundredths: a "deduct" section's points; a "sum"
 * section's points, at most the points of the items it assesses itself (an item scored by a higher
 * authority, `scoredAbove`, is left out, and so are the printed points of an item's parts scored above). The report's `selfMax` (score.ts) and the sheet's 可自评满分 and
 * percent (layout/plan) both use this rule.
 */
export function selfAssessableMaxH(section: Section): number {
  const pointsH = toH(section.points ?? 0);
  if (sectionScoring(section) === "deduct") return pointsH;
  const selfH = (section.items ?? []).filter((i) => !i.scoredAbove).reduce((sum, i) => sum + selfPointsH(i), 0);
  return Math.min(pointsH, selfH);
}

function applies(appliesTo: readonly string[] | undefined, variant: string | undefined): boolean {
  return !appliesTo || (variant !== undefined && appliesTo.includes(variant));
}

/**
 * The sections, items and checks that one variant sees. A rubric without variants has one view;
 * a rubric with variants needs a variant id (the caller checks it exists).
 */
export function resolveVariant(rubric: Rubric, variant: string | undefined): Section[] {
  return rubric.sections
    .filter((s) => applies(s.appliesTo, variant))
    .map((s) => ({
      ...s,
      items: s.items?.filter((i) => applies(i.appliesTo, variant)),
      checks: s.checks?.filter((c) => applies(c.appliesTo, variant)),
    }));
}

/** The variant ids to check or enumerate: `[undefined]` for a rubric without variants. */
export function variantIds(rubric: Rubric): (string | undefined)[] {
  return rubric.variants?.length ? rubric.variants.map((v) => v.id) : [undefined];
}

/**
 * Points are kept in hundredths, so every number in a rubric or an entry must be a whole number of hundredths.
 * (Here rather than in schema.ts: the sheet's entry rules need it, and must not load zod — a damaged file is
 * refused before any rubric is read.)
 */
export function isWholeHundredths(x: number): boolean {
  return Math.abs(Math.round(x * 100) - x * 100) < 1e-7;
}

/** Hundredths arithmetic: every score is an integer number of hundredths, so sums are exact. */
export const toH = (points: number): number => Math.round(points * 100);
export const fromH = (h: number): number => h / 100;
