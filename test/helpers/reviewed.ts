/**
 * Five returns, four of them reviewed, with the assessors' 核定 figures chosen by hand (test data for
 * consolidation by policy.basis): 甲镇 81 → 78 (below the 80 line, and 良好 → 合格); 区乙局 91 → 88 (优秀 → 良好,
 * above 80 both times); 丙镇 85 → vetoed by the assessors alone; 区丁局 95, not reviewed; 区戊局 86 → 86 with
 * an invalid 核定 entry. Self figures come from the zhoucun factory: item i1 loses 200 − 2 × percent, i2 nothing.
 */
import type { Policy, ReadOutcome, ReviewedScore, ScoredReturn, UnitEntry } from "../../src/consolidate/types";
import type { TierId } from "../../src/scoring/types";
import { scoredReturn } from "./zhoucun";

export const REVIEW_POLICY: Policy = { scoreBasis: "percent", threshold: 80, decimals: 2, reward: { perPointAboveThreshold: { 镇街: 400, 部门: 100 } }, basis: "review" };
export const SELF_POLICY: Policy = { ...REVIEW_POLICY, basis: "self" };

const entry = (name: string, category: string, line: number): UnitEntry => ({ name, category, veto: null, noExcellent: null, exempt: null, line });
export const REVIEW_UNITS: UnitEntry[] = [entry("甲镇", "镇街", 2), entry("区乙局", "部门", 3), entry("丙镇", "镇街", 4), entry("区丁局", "部门", 5), entry("区戊局", "部门", 6)];

export const NO_VETO = { fail: false, noExcellent: false, reasons: [] };
export const ACCIDENT = { fail: true, noExcellent: false, reasons: [{ id: "v1", effect: "fail" as const, text: "发生较大事故" }] };

/** The assessors' figures for the factory's 200-point table (total = 2 × percent), losing `deductions` on items i1, i2. */
export function review(percent: number, tier: TierId, deductions: [number, number], extra: Partial<ReviewedScore> = {}): ReviewedScore {
  return { total: percent * 2, percent, tier, veto: NO_VETO, complete: true, state: "final", deductions, differences: [], ...extra };
}

export const REVIEWED_RETURNS: ScoredReturn[] = [
  scoredReturn("甲镇", 81, { review: review(78, "pass", [40, 4]) }),
  scoredReturn("区乙局", 91, { review: review(88, "good", [20, 4]) }),
  scoredReturn("丙镇", 85, { review: review(85, "fail", [30, 0], { veto: ACCIDENT }) }),
  scoredReturn("区丁局", 95),
  scoredReturn("区戊局", 86, { review: review(86, "good", [28, 0], { complete: false }) }),
];
export const reviewedOutcomes = (): ReadOutcome[] => REVIEWED_RETURNS.map((ret) => ({ ok: true, ret }));
