/**
 * Sheet plan → the open workbook through Office.js. Queues every write of a plan on a context without
 * syncing, so the caller decides the syncs (the whole table goes in one). Mirrors src/xlsx/write.ts.
 */
import type { CellStyle, CellValue, SheetPlan } from "../layout/types";
import { META_SHEET } from "../layout/types";
import type { PrintSetup } from "../layout/print";
import { colLetter, parseAddr } from "../layout/a1";

const hex = (argb: string) => `#${argb.slice(2)}`;
/** Characters (ExcelJS column width) to points (Office.js column width), for the default 10–11 pt font. */
const CHAR_POINTS = 6;
const H_ALIGN = { left: "Left", center: "Center", right: "Right" } as const;
const V_ALIGN = { top: "Top", middle: "Center" } as const;

function applyFormat(target: Excel.RangeAreas | Excel.Range, style: CellStyle) {
  const f = target.format;
  if (style.bold) f.font.bold = true;
  if (style.size) f.font.size = style.size;
  if (style.color) f.font.color = hex(style.color);
  if (style.fill) f.fill.color = hex(style.fill);
  if (style.wrap) f.wrapText = true;
  if (style.hAlign) f.horizontalAlignment = H_ALIGN[style.hAlign];
  if (style.vAlign) f.verticalAlignment = V_ALIGN[style.vAlign];
  if (style.border) {
    for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const) {
      const b = f.borders.getItem(edge);
      b.style = "Continuous";
      b.color = "#7F7F7F";
    }
  }
  f.protection.locked = style.locked;
}

/**
 * Groups cells by style into address lists short enough for one RangeAreas each, joining runs in a row
 * (the assessment table's plan and the roster's alike; cells without a style are left alone).
 */
export function styleAreas<S extends string>(cells: readonly { a: string; s?: S }[]): { style: S; address: string }[] {
  const byStyle = new Map<S, Map<number, number[]>>();
  for (const c of cells) {
    if (!c.s) continue;
    const { row, col } = parseAddr(c.a);
    let rows = byStyle.get(c.s);
    if (!rows) byStyle.set(c.s, (rows = new Map()));
    const cols = rows.get(row);
    if (cols) cols.push(col);
    else rows.set(row, [col]);
  }
  const out: { style: S; address: string }[] = [];
  for (const [style, rows] of byStyle) {
    const parts: string[] = [];
    for (const [row, cols] of rows) {
      const sorted = [...new Set(cols)].sort((a, b) => a - b);
      for (let i = 0; i < sorted.length; ) {
        let j = i;
        while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
        parts.push(i === j ? `${colLetter(sorted[i])}${row}` : `${colLetter(sorted[i])}${row}:${colLetter(sorted[j])}${row}`);
        i = j + 1;
      }
    }
    // RangeAreas addresses are limited in length: chunk them.
    let chunk: string[] = [];
    let length = 0;
    for (const p of parts) {
      if (chunk.length && length + p.length + 1 > 1800) {
        out.push({ style, address: chunk.join(",") });
        chunk = [];
        length = 0;
      }
      chunk.push(p);
      length += p.length + 1;
    }
    if (chunk.length) out.push({ style, address: chunk.join(",") });
  }
  return out;
}

/** The whole sheet as one 2-D array for `range.formulas`, and one for `numberFormat`. */
export function planMatrices(plan: SheetPlan, inputs?: Map<string, CellValue>, checkboxes = false) {
  const formulas: (string | number | boolean)[][] = Array.from({ length: plan.lastRow }, () => Array(plan.lastCol).fill(""));
  const formats: string[][] = Array.from({ length: plan.lastRow }, () => Array(plan.lastCol).fill("General"));
  const tickCells = new Set(checkboxes ? tickAddresses(plan) : []);
  for (const c of plan.cells) {
    const { row, col } = parseAddr(c.a);
    const value = c.f !== undefined ? `=${c.f}` : inputs?.has(c.a) ? inputs.get(c.a) : c.v;
    formulas[row - 1][col - 1] = value === null || value === undefined ? (tickCells.has(c.a) ? false : "") : (value as string | number | boolean);
    const fmt = c.numFmt ?? plan.styles[c.s].numFmt;
    if (fmt) formats[row - 1][col - 1] = fmt;
  }
  return { formulas, formats };
}

/**
 * Cells that take a tick (clause and veto tick cells): in-cell checkboxes where Excel has them. In a reviewed table
 * (format 4) only the assessors' 核定 ticks: the unit's are locked and show its entries as returned.
 */
export function tickAddresses(plan: SheetPlan): string[] {
  if (plan.map.review) {
    return [
      ...[...plan.map.items, ...plan.map.penalties].filter((i) => !i.scoredAbove).flatMap((i) => i.clauses.filter((c) => !c.locked && c.review).map((c) => c.review!.inputCell)),
      ...plan.map.vetoes.flatMap((v) => (v.review ? [v.review.inputCell] : [])),
    ];
  }
  return [
    ...[...plan.map.items, ...plan.map.penalties].filter((i) => !i.scoredAbove).flatMap((i) => [
      ...(i.selectCell ? [i.selectCell] : []),
      ...i.clauses.filter((c) => !c.locked).map((c) => c.inputCell),
    ]),
    ...plan.map.vetoes.map((v) => v.inputCell),
  ];
}

export interface WriteOptions {
  checkboxes: boolean;
  /** Entries to put in input cells (an update keeps the user's entries). */
  inputs?: Map<string, CellValue>;
}

/** Queues the whole plan on `sheet` (a new, empty sheet) and the metadata sheet. No sync. */
export function queuePlan(sheet: Excel.Worksheet, plan: SheetPlan, options: WriteOptions): void {
  const all = sheet.getRange(`A1:${colLetter(plan.lastCol)}${plan.lastRow}`);
  const { formulas, formats } = planMatrices(plan, options.inputs, options.checkboxes);
  all.numberFormat = formats;
  all.formulas = formulas;
  // The sheet's font first; styles then set their own size, weight and colour over it.
  all.format.font.name = plan.print.font.name;
  all.format.font.size = plan.print.font.size;
  for (const { style, address } of styleAreas(plan.cells)) applyFormat(sheet.getRanges(address), plan.styles[style]);
  for (const m of plan.merges) sheet.getRange(m).merge(false);
  plan.columns.forEach((c, i) => {
    const col = sheet.getRange(`${colLetter(i + 1)}:${colLetter(i + 1)}`);
    col.format.columnWidth = c.width * CHAR_POINTS;
    if (c.hidden) col.columnHidden = true;
  });
  for (const r of plan.rows) if (r.height) sheet.getRange(`${r.row}:${r.row}`).format.rowHeight = r.height;
  // Where the tick cells are checkboxes, their √ list is left out: a checkbox holds TRUE/FALSE, which the formulas read as ticked/not.
  const boxes = new Set(options.checkboxes ? tickAddresses(plan) : []);
  for (const v of plan.validations) {
    if (boxes.has(v.range)) continue;
    const dv = sheet.getRange(v.range).dataValidation;
    dv.rule =
      v.type === "list"
        ? { list: { inCellDropDown: true, source: v.list!.join(",") } }
        : { [v.type === "whole" ? "wholeNumber" : "decimal"]: { formula1: v.min ?? 0, formula2: v.max ?? 0, operator: "Between" } };
    dv.errorAlert = { showAlert: true, style: "Stop", title: v.errorTitle, message: v.error };
    if (v.prompt) dv.prompt = { showPrompt: true, title: v.promptTitle ?? "", message: v.prompt };
  }
  if (options.checkboxes) {
    for (const a of tickAddresses(plan)) sheet.getRange(a).control = { type: "Checkbox" } as Excel.CellControl;
  }
  sheet.freezePanes.freezeRows(plan.freezeRow);
  queuePrint(sheet.pageLayout, plan.print);
  // A manual page break above each row that starts a page (ExcelApi 1.9: breaks above the given cell).
  for (const r of plan.print.rowBreaks ?? []) sheet.horizontalPageBreaks.add(`A${r}`);
  if (plan.protect) sheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true, allowInsertRows: false, allowDeleteRows: false });
}

/** Queues every field of the plan's print setup on a sheet's page layout (ExcelApi 1.9). */
export function queuePrint(page: Excel.PageLayout, print: PrintSetup): void {
  page.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
  page.paperSize = print.paper;
  // Format 3 prints at a fixed scale with the plan's page breaks; formats 1 and 2 fit to pages.
  page.zoom = print.fitTo ? { horizontalFitToPages: print.fitTo.width, verticalFitToPages: print.fitTo.height } : { scale: print.scale ?? 100 };
  page.setPrintMargins("Inches", { ...print.margins });
  page.centerHorizontally = print.centerHorizontally;
  page.printGridlines = print.gridlines;
  page.setPrintTitleRows(`$${print.titleRows[0]}:$${print.titleRows[1]}`);
  page.setPrintArea(print.area);
  const hf = page.headersFooters.defaultForAllPages;
  hf.leftHeader = print.header.left;
  hf.centerHeader = print.header.center;
  hf.rightHeader = print.header.right;
  hf.leftFooter = print.footer.left;
  hf.centerFooter = print.footer.center;
  hf.rightFooter = print.footer.right;
}

/** Queues the metadata sheet (created fresh: the caller deletes an old one first). */
export function queueMeta(context: Excel.RequestContext, plan: SheetPlan): void {
  const meta = context.workbook.worksheets.add(META_SHEET);
  const range = meta.getRange(`A1:B${plan.meta.length}`);
  range.numberFormat = plan.meta.map(() => ["@", "@"]);
  range.values = plan.meta.map(([k, v]) => [k, v]);
  meta.visibility = "VeryHidden";
}
