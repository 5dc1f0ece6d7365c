/**
 * roster.xlsx: the live sheet for the review meeting, written with ExcelJS's streaming writer (Node) from the
 * pure workbook plan (sheets.ts). An adapter: every sheet, cell, formula and style is decided by the plan.
 * ExcelJS cannot write charts: the 汇总 sheet carries the chart's data (等次 / 单位数) but not the chart,
 * which the Office.js writer (src/excel/write-roster.ts) adds in Excel.
 */
import { Writable } from "node:stream";
import type ExcelJS from "exceljs";
// ExcelJS's streaming writer alone: the package's entry also loads its reader, CSV and in-memory model, which
// took 0.42 s against 0.13 s here, on the critical path of every consolidation. ExcelJS 4.4.0 (pinned) has no
// exports map; test/consolidate-xlsx.test.ts checks this is the class the entry exports.
import WorkbookWriter from "exceljs/lib/stream/xlsx/workbook-writer.js";
import { PRINT_MARGINS, SHEET_FONT } from "../layout/print";
import { parseAddr } from "../layout/a1";
import { ROSTER_STYLES, rosterSheets, type RosterCellStyle, type RosterStyleName, type RosterSheetPlan } from "./sheets";
import type { Consolidation } from "./types";

export { ROSTER_COLUMNS, ROSTER_ROWS, SETTINGS, SETTINGS_SHEET, rosterCol, rowFormulas, summaryFormulas } from "./sheets";

const PAPER_A4 = 9;
const THIN = { style: "thin" as const, color: { argb: "FF7F7F7F" } };

/**
 * A roster style as ExcelJS's style object. Every cell of one style is given the SAME object: ExcelJS then
 * knows the style by that object and skips serialising it again for each of a 10,000-unit roster's cells
 * (most of the writing time, and garbage, before). Nothing here mutates a cell's style after this.
 */
function excelStyle(s: RosterCellStyle): Partial<ExcelJS.Style> {
  return {
    font: { name: SHEET_FONT.name, size: s.size ?? SHEET_FONT.size, ...(s.bold ? { bold: true } : {}) },
    ...(s.fill ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: s.fill } } } : {}),
    ...(s.border ? { border: { top: THIN, left: THIN, bottom: THIN, right: THIN } } : {}),
    ...(s.hAlign || s.vAlign || s.wrap ? { alignment: { horizontal: s.hAlign, vertical: s.vAlign, wrapText: s.wrap } } : {}),
  };
}

/** Every cell of an A1 range ("E4:E41"). */
function* cellsOf(range: string): Generator<{ row: number; col: number }> {
  const [a, b = a] = range.split(":").map(parseAddr);
  for (let row = a.row; row <= b.row; row++) for (let col = a.col; col <= b.col; col++) yield { row, col };
}

/** Adds `value` to the list under `key`. */
function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, p: RosterSheetPlan, styles: Record<RosterStyleName, Partial<ExcelJS.Style>>): void {
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
  /** Validated cells by row: [column, rule]. */
  const validations = new Map<number, [number, ExcelJS.DataValidation][]>();
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
    for (const { row, col } of cellsOf(v.range)) addTo(validations, row, [col, rule]);
  }
  const heights = new Map(p.heights.map((h) => [h.row, h.height]));
  // The streaming writer takes rows in order and forgets each once committed: cells go row by row.
  const byRow = new Map<number, RosterSheetPlan["cells"]>();
  for (const c of p.cells) addTo(byRow, parseAddr(c.a).row, c);
  for (const r of [...validations.keys(), ...heights.keys()]) if (!byRow.has(r)) byRow.set(r, []);
  for (const r of [...byRow.keys()].sort((a, b) => a - b)) {
    const row = ws.getRow(r);
    const height = heights.get(r);
    if (height !== undefined) row.height = height;
    for (const c of byRow.get(r)!) {
      const cell = row.getCell(parseAddr(c.a).col);
      cell.value = c.f !== undefined ? ({ formula: c.f, date1904: false } as ExcelJS.CellFormulaValue) : (c.v ?? null);
      if (c.s) cell.style = styles[c.s];
    }
    for (const [col, rule] of validations.get(r) ?? []) row.getCell(col).dataValidation = rule;
    row.commit();
  }
  ws.commit();
}

/**
 * ExcelJS's streaming writer always writes `<calcPr calcId="171027"/>` (its model has no calcProperties to
 * set). Its workbook part goes through the zip's append: the flag asking every reader to recalculate on
 * open is added there (a test checks it is in the file, so a change in ExcelJS cannot drop it silently).
 */
const CALC_PR = '<calcPr calcId="171027"/>';
function recalculateOnLoad(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const zip = (wb as unknown as { zip: { append(source: unknown, options: { name: string }): unknown } }).zip;
  const append = zip.append.bind(zip);
  zip.append = (source, options) => {
    if (options.name !== "/xl/workbook.xml") return append(source, options);
    const xml = String(source);
    if (!xml.includes(CALC_PR)) throw new Error("roster.xlsx: ExcelJS wrote no calcPr as expected (has ExcelJS changed?)");
    return append(xml.replace(CALC_PR, '<calcPr calcId="171027" fullCalcOnLoad="1"/>'), options);
  };
}

/**
 * The roster as a live .xlsx for the review meeting. Written with ExcelJS's streaming writer, row by row:
 * a district of 10,000 returns writes a 290,000-cell workbook, which ExcelJS's in-memory model would hold
 * at about half a gigabyte.
 */
export async function rosterToXlsx(c: Consolidation): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const wb = new WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  wb.creator = "SafeScore";
  wb.created = new Date(0);
  wb.modified = new Date(0);
  // No cached results are written: every reader recalculates on open.
  recalculateOnLoad(wb);
  // One sheet planned at a time, and let go once written.
  const styles = Object.fromEntries(Object.entries(ROSTER_STYLES).map(([k, s]) => [k, excelStyle(s)])) as Record<RosterStyleName, Partial<ExcelJS.Style>>;
  for (const sheet of rosterSheets(c)) addSheet(wb, sheet, styles);
  await wb.commit();
  return new Uint8Array(Buffer.concat(chunks));
}
