/**
 * The rows below the body: the report's figures (↔ score(): subtotal, penalties, total, maximum,
 * self-assessable maximum, percent, veto, tier) or, for a checklist, the answer counts; then the footer
 * fields and the count of open problems.
 */
import type { Rubric, Section } from "../../rubric/schema";
import { selfAssessableMaxH, toH } from "../../rubric/model";
import { TIER_LABELS } from "../../scoring/tiers";
import type { TierPolicy } from "../../scoring/types";
import type { CellValue, ColumnKey } from "../types";
import { FIRST_BODY_ROW } from "./sheet";
import { reportTotals, type TotalsInputs } from "./scores";
import type { Writer } from "./rows";

/** A labelled total row; its figure sits in the score column (the answer column of a checklist). Returns the figure's cell. */
function totalRow(w: Writer, label: string, kind: string, value: { f: string } | { v: CellValue }): string {
  const { sheet } = w;
  const scored = w.map.items.length > 0;
  const row = sheet.row++;
  sheet.put(sheet.ref("item", row), "totalLabel", label);
  sheet.merge(sheet.ref("item", row), sheet.ref(scored ? "value" : "clause", row));
  const cell = sheet.ref(scored ? "score" : "tick", row);
  if ("f" in value) sheet.formula(cell, "total", value.f, {});
  else sheet.put(cell, "total", value.v, {});
  sheet.borderRow(row, 1, sheet.visible, "totalLabel");
  sheet.markRow(row, "total", kind, 22);
  return cell;
}

/** The report's figures, for a rubric with scored items. */
function writeReport(w: Writer, rubric: Rubric, sections: Section[], policy: TierPolicy, inputs: TotalsInputs): void {
  const { sheet } = w;
  const totals = reportTotals(inputs, w.formulas);
  const subtotal = totalRow(w, "各考核项得分合计", "subtotal", { f: totals.subtotal });
  const penalty = totals.penaltyTotal === null ? "0" : totalRow(w, "减分项扣分", "penalties", { f: totals.penaltyTotal });
  const total = totalRow(w, "总分", "total", { f: totals.total(subtotal, penalty) });
  const scoredSections = sections.filter((s) => s.items?.length);
  const maxH = scoredSections.reduce((sum, s) => sum + toH(s.points ?? 0), 0);
  const selfMaxH = scoredSections.reduce((sum, s) => sum + selfAssessableMaxH(s), 0);
  totalRow(w, "满分", "max", { v: maxH / 100 });
  if (selfMaxH !== maxH) totalRow(w, "可自评满分（不含上级直接评分项）", "selfMax", { v: selfMaxH / 100 });
  const percent = totalRow(w, rubric.percentScale ? "百分制得分" : "得分率（百分制）", "percent", { f: totals.percent(total, selfMaxH) });
  const vetoCell = totalRow(w, "否决情况", "veto", { f: totals.veto });
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
  Object.assign(w.map, { totalCell: total, percentCell: percent, tierCell: tier, vetoCell });
}

/**
 * The totals: the report's figures, or how many checklist points were answered 是, 否 and 不适用 — counted
 * as the engine reads the answers. Formats 1 and 2 count the answer cells as typed (so " 是" with another
 * kind of space is not counted there); from format 3 on the count runs over the answers' helper cells,
 * which hold each answer cleaned as the engine reads it (all in one helper column: an answer is the first
 * cell its row tests).
 */
export function writeTotals(w: Writer, rubric: Rubric, sections: Section[], policy: TierPolicy, inputs: TotalsInputs): void {
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
 */
export function writeFooter(w: Writer, rubric: Rubric, unit: string | undefined, requiredFields: string[]): number {
  const { sheet } = w;
  const footerRow = sheet.row + 2;
  const footer = sheet.fieldRow(footerRow, rubric.fields.footer, "footer", unit);
  Object.assign(w.map.fields, footer);
  const fieldFlags = [...requiredFields, ...rubric.fields.footer.filter((f) => f.required).map((f) => footer[f.id])].map(w.status.missingField);
  w.map.flagCountCell = totalRow(w, "待处理问题（见状态栏）", "flags", {
    f: `SUM(${sheet.ref("flags", FIRST_BODY_ROW)}:${sheet.ref("flags", sheet.row - 1)})${fieldFlags.length ? "+" + fieldFlags.join("+") : ""}`,
  });
  return rubric.fields.footer.length ? footerRow : sheet.row - 1;
}
