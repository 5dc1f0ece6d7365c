/** A read workbook, scored: the engine's report plus every problem and flag with its cell (pure). */
import { score, type Report } from "../scoring";
import type { TierPolicy } from "../scoring/types";
import { STATE_LABELS, TIER_LABELS, tierPolicyFor } from "../scoring/tiers";
import { cellForFlag, WorkbookError, type ReadResult } from "./read";
import { reviewDifferences } from "./review";
import { hasPoints, normalPoints, PointsError, pointsSummary, samePoints, withLocalPoints, type LocalPoints } from "../rubric/points";

export interface CellFlag {
  kind: string;
  /** Sheet!A1, or null where there is no cell (a deleted row). */
  cell: string | null;
  message: string;
  messageEn: string;
}

export interface ScoredWorkbook {
  result: ReadResult;
  /** The unit's own self-assessment (自评), re-scored from its entries. */
  report: Report;
  flags: CellFlag[];
  /** The assessors' score (核定) of a reviewed return (sheet format 4); null or absent for a return not reviewed. */
  review?: ReviewScore | null;
}

/** The assessors' entries (核定), scored by the engine like the unit's, and where the two differ. */
export interface ReviewScore {
  report: Report;
  /** Problems of the assessors' own entries (invalid 核定 entries…), with their cells. */
  flags: CellFlag[];
  /** Every item whose 核定 entries differ from the unit's, in table order. */
  differences: ReviewDifference[];
}

export interface ReviewDifference {
  /** Item id (or penalty / veto id). */
  id: string;
  /** 序号 as printed ("1.2", "一票否决"). */
  label: string;
  title: string;
  /** The item's score (or deduction for a penalty) by the unit's entries and by the assessors'; null for a veto row. */
  self: number | null;
  review: number | null;
  /** The assessors' 核定说明 on the item's rows, joined ("；"); "" when none. */
  note: string;
  /** The item's row (Sheet!A1 of its 核定得分 cell), for the pane's jump; null where there is none. */
  cell: string | null;
}

export interface ScoreOptions {
  /**
   * The caller's tier policy (the office's); otherwise the rubric's. Never the workbook's: a return may not set its
   * own bar (it may only say it was made without a reference tier, which applies when the caller brings none).
   * Null turns tiers off (Report.tier null; the sheet's own tier cell is then not compared).
   */
  tiers?: TierPolicy | null;
  /**
   * The caller's (the office's) local item points, null for the published ones; otherwise the return's own.
   * A return whose recorded points differ is flagged (local-points) and scored by the caller's: what a return
   * says about itself never sets a bar.
   */
  points?: LocalPoints | null;
}

/**
 * What a sheet's tier cell shows for a report: the tier (formats 1 and 2); from format 3 on, 未填写 for a
 * return without any entry and 待更正 while an entry is invalid (Report.state), so a headline never flatters.
 */
export function tierShown(report: Report, format: number): string {
  if (format >= 3 && report.tier !== null) {
    if (report.state === "unfilled") return STATE_LABELS.unfilled.zh;
    if (report.state === "provisional") return STATE_LABELS.provisional.zh;
  }
  return report.tier ? TIER_LABELS[report.tier].zh : "";
}

const quoted = (sheet: string, a: string | null) => (a === null ? null : `${sheet}!${a}`);

/**
 * What the sheet itself shows against what the engine recomputes from the entries. A difference means
 * formulas were edited or values pasted over them (or the file was saved by a program that did not
 * recalculate); it is reported, and the recomputed score stands.
 */
function cachedMismatches(result: ReadResult, report: Report, ownPolicy: boolean, ownPoints: boolean, shown = (r: Report) => tierShown(r, result.format), side = ""): CellFlag[] {
  const out: CellFlag[] = [];
  const { total, tier } = result.cached;
  const { totalCell, tierCell } = result.map;
  // Under the office's other points the sheet's own total rightly differs (the local-points flag says why).
  if (!ownPoints && typeof total === "number" && totalCell && Math.round(total * 100) !== Math.round(report.total * 100)) {
    out.push({
      kind: "cached-total",
      cell: quoted(result.sheetName, totalCell),
      message: `表内显示的${side}总分 ${total} 与按填写内容重新计算的 ${report.total} 不一致（公式或数值被改动），以重新计算的为准`,
      messageEn: `the sheet shows a ${side ? "review (核定) " : ""}total of ${total}, but the entries score ${report.total} (formulas or values edited); the recomputed score stands`,
    });
  }
  const expectedTier = shown(report);
  // The sheet's tier follows the rubric's thresholds; under the office's own policy tiers may rightly differ.
  if (!ownPolicy && !ownPoints && typeof tier === "string" && tier !== "" && tierCell && tier !== expectedTier) {
    out.push({
      kind: "cached-total",
      cell: quoted(result.sheetName, tierCell),
      message: `表内显示的${side}等次“${tier.slice(0, 10)}”与重新计算的“${expectedTier || "—"}”不一致，以重新计算的为准`,
      messageEn: `the sheet shows the ${side ? "review (核定) " : ""}tier "${tier.slice(0, 10)}", the entries give "${expectedTier || "—"}"; the recomputed tier stands`,
    });
  }
  return out;
}

const sameTiers = (a: TierPolicy | null, b: TierPolicy | null) =>
  a === b || (a !== null && b !== null && a.excellent === b.excellent && a.good === b.good && a.pass === b.pass);

export function scoreRead(result: ReadResult, options: ScoreOptions = {}): ScoredWorkbook {
  // The sheet's own tiers: the rubric's, or none for a table made without its reference tier. The caller's
  // (the office's) replace them; the sheet's tier cell is compared only when the two agree.
  const sheetTiers = tierPolicyFor(result.rubric, result.tiersOff ? null : undefined);
  const tiers = options.tiers !== undefined ? options.tiers : sheetTiers;
  const points = pointsFor(result, options.points);
  const report = score(points.rubric, result.responses, { tiers });
  const flags: CellFlag[] = [
    ...points.flags,
    ...result.problems.map((p) => ({ kind: p.kind, cell: p.cell, message: p.message, messageEn: p.messageEn })),
    ...report.flags.map((f) => ({ kind: f.kind, cell: quoted(result.sheetName, cellForFlag(result.map, f)), message: f.message, messageEn: f.messageEn })),
    ...cachedMismatches(result, report, !sameTiers(tiers, sheetTiers), points.flags.length > 0),
  ];
  return { result, report, flags, review: scoreReview(result, points.rubric, tiers, report, !sameTiers(tiers, sheetTiers), points.flags.length > 0) };
}

/**
 * What a reviewed table's 核定 tier cell shows for the 核定 report: 未填写 while neither side holds any entry (the unit's
 * report `self` and the 核定 both unfilled: a blank return reviewed as blank), 待更正 while a 核定 entry is invalid,
 * else the tier. (A 核定 starts as a copy of the unit's entries; the 核定 alone being blank is a 核定 of full marks.)
 */
export function reviewTierShown(report: Report, self: Report): string {
  if (report.tier !== null && report.state === "unfilled" && self.state === "unfilled") return STATE_LABELS.unfilled.zh;
  if (report.tier !== null && !report.complete) return STATE_LABELS.provisional.zh;
  return report.tier ? TIER_LABELS[report.tier].zh : "";
}

/**
 * The assessors' report (核定) of a reviewed return: their entries scored like the unit's, the problems of their own
 * entries (the engine's flags on 核定 ticks, counts and veto ticks, at the 核定 cells; the unit's notes and fields
 * are the unit's and flagged in its report), the 核定 cached figures compared like the unit's, and the differences.
 */
function scoreReview(result: ReadResult, rubric: ReadResult["rubric"], tiers: TierPolicy | null, self: Report, ownPolicy: boolean, ownPoints: boolean): ReviewScore | null {
  const review = result.review;
  if (!review || !result.map.review) return null;
  const report = score(rubric, review.responses, { tiers });
  const reviewCell = (f: Report["flags"][number]): string | null => {
    const { type, id, input } = f.target;
    if (type === "veto") return result.map.vetoes.find((v) => v.id === id)?.review?.inputCell ?? null;
    for (const i of [...result.map.items, ...result.map.penalties]) {
      const c = i.clauses.find((x) => x.id === id);
      if (c?.review) return input === "count" || input === "amount" ? c.review.countCell : c.review.inputCell;
    }
    return null;
  };
  const own = report.flags.filter((f) => f.target.type === "clause" || f.target.type === "veto");
  const flags: CellFlag[] = [
    ...review.problems.map((p) => ({ kind: p.kind, cell: p.cell, message: `核定：${p.message}`, messageEn: `review: ${p.messageEn}` })),
    ...own.map((f) => ({ kind: f.kind, cell: quoted(result.sheetName, reviewCell(f)), message: `核定：${f.message}`, messageEn: `review: ${f.messageEn}` })),
    ...cachedMismatches(
      { ...result, cached: review.cached, map: { ...result.map, totalCell: result.map.review.totalCell, tierCell: result.map.review.tierCell } },
      report, ownPolicy, ownPoints, (r) => reviewTierShown(r, self), "核定",
    ),
  ];
  return { report, flags, differences: reviewDifferences(result, review, self, report) };
}

/** The points a return is scored by: its own, or the caller's — then a flag when the two differ. */
function pointsFor(result: ReadResult, office: LocalPoints | null | undefined): { rubric: ScoredWorkbook["result"]["rubric"]; flags: CellFlag[] } {
  if (office === undefined) return { rubric: result.rubric, flags: [] };
  // Neither sets local points: both are the published ones (the usual case, decided without walking the rubric).
  if (!hasPoints(result.localPoints) && !hasPoints(office)) return { rubric: result.rubric, flags: [] };
  const published = result.publishedRubric;
  const own = normalPoints(published, result.localPoints ?? {});
  const theirs = normalPoints(published, office ?? {});
  if (samePoints(own, theirs)) return { rubric: result.rubric, flags: [] };
  let rubric;
  try {
    rubric = withLocalPoints(published, theirs);
  } catch (e) {
    if (!(e instanceof PointsError)) throw e;
    throw new WorkbookError(
      "rubric-version",
      `汇总所用的本地分值不适用于考核细则 ${published.id} ${published.version}：${e.problems[0].zh} / the office's local points do not fit rubric ${published.id} ${published.version}: ${e.problems[0].en}`,
    );
  }
  const says = (p: LocalPoints, zh: boolean) => (hasPoints(p) ? pointsSummary(published, p) : zh ? "考核细则所列分值" : "the rubric's points");
  return {
    rubric,
    flags: [
      {
        kind: "local-points",
        cell: null,
        message: `本地分值与汇总所用不一致：自评表按${says(own, true)}，汇总按${says(theirs, true)}计分`,
        messageEn: `local points differ from the office's: the return uses ${hasPoints(own) ? "its own (" + Object.keys(own).length + " items)" : "the rubric's points"}, scored by ${hasPoints(theirs) ? "the office's (" + Object.keys(theirs).length + " items)" : "the rubric's points"}`,
      },
    ],
  };
}
