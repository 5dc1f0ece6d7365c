/** Tiers 优秀 / 良好 / 合格 / 不合格: thresholds are a policy (the documents give none). */
import type { Rubric } from "../rubric/schema";
import type { TierId, TierPolicy } from "./types";

/**
 * Defaults: 90 / 80 / 60 percent of the self-assessable maximum, one of the two schemes other official
 * documents use (the other is 95 / 90 / 80). A rubric's `tiers` or the caller's policy overrides them.
 */
export const DEFAULT_TIER_POLICY: TierPolicy = { excellent: 90, good: 80, pass: 60 };

export const TIER_LABELS: Record<TierId, { zh: string; en: string }> = {
  excellent: { zh: "优秀", en: "Excellent" },
  good: { zh: "良好", en: "Good" },
  pass: { zh: "合格", en: "Pass" },
  fail: { zh: "不合格", en: "Fail" },
};

/**
 * The tier thresholds in force: the caller's (an office's policy), else the rubric's, else the defaults; null —
 * a policy's choice — turns tiers off.
 */
export function tierPolicyFor(rubric: Pick<Rubric, "tiers">, given?: TierPolicy | null): TierPolicy | null {
  return given === null ? null : (given ?? rubric.tiers ?? DEFAULT_TIER_POLICY);
}

/**
 * What a headline shows instead of a tier while the tier may not stand (Report.state): the sheet's tier cell,
 * the reader that checks it, the pane and the command line all say these words.
 */
export const STATE_LABELS = {
  unfilled: { zh: "未填写", en: "Not filled in" },
  provisional: { zh: "待更正", en: "To be corrected" },
} as const;

/** 优秀≥90%，良好≥80%，合格≥60% (Excellent ≥ 90%, …): the thresholds as a reference tier prints them, numbers as they are. */
export function thresholdsText(policy: TierPolicy, lang: "zh" | "en"): string {
  const [ge, sep] = lang === "zh" ? ["≥", "，"] : [" ≥ ", ", "];
  return (["excellent", "good", "pass"] as const).map((k) => `${TIER_LABELS[k][lang]}${ge}${policy[k]}%`).join(sep);
}

/**
 * The tier for a percent score (already rounded to 2 decimals, as the sheet shows it), after vetoes:
 * a fail veto gives 不合格 whatever the score; a no-excellent veto caps the tier at 良好.
 */
export function tierFor(percent: number, policy: TierPolicy, veto: { fail: boolean; noExcellent: boolean }): TierId {
  if (veto.fail) return "fail";
  if (percent >= policy.excellent && !veto.noExcellent) return "excellent";
  if (percent >= policy.good) return "good";
  if (percent >= policy.pass) return "pass";
  return "fail";
}
