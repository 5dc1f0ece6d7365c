/**
 * roster.xlsx written directly as SpreadsheetML and zipped by fflate as each part is produced: an adapter that
 * turns the pure workbook plan (sheets.ts) into bytes, making no decisions of its own.
 *
 * Why by hand rather than ExcelJS, which writes the returns' templates: its streaming writer runs only in Node
 * (node:stream) and took most of the time after reading in a consolidation (1,000 returns: ~0.4 s to write a
 * 30,000-cell roster), and its in-memory model — the one a browser can use — holds about half a gigabyte for a
 * district of 10,000 units. The roster needs little of the format: cells (numbers, text, formulas without cached
 * results), a dozen cell styles, widths, heights, merges, frozen panes, number validation and A4 print setup,
 * all written here in a few pages, in Node and in a browser alike.
 *
 * Text goes to the shared strings table and is never a formula: a unit named `=HYPERLINK(…)` stays text.
 * Characters XML 1.0 cannot carry (control characters, unpaired surrogates) are written as OOXML's _xHHHH_
 * escapes, and a literal "_xHHHH_" in a text has its underscore escaped, so every text reads back as it was.
 */
import { Zip, ZipDeflate, type ZipInputFile } from "fflate";
import { xstringEscape } from "../xlsx/xstring";
import { colLetter, parseAddr } from "../layout/a1";
import { PRINT_MARGINS, SHEET_FONT } from "../layout/print";
import type { RosterCell, RosterCellStyle, RosterSheetPlan, RosterStyleName } from "./sheets";
import { joinBytes } from "../xlsx/bytes";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PAPER_A4 = 9;
const BORDER_COLOR = "FF7F7F7F";
/** Parts are deflated at this level: roster.xlsx is written once, and level 6 costs twice level 1 for ~10% less. */
const LEVEL = 1;

/** A zip entry that deflates what is pushed into it: fflate's ZipDeflate, or Node's zlib (xlsx/deflate-node.ts). */
export type PartDeflater = (filename: string) => ZipInputFile & { push(chunk: Uint8Array, final: boolean): void };
const fflateDeflater: PartDeflater = (filename) => new ZipDeflate(filename, { level: LEVEL });

export interface SheetsToXlsxOptions {
  /** How each part is deflated (default: fflate, which runs anywhere). */
  deflater?: PartDeflater;
}
/** Text is handed to the deflater in pieces of up to this many bytes, encoded in runs of about RUN characters (addPart). */
const PIECE = 1024 * 1024;
const RUN = 16 * 1024;

// ---- text ------------------------------------------------------------------------------------------

/** Text for an element or a double-quoted attribute (native replaceAll per character: a callback per match costs more). */
const esc = (s: string) =>
  /[&<>"]/.test(s) ? s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;") : s;

/** A text as ST_Xstring (xstring.ts), then escaped for XML. */
const xstring = (s: string) => esc(xstringEscape(s));

/** A sheet name inside a formula or defined name: always quoted, a quote doubled. */
const quotedSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

// ---- styles ----------------------------------------------------------------------------------------

interface StyleTable {
  xml: string;
  /** cellXfs index of each plan style (0 is the default). */
  index: Record<RosterStyleName, number>;
}

function styleTable(styles: Record<RosterStyleName, RosterCellStyle>): StyleTable {
  const fonts: string[] = [`<font><sz val="${SHEET_FONT.size}"/><name val="${esc(SHEET_FONT.name)}"/><charset val="134"/></font>`];
  // The first two fills are reserved by the format (none, gray125).
  const fills: string[] = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  const borders: string[] = ["<border><left/><right/><top/><bottom/><diagonal/></border>"];
  const thin = `<color rgb="${BORDER_COLOR}"/>`;
  const THIN_BORDER = `<border><left style="thin">${thin}</left><right style="thin">${thin}</right><top style="thin">${thin}</top><bottom style="thin">${thin}</bottom><diagonal/></border>`;
  const indexOf = (list: string[], xml: string) => {
    const at = list.indexOf(xml);
    return at >= 0 ? at : list.push(xml) - 1;
  };
  const xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  const index = {} as Record<RosterStyleName, number>;
  for (const [name, s] of Object.entries(styles) as [RosterStyleName, RosterCellStyle][]) {
    const font = indexOf(fonts, `<font>${s.bold ? "<b/>" : ""}<sz val="${s.size ?? SHEET_FONT.size}"/><name val="${esc(SHEET_FONT.name)}"/><charset val="134"/></font>`);
    const fill = s.fill ? indexOf(fills, `<fill><patternFill patternType="solid"><fgColor rgb="${s.fill}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const border = s.border ? indexOf(borders, THIN_BORDER) : 0;
    const align = s.hAlign || s.vAlign || s.wrap
      ? `<alignment${s.hAlign ? ` horizontal="${s.hAlign}"` : ""}${s.vAlign ? ` vertical="center"` : ""}${s.wrap ? ' wrapText="1"' : ""}/>`
      : "";
    index[name] = xfs.push(
      `<xf numFmtId="0" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0" applyFont="1"${fill ? ' applyFill="1"' : ""}${border ? ' applyBorder="1"' : ""}${align ? ' applyAlignment="1">' + align + "</xf>" : "/>"}`,
    ) - 1;
  }
  const xml =
    `${DECL}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
    `<fonts count="${fonts.length}">${fonts.join("")}</fonts><fills count="${fills.length}">${fills.join("")}</fills>` +
    `<borders count="${borders.length}">${borders.join("")}</borders>` +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
  return { xml, index };
}

// ---- shared strings ------------------------------------------------------------------------------------

class SharedStrings {
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];
  count = 0;
  id(s: string): number {
    this.count++;
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.list.push(s) - 1;
      this.ids.set(s, id);
    }
    return id;
  }
  *xml(): Generator<string> {
    yield `${DECL}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.list.length}">`;
    // Leading/trailing spaces and line breaks are kept as typed.
    for (const s of this.list) yield `<si><t xml:space="preserve">${xstring(s)}</t></si>`;
    yield "</sst>";
  }
}

// ---- a sheet --------------------------------------------------------------------------------------------

function cellXml(c: RosterCell, col: number, row: number, styles: StyleTable, strings: SharedStrings): string {
  const ref = `${colLetter(col)}${row}`;
  const s = c.s ? ` s="${styles.index[c.s]}"` : "";
  // No cached result: the workbook asks every reader to calculate on open (calcPr fullCalcOnLoad).
  if (c.f !== undefined) return `<c r="${ref}"${s}><f>${esc(c.f)}</f></c>`;
  const v = c.v ?? null;
  if (typeof v === "number") return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : `<c r="${ref}"${s}/>`;
  if (typeof v === "string" && v !== "") return `<c r="${ref}"${s} t="s"><v>${strings.id(v)}</v></c>`;
  return `<c r="${ref}"${s}/>`;
}

/** The print titles of a sheet as a defined name's value: 'S'!$A:$A,'S'!$3:$3. */
function printTitles(p: RosterSheetPlan): string {
  const q = quotedSheet(p.name);
  const rows = p.print.titleRows.split(":").map((r) => `$${r}`).join(":");
  const cols = p.print.titleColumns ? p.print.titleColumns.split(":").map((c) => `$${c}`).join(":") : null;
  return (cols ? `${q}!${cols},` : "") + `${q}!${rows}`;
}

function* sheetXml(p: RosterSheetPlan, first: boolean, styles: StyleTable, strings: SharedStrings): Generator<string> {
  const pr = p.print;
  let pane = "";
  if (p.freeze && (p.freeze.rows || p.freeze.columns)) {
    const { rows, columns } = p.freeze;
    const active = rows && columns ? "bottomRight" : rows ? "bottomLeft" : "topRight";
    pane = `<pane${columns ? ` xSplit="${columns}"` : ""}${rows ? ` ySplit="${rows}"` : ""} topLeftCell="${colLetter(columns + 1)}${rows + 1}" activePane="${active}" state="frozen"/><selection pane="${active}"/>`;
  }
  yield `${DECL}<worksheet ${NS}><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<sheetViews><sheetView showGridLines="0"${first ? ' tabSelected="1"' : ""} workbookViewId="0">${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>';
  if (p.widths.length) yield `<cols>${p.widths.map((w, k) => `<col min="${k + 1}" max="${k + 1}" width="${w}" customWidth="1"/>`).join("")}</cols>`;

  // Rows in order, each row's cells by column (the plan lists them in any order). The body's rows are made one
  // at a time, as they are written.
  const byRow = new Map<number, { col: number; cell: RosterCell }[]>();
  const add = (cell: RosterCell) => {
    const { row, col } = parseAddr(cell.a);
    const list = byRow.get(row);
    if (list) list.push({ col, cell });
    else byRow.set(row, [{ col, cell }]);
  };
  for (const cell of p.cells) add(cell);
  const heights = new Map(p.heights.map((h) => [h.row, h.height]));
  const body = p.body;
  const inBody = (r: number) => body !== undefined && r >= body.first && r < body.first + body.count;
  const rows = new Set([...byRow.keys(), ...heights.keys()].filter((r) => !inBody(r)));
  if (body) for (let i = 0; i < body.count; i++) rows.add(body.first + i);
  yield "<sheetData>";
  for (const r of [...rows].sort((a, b) => a - b)) {
    if (inBody(r)) body!.cells(r - body!.first).forEach(add);
    const h = heights.get(r);
    let row = `<row r="${r}"${h !== undefined ? ` ht="${h}" customHeight="1"` : ""}>`;
    for (const { col, cell } of (byRow.get(r) ?? []).sort((a, b) => a.col - b.col)) row += cellXml(cell, col, r, styles, strings);
    byRow.delete(r);
    yield row + "</row>";
  }
  yield "</sheetData>";
  if (p.merges.length) yield `<mergeCells count="${p.merges.length}">${p.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
  if (p.validations.length) {
    yield `<dataValidations count="${p.validations.length}">` +
      p.validations.map((v) => `<dataValidation type="${v.type}" operator="between" allowBlank="1" showErrorMessage="1" errorTitle="${xstring(v.errorTitle)}" error="${xstring(v.error)}" sqref="${v.range.replace(/\$/g, "")}"><formula1>${v.min}</formula1><formula2>${v.max}</formula2></dataValidation>`).join("") +
      "</dataValidations>";
  }
  const m = PRINT_MARGINS;
  yield '<printOptions horizontalCentered="1"/>' +
    `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
    `<pageSetup paperSize="${PAPER_A4}" orientation="${pr.orientation}" fitToWidth="${pr.fitWidth}" fitToHeight="0"/>` +
    `<headerFooter><oddHeader>${xstring(`&L${pr.header}`)}</oddHeader><oddFooter>${xstring(`&C${pr.footer}`)}</oddFooter></headerFooter>` +
    "</worksheet>";
}

// ---- the workbook ---------------------------------------------------------------------------------------

/**
 * Writes generated text into the zip as one deflated part, gathered into pieces of about PIECE characters: the
 * generators yield a row or a shared string at a time, and a deflater called per tiny text would start a zlib
 * stream each time (Node's holds a few hundred KB outside the JS heap until collected).
 */
function addPart(zip: Zip, deflater: PartDeflater, name: string, texts: Iterable<string>): void {
  const file = deflater(name);
  zip.add(file);
  const encoder = new TextEncoder();
  // Texts are joined into runs of some thousand characters, each encoded straight into the piece (encodeInto: no
  // array per run; encoding each text apart cost more in calls than it saved).
  let piece = new Uint8Array(PIECE);
  let used = 0;
  let run = "";
  const encode = () => {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (used + 3 * run.length > piece.length) {
      if (used > 0) file.push(piece.subarray(0, used), false);
      piece = new Uint8Array(Math.max(PIECE, 3 * run.length));
      used = 0;
    }
    used += encoder.encodeInto(run, piece.subarray(used)).written;
    run = "";
  };
  for (const t of texts) {
    run += t;
    if (run.length >= RUN) encode();
  }
  encode();
  file.push(piece.subarray(0, used), true);
}

/**
 * The plan's sheets → .xlsx bytes. Sheets are taken one at a time from the iterable and let go once written;
 * formulas carry no cached results and the workbook asks every reader to recalculate on open.
 */
export function sheetsToXlsx(sheets: Iterable<RosterSheetPlan>, styleDefs: Record<RosterStyleName, RosterCellStyle>, options: SheetsToXlsxOptions = {}): Uint8Array {
  const deflater = options.deflater ?? fflateDeflater;
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else chunks.push(data);
  });
  const styles = styleTable(styleDefs);
  const strings = new SharedStrings();
  const names: { name: string; titles: string; area: string }[] = [];
  let n = 0;
  for (const p of sheets) {
    n++;
    addPart(zip, deflater, `xl/worksheets/sheet${n}.xml`, sheetXml(p, n === 1, styles, strings));
    names.push({ name: p.name, titles: printTitles(p), area: `${quotedSheet(p.name)}!${p.print.area}` });
  }
  const sheetIds = names.map((_, k) => k + 1);
  addPart(zip, deflater, "[Content_Types].xml", [
    `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheetIds.map((k) => `<Override PartName="/xl/worksheets/sheet${k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      "</Types>",
  ]);
  addPart(zip, deflater, "_rels/.rels", [
    `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      "</Relationships>",
  ]);
  addPart(zip, deflater, "docProps/core.xml", [
    `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
      "<dc:creator>SafeScore</dc:creator></cp:coreProperties>",
  ]);
  addPart(zip, deflater, "xl/_rels/workbook.xml.rels", [
    `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      sheetIds.map((k) => `<Relationship Id="rId${k}" Type="${REL}/worksheet" Target="worksheets/sheet${k}.xml"/>`).join("") +
      `<Relationship Id="rId${names.length + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${names.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
      "</Relationships>",
  ]);
  addPart(zip, deflater, "xl/workbook.xml", [
    `${DECL}<workbook ${NS}><workbookPr/><bookViews><workbookView/></bookViews><sheets>` +
      names.map((s, k) => `<sheet name="${xstring(s.name)}" sheetId="${k + 1}" r:id="rId${k + 1}"/>`).join("") +
      "</sheets><definedNames>" +
      names.map((s, k) => `<definedName name="_xlnm.Print_Titles" localSheetId="${k}">${esc(s.titles)}</definedName><definedName name="_xlnm.Print_Area" localSheetId="${k}">${esc(s.area)}</definedName>`).join("") +
      // No cached results anywhere: every reader calculates the formulas when it opens the file.
      '</definedNames><calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>',
  ]);
  addPart(zip, deflater, "xl/styles.xml", [styles.xml]);
  addPart(zip, deflater, "xl/sharedStrings.xml", strings.xml());
  zip.end();
  if (failure) throw failure;
  return joinBytes(chunks);
}
