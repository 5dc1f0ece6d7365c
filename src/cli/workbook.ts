/** `template`, `inspect` and `score`: the workbook commands of the command line. */
import { writeFileSync } from "node:fs";
import type { Rubric } from "../rubric/schema";
import { plan } from "../layout/plan";
import { readWorkbook, statedUnit, type ReadResult } from "../layout/read";
import type { ScoredWorkbook } from "../layout/scored";
import type { LayoutMap } from "../layout/types";
import type { WorkbookGrid } from "../layout/grid";
import { openReturn, workbookProblem } from "./open-return";
import { TIER_LABELS } from "../scoring/tiers";
import { findRubric, registerArchivedRubrics } from "../rubric/library";
import { givenLookup, type RubricChoice } from "../rubric/given";
import { rubricChoice } from "./rubric-option";
import { ARCHIVE } from "../rubric/archive";
import { matchUnit } from "../rubric/variants";
import { displaySafe } from "../text/display";
import { tierHeadline, tierLine, unfilledText } from "../text/headline";
import { inFlagOrder } from "../text/flag-order";
import type { Report, TierPolicy } from "../scoring/types";
import { jsonItems, lossLines } from "./losses";
import { reviewLines } from "./review-lines";
import { readPointsFile } from "./points-option";
import { hasPoints, pointsSummary } from "../rubric/points";

import { FileError, UsageError, fileError } from "./errors";

export { FileError, UsageError };

const variantList = (rubric: Rubric) => (rubric.variants ?? []).map((v) => `  --variant ${v.id.padEnd(8)} ${v.units.join("、")}`).join("\n");

/**
 * Picks the variant: given explicitly, or found from the unit's name through matchUnit (区教育局 → jyj;
 * 龙湾区教育局 → jyj, with a note saying so). Never guesses: an unmatched name is a usage error with the
 * nearest listed names; a unit listed under another variant than --variant is refused.
 */
export function chooseVariant(rubric: Rubric, variant: string | undefined, unit: string | undefined): { variant: string | undefined; notes: string[] } {
  if (!rubric.variants?.length) {
    if (variant) throw new UsageError(`考核细则 ${rubric.id} 没有适用单位变体（--variant） / rubric ${rubric.id} has no variants`);
    return { variant: undefined, notes: [] };
  }
  const shownUnit = unit === undefined ? "" : displaySafe(unit);
  const match = unit === undefined ? undefined : matchUnit(rubric, unit);
  if (variant) {
    if (!rubric.variants.some((v) => v.id === variant)) {
      throw new UsageError(`考核细则 ${rubric.id} 没有变体 ${displaySafe(variant)}；可选 / rubric ${rubric.id} has no variant ${displaySafe(variant)}; valid ones:\n${variantList(rubric)}`);
    }
    if (match && match.kind !== "none" && match.variant.id !== variant) {
      throw new UsageError(
        `单位“${shownUnit}”列在变体 ${match.variant.id}（${match.variant.title}）下，不是 ${variant}；请用 --variant ${match.variant.id} / unit "${shownUnit}" is listed under variant ${match.variant.id}, not ${variant}`,
      );
    }
    return { variant, notes: [] };
  }
  if (!match) {
    throw new UsageError(`考核细则 ${rubric.id} 按单位分版本，请用 --variant 指定（或用 --unit 给出下列单位名称） / rubric ${rubric.id} has a version per unit: give --variant or --unit:\n${variantList(rubric)}`);
  }
  if (match.kind === "exact") return { variant: match.variant.id, notes: [] };
  if (match.kind === "fuzzy") {
    return {
      variant: match.variant.id,
      notes: [`单位名称“${shownUnit}”按“${match.matchedUnit}”匹配到变体 ${match.variant.id}（${match.variant.title}） / unit "${shownUnit}" matched "${match.matchedUnit}" (variant ${match.variant.id})`],
    };
  }
  const near = match.suggestions.map((s) => `${s.unit}（--variant ${s.variant.id}）`).join("、");
  throw new UsageError(
    `考核细则 ${rubric.id} 没有列出单位“${shownUnit}” / rubric ${rubric.id} lists no unit "${shownUnit}"\n` +
      (near ? `你是不是要找：${near} / did you mean one of these?\n` : "") +
      `可用 --variant 指定版本 / or give --variant:\n${variantList(rubric)}`,
  );
}

export async function templateCommand(opts: { rubric?: string; variant?: string; unit?: string; out?: string; unprotected?: boolean; noTiers?: boolean; points?: string }): Promise<{ out: string; notes: string[] }> {
  if (!opts.rubric) throw new UsageError("缺少 --rubric <id|文件>（可用 safescore rubrics 查看） / missing --rubric <id|file>");
  if (!opts.out) throw new UsageError("缺少 -o <file.xlsx> / missing -o <file.xlsx>");
  // A file rubric's template records its id, version and fingerprint like a shipped one (plan → _safescore).
  const choice = rubricChoice(opts.rubric);
  const rubric = choice.kind === "file" ? choice.rubric : findRubric(choice.id)!;
  const { variant, notes } = chooseVariant(rubric, opts.variant, opts.unit);
  // --points: the office's item points, recorded in the return (layout/format.ts) and shown as 分值（本地）.
  const points = opts.points ? readPointsFile(opts.points, rubric) : undefined;
  if (points && !hasPoints(points)) notes.push(`${displaySafe(opts.points!)}：所列分值与考核细则相同，不设本地分值 / the points file repeats the rubric's points: no local points`);
  // --no-tiers: the office's policy of no per-table tier (000 prints none; 001's tiers are the office's own).
  const p = plan(rubric, variant, opts.unit, { protect: !opts.unprotected, ...(opts.noTiers ? { tiers: null } : {}), ...(hasPoints(points) ? { points } : {}) });
  // ExcelJS loads only to write a template: scoring a return (a zip bomb, say) never pays for it.
  const { planToXlsx } = await import("../xlsx/write");
  const bytes = await planToXlsx(p);
  try {
    writeFileSync(opts.out, bytes);
  } catch (e) {
    throw fileError(opts.out, e, "write");
  }
  // A file rubric's title is the office's text: shown safe like anything read from a file.
  const local = hasPoints(points) ? `；本地分值 ${Object.keys(points).length} 项：${pointsSummary(rubric, points)}` : "";
  return { out: `已生成 ${displaySafe(opts.out)}：${displaySafe(rubric.title, 400)}${variant ? `（${displaySafe(rubric.variants!.find((v) => v.id === variant)!.title)}）` : ""}${local}\n`, notes };
}

/**
 * Reads a return. With `rubrics` (from --rubric), it must have been made from one of them, exactly: a file
 * rubric supplies a rubric SafeScore does not ship (rubric/given.ts).
 */
export async function readFile(path: string, rubrics: readonly RubricChoice[] = []): Promise<ReadResult> {
  return readOpened(path, await openReturn(path), rubrics);
}

/** A return already opened (open-return.ts), read by the rubric it records. */
export function readOpened(path: string, grid: WorkbookGrid, rubrics: readonly RubricChoice[] = []): ReadResult {
  // The command line holds every archived version (only the task pane loads them lazily).
  registerArchivedRubrics(ARCHIVE);
  try {
    return readWorkbook(grid, givenLookup(rubrics, findRubric));
  } catch (e) {
    throw workbookProblem(path, e);
  }
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
    /** The office's local item points the return records (id → points), null for the published ones. */
    localPoints: result.localPoints,
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
      // A selectable item's 抽查 tick (选查); a clause that takes no entry (scored above, another level).
      ...(i.selectCell ? { selectCell: q(s, i.selectCell) } : {}),
      clauses: i.clauses.map((c) => ({
        id: c.id, text: c.text, ...(c.listed ? { listed: c.listed } : {}), kind: c.kind, amount: c.amount, cap: c.cap, unit: c.unit,
        inputCell: q(s, c.inputCell), countCell: q(s, c.countCell),
        ...(c.locked ? { locked: true } : {}),
        // A reviewed return (format 4): the assessors' cells.
        ...(c.review ? { review: { inputCell: q(s, c.review.inputCell), countCell: q(s, c.review.countCell), valueCell: q(s, c.review.valueCell), noteCell: q(s, c.review.noteCell) } } : {}),
      })),
      ...(i.review ? { review: { scoreCell: q(s, i.review.scoreCell), markCell: q(s, i.review.markCell) } } : {}),
    })),
    checks: m.checks.map((c) => ({ id: c.id, text: c.text, answerCell: q(s, c.answerCell), noteCell: q(s, c.noteCell) })),
    vetoes: m.vetoes.map((v) => ({
      id: v.id, text: v.text, effect: v.effect, inputCell: q(s, v.inputCell),
      ...(v.review ? { review: { inputCell: q(s, v.review.inputCell), noteCell: q(s, v.review.noteCell), markCell: q(s, v.review.markCell) } } : {}),
    })),
    totalCell: q(s, m.totalCell),
    percentCell: q(s, m.percentCell),
    tierCell: q(s, m.tierCell),
    flagCountCell: q(s, m.flagCountCell),
    /** The 核定 figures of a reviewed return (sheet format 4); null otherwise. */
    review: m.review ? { totalCell: q(s, m.review.totalCell), percentCell: q(s, m.review.percentCell), vetoCell: q(s, m.review.vetoCell), tierCell: q(s, m.review.tierCell) } : null,
  };
}

/** 004's constructs in the text report, where the table has them: items selected (选查) and clauses for another level. */
function constructLines(report: Report): string[] {
  const items = [...report.sections.flatMap((x) => x.items), ...report.penalties];
  const labelOf = (id: string) => {
    const label = items.find((i) => i.id === id)?.label;
    return label ? `第${label}项` : displaySafe(id);
  };
  const out: string[] = [];
  const selectable = report.sections.flatMap((x) => x.items).filter((i) => i.selected !== undefined);
  if (selectable.length) {
    const inspected = selectable.filter((i) => i.selected);
    out.push(`选查项目：已抽查 ${inspected.length} 项${inspected.length ? `（${inspected.map((i) => labelOf(i.id)).join("、")}）` : ""}，未抽查 ${selectable.length - inspected.length} 项（得满分）`);
  }
  if (report.notApplicable.length) {
    out.push(`不适用于本级的条款（不计分）：${report.notApplicable.map((n) => `${labelOf(n.itemId)}（${displaySafe(n.level)}）`).join("、")}`);
  }
  return out;
}

/** A return made with local points says so, naming them (never the bar the office uses: see consolidate --points). */
function localPointsLine(result: ReadResult): string {
  return `分值：本表使用本地分值（${displaySafe(pointsSummary(result.publishedRubric, result.localPoints ?? {}), 600)}）；汇总以考核机关的分值文件为准`;
}

/** The `score --json` object. */
export function scoreJson({ result, report, flags, review }: ScoredWorkbook) {
  return {
    // The version the return records (its fingerprint is the published one even under local points).
    rubric: { ...report.rubric, fingerprint: result.plan.rubric.fingerprint, title: result.rubric.title },
    /** Local item points the return records (id → points), null for the published ones. */
    localPoints: result.localPoints,
    /** The current version of that rubric, when the return was made from an earlier one (and scored by it). */
    newerRubricVersion: result.newerRubric?.version ?? null,
    sheetFormat: result.format,
    variant: report.variant ?? null,
    variantTitle: variantTitle(result) ?? null,
    unit: statedUnit(result),
    total: report.total,
    max: report.max,
    selfMax: report.selfMax,
    scoredAboveMax: report.scoredAboveMax,
    /** Clauses aimed at another level (省级, 市级 …): out of the score. */
    notApplicable: report.notApplicable,
    percent: report.percent,
    penalties: report.penaltyTotal,
    /** unfilled (no entry at all), provisional (an invalid entry: the figures and tier may change), final. */
    state: report.state,
    /** The per-table reference tier (参考等次), as the engine computes it; read it with `state`. */
    tier: report.tier ? TIER_LABELS[report.tier].zh : null,
    tierId: report.tier,
    /** The thresholds the tier used; null when tiers are off. */
    tierPolicy: tierPolicyOf(report),
    veto: { fail: report.veto.fail, noExcellent: report.veto.noExcellent, reasons: report.veto.reasons.map((r) => ({ id: r.id, effect: r.effect, text: r.text })) },
    complete: report.complete && result.problems.length === 0,
    sections: report.sections.map((s) => ({ id: s.id, title: s.title, score: s.score, max: s.max })),
    items: jsonItems(result, report),
    checks: report.checks,
    flags,
    /** The assessors' 核定 (a reviewed return, sheet format 4); null when not reviewed. */
    review: review
      ? {
          total: review.report.total,
          percent: review.report.percent,
          state: review.report.state,
          tier: review.report.tier ? TIER_LABELS[review.report.tier].zh : null,
          tierId: review.report.tier,
          veto: { fail: review.report.veto.fail, noExcellent: review.report.veto.noExcellent, reasons: review.report.veto.reasons.map((r) => ({ id: r.id, effect: r.effect, text: r.text })) },
          differences: review.differences,
          flags: review.flags,
        }
      : null,
  };
}

/** The engine's tier policy, or null when tiers are off (the engine may return null for it). */
const tierPolicyOf = (report: Report): TierPolicy | null => report.tierPolicy ?? null;

const variantTitle = (result: ReadResult) => result.rubric.variants?.find((v) => v.id === result.variant)?.title;

/** The unit's name as the workbook gives it. */

/** The readable text of `inspect`. Everything taken from the file passes through displaySafe. */
export function inspectText(result: ReadResult): string {
  const map = inspectJson(result);
  const d = (s: string | null) => (s === null ? "—" : displaySafe(s));
  return `${displaySafe(result.rubric.title, 400)}\n${result.localPoints ? localPointsLine(result) + "\n" : ""}工作表：${d(map.sheet)}　总分：${d(map.totalCell)}　参考等次：${d(map.tierCell)}\n考核内容 ${map.items.length} 项，评分条款 ${map.items.reduce((n, i) => n + i.clauses.length, 0)} 条，否决项 ${map.vetoes.length} 条\n`;
}

/**
 * The readable Chinese report of `score`. The headline never flatters (tierHeadline): a return with no entry
 * says 未填写; one with invalid entries shows its tier as 待更正. The open problems come right under the
 * total, then each section and item that lost points and why. Everything taken from the file passes
 * through displaySafe.
 */
export function scoreText({ result, report, flags, review }: ScoredWorkbook): string {
  const unit = statedUnit(result);
  const lines = [
    displaySafe(result.rubric.title, 400),
    `考核细则版本：${result.rubric.id} ${result.rubric.version}${result.newerRubric ? `（已有新版 ${result.newerRubric.version}；本表按其填报时的版本计分）` : ""}`,
    `单位：${unit === null || unit === "" ? "（未填写单位名称）" : displaySafe(unit)}`,
  ];
  if (result.localPoints) lines.push(localPointsLine(result));
  const vt = variantTitle(result);
  if (result.rubric.variants?.length) lines.push(`适用版本：${vt ?? "—"}（${displaySafe(result.variant ?? "")}）`);
  const problems = () => {
    lines.push(flags.length ? `待处理问题 ${flags.length} 个：` : "没有待处理问题。");
    for (const f of inFlagOrder(flags)) lines.push(`  ${f.cell === null ? "—" : displaySafe(f.cell)}  ${displaySafe(f.message, 400)}`);
  };
  if (report.max > 0 && report.state === "unfilled") {
    const u = unfilledText("zh-CN");
    lines.push(`总分：${u.value}（满分 ${report.max}）`, u.note, "");
    problems();
  } else if (report.max > 0) {
    const selfNote = report.selfMax !== report.max ? `（可自评满分 ${report.selfMax}，上级直接评分 ${report.scoredAboveMax}）` : "";
    lines.push(`总分：${report.total} / ${report.max}${selfNote}${report.state === "provisional" ? "（待更正：无效填写按空白计分）" : ""}`);
    if (report.penaltyTotal) lines.push(`减分项：-${report.penaltyTotal}`);
    lines.push(`得分率：${report.percent}%`);
    const tier = tierHeadline(report, "zh-CN");
    if (tier) lines.push(tierLine(tier, "zh-CN"));
    lines.push(`否决：${report.veto.reasons.length ? report.veto.reasons.map((r) => `${r.effect === "fail" ? "一票否决" : "优秀否决"}——${r.text}`).join("；") : "无"}`);
    lines.push(...constructLines(report));
    lines.push("");
    problems();
    lines.push("", "各考核项得分及失分原因：", ...lossLines(result, report));
  } else {
    const count = (a: string | null) => report.checks.filter((c) => c.answer === a).length;
    lines.push(report.state === "unfilled" ? `巡查要点 ${report.checks.length} 条：${unfilledText("zh-CN").value}` : `巡查要点 ${report.checks.length} 条：是 ${count("yes")}，否 ${count("no")}，不适用 ${count("na")}，未答 ${count(null)}`);
    lines.push("");
    problems();
  }
  if (!report.complete) lines.push("", "注意：有无效填写，按空白计分，修正后分数可能变化。");
  if (review) lines.push("", ...reviewLines(review, report, new Set(result.map.penalties.map((p) => p.id))));
  return lines.join("\n") + "\n";
}
