/** What the pane shows, computed from a scored workbook (pure; tested without a browser). */
import type { ScoredWorkbook } from "../layout/scored";
import { TIER_LABELS } from "../scoring/tiers";
import type { Report, ReportState } from "../scoring/types";
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

export interface SummaryModel extends Figures {
  title: string;
  unit: string | null;
  selfMax: number;
  /** One line on how to fill this table, above the figures. */
  fillHint: string;
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

/** A report's headline figures, the same for the unit's 自评 and the assessors' 核定. */
export interface Figures {
  total: number;
  max: number;
  percent: number | null;
  /** unfilled: the headline says 未填写 instead of a total; provisional: the tier shows as 待更正. */
  state: ReportState;
  tier: string | null;
  tierId: string | null;
  /** The tier as the headline shows it (参考等次, 待更正, thresholds); null when there is none to show. */
  tierHeadline: TierHeadline | null;
  veto: { level: "none" | "noExcellent" | "fail"; reasons: string[] };
}

function figures(report: Report, locale: Locale): Figures {
  return {
    total: report.total,
    max: report.max,
    percent: report.percent,
    state: report.state,
    tier: report.tier ? TIER_LABELS[report.tier][locale === "zh-CN" ? "zh" : "en"] : null,
    tierId: report.tier,
    tierHeadline: tierHeadline(report, locale),
    veto: {
      level: report.veto.fail ? "fail" : report.veto.noExcellent ? "noExcellent" : "none",
      reasons: report.veto.reasons.map((r) => r.text),
    },
  };
}

export function summarize({ result, report, flags, review }: ScoredWorkbook, locale: Locale): SummaryModel {
  const zh = locale === "zh-CN";
  const groups = new Map<string, FlagGroup>();
  // A reviewed table: the assessors' own problems (marked 核定：) come with the unit's, by kind.
  for (const f of [...(review?.flags ?? []), ...flags]) {
    const kind = flagGroup(f.kind);
    const g = groups.get(kind) ?? { kind, title: GROUP_TITLES[kind]?.[zh ? "zh" : "en"] ?? kind, flags: [] };
    g.flags.push({ cell: f.cell, message: zh ? f.message : f.messageEn });
    groups.set(kind, g);
  }
  const count = (a: string | null) => report.checks.filter((c) => c.answer === a).length;
  return {
    title: result.rubric.shortTitle ?? result.rubric.title,
    unit: unitOf(result),
    ...figures(report, locale),
    selfMax: report.selfMax,
    fillHint: fillHint(result.rubric, result.variant, locale),
    sections: report.sections.map((s) => ({
      id: s.id,
      label: `${s.label ? s.label + " " : ""}${s.title}`,
      score: s.score,
      max: s.max,
      ratio: s.max > 0 ? s.score / s.max : 0,
    })),
    checks: report.checks.length ? { yes: count("yes"), no: count("no"), na: count("na"), unanswered: count(null) } : null,
    flagCount: flags.length + (review?.flags.length ?? 0),
    groups: ORDER.filter((k) => groups.has(k)).map((k) => groups.get(k)!),
    complete: report.complete && result.problems.length === 0,
  };
}

/** The unit's name as the table gives it: its 单位名称 field, else the unit it was made for. */
const unitOf = (result: ScoredWorkbook["result"]): string | null => {
  const unit = result.responses.fields?.unitName;
  return typeof unit === "string" ? unit : (result.unit ?? null);
};

/** A reviewed table (核定), side by side with the unit's 自评, and every item where the two differ. */
export interface ReviewModel {
  title: string;
  unit: string | null;
  self: Figures;
  review: Figures;
  differences: DifferenceRow[];
}

export interface DifferenceRow {
  id: string;
  /** 序号 as printed ("3", "一票否决"). */
  label: string;
  title: string;
  /** The item's score (a veto: 否决 / 无) by the unit's entries and by the assessors'. */
  self: string;
  review: string;
  /** 核定说明; "" when the assessors wrote none. */
  note: string;
  /** Where a click goes (the item's 核定得分 cell); null where there is none. */
  cell: string | null;
}

/** null for a table not reviewed. */
export function reviewSummary({ result, report, review }: ScoredWorkbook, locale: Locale): ReviewModel | null {
  if (!review) return null;
  const vetoed = (r: Report, id: string) => t(r.veto.reasons.some((v) => v.id === id) ? "vetoed" : "notVetoed", locale);
  const isVeto = new Set(result.map.vetoes.map((v) => v.id));
  // A score the assessors cannot enter (a part scored above) shows as —.
  const shown = (n: number | null) => (n === null ? "—" : String(n));
  return {
    title: result.rubric.shortTitle ?? result.rubric.title,
    unit: unitOf(result),
    self: figures(report, locale),
    review: figures(review.report, locale),
    differences: review.differences.map((d) => ({
      id: d.id,
      label: d.label,
      title: d.title,
      self: isVeto.has(d.id) ? vetoed(report, d.id) : shown(d.self),
      review: isVeto.has(d.id) ? vetoed(review.report, d.id) : shown(d.review),
      note: d.note,
      cell: d.cell,
    })),
  };
}

/** One line of the 自评 | 核定 comparison: what each side shows, and whether they differ. */
export interface ComparisonRow {
  key: "total" | "percent" | "tier" | "veto";
  label: string;
  self: string;
  review: string;
  differs: boolean;
}

/** The headline figures of both sides as the comparison shows them (a side with no entry says 未填写, never a full score). */
export function comparisonRows(m: Pick<ReviewModel, "self" | "review">, locale: Locale): ComparisonRow[] {
  const total = (f: Figures) => (f.state === "unfilled" ? t("unfilled", locale) : String(f.total));
  const percent = (f: Figures) => (f.state === "unfilled" || f.percent === null ? "—" : `${f.percent}%`);
  const tier = (f: Figures) => f.tierHeadline?.value ?? "—";
  const veto = (f: Figures) => t(f.veto.level === "fail" ? "vetoLevelFail" : f.veto.level === "noExcellent" ? "vetoLevelNoExcellent" : "notVetoed", locale);
  const row = (key: ComparisonRow["key"], label: string, show: (f: Figures) => string): ComparisonRow => {
    const self = show(m.self);
    const review = show(m.review);
    return { key, label, self, review, differs: self !== review };
  };
  return [
    row("total", t("totalOf", locale, { max: m.self.max }), total),
    row("percent", t("percent", locale), percent),
    row("tier", t("tier", locale), tier),
    row("veto", t("vetoes", locale), veto),
  ];
}

/**
 * Whether the pane reads and scores an open table: one of this release's rubric version, or a reviewed table of any
 * version it can read (a review stands on the version it was made from: it is never offered 更新为新版).
 */
export function readsTable(info: { kind: string; format?: number; rubric?: Rubric; current?: boolean }): boolean {
  return info.kind === "table" && Boolean(info.rubric) && (info.current === true || isReviewed(info));
}

/** Whether the pane offers 更新为新版: a table of another rubric version, not reviewed. */
export function offersUpdate(info: { kind: string; format?: number; rubric?: Rubric; current?: boolean }): boolean {
  return info.kind === "table" && Boolean(info.rubric) && info.current !== true && !isReviewed(info);
}

const isReviewed = (info: { format?: number }) => (info.format ?? 0) >= 4;

/** Whether 开始核定 applies to an open table: a return not reviewed yet (formats 1–3) of a table with scores. */
export function canStartReview(info: { kind: string; format?: number; rubric?: Rubric }): boolean {
  return info.kind === "table" && info.format !== undefined && !isReviewed(info) && Boolean(info.rubric?.sections.some((s) => s.items?.length));
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
