/** `template`, `inspect` and `score`: the workbook commands of the command line. */
import { readFileSync, writeFileSync } from "node:fs";
import type { Rubric } from "../rubric/schema";
import { plan } from "../layout/plan";
import { readWorkbook, type ReadResult } from "../layout/read";
import type { ScoredWorkbook } from "../layout/scored";
import type { LayoutMap } from "../layout/types";
import { planToXlsx } from "../xlsx/write";
import { openWorkbook } from "../xlsx/open";
import { TIER_LABELS } from "../scoring/tiers";
import { findRubric, registerArchivedRubrics, shippedRubrics } from "../rubric/library";
import { ARCHIVE } from "../rubric/archive";

export class UsageError extends Error {}

/** Picks the variant: given explicitly, or found from the unit's name (区教育局 → jyj). */
export function chooseVariant(rubric: Rubric, variant: string | undefined, unit: string | undefined): string | undefined {
  if (!rubric.variants?.length) {
    if (variant) throw new UsageError(`考核细则 ${rubric.id} 没有适用单位变体（--variant） / rubric ${rubric.id} has no variants`);
    return undefined;
  }
  if (variant) {
    if (!rubric.variants.some((v) => v.id === variant)) throw new UsageError(`考核细则 ${rubric.id} 没有变体 ${variant}；可选：${rubric.variants.map((v) => v.id).join(", ")}`);
    return variant;
  }
  const byUnit = unit ? rubric.variants.find((v) => v.units.includes(unit) || v.title === unit) : undefined;
  if (byUnit) return byUnit.id;
  throw new UsageError(
    `考核细则 ${rubric.id} 按单位分版本，请用 --variant 指定（或用 --unit 给出下列单位名称）：\n` +
      rubric.variants.map((v) => `  --variant ${v.id.padEnd(8)} ${v.units.join("、")}`).join("\n"),
  );
}

export async function templateCommand(opts: { rubric?: string; variant?: string; unit?: string; out?: string; unprotected?: boolean }): Promise<string> {
  if (!opts.rubric) throw new UsageError("缺少 --rubric <id>（可用 safescore rubrics 查看） / missing --rubric <id>");
  if (!opts.out) throw new UsageError("缺少 -o <file.xlsx> / missing -o <file.xlsx>");
  const rubric = findRubric(opts.rubric);
  if (!rubric) throw new UsageError(`未知的考核细则 ${opts.rubric}；可选：${shippedRubrics().map((r) => r.id).join(", ")}`);
  const variant = chooseVariant(rubric, opts.variant, opts.unit);
  const p = plan(rubric, variant, opts.unit, { protect: !opts.unprotected });
  writeFileSync(opts.out, await planToXlsx(p));
  return `已生成 ${opts.out}：${rubric.title}${variant ? `（${rubric.variants!.find((v) => v.id === variant)!.title}）` : ""}\n`;
}

export async function readFile(path: string): Promise<ReadResult> {
  // The command line holds every archived version from the start (only the task pane loads them lazily).
  registerArchivedRubrics(ARCHIVE);
  const grid = await openWorkbook(new Uint8Array(readFileSync(path)));
  return readWorkbook(grid, findRubric);
}

const q = (sheet: string, a: string | null) => (a === null ? null : `${sheet}!${a}`);

/** The `inspect --json` layout map, cells as Sheet!A1. */
export function inspectJson(result: ReadResult) {
  const s = result.sheetName;
  const m: LayoutMap = result.map;
  return {
    sheet: s,
    rubric: { id: result.rubric.id, version: result.rubric.version, fingerprint: result.plan.rubric.fingerprint },
    variant: result.variant ?? null,
    fields: Object.fromEntries(Object.entries(m.fields).map(([k, a]) => [k, q(s, a)])),
    sections: m.sections.map((x) => ({ id: x.id, title: x.title, max: x.max, scoreCell: q(s, x.scoreCell) })),
    items: [...m.items, ...m.penalties].map((i) => ({
      id: i.id,
      title: i.title,
      max: i.max,
      penalty: i.sectionId === null,
      scoredAbove: i.scoredAbove,
      scoreCell: q(s, i.scoreCell),
      noteCell: q(s, i.noteCell),
      clauses: i.clauses.map((c) => ({ id: c.id, text: c.text, kind: c.kind, amount: c.amount, cap: c.cap, unit: c.unit, inputCell: q(s, c.inputCell), countCell: q(s, c.countCell) })),
    })),
    checks: m.checks.map((c) => ({ id: c.id, text: c.text, answerCell: q(s, c.answerCell), noteCell: q(s, c.noteCell) })),
    vetoes: m.vetoes.map((v) => ({ id: v.id, text: v.text, effect: v.effect, inputCell: q(s, v.inputCell) })),
    totalCell: q(s, m.totalCell),
    percentCell: q(s, m.percentCell),
    tierCell: q(s, m.tierCell),
    flagCountCell: q(s, m.flagCountCell),
  };
}

/** The `score --json` object. */
export function scoreJson({ result, report, flags }: ScoredWorkbook) {
  return {
    rubric: { ...report.rubric, title: result.rubric.title },
    variant: report.variant ?? null,
    unit: (result.responses.fields?.unitName as string | undefined) ?? result.unit ?? null,
    total: report.total,
    max: report.max,
    selfMax: report.selfMax,
    scoredAboveMax: report.scoredAboveMax,
    percent: report.percent,
    penalties: report.penaltyTotal,
    tier: report.tier ? TIER_LABELS[report.tier].zh : null,
    tierId: report.tier,
    veto: { fail: report.veto.fail, noExcellent: report.veto.noExcellent, reasons: report.veto.reasons.map((r) => ({ id: r.id, effect: r.effect, text: r.text })) },
    complete: report.complete && result.problems.length === 0,
    sections: report.sections.map((s) => ({ id: s.id, title: s.title, score: s.score, max: s.max })),
    items: report.sections.flatMap((s) => s.items).map((i) => ({ id: i.id, score: i.score ?? null, max: i.points ?? null, deduction: i.deduction, scoredAbove: i.scoredAbove })),
    checks: report.checks,
    flags,
  };
}

/** The readable Chinese report of `score`. */
export function scoreText({ result, report, flags }: ScoredWorkbook): string {
  const unit = (result.responses.fields?.unitName as string | undefined) ?? result.unit ?? "（未填写单位名称）";
  const lines = [`${result.rubric.title}`, `单位：${unit}`];
  if (report.max > 0) {
    lines.push(`总分：${report.total} / ${report.max}${report.selfMax !== report.max ? `（可自评满分 ${report.selfMax}，上级直接评分 ${report.scoredAboveMax}）` : ""}`);
    if (report.penaltyTotal) lines.push(`减分项：-${report.penaltyTotal}`);
    lines.push(`得分率：${report.percent}%　等次：${report.tier ? TIER_LABELS[report.tier].zh : "—"}`);
    lines.push(`否决：${report.veto.reasons.length ? report.veto.reasons.map((r) => `${r.effect === "fail" ? "一票否决" : "优秀否决"}——${r.text}`).join("；") : "无"}`);
    lines.push("", "各考核项：");
    for (const s of report.sections) lines.push(`  ${s.label ? s.label + " " : ""}${s.title.length > 30 ? s.title.slice(0, 30) + "…" : s.title}：${s.score} / ${s.max}`);
  } else {
    const count = (a: string | null) => report.checks.filter((c) => c.answer === a).length;
    lines.push(`巡查要点 ${report.checks.length} 条：是 ${count("yes")}，否 ${count("no")}，不适用 ${count("na")}，未答 ${count(null)}`);
  }
  lines.push("", flags.length ? `待处理问题 ${flags.length} 个：` : "没有待处理问题。");
  for (const f of flags) lines.push(`  ${f.cell ?? "—"}  ${f.message}`);
  if (!report.complete) lines.push("", "注意：有无效填写，按空白计分，修正后分数可能变化。");
  return lines.join("\n") + "\n";
}
