/**
 * Which figures a return is ranked by (pure). The one place this is decided: the roster (rank, reward, veto,
 * tier, 扣分明细) and the composite schemes ask `rankedFigures`; nothing else reads `ret.review` to rank.
 *
 * 001: "the final roster uses the 核定 score" — so a reviewed return goes by the assessors' figures unless the
 * office's policy says `basis: "self"`; a return not reviewed goes by the unit's own, and says so.
 */
import { roundTo } from "./summary";
import type { Policy, ScoredReturn } from "./types";

/** One set of a return's figures: the unit's own (自评) or the assessors' (核定), with the same meaning. */
export interface ReturnFigures {
  basis: "self" | "review";
  total: number;
  percent: number | null;
  tier: ScoredReturn["tier"];
  veto: ScoredReturn["veto"];
  complete: boolean;
  state: ScoredReturn["state"];
  /** Deduction per item, in the order of ScoredReturn.items. */
  deductions: number[];
}

/** The unit's own figures. */
export function selfFigures(ret: ScoredReturn): ReturnFigures {
  const { total, percent, tier, veto, complete, state } = ret;
  return { basis: "self", total, percent, tier, veto, complete, state, deductions: ret.items.map((i) => i.deduction) };
}

/** The assessors' figures, or null for a return not reviewed. */
export function reviewFigures(ret: ScoredReturn): ReturnFigures | null {
  if (!ret.review) return null;
  const { total, percent, tier, veto, complete, state, deductions } = ret.review;
  return { basis: "review", total, percent, tier, veto, complete, state, deductions };
}

/** The figures a return is ranked, rewarded, vetoed, tiered and itemised by under the policy. */
export function rankedFigures(ret: ScoredReturn, policy: Pick<Policy, "basis">): ReturnFigures {
  return (policy.basis === "review" ? reviewFigures(ret) : null) ?? selfFigures(ret);
}

/**
 * A set of figures as a roster score: the percent (or raw total) rounded half up to the policy's decimals;
 * null without a score (an unscored checklist) or when those figures carry a fail veto.
 */
export function figureScore(f: ReturnFigures | null, policy: Pick<Policy, "scoreBasis" | "decimals">): number | null {
  if (!f || f.percent === null || f.veto.fail) return null;
  return roundTo(policy.scoreBasis === "raw" ? f.total : f.percent, policy.decimals);
}

/** The 依据 column's word for a basis. */
export const BASIS_LABELS: Record<ReturnFigures["basis"], string> = { self: "自评", review: "核定" };
