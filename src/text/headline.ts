/**
 * What a report's headline may claim, in words, for the task pane and the command line alike (pure). It never
 * flatters: a return with no entry is 未填写, not 200/200 优秀; one with invalid entries shows its tier as
 * 待更正; a per-table tier is a reference (参考等次) with its thresholds, since 000 prints no tiers and 001's
 * tier belongs to the composite score the office sets.
 */
import type { Report, ReportState, TierPolicy } from "../scoring/types";
import { TIER_LABELS } from "../scoring/tiers";
import type { Locale } from "../i18n";

const WORDS = {
  "zh-CN": {
    tier: "参考等次",
    unfilled: "未填写",
    unfilledNote: "表中还没有任何填写（勾选、次数、自评情况），不计算得分和等次。",
    provisional: "待更正",
    provisionalNote: (tier: string) => `修正无效填写后再定；按现有有效填写暂为${tier}`,
    sep: "，",
    open: "（",
    close: "）",
    colon: "：",
    ge: "≥",
  },
  "en-US": {
    tier: "Reference tier",
    unfilled: "Not filled in",
    unfilledNote: "Nothing has been entered yet (ticks, counts, notes): no score or tier.",
    provisional: "To be corrected",
    provisionalNote: (tier: string) => `set once the invalid entries are fixed; ${tier} on the valid entries so far`,
    sep: ", ",
    open: " (",
    close: ")",
    colon: ": ",
    ge: " ≥ ",
  },
} as const;

/** 优秀≥90%，良好≥80%，合格≥60% — whole percents print without decimals (never "90."). */
export function thresholdsText(policy: TierPolicy, locale: Locale): string {
  const w = WORDS[locale];
  const lang = locale === "zh-CN" ? "zh" : "en";
  return (["excellent", "good", "pass"] as const).map((k) => `${TIER_LABELS[k][lang]}${w.ge}${policy[k]}%`).join(w.sep);
}

export interface TierHeadline {
  /** "参考等次". */
  label: string;
  /** What shows as the tier: 良好, or 待更正 while entries are invalid. */
  value: string;
  /** In brackets after it: the thresholds, and for 待更正 the tier the valid entries give. */
  note: string;
  /** "final" | "provisional": the pane colours a provisional tier as a warning. */
  state: ReportState;
}

/**
 * The tier as the headline shows it; null when there is none to show: tiers turned off (`tierPolicy` null),
 * an unscored checklist, or an unfilled return (the headline then says 未填写 instead).
 */
export function tierHeadline(report: Pick<Report, "state" | "tier"> & { tierPolicy: TierPolicy | null }, locale: Locale): TierHeadline | null {
  if (report.tier === null || report.tierPolicy === null || report.state === "unfilled") return null;
  const w = WORDS[locale];
  const tier = TIER_LABELS[report.tier][locale === "zh-CN" ? "zh" : "en"];
  const thresholds = thresholdsText(report.tierPolicy, locale);
  if (report.state === "provisional") {
    return { label: w.tier, value: w.provisional, note: `${w.provisionalNote(tier)}${locale === "zh-CN" ? "；" : "; "}${thresholds}`, state: report.state };
  }
  return { label: w.tier, value: tier, note: thresholds, state: report.state };
}

/** One line: 参考等次：良好（优秀≥90%，良好≥80%，合格≥60%）. */
export function tierLine(h: TierHeadline, locale: Locale): string {
  const w = WORDS[locale];
  return `${h.label}${w.colon}${h.value}${w.open}${h.note}${w.close}`;
}

/** 未填写 and its explanation, for the headline of a return with no entry at all. */
export function unfilledText(locale: Locale): { value: string; note: string } {
  return { value: WORDS[locale].unfilled, note: WORDS[locale].unfilledNote };
}
