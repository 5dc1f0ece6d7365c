/**
 * The rows below the body: the report's figures (↔ score(): subtotal, penalties, total, maximum,
 * self-assessable maximum, percent, veto, tier) or, for a checklist, the answer counts; then the footer
 * fields and the count of open problems.
 */
import type { Rubric, Section } from "../../rubric/schema";
import { selfAssessableMaxH, toH } from "../../rubric/model";
import { STATE_LABELS, TIER_LABELS, thresholdsText } from "../../scoring/tiers";
import type { TierPolicy } from "../../scoring/types";
import type { CellValue, ColumnKey } from "../types";
import { colLetter as colLetterOf } from "../a1";
import { FIRST_BODY_ROW, isReviewHelper, linesFor, textHeight } from "./sheet";
import { reportTotals, type TotalsInputs } from "./scores";
import type { Writer } from "./rows";

/** A labelled total row; its figure sits in the score column (the answer column of a checklist). Returns the figure's cell. */
function totalRow(w: Writer, label: string, kind: string, value: { f: string } | { v: CellValue }, at?: number, review?: string): string {
  const { sheet } = w;
  const scored = w.map.items.length > 0;
  const row = at ?? sheet.row++;
  sheet.put(sheet.ref("item", row), "totalLabel", label);
  sheet.merge(sheet.ref("item", row), sheet.ref(scored ? "value" : "clause", row));
  const cell = sheet.ref(scored ? "score" : "tick", row);
  if ("f" in value) sheet.formula(cell, "total", value.f, {});
  else sheet.put(cell, "total", value.v, {});
  // Format 4: the 核定 figure beside the unit's, in the 核定得分 column.
  if (review !== undefined) sheet.formula(sheet.ref("rscore", row), "total", review);
  sheet.borderRow(row, 1, sheet.printed, "totalLabel");
  sheet.markRow(row, "total", kind, sheet.format >= 3 ? textHeight(linesFor(label, labelWidth(w))) : 22);
  return cell;
}

/** The report's figures, for a rubric with scored items. `policy` null: no tier (a policy turned tiers off). */
function writeReport(w: Writer, rubric: Rubric, sections: Section[], policy: TierPolicy | null, inputs: TotalsInputs): void {
  const { sheet } = w;
  const totals = reportTotals(inputs, w.formulas);
  // Format 4: the 核定 figures, by the same formulas over the assessors' cells, on the same rows.
  const rt = w.review ? reportTotals(w.review, w.formulas) : null;
  const rCell = (row: string) => sheet.ref("rscore", Number(row.replace(/^[A-Z]+/, "")));
  const format3 = sheet.format >= 3;
  const subtotal = totalRow(w, "各考核项得分合计", "subtotal", { f: totals.subtotal }, undefined, rt?.subtotal);
  const penalty = totals.penaltyTotal === null ? "0" : totalRow(w, "减分项扣分", "penalties", { f: totals.penaltyTotal }, undefined, rt?.penaltyTotal ?? undefined);
  const rPenalty = rt && totals.penaltyTotal !== null ? rCell(penalty) : "0";
  const total = totalRow(w, "总分", "total", { f: totals.total(subtotal, penalty) }, undefined, rt?.total(rCell(subtotal), rPenalty));
  // Format 3: the open problems right under the total (counted once the footer is written), then how many are invalid entries.
  let invalid: string | null = null;
  if (format3) {
    w.flagRow = sheet.row++;
    const rInvalid = rt ? `SUM(${sheet.ref("rinvalid", FIRST_BODY_ROW)}:${sheet.ref("rinvalid", w.lastBodyRow)})` : undefined;
    invalid = totalRow(w, "其中无效填写（须更正后计分）", "invalid", { f: `SUM(${sheet.ref("invalid", FIRST_BODY_ROW)}:${sheet.ref("invalid", w.lastBodyRow)})` }, undefined, rInvalid);
  }
  const scoredSections = sections.filter((s) => s.items?.length);
  const maxH = scoredSections.reduce((sum, s) => sum + toH(s.points ?? 0), 0);
  const selfMaxH = scoredSections.reduce((sum, s) => sum + selfAssessableMaxH(s), 0);
  totalRow(w, "满分", "max", { v: maxH / 100 });
  if (selfMaxH !== maxH) totalRow(w, "可自评满分（不含上级直接评分项）", "selfMax", { v: selfMaxH / 100 });
  const percent = totalRow(w, rubric.percentScale ? "百分制得分" : "得分率（百分制）", "percent", { f: totals.percent(total, selfMaxH) }, undefined, rt?.percent(rCell(total), selfMaxH));
  const vetoCell = totalRow(w, "否决情况", "veto", { f: totals.veto }, undefined, rt?.veto);
  Object.assign(w.map, { totalCell: total, percentCell: percent, vetoCell });
  if (rt) w.map.review = { totalCell: rCell(total), percentCell: rCell(percent), vetoCell: rCell(vetoCell), tierCell: null, invalidCell: rCell(invalid!) };
  if (!policy) return;
  if (format3) {
    // A reference tier (参考等次: no document sets per-table tiers), its thresholds in its label; never a
    // flattering headline: 未填写 without any entry, 待更正 while an entry is invalid (↔ Report.state).
    const label = `参考等次（${thresholdsText(policy, "zh")}）`;
    const tier = totals.tier(percent, [String(policy.excellent), String(policy.good), String(policy.pass)]);
    const { unfilled, provisional } = STATE_LABELS;
    // The 核定 tier (↔ scored.ts reviewTierShown): 未填写 while neither side holds any entry (a blank return reviewed
    // as blank is not 优秀), 待更正 while a 核定 entry is invalid.
    const rTier = rt
      ? `IF(${enteredCount(w, true)}=0,"${unfilled.zh}",IF(${w.map.review!.invalidCell}>0,"${provisional.zh}",${rt.tier(w.map.review!.percentCell, [String(policy.excellent), String(policy.good), String(policy.pass)])}))`
      : undefined;
    w.map.tierCell = totalRow(w, label, "tier", { f: `IF(${enteredCount(w)}=0,"${unfilled.zh}",IF(${invalid}>0,"${provisional.zh}",${tier}))` }, undefined, rTier);
    if (w.map.review) w.map.review.tierCell = rCell(w.map.tierCell);
    return;
  }
  // Thresholds are visible (and locked) beside the tier so that the policy in force is printed.
  const row = sheet.row++;
  const threshold = (k: "excellent" | "good" | "pass", key: ColumnKey) => {
    sheet.put(sheet.ref(key, row), "total", policy[k], { numFmt: `"${TIER_LABELS[k].zh}≥"0.##` });
    return sheet.ref(key, row);
  };
  sheet.put(sheet.ref("label", row), "totalLabel", null);
  sheet.put(sheet.ref("item", row), "totalLabel", "考核等次（等次标准：得分率）");
  sheet.merge(sheet.ref("item", row), sheet.ref("clause", row));
  const thresholds: [string, string, string] = [threshold("excellent", "tick"), threshold("good", "count"), threshold("pass", "value")];
  const tier = sheet.ref("score", row);
  sheet.formula(tier, "total", totals.tier(percent, thresholds));
  sheet.borderRow(row, 1, sheet.visible, "totalLabel");
  sheet.markRow(row, "total", "tier", 22);
  w.map.tierCell = tier;
}

/**
 * How many body input cells hold an entry (↔ hasAnyEntry): helper cells ≥ 1 — a tick ticked or invalid, a
 * count, amount or note that is not blank and not FALSE (entries.ts). Header and footer fields are not
 * entries; they lie outside the body rows.
 */
function enteredCount(w: Writer, bothSides = false): string {
  // Format 4: the unit's entries only (the assessors' cells have their own helper columns), unless both sides are asked for.
  const helpers = w.sheet.columns.filter((c) => c.key.startsWith("helper") && (bothSides || !isReviewHelper(c.key))).map((c) => c.key);
  return helpers.map((k) => `COUNTIF(${w.sheet.ref(k, FIRST_BODY_ROW)}:${w.sheet.ref(k, w.lastBodyRow)},">=1")`).join("+") || "0";
}

/**
 * The totals: the report's figures, or how many checklist points were answered 是, 否 and 不适用 — counted
 * as the engine reads the answers. Formats 1 and 2 count the answer cells as typed (so " 是" with another
 * kind of space is not counted there); from format 3 on the count runs over the answers' helper cells,
 * which hold each answer cleaned as the engine reads it (all in one helper column: an answer is the first
 * cell its row tests).
 */
export function writeTotals(w: Writer, rubric: Rubric, sections: Section[], policy: TierPolicy | null, inputs: TotalsInputs): void {
  w.lastBodyRow = w.sheet.row - 1;
  if (w.map.items.length > 0) return writeReport(w, rubric, sections, policy, inputs);
  const column = answerColumn(w);
  const answers = `${w.sheet.ref(column, FIRST_BODY_ROW)}:${w.sheet.ref(column, w.sheet.row - 1)}`;
  for (const a of ["是", "否", "不适用"]) totalRow(w, `答“${a}”的要点数`, `count-${a}`, { f: `COUNTIF(${answers},"${a}")` });
}

/** The column the checklist answers are counted in: the answer column, or (format 3 on) their helper column. */
function answerColumn(w: Writer): ColumnKey {
  if (!w.helperCells || w.map.checks.length === 0) return "tick";
  const columns = new Set(w.map.checks.map((c) => w.sheet.helperOf(c.answerCell).column));
  if (columns.size !== 1) throw new Error("plan: the checklist answers' helper cells are not in one column");
  return [...columns][0];
}

/**
 * The footer fields, one blank row below the count of open problems (↔ the report's flags), which counts
 * them too: the flagged rows' 问题数 and the blank required fields. Returns the last row.
 * Format 3: the count sits under the total (its row kept in writeReport), the footer (the signatures) one blank
 * row below the figures, and the 填表说明 below it.
 */
export function writeFooter(w: Writer, rubric: Rubric, unit: string | undefined, requiredFields: string[], notes: string[]): number {
  const { sheet } = w;
  const format3 = sheet.format >= 3;
  const flagRow = format3 ? w.flagRow : undefined;
  const footerRow = flagRow !== undefined ? sheet.row + 1 : sheet.row + 2;
  const footer = sheet.fieldRow(footerRow, rubric.fields.footer, "footer", unit);
  Object.assign(w.map.fields, footer);
  const fieldFlags = [...requiredFields, ...rubric.fields.footer.filter((f) => f.required).map((f) => footer[f.id])].map(w.status.missingField);
  const lastBody = format3 ? w.lastBodyRow : sheet.row - 1;
  w.map.flagCountCell = totalRow(w, format3 ? "待处理问题（逐项见屏幕上的“状态”栏）" : "待处理问题（见状态栏）", "flags", {
    f: `SUM(${sheet.ref("flags", FIRST_BODY_ROW)}:${sheet.ref("flags", lastBody)})${fieldFlags.length ? "+" + fieldFlags.join("+") : ""}`,
  }, flagRow);
  if (!format3) return rubric.fields.footer.length ? footerRow : sheet.row - 1;
  const summaryFrom = w.lastBodyRow + 1;
  let last = Math.max(rubric.fields.footer.length ? footerRow + sheet.fieldRows - 1 : 0, sheet.row - 1);
  sheet.row = last + 1;
  // The figures and the signatures print on one page.
  sheet.keep(summaryFrom, last);
  if (notes.length) {
    sheet.row++;
    const first = sheet.row;
    for (const [k, text] of notes.entries()) {
      const row = sheet.row++;
      sheet.put(sheet.ref("label", row), "noteText", text);
      for (let c = 2; c <= sheet.printed; c++) sheet.put(`${colLetterOf(c)}${row}`, "noteText");
      sheet.merge(sheet.ref("label", row), `${colLetterOf(sheet.printed)}${row}`);
      sheet.markRow(row, "notes", `n${k + 1}`, textHeight(linesFor(text, printedWidth(w) - 2)));
    }
    // The heading prints with the first line; the lines may go on over a page (each is a row, never cut).
    sheet.glue(first);
    last = sheet.row - 1;
  }
  return last;
}

/** Width of the merged label of a total row (characters). */
const labelWidth = (w: Writer) => {
  const from = w.sheet.col("item");
  const to = w.sheet.col(w.map.items.length > 0 ? "value" : "clause");
  return w.sheet.columns.slice(from - 1, to).reduce((s, c) => s + c.width, 0);
};
const printedWidth = (w: Writer) => w.sheet.columns.slice(0, w.sheet.printed).reduce((s, c) => s + c.width, 0);
