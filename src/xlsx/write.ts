/** Sheet plan → .xlsx through ExcelJS (Node and browser). An adapter: no decisions are made here. */
import ExcelJS from "exceljs";
import type { CellStyle, CellValue, SheetPlan } from "../layout/types";
import { META_SHEET } from "../layout/types";

function applyStyle(cell: ExcelJS.Cell, style: CellStyle, numFmt?: string) {
  if (style.bold || style.size || style.color) {
    cell.font = { name: "宋体", size: style.size ?? 10, bold: style.bold, ...(style.color ? { color: { argb: style.color } } : {}) };
  } else {
    cell.font = { name: "宋体", size: 10 };
  }
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
  const ws = wb.addWorksheet(plan.sheetName, {
    views: [{ state: "frozen", ySplit: plan.freezeRow, xSplit: 0, showGridLines: false }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${plan.printTitleRows[0]}:${plan.printTitleRows[1]}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页" },
  });
  ws.columns = plan.columns.map((c) => ({ key: c.key, width: c.width, hidden: c.hidden }));
  for (const r of plan.rows) if (r.height) ws.getRow(r.row).height = r.height;
  for (const c of plan.cells) {
    const cell = ws.getCell(c.a);
    if (c.f !== undefined) cell.value = { formula: c.f } as ExcelJS.CellFormulaValue;
    else if (c.v !== undefined) cell.value = c.v;
    applyStyle(cell, plan.styles[c.s], c.numFmt);
  }
  for (const m of plan.merges) ws.mergeCells(m);
  for (const v of plan.validations) {
    const common = { allowBlank: true, showErrorMessage: true, errorStyle: "stop", errorTitle: "输入有误", error: v.error, showInputMessage: Boolean(v.prompt), promptTitle: "填写说明", prompt: v.prompt };
    ws.getCell(v.range).dataValidation =
      v.type === "list"
        ? { type: "list", formulae: [`"${v.list!.join(",")}"`], ...common }
        : { type: v.type, operator: "between", formulae: [v.min ?? 0, v.max ?? 0], ...common };
  }
  if (inputs) for (const [a, v] of inputs) ws.getCell(a).value = v;
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
