/**
 * What a report's headline may claim, in words, for the task pane and the command line alike (pure). It never
 * flatters: a return with no entry is 未填写, not 200/200 优秀; one with invalid entries shows its tier as
 * 待更正; a per-table tier is a reference (参考等次) with its thresholds, since 000 prints no tiers and 001's
 * tier belongs to the composite score the office sets.
 */
import type { Report, ReportState, TierPolicy } from "../scoring/types";
import { TIER_LABELS, thresholdsText } from "../scoring/tiers";
import { t, type Locale } from "../i18n";

const PUNCT = {
  "zh-CN": { semi: "；", open: "（", close: "）", colon: "：" },
  "en-US": { semi: "; ", open: " (", close: ")", colon: ": " },
} as const;

const tierName = (id: keyof typeof TIER_LABELS, locale: Locale) => TIER_LABELS[id][locale === "zh-CN" ? "zh" : "en"];

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
  const thresholds = thresholdsText(report.tierPolicy, locale === "zh-CN" ? "zh" : "en");
  const tier = tierName(report.tier, locale);
  const label = t("tier", locale);
  if (report.state === "provisional") {
    return { label, value: t("provisional", locale), note: `${t("provisionalNote", locale, { tier })}${PUNCT[locale].semi}${thresholds}`, state: report.state };
  }
  return { label, value: tier, note: thresholds, state: report.state };
}

/** One line: 参考等次：良好（优秀≥90%，良好≥80%，合格≥60%）. */
export function tierLine(h: TierHeadline, locale: Locale): string {
  const p = PUNCT[locale];
  return `${h.label}${p.colon}${h.value}${p.open}${h.note}${p.close}`;
}

/** 未填写 and its explanation, for the headline of a return with no entry at all. */
export function unfilledText(locale: Locale): { value: string; note: string } {
  return { value: t("unfilled", locale), note: t("unfilledNote", locale) };
}
