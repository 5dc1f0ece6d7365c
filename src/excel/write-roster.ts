/**
 * The roster workbook plan (src/consolidate/sheets.ts) → new sheets of the open workbook through Office.js,
 * with the 等次 chart. An adapter: the plan decides every cell, formula and style; this module only moves
 * them. The user's sheets are never touched: the plan is made with the workbook's sheet names taken, so a
 * name already in use becomes 汇总 (2) and the formulas follow it.
 *
 * Syncs: one to learn the sheet names, one to write everything (each sheet's cells as one `formulas`
 * assignment, styles grouped into RangeAreas), one to read the new sheets' names back.
 */
import { colLetter, parseAddr } from "../layout/a1";
import { PRINT_MARGINS, SHEET_FONT } from "../layout/print";
import { ROSTER_STYLES, rosterWorkbookPlan, type RosterCellStyle, type RosterSheetPlan } from "../consolidate/sheets";
import type { Consolidation } from "../consolidate/types";
import { styleAreas } from "./write-plan";

/** Characters (ExcelJS column width) to points (Office.js column width), as write-plan.ts converts them. */
const CHAR_POINTS = 6;
const H_ALIGN = { left: "Left", center: "Center" } as const;
const hex = (argb: string) => `#${argb.slice(2)}`;

/**
 * The sheet's cells as one block from A1 to its last cell: `formulas` ("=…" for a formula, the constant
 * otherwise) and `formats` ("@" for a text constant, so a unit named "=HYPERLINK(…)" or "0012" stays text).
 */
export function rosterMatrix(p: RosterSheetPlan): { formulas: (string | number)[][]; formats: string[][] } {
  const at = p.cells.map((c) => ({ ...parseAddr(c.a), c }));
  const rows = Math.max(1, ...at.map((x) => x.row));
  const cols = Math.max(1, ...at.map((x) => x.col));
  const formulas = Array.from({ length: rows }, () => Array<string | number>(cols).fill(""));
  const formats = Array.from({ length: rows }, () => Array<string>(cols).fill("General"));
  for (const { row, col, c } of at) {
    formulas[row - 1][col - 1] = c.f !== undefined ? `=${c.f}` : (c.v ?? "");
    if (typeof c.v === "string") formats[row - 1][col - 1] = "@";
  }
  return { formulas, formats };
}

function applyStyle(target: Excel.RangeAreas, s: RosterCellStyle): void {
  const f = target.format;
  if (s.bold) f.font.bold = true;
  if (s.size) f.font.size = s.size;
  if (s.fill) f.fill.color = hex(s.fill);
  if (s.wrap) f.wrapText = true;
  if (s.hAlign) f.horizontalAlignment = H_ALIGN[s.hAlign];
  if (s.vAlign) f.verticalAlignment = "Center";
  if (s.border) {
    for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const) {
      const b = f.borders.getItem(edge);
      b.style = "Continuous";
      b.color = "#7F7F7F";
    }
  }
}

/** Queues one sheet of the plan on a new, empty worksheet. No sync. */
export function queueRosterSheet(sheet: Excel.Worksheet, p: RosterSheetPlan): void {
  const { formulas, formats } = rosterMatrix(p);
  const all = sheet.getRangeByIndexes(0, 0, formulas.length, formulas[0].length);
  // The text format first: a constant is then stored as typed, never read as a formula or a number.
  all.numberFormat = formats;
  all.formulas = formulas;
  all.format.font.name = SHEET_FONT.name;
  all.format.font.size = SHEET_FONT.size;
  for (const { style, address } of styleAreas(p.cells)) applyStyle(sheet.getRanges(address), ROSTER_STYLES[style]);
  for (const merge of p.merges) sheet.getRange(merge).merge(false);
  p.widths.forEach((w, i) => (sheet.getRange(`${colLetter(i + 1)}:${colLetter(i + 1)}`).format.columnWidth = w * CHAR_POINTS));
  for (const h of p.heights) sheet.getRange(`${h.row}:${h.row}`).format.rowHeight = h.height;
  for (const v of p.validations) {
    const dv = sheet.getRange(v.range).dataValidation;
    dv.rule = { decimal: { formula1: v.min, formula2: v.max, operator: "Between" } };
    dv.errorAlert = { showAlert: true, style: "Stop", title: v.errorTitle, message: v.error };
  }
  if (p.freeze) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, Math.max(1, p.freeze.rows), Math.max(1, p.freeze.columns)));
  sheet.showGridlines = false;
  const page = sheet.pageLayout;
  page.orientation = p.print.orientation === "landscape" ? "Landscape" : "Portrait";
  page.paperSize = "A4";
  page.zoom = { horizontalFitToPages: p.print.fitWidth, verticalFitToPages: 0 };
  page.setPrintMargins("Inches", { ...PRINT_MARGINS });
  page.centerHorizontally = true;
  page.printGridlines = false;
  page.setPrintTitleRows(p.print.titleRows.replace(/(\d+)/g, "$$$1"));
  if (p.print.titleColumns) page.setPrintTitleColumns(p.print.titleColumns.replace(/([A-Z]+)/g, "$$$1"));
  page.setPrintArea(p.print.area);
  page.headersFooters.defaultForAllPages.leftHeader = p.print.header;
  page.headersFooters.defaultForAllPages.centerFooter = p.print.footer;
  for (const c of p.charts) {
    const chart = sheet.charts.add(c.type === "columnClustered" ? "ColumnClustered" : c.type, sheet.getRange(c.source), c.seriesBy === "columns" ? "Columns" : "Rows");
    chart.title.text = c.title;
    chart.legend.visible = false;
    chart.setPosition(c.from, c.to);
  }
}

export interface RosterWritten {
  /** The new sheets' names, in order (设置 last). */
  sheets: string[];
  /** The 汇总 sheet (where the charts are). */
  summarySheet: string;
  charts: number;
  syncs: number;
}

/**
 * Adds the roster's sheets to the open workbook (never replacing one), activates the first 成绩表.
 * `ctx` is an Excel.run context; the caller owns the run.
 */
export async function writeRoster(ctx: Excel.RequestContext, c: Consolidation, sync: () => Promise<void> = () => ctx.sync()): Promise<RosterWritten> {
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  await sync();
  const plan = rosterWorkbookPlan(c, { taken: sheets.items.map((s) => s.name) });
  // Every sheet exists before any formula names one (a roster's formulas reach 设置, added last).
  const added = plan.sheets.map((p) => sheets.add(p.name));
  plan.sheets.forEach((p, i) => queueRosterSheet(added[i], p));
  added[0].activate();
  await sync();
  const summary = plan.sheets.find((p) => p.role === "summary")!;
  return { sheets: plan.sheets.map((p) => p.name), summarySheet: summary.name, charts: summary.charts.length, syncs: 2 };
}
