/**
 * roster.xlsx: the live sheet for the review meeting, written with ExcelJS (Node and the browser) from the
 * pure workbook plan (sheets.ts). An adapter: every sheet, cell, formula and style is decided by the plan.
 * ExcelJS cannot write charts: the 汇总 sheet carries the chart's data (等次 / 单位数) but not the chart,
 * which the Office.js writer (src/excel/write-roster.ts) adds in Excel.
 */
import ExcelJS from "exceljs";
import { PRINT_MARGINS, SHEET_FONT } from "../layout/print";
import { parseAddr, colLetter } from "../layout/a1";
import { ROSTER_STYLES, rosterWorkbookPlan, type RosterCellStyle, type RosterSheetPlan } from "./sheets";
import type { Consolidation } from "./types";

export { ROSTER_COLUMNS, ROSTER_ROWS, SETTINGS, SETTINGS_SHEET, rosterCol, rowFormulas, summaryFormulas } from "./sheets";

const PAPER_A4 = 9;
const THIN = { style: "thin" as const, color: { argb: "FF7F7F7F" } };

function applyStyle(cell: ExcelJS.Cell, s: RosterCellStyle): void {
  cell.font = { name: SHEET_FONT.name, size: s.size ?? SHEET_FONT.size, ...(s.bold ? { bold: true } : {}) };
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: s.fill } };
  if (s.border) cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  if (s.hAlign || s.vAlign || s.wrap) cell.alignment = { horizontal: s.hAlign, vertical: s.vAlign, wrapText: s.wrap };
}

/** Every cell of an A1 range ("E4:E41"). */
function* cellsOf(range: string): Generator<string> {
  const [a, b = a] = range.split(":").map(parseAddr);
  for (let r = a.row; r <= b.row; r++) for (let c = a.col; c <= b.col; c++) yield `${colLetter(c)}${r}`;
}

function addSheet(wb: ExcelJS.Workbook, p: RosterSheetPlan): void {
  const pr = p.print;
  const ws = wb.addWorksheet(p.name, {
    views: [p.freeze ? { state: "frozen", xSplit: p.freeze.columns, ySplit: p.freeze.rows, showGridLines: false } : { showGridLines: false }],
    pageSetup: {
      paperSize: PAPER_A4,
      orientation: pr.orientation,
      fitToPage: true,
      fitToWidth: pr.fitWidth,
      fitToHeight: 0,
      horizontalCentered: true,
      showGridLines: false,
      printTitlesRow: pr.titleRows,
      ...(pr.titleColumns ? { printTitlesColumn: pr.titleColumns } : {}),
      printArea: pr.area,
      margins: { ...PRINT_MARGINS },
    } as Partial<ExcelJS.PageSetup>,
    headerFooter: { oddHeader: `&L${pr.header}`, oddFooter: `&C${pr.footer}` },
  });
  ws.columns = p.widths.map((width) => ({ width }));
  for (const m of p.merges) ws.mergeCells(m);
  for (const c of p.cells) {
    const cell = ws.getCell(c.a);
    cell.value = c.f !== undefined ? ({ formula: c.f, date1904: false } as ExcelJS.CellFormulaValue) : (c.v ?? null);
    if (c.s) applyStyle(cell, ROSTER_STYLES[c.s]);
  }
  for (const h of p.heights) ws.getRow(h.row).height = h.height;
  for (const v of p.validations) {
    const rule: ExcelJS.DataValidation = {
      type: v.type,
      operator: "between",
      formulae: [v.min, v.max],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: v.errorTitle,
      error: v.error,
    };
    for (const a of cellsOf(v.range)) ws.getCell(a).dataValidation = rule;
  }
}

/** The roster as a live .xlsx for the review meeting. */
export async function rosterToXlsx(c: Consolidation): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "SafeScore";
  wb.created = new Date(0);
  wb.modified = new Date(0);
  // No cached results are written: every reader recalculates on open.
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of rosterWorkbookPlan(c).sheets) addSheet(wb, sheet);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
