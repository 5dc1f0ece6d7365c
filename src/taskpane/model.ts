/** What the pane shows, computed from a scored workbook (pure; tested without a browser). */
import type { ScoredWorkbook } from "../layout/scored";
import { TIER_LABELS } from "../scoring/tiers";
import type { Locale } from "../i18n";

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
  tier: string | null;
  tierId: string | null;
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
const ORDER = ["tampered", "invalid-input", "unexplained-entry", "missing-evidence", "missing-field", "unanswered-check", "check-no-note"];
const TAMPER = new Set(["deleted-row", "changed-text", "changed-points", "formula-replaced", "formula-changed", "duplicate-row"]);

export function summarize({ result, report, flags }: ScoredWorkbook, locale: Locale): SummaryModel {
  const zh = locale === "zh-CN";
  const groups = new Map<string, FlagGroup>();
  for (const f of flags) {
    const kind = TAMPER.has(f.kind) ? "tampered" : f.kind;
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
    tier: report.tier ? TIER_LABELS[report.tier][zh ? "zh" : "en"] : null,
    tierId: report.tier,
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
