/**
 * roster.xlsx: the live sheet for the review meeting, written from the pure workbook plan (sheets.ts) by the
 * SpreadsheetML writer (sheetml.ts). An adapter: every sheet, cell, formula and style is decided by the plan.
 * The 汇总 sheet carries the 等次 chart's data (等次 / 单位数) but not the chart, which the Office.js writer
 * (src/excel/write-roster.ts) adds in Excel.
 */
import { ROSTER_STYLES, rosterSheets } from "./sheets";
import { sheetsToXlsx, type SheetsToXlsxOptions } from "./sheetml";
import type { Consolidation } from "./types";

export { ROSTER_COLUMNS, ROSTER_ROWS, SETTINGS, SETTINGS_SHEET, rosterCol, rowFormulas, summaryFormulas } from "./sheets";

/**
 * The roster as a live .xlsx for the review meeting. One sheet is planned at a time and let go once written:
 * a district of 10,000 returns writes a 290,000-cell workbook.
 */
export async function rosterToXlsx(c: Consolidation, options: SheetsToXlsxOptions = {}): Promise<Uint8Array> {
  return sheetsToXlsx(rosterSheets(c), ROSTER_STYLES, options);
}
