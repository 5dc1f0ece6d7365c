/** Format 4 (核定) in tests: filling both sides of a review table, and comparing its 核定 cells with the engine. */
import fc from "fast-check";
import { fillInputs } from "../../src/layout/fill";
import { entriesDiffer, reviewView } from "../../src/layout/review";
import { reviewTierShown } from "../../src/layout/scored";
import { REVIEW_MARK } from "../../src/layout/plan/rows";
import type { CellValue, SheetPlan } from "../../src/layout/types";
import type { Rubric } from "../../src/rubric/schema";
import { score, type Responses } from "../../src/scoring";
import { compareSheetWithEngine } from "./compare";
import { responsesArb } from "./arbitrary";

/** The input cells of a review table: the unit's entries (typed) and the assessors' (typed) in the 核定 cells. */
export function fillReview(p: SheetPlan, unit: Responses, review: Responses): Map<string, CellValue> {
  const inputs = fillInputs(p, unit);
  for (const [a, v] of fillInputs(reviewView(p), { clauses: review.clauses, vetoes: review.vetoes })) inputs.set(a, v);
  return inputs;
}

/** The 核定 responses as the reader builds them: the unit's fields, notes and 抽查, the assessors' ticks, counts and vetoes. */
export const reviewResponses = (unit: Responses, review: Responses): Responses => ({
  variant: unit.variant, fields: unit.fields, items: unit.items, clauses: review.clauses, vetoes: review.vetoes,
});

/**
 * A unit's typed fill and the assessors' (same variant): each clause and veto of the 核定 is the unit's entry
 * (most often, as in a review) or another random one.
 */
export function reviewPairArb(rubric: Rubric, opts: { typed?: boolean } = {}): fc.Arbitrary<[Responses, Responses]> {
  return fc.tuple(responsesArb(rubric, opts), responsesArb(rubric, opts), fc.array(fc.boolean(), { minLength: 64, maxLength: 64 })).map(([unit, other, keep]) => {
    const pick = <T,>(own: Record<string, T> | undefined, theirs: Record<string, T> | undefined, ids: string[]) => {
      const out: Record<string, T> = {};
      ids.forEach((id, k) => {
        const v = keep[k % keep.length] ? own?.[id] : theirs?.[id];
        if (v !== undefined) out[id] = v;
      });
      return out;
    };
    // Only the unit's variant's clauses (the other fill may be of another variant).
    const clauseIds = [...new Set([...Object.keys(unit.clauses ?? {}), ...Object.keys(other.variant === unit.variant ? (other.clauses ?? {}) : {})])];
    const review: Responses = {
      variant: unit.variant,
      clauses: pick(unit.clauses, other.variant === unit.variant ? other.clauses : unit.clauses, clauseIds),
      vetoes: pick(unit.vetoes, other.vetoes, (rubric.vetoes ?? []).map((v) => v.id)),
    };
    return [unit, review];
  });
}

/**
 * The sheet's 核定 cells against the engine on the 核定 responses (engine readings): clause values, item scores,
 * section subtotals, total, percent, veto and tier — and each item's and veto's 核定对比 marker against
 * entriesDiffer on both sides' readings. Also the unit's side (compareSheetWithEngine), unchanged by the 核定.
 */
export function compareReviewWithEngine(rubric: Rubric, unit: Responses, review: Responses, get: (a: string) => unknown, p: SheetPlan): string[] {
  const out = compareSheetWithEngine(rubric, unit, get, p).map((m) => `自评 ${m}`);
  const resp = reviewResponses(unit, review);
  const rep = score(rubric, resp);
  const eq = (what: string, sheet: unknown, engine: unknown) => {
    if (sheet !== engine) out.push(`核定 ${what}: sheet ${JSON.stringify(sheet)} ≠ engine ${JSON.stringify(engine)}`);
  };
  const items = new Map(rep.sections.flatMap((s) => s.items).map((i) => [i.id, i]));
  const mark = (differs: boolean) => (differs ? REVIEW_MARK : "");
  for (const m of p.map.items) {
    const r = items.get(m.id)!;
    m.clauses.forEach((c, k) => {
      if (!m.scoredAbove && !c.locked) eq(`${c.id} value (${c.review!.valueCell})`, get(c.review!.valueCell), r.clauses[k].value);
    });
    eq(`${m.id} marker (${m.review!.markCell})`, get(m.review!.markCell), mark(m.clauses.some((c) => entriesDiffer(unit.clauses?.[c.id], review.clauses?.[c.id]))));
    if (m.scoredAbove) continue;
    eq(`${m.id} score (${m.review!.scoreCell})`, get(m.review!.scoreCell), r.score !== undefined ? r.score : r.deduction === 0 ? 0 : -r.deduction);
  }
  for (const m of p.map.penalties) {
    const r = rep.penalties.find((x) => x.id === m.id)!;
    eq(`${m.id} deduction`, get(m.review!.scoreCell), r.deduction === 0 ? 0 : -r.deduction);
    eq(`${m.id} marker`, get(m.review!.markCell), mark(m.clauses.some((c) => entriesDiffer(unit.clauses?.[c.id], review.clauses?.[c.id]))));
  }
  const rscore = p.map.columns.rscore!;
  for (const s of p.map.sections) {
    if (s.scoreCell) eq(`section ${s.id}`, get(`${rscore}${s.scoreCell.replace(/^[A-Z]+/, "")}`), rep.sections.find((x) => x.id === s.id)!.score);
  }
  for (const v of p.map.vetoes) {
    const differs = codeOf(unit.vetoes?.[v.id]) !== codeOf(review.vetoes?.[v.id]);
    eq(`veto ${v.id} marker`, get(v.review!.markCell), mark(differs));
  }
  const r = p.map.review!;
  eq("total", get(r.totalCell), rep.total);
  eq("percent", get(r.percentCell), rep.percent ?? "");
  if (r.tierCell) eq("tier", get(r.tierCell), reviewTierShown(rep, score(rubric, unit)));
  eq("veto", get(r.vetoCell), rep.veto.fail ? "一票否决" : rep.veto.noExcellent ? "优秀否决" : "无");
  return out;
}

const codeOf = (v: unknown) => (v === undefined || v === false ? 0 : v === true ? 1 : 2);
