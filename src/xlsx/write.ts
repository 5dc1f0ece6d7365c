/** Sheet plan → .xlsx through ExcelJS (Node and browser). An adapter: no decisions are made here. */
import { toFileFormula } from "../layout/entries";
import ExcelJS from "exceljs";
import type { CellStyle, CellValue, SheetPlan } from "../layout/types";
import type { HeaderFooterText, PrintSetup } from "../layout/print";
import { META_SHEET } from "../layout/types";

/** ECMA-376 paper size codes. */
const PAPER: Record<PrintSetup["paper"], number> = { A4: 9 };

/** A header or footer's three sections as one string of codes: &L…&C…&R…; empty sections left out. */
function sections(t: HeaderFooterText): string | undefined {
  const s = (t.left ? `&L${t.left}` : "") + (t.center ? `&C${t.center}` : "") + (t.right ? `&R${t.right}` : "");
  return s || undefined;
}

function applyStyle(cell: ExcelJS.Cell, style: CellStyle, font: PrintSetup["font"], numFmt?: string) {
  cell.font = { name: font.name, size: style.size ?? font.size, ...(style.bold ? { bold: true } : {}), ...(style.color ? { color: { argb: style.color } } : {}) };
  if (style.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: style.fill } };
  cell.alignment = { wrapText: style.wrap, horizontal: style.hAlign, vertical: style.vAlign === "middle" ? "middle" : style.vAlign };
  if (style.border) {
    const thin = { style: "thin" as const, color: { argb: "FF7F7F7F" } };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
  cell.protection = { locked: style.locked };
  const fmt = numFmt ?? style.numFmt;
  if (fmt) cell.numFmt = fmt;
}

/** Adds the plan's sheet and its veryHidden metadata sheet to a workbook. */
export async function addPlanToWorkbook(wb: ExcelJS.Workbook, plan: SheetPlan, inputs?: Map<string, CellValue>): Promise<ExcelJS.Worksheet> {
  const pr = plan.print;
  const ws = wb.addWorksheet(plan.sheetName, {
    views: [{ state: "frozen", ySplit: plan.freezeRow, xSplit: 0, showGridLines: false }],
    pageSetup: {
      paperSize: PAPER[pr.paper],
      orientation: pr.orientation,
      // Format 3 prints at a fixed scale (Excel ignores manual page breaks on a sheet fitted to pages).
      ...(pr.fitTo ? { fitToPage: true, fitToWidth: pr.fitTo.width, fitToHeight: pr.fitTo.height } : { fitToPage: false, scale: pr.scale ?? 100 }),
      horizontalCentered: pr.centerHorizontally,
      showGridLines: pr.gridlines,
      printTitlesRow: `${pr.titleRows[0]}:${pr.titleRows[1]}`,
      // ExcelJS writes '<sheet>'!$<start>:$<end>: "A$1:K$40" becomes the absolute $A$1:$K$40.
      printArea: pr.area.split(":").map((a) => a.replace(/(\d+)$/, "$$$1")).join(":"),
      margins: { ...pr.margins },
    },
    headerFooter: { oddHeader: sections(pr.header), oddFooter: sections(pr.footer) },
  });
  // The column style gives the sheet's font to cells the plan leaves empty, as the Office.js adapter does.
  ws.columns = plan.columns.map((c) => ({ key: c.key, width: c.width, hidden: c.hidden, style: { font: { name: pr.font.name, size: pr.font.size } } }));
  for (const r of plan.rows) if (r.height) ws.getRow(r.row).height = r.height;
  for (const c of plan.cells) {
    const cell = ws.getCell(c.a);
    // Functions newer than Excel 2007 are stored with their _xlfn. prefix, as Excel itself saves them.
    if (c.f !== undefined) cell.value = { formula: toFileFormula(c.f) } as ExcelJS.CellFormulaValue;
    else if (c.v !== undefined) cell.value = c.v;
    applyStyle(cell, plan.styles[c.s], pr.font, c.numFmt);
  }
  for (const m of plan.merges) ws.mergeCells(m);
  for (const v of plan.validations) {
    const common = { allowBlank: true, showErrorMessage: true, errorStyle: "stop", errorTitle: v.errorTitle, error: v.error, showInputMessage: Boolean(v.prompt), promptTitle: v.promptTitle, prompt: v.prompt };
    ws.getCell(v.range).dataValidation =
      v.type === "list"
        ? { type: "list", formulae: [`"${v.list!.join(",")}"`], ...common }
        : { type: v.type, operator: "between", formulae: [v.min ?? 0, v.max ?? 0], ...common };
  }
  if (inputs) for (const [a, v] of inputs) ws.getCell(a).value = v;
  // A manual page break above each row that starts a page (ExcelJS breaks below the row it is given).
  for (const r of pr.rowBreaks ?? []) ws.getRow(r - 1).addPageBreak();
  if (plan.protect) {
    await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, insertRows: false, deleteRows: false, sort: false, autoFilter: false });
  }

  const meta = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  meta.columns = [{ width: 14 }, { width: 80 }];
  for (const [k, v] of plan.meta) meta.addRow([k, v]);
  return ws;
}

/** A new workbook holding one plan, as an .xlsx buffer. `inputs` pre-fills input cells (tests, examples). */
export async function planToXlsx(plan: SheetPlan, inputs?: Map<string, CellValue>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "SafeScore";
  wb.created = new Date(0);
  wb.modified = new Date(0);
  // Recalculate on open: the file carries formulas without cached results.
  wb.calcProperties.fullCalcOnLoad = true;
  await addPlanToWorkbook(wb, plan, inputs);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
