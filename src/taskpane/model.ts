/** What the pane shows, computed from a scored workbook (pure; tested without a browser). */
import type { ScoredWorkbook } from "../layout/scored";
import { TIER_LABELS } from "../scoring/tiers";
import type { ReportState } from "../scoring/types";
import type { Rubric } from "../rubric/schema";
import { resolveVariant } from "../rubric/model";
import { t, type Locale } from "../i18n";
import { tierHeadline, type TierHeadline } from "../text/headline";
import { FLAG_GROUP_ORDER as ORDER, flagGroup } from "../text/flag-order";

export interface FlagGroup {
  kind: string;
  title: string;
  flags: { cell: string | null; message: string }[];
}

export interface SummaryModel {
  title: string;
  unit: string | null;
  total: number;
  max: number;
  selfMax: number;
  percent: number | null;
  /** unfilled: the headline says 未填写 instead of a total; provisional: the tier shows as 待更正. */
  state: ReportState;
  tier: string | null;
  tierId: string | null;
  /** The tier as the headline shows it (参考等次, 待更正, thresholds); null when there is none to show. */
  tierHeadline: TierHeadline | null;
  /** One line on how to fill this table, above the figures. */
  fillHint: string;
  veto: { level: "none" | "noExcellent" | "fail"; reasons: string[] };
  sections: { id: string; label: string; score: number; max: number; ratio: number }[];
  checks: { yes: number; no: number; na: number; unanswered: number } | null;
  flagCount: number;
  groups: FlagGroup[];
  complete: boolean;
}

const GROUP_TITLES: Record<string, { zh: string; en: string }> = {
  "invalid-input": { zh: "无效填写", en: "Invalid entries" },
  "unexplained-entry": { zh: "扣分未说明", en: "Deductions without explanation" },
  "missing-evidence": { zh: "缺少自评情况", en: "Missing evidence" },
  "missing-field": { zh: "表头表尾未填", en: "Missing header/footer fields" },
  "unanswered-check": { zh: "巡查要点未作答", en: "Unanswered points" },
  "check-no-note": { zh: "答“否”未说明", en: "“No” without a note" },
  tampered: { zh: "表格被改动", en: "Sheet altered" },
};

export function summarize({ result, report, flags }: ScoredWorkbook, locale: Locale): SummaryModel {
  const zh = locale === "zh-CN";
  const groups = new Map<string, FlagGroup>();
  for (const f of flags) {
    const kind = flagGroup(f.kind);
    const g = groups.get(kind) ?? { kind, title: GROUP_TITLES[kind]?.[zh ? "zh" : "en"] ?? kind, flags: [] };
    g.flags.push({ cell: f.cell, message: zh ? f.message : f.messageEn });
    groups.set(kind, g);
  }
  const count = (a: string | null) => report.checks.filter((c) => c.answer === a).length;
  const unit = result.responses.fields?.unitName;
  return {
    title: result.rubric.shortTitle ?? result.rubric.title,
    unit: typeof unit === "string" ? unit : (result.unit ?? null),
    total: report.total,
    max: report.max,
    selfMax: report.selfMax,
    percent: report.percent,
    state: report.state,
    tier: report.tier ? TIER_LABELS[report.tier][zh ? "zh" : "en"] : null,
    tierId: report.tier,
    tierHeadline: tierHeadline(report, locale),
    fillHint: fillHint(result.rubric, result.variant, locale),
    veto: {
      level: report.veto.fail ? "fail" : report.veto.noExcellent ? "noExcellent" : "none",
      reasons: report.veto.reasons.map((r) => r.text),
    },
    sections: report.sections.map((s) => ({
      id: s.id,
      label: `${s.label ? s.label + " " : ""}${s.title}`,
      score: s.score,
      max: s.max,
      ratio: s.max > 0 ? s.score / s.max : 0,
    })),
    checks: report.checks.length ? { yes: count("yes"), no: count("no"), na: count("na"), unanswered: count(null) } : null,
    flagCount: flags.length,
    groups: ORDER.filter((k) => groups.has(k)).map((k) => groups.get(k)!),
    complete: report.complete && result.problems.length === 0,
  };
}

/**
 * How to fill this table, in one line (the sheet's 填表说明 says the same at length): a tick means 扣分/未落实
 * (on award items, tick what was NOT achieved), which marks count as ticked, what 次数 takes, and that every
 * item needs its 自评情况. Only the parts this table has: 001 has no award items, 000 no counts.
 */
export function fillHint(rubric: Rubric, variant: string | undefined, locale: Locale): string {
  const sections = resolveVariant(rubric, variant);
  const clauses = sections.flatMap((s) => s.items ?? []).flatMap((i) => i.clauses);
  if (!clauses.length) return t("hint.checks", locale);
  const has = (...kinds: string[]) => clauses.some((c) => kinds.includes(c.kind));
  return [
    t("hint.tick", locale),
    has("award") ? t("hint.award", locale) : null,
    has("counted", "bonus") ? t("hint.count", locale) : null,
    has("discretionary") ? t("hint.amount", locale) : null,
    t(rubric.evidence.required ? "hint.note" : "hint.noteLoss", locale),
  ]
    .filter((x) => x !== null)
    .join(t("hint.sep", locale)) + t("hint.end", locale);
}
