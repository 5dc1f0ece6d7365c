/**
 * A returned workbook → WorkbookGrid, without ExcelJS: a bounded reader for untrusted .xlsx files, made to
 * read thousands of returns in seconds.
 *
 * Returns come from anyone, so nothing the file says about itself is trusted. The zip is read by its central
 * directory (zip-read.ts) and only the parts a grid needs are inflated — the workbook, its relationships, the
 * shared strings and the worksheets the workbook names — each counted as it inflates, so a zip bomb stops at
 * the limit whatever sizes its headers declare. Their XML goes through a strict scanner (xml-scan.ts) — no
 * DOM, no DOCTYPE, no entities — that hands out positions: a cell's address is parsed where it stands, and a
 * formula the thread has already read at that address is recognised by comparing its bytes, not decoded again
 * (every return of a table carries the same few hundred formulas). Ranges the file declares (merges, column
 * widths, validations, dimensions, shared-formula refs) are never expanded into cells: merges are only
 * counted, the rest are ignored, so a range over the whole sheet costs what its few bytes cost.
 *
 * Every failure is a WorkbookError("damaged") with a one-line bilingual message naming the part.
 */
import type { GridCell, SheetGrid, WorkbookGrid } from "../layout/grid";
import type { CellValue } from "../layout/types";
import { WorkbookError } from "../layout/format";
import { colLetter } from "../layout/a1";
import { MAX_COL, MAX_ROW, shiftFormula } from "./formula-shift";
import { DONE, OPEN, TEXT, XmlDepthError, XmlPull, XmlSyntaxError, scanXml, type XmlEvents, type XmlSource } from "./xml-scan";
import { codec } from "./codec";
import { xstringText } from "./xstring";
import { mb, MiB, readEntry, ZipError, zipEntries, type ZipEntry } from "./zip-read";

export interface ReadLimits {
  /** Entries in the zip (the central directory's, and the count the end record claims). */
  maxEntries: number;
  /** Decompressed bytes of any one part we read. */
  maxEntryBytes: number;
  /** Decompressed bytes of all parts we read together. */
  maxTotalBytes: number;
  /** Cells (<c> elements and <row> elements, all sheets together), and separately shared strings. */
  maxCells: number;
  /** Merged ranges, all sheets together. */
  maxMerges: number;
  maxSheets: number;
  /** Characters of one formula (Excel's own limit is 8192). */
  maxFormulaLength: number;
}

/**
 * Defaults: the largest shipped table (the complete county2023) inflates to about 1 MB (its sheet 0.85 MB, its
 * shared strings 0.13 MB), so these leave more than ten times that for other programs' verbosity while
 * keeping the worst case small: a part is inflated whole, so a bomb costs at most a part's limit in memory
 * before it is refused, and scanning every byte allowed takes well under a second.
 */
export const DEFAULT_LIMITS: ReadLimits = {
  maxEntries: 2000,
  maxEntryBytes: 16 * MiB,
  maxTotalBytes: 32 * MiB,
  maxCells: 2_000_000,
  maxMerges: 10_000,
  maxSheets: 255,
  maxFormulaLength: 8192,
};

/** OOXML parts nest a dozen levels at most; a deeper file is hostile. */
const MAX_DEPTH = 64;

const damaged = (zh: string, en: string) => new WorkbookError("damaged", `${zh} / ${en}`.replace(/\s*[\r\n]+\s*/g, " "));

/** The zip reader's refusals as the reader's: a damaged workbook, with the zip's one line. */
function zipRead<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw e instanceof ZipError ? new WorkbookError("damaged", e.message) : e;
  }
}

// ---------------------------------------------------------------------------------------------- parts

/** The parts of a zip, by lower-case name (part names are case-insensitive in OPC). */
class Parts {
  private readonly byName = new Map<string, ZipEntry>();
  private total = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ReadLimits,
  ) {
    for (const e of zipRead(() => zipEntries(bytes, limits.maxEntries))) {
      const key = e.name.toLowerCase();
      // A repeated part would let one file say two things.
      if (this.byName.has(key)) throw damaged(`压缩包内 ${e.name} 重复出现`, `${e.name} appears twice in the zip`);
      this.byName.set(key, e);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** A part's bytes, inflated within the part and total limits; null when the zip has no such part. */
  read(name: string): { name: string; bytes: Uint8Array } | null {
    const e = this.byName.get(name);
    if (!e) return null;
    const { maxEntryBytes, maxTotalBytes } = this.limits;
    const left = maxTotalBytes - this.total;
    const tooLarge = () =>
      left < maxEntryBytes
        ? damaged(`文件过大或为压缩炸弹（解压后超过 ${mb(maxTotalBytes)}）`, `the file inflates beyond ${mb(maxTotalBytes)} (zip bomb?)`)
        : damaged(`${e.name} 过大或为压缩炸弹（解压后超过 ${mb(maxEntryBytes)}）`, `${e.name} inflates beyond ${mb(maxEntryBytes)} (zip bomb?)`);
    const bytes = zipRead(() => readEntry(this.bytes, e, Math.min(maxEntryBytes, left), tooLarge));
    this.total += bytes.length;
    return { name: e.name, bytes };
  }
}

/** Scans a part's XML with `read`, turning the scanner's errors into one line naming the part. */
function scanPart(part: { name: string; bytes: Uint8Array }, read: (source: XmlSource) => void): void {
  const name = part.name;
  const source = codec().xml(part.bytes);
  if (!source) throw damaged(`${name}：不是有效的 UTF-8 文本`, `${name}: not valid UTF-8 text`);
  try {
    read(source);
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    if (e instanceof XmlDepthError) throw damaged(`${name} 的 XML 嵌套过深（超过 ${MAX_DEPTH} 层）`, `${name}: XML nested deeper than ${MAX_DEPTH} levels`);
    if (e instanceof XmlSyntaxError) {
      const [zh, en = zh] = e.message.split(" / ");
      if (/DOCTYPE/.test(e.message)) throw damaged(`${name} 含有 DOCTYPE（不允许的实体声明）`, `${name} has a DOCTYPE (entity declarations are not allowed)`);
      throw damaged(`${name} 第 ${e.line} 行：XML 格式错误（${zh}）`, `${name} line ${e.line}: malformed XML (${en})`);
    }
    throw e;
  }
}

/**
 * One part of a zip (a Word document's, the importer's) as string events, within `limits`; false when the
 * zip has no such part. Failures are WorkbookError("damaged") lines naming the part.
 */
export function readXmlPart(bytes: Uint8Array, limits: ReadLimits, name: string, events: XmlEvents): boolean {
  const part = new Parts(bytes, limits).read(name.toLowerCase());
  if (!part) return false;
  scanPart(part, (source) => scanXml(source, events, MAX_DEPTH));
  return true;
}

const isTrue = (v: string | undefined) => v === "1" || v === "true";

// ---------------------------------------------------------------------------------------------- the workbook

interface SheetEntry {
  name: string;
  state: SheetGrid["state"];
  rid: string;
}

function readWorkbookPart(x: XmlPull, sheets: SheetEntry[], limits: ReadLimits): void {
  for (let k = x.next(); k !== DONE; k = x.next()) {
    if (k !== OPEN || !x.is("sheet")) continue;
    if (sheets.length >= limits.maxSheets) throw damaged(`工作表过多（超过 ${limits.maxSheets} 个）`, `more than ${limits.maxSheets} sheets`);
    // The relationship id is r:id, whatever prefix the file gives the relationships namespace.
    const id = x.prefixedAttr("id");
    const given = x.valueOf("state");
    const state = given === "hidden" || given === "veryHidden" ? given : "visible";
    sheets.push({ name: x.valueOf("name") ?? "", state, rid: id < 0 ? "" : x.value(id) });
  }
}

interface Rel {
  type: string;
  target: string;
}

function readRelsPart(x: XmlPull, rels: Map<string, Rel>, limits: ReadLimits): void {
  for (let k = x.next(); k !== DONE; k = x.next()) {
    if (k !== OPEN || !x.is("Relationship")) continue;
    if (rels.size >= limits.maxEntries) throw damaged("xl/_rels/workbook.xml.rels 的关系过多", "xl/_rels/workbook.xml.rels lists too many relationships");
    rels.set(x.valueOf("Id") ?? "", { type: x.valueOf("Type") ?? "", target: x.valueOf("Target") ?? "" });
  }
}

// ---------------------------------------------------------------------------------------------- shared strings

/** Characters each of the thread's caches of texts read (shared strings, formulas) may hold: a few MB, whatever the files. */
const CACHE_MAX_CHARS = 4_000_000;
/** Shared strings numbered beyond this are not cached (a table has a few hundred). */
const CACHE_MAX_STRINGS = 100_000;

/**
 * Texts already read by this thread, by shared string number: the first text of the string as written and as
 * read. Returns of one table share most of their strings, in the same order up to the first the unit typed:
 * such a text is recognised by its bytes instead of being decoded again. Bounded like the formula cache.
 */
const stringCache: ({ raw: string; text: string } | undefined)[] = [];
let stringCacheChars = 0;

/** The current text, the first of shared string `index`, through the cache. */
function firstStringText(x: XmlPull, index: number): string {
  const known = stringCache[index];
  if (known && x.textIsRaw(known.raw)) return known.text;
  const raw = x.rawText();
  const text = x.text();
  if (stringCacheChars + raw.length + text.length > CACHE_MAX_CHARS) {
    stringCache.length = 0;
    stringCacheChars = 0;
  }
  if (index < CACHE_MAX_STRINGS) {
    stringCache[index] = { raw, text };
    stringCacheChars += raw.length + text.length;
  }
  return text;
}

/** Shared strings: <si><t>…</t></si> or rich text <si><r><t>…</t></r>…</si>; phonetic runs (<rPh>) left out. */
function readSharedStrings(x: XmlPull, strings: string[], limits: ReadLimits): void {
  let current: string | null = null;
  let inT = false;
  let inPhonetic = 0;
  for (let k = x.next(); k !== DONE; k = x.next()) {
    if (k === TEXT) {
      if (current !== null && inT && inPhonetic === 0) current = current === "" ? firstStringText(x, strings.length) : current + x.text();
    } else if (k === OPEN) {
      if (x.is("si")) {
        if (strings.length >= limits.maxCells) throw damaged(`共享字符串过多（超过 ${limits.maxCells} 个）`, `more than ${limits.maxCells} shared strings`);
        current = "";
      } else if (x.is("rPh")) inPhonetic++;
      else if (x.is("t")) inT = true;
    } else {
      if (x.is("si") && current !== null) {
        strings.push(xstringText(current));
        current = null;
      } else if (x.is("rPh")) inPhonetic--;
      else if (x.is("t")) inT = false;
    }
  }
}

// ---------------------------------------------------------------------------------------------- worksheets

/** A worksheet as parsed, before shared strings and shared formulas are resolved. */
interface ParsedSheet {
  cells: Map<string, GridCell>;
  /** Each stored cell's address, row and column, in the order read (address, row, col, address, …): for dropMergedInto, without parsing the addresses again. */
  at: (string | number)[];
  hiddenRows: Set<number>;
  merges: { top: number; left: number; bottom: number; right: number }[];
  /** Cells whose value is a shared string, and that string's number (two arrays: no object per cell). */
  sharedCells: GridCell[];
  sharedIndexes: number[];
  /** Cells whose formula is shared formula `si`, at (row, col). */
  sharedFormulas: { cell: GridCell; si: string; row: number; col: number }[];
  masters: Map<string, { formula: string; row: number; col: number }>;
}

/** Counters shared by all sheets of one workbook. */
interface Budget {
  cells: number;
  merges: number;
}

/**
 * parseRef's result, in variables rather than a new object: it runs for every cell of every return.
 * `refCanonical` tells whether the text was already the address as the reader keys it ("B12": upper-case
 * letters, no "$", no leading zero), so the text itself can be the key.
 */
let refCol = 0;
let refRow = 0;
let refCanonical = false;

/** Reads an A1 cell reference ("B12", "$b$12") at [from, to) of `at(i)`'s text into refCol/refRow; false when it is not one on a sheet. */
function parseRef(at: (i: number) => number, from: number, to: number): boolean {
  let i = from;
  let canonical = true;
  if (at(i) === 36 /* $ */) {
    i++;
    canonical = false;
  }
  let col = 0;
  const lettersFrom = i;
  for (; i < to && i - lettersFrom < 3; i++) {
    const ch = at(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) {
      col = col * 26 + ch - 96;
      canonical = false;
    } else break;
  }
  if (i === lettersFrom) return false;
  if (i < to && at(i) === 36) {
    i++;
    canonical = false;
  }
  const digitsFrom = i;
  let row = 0;
  for (; i < to; i++) {
    const ch = at(i);
    if (ch < 48 || ch > 57) return false;
    row = row * 10 + ch - 48;
    if (row > MAX_ROW) return false;
  }
  if (i === digitsFrom) return false;
  if (at(digitsFrom) === 48) canonical = false;
  refCol = col;
  refRow = row;
  refCanonical = canonical;
  return col <= MAX_COL && row >= 1 && row <= MAX_ROW;
}

const stringAt = (s: string) => (i: number) => s.charCodeAt(i);

/**
 * Formulas already read by this thread, by cell (row × 2^14 + column): the formula as written and as read.
 * Every return of a table carries the same formulas in the same cells, so a formula is decoded once, and
 * afterwards recognised by comparing its bytes with what was written there last time — no string is made, and
 * the reader's comparison with the plan's formula finds the very same string. Bounded: cleared when full.
 */
const formulaCache = new Map<number, { raw: string; formula: string }>();
/** Shorter formulas are read directly: comparing saves nothing. */
const FORMULA_CACHE_MIN_LENGTH = 32;
let formulaCacheChars = 0;

/** The formula text of the current TEXT token (in an <f> at row, col), through the cache. */
function formulaText(x: XmlPull, row: number, col: number): string {
  if (x.rawTextLength < FORMULA_CACHE_MIN_LENGTH || row >= 1 << 16) return x.text();
  const key = row * MAX_COL + col;
  const known = formulaCache.get(key);
  if (known && x.textIsRaw(known.raw)) return known.formula;
  const raw = x.rawText();
  const formula = x.text();
  if (formulaCacheChars + raw.length + formula.length > CACHE_MAX_CHARS) {
    formulaCache.clear();
    formulaCacheChars = 0;
  }
  formulaCache.set(key, { raw, formula });
  formulaCacheChars += raw.length + formula.length;
  return formula;
}

/** Cell types (the t attribute), as numbers. */
const T_NUMBER = 0;
const T_SHARED = 1;
const T_BOOL = 2;
const T_ERROR = 3;
const T_STRING = 4; // "str" (a formula's text result) and "d" (a date as text)
const T_INLINE = 5;

function cellType(x: XmlPull, k: number): number {
  if (k < 0) return T_NUMBER;
  if (x.valueTo(k) - x.valueFrom(k) === 1) {
    const c = x.charAt(x.valueFrom(k));
    return c === 115 /* s */ ? T_SHARED : c === 98 /* b */ ? T_BOOL : c === 101 /* e */ ? T_ERROR : c === 100 /* d */ ? T_STRING : T_NUMBER;
  }
  const t = x.value(k);
  return t === "str" ? T_STRING : t === "inlineStr" ? T_INLINE : t === "s" ? T_SHARED : t === "b" ? T_BOOL : t === "e" ? T_ERROR : t === "d" ? T_STRING : T_NUMBER;
}

const tooManyCells = (limits: ReadLimits) => damaged(`单元格过多（超过 ${limits.maxCells} 个）`, `more than ${limits.maxCells} cells`);

function readSheet(x: XmlPull, part: string, out: ParsedSheet, budget: Budget, limits: ReadLimits, at: (i: number) => number): void {
  let row = 0; // current row (1-based), 0 before the first <row>
  let col = 0; // column of the previous cell in this row
  // The cell being read, in variables rather than an object per cell.
  let inCell = false;
  let cRow = 0;
  let cCol = 0;
  let cKey = "";
  let cType = T_NUMBER;
  let hasF = false; // an <f> element, with its t, si and text
  let fShared = false;
  let fSi: string | undefined;
  let fText: string | undefined;
  let cValue: string | undefined; // <v>
  let cInline: string | undefined; // <is>, inline string
  let text = 0; // what the current text is: 0 nothing we read, 1 <v>, 2 <f>, 3 <t> of an inline string
  let buf = "";
  let inPhonetic = 0;
  const where = (r: number, k: number) => `${part} ${colLetter(k)}${r}`;
  const formulaTooLong = () =>
    damaged(`${where(cRow, cCol)}：公式过长（超过 ${limits.maxFormulaLength} 个字符）`, `${colLetter(cCol)}${cRow}: formula longer than ${limits.maxFormulaLength} characters`);

  const cellDone = () => {
    inCell = false;
    const v = cValue;
    // A cell with neither a value nor a formula (a styled blank: four in ten of a table's cells) holds nothing.
    if (v === undefined && !hasF && cInline === undefined) return;
    let value: CellValue = null;
    let error = false;
    let sharedIndex = -1;
    switch (cType) {
      case T_SHARED:
        if (v !== undefined && v.trim() !== "") {
          sharedIndex = Number(v);
          if (!Number.isInteger(sharedIndex) || sharedIndex < 0) throw damaged(`${where(cRow, cCol)}：共享字符串编号“${v}”无效`, `${cKey}: invalid shared string index "${v}"`);
        }
        break;
      case T_BOOL:
        value = v === undefined ? null : isTrue(v.trim());
        break;
      case T_ERROR:
        value = v ?? null;
        error = v !== undefined;
        break;
      case T_STRING:
        value = v ?? null;
        break;
      case T_INLINE:
        value = cInline !== undefined ? xstringText(cInline) : (v ?? null);
        break;
      default:
        value = v === undefined || v.trim() === "" ? null : Number(v);
        if (value !== null && !Number.isFinite(value)) throw damaged(`${where(cRow, cCol)}：数值“${String(v).slice(0, 20)}”无效`, `${cKey}: invalid number "${String(v).slice(0, 20)}"`);
    }
    const formula = (hasF && fText) || "";
    // A shared formula's dependent (no text) is translated from its master once the sheet is read.
    const dependent = hasF && fShared && fSi !== undefined && formula === "";
    if (formula === "" && !dependent && value === null && sharedIndex < 0) return;
    // Each kind of cell made whole at once (a property added later would give the object a second shape).
    let cell: GridCell;
    if (formula === "" && !dependent) cell = error ? { value, error } : { value };
    else cell = error ? { value, error, formula } : { value, formula };
    if (hasF && fShared && fSi !== undefined) {
      if (dependent) out.sharedFormulas.push({ cell, si: fSi, row: cRow, col: cCol });
      else out.masters.set(fSi, { formula, row: cRow, col: cCol });
    }
    if (sharedIndex >= 0) {
      out.sharedCells.push(cell);
      out.sharedIndexes.push(sharedIndex);
    }
    out.cells.set(cKey, cell);
    out.at.push(cKey, cRow, cCol);
  };

  for (let k = x.next(); k !== DONE; k = x.next()) {
    if (k === TEXT) {
      if (text === 0) continue;
      if (text === 2) {
        // A formula is one text in all but contrived files; through the cache when it is.
        buf = buf === "" ? formulaText(x, cRow, cCol) : buf + x.text();
        // Stop a formula early rather than after collecting megabytes of it.
        if (buf.length > limits.maxFormulaLength) throw formulaTooLong();
      } else buf += x.text();
      continue;
    }
    // Elements by their local name's length and first letter, then compared whole where two could share them.
    const length = x.localLength;
    const first = x.localFirst;
    if (k === OPEN) {
      if (length === 1) {
        if (first === 99 /* c */) {
          if (++budget.cells > limits.maxCells) throw tooManyCells(limits);
          const r = x.attr("r");
          let ok: boolean;
          let key: string | undefined;
          if (r < 0) {
            refRow = Math.max(row, 1);
            refCol = col + 1;
            ok = refCol <= MAX_COL;
          } else {
            // In place, without a string; a reference (&#66;12) or anything unusual is read as its decoded text.
            ok = parseRef(at, x.valueFrom(r), x.valueTo(r));
            if (ok && refCanonical) key = x.valueRaw(r);
            else if (!ok) {
              const given = x.value(r);
              ok = parseRef(stringAt(given), 0, given.length);
              if (ok && refCanonical) key = given;
            }
          }
          if (!ok) {
            const given = r < 0 ? "" : x.value(r);
            throw damaged(`${part} 第 ${row} 行：单元格地址“${given}”无效`, `${part} row ${row}: invalid cell address "${given}"`);
          }
          col = refCol;
          inCell = true;
          cRow = refRow;
          cCol = refCol;
          cKey = key ?? `${colLetter(refCol)}${refRow}`;
          cType = cellType(x, x.attr("t"));
          hasF = false;
          fShared = false;
          fSi = fText = cValue = cInline = undefined;
        } else if (first === 118 /* v */) {
          if (inCell) {
            text = 1;
            buf = "";
          }
        } else if (first === 102 /* f */) {
          if (inCell) {
            hasF = true;
            const t = x.attr("t");
            fShared = t >= 0 && x.valueIs(t, "shared");
            fSi = x.valueOf("si");
            fText = undefined;
            text = 2;
            buf = "";
          }
        } else if (first === 116 /* t */) {
          if (inCell && cInline !== undefined && inPhonetic === 0) {
            text = 3;
            buf = "";
          }
        }
      } else if (length === 3 && x.is("row")) {
        if (++budget.cells > limits.maxCells) throw tooManyCells(limits);
        const given = x.valueOf("r");
        const r = given === undefined ? row + 1 : Number(given);
        if (!Number.isInteger(r) || r < 1 || r > MAX_ROW) throw damaged(`${part}：行号“${given ?? r}”无效`, `${part}: invalid row number "${given ?? r}"`);
        row = r;
        col = 0;
        const ht = x.valueOf("ht");
        if (isTrue(x.valueOf("hidden")) || (Number(ht) === 0 && ht !== undefined && isTrue(x.valueOf("customHeight")))) out.hiddenRows.add(r);
      } else if (length === 2 && x.is("is")) {
        if (inCell) cInline = "";
      } else if (length === 3 && x.is("rPh")) inPhonetic++;
      else if (length === 9 && x.is("mergeCell")) {
        if (++budget.merges > limits.maxMerges) throw damaged(`合并单元格过多（超过 ${limits.maxMerges} 个）`, `more than ${limits.maxMerges} merged ranges`);
        const ref = x.valueOf("ref") ?? "";
        const colon = ref.indexOf(":");
        const from = colon < 0 ? ref : ref.slice(0, colon);
        const to = colon < 0 ? ref : ref.slice(colon + 1);
        if (!parseRef(stringAt(from), 0, from.length)) continue;
        const [r1, c1] = [refRow, refCol];
        if (!parseRef(stringAt(to), 0, to.length)) continue;
        out.merges.push({ top: Math.min(r1, refRow), left: Math.min(c1, refCol), bottom: Math.max(r1, refRow), right: Math.max(c1, refCol) });
      }
      continue;
    }
    // CLOSE
    if (length === 1) {
      if (first === 99 /* c */) {
        if (inCell) cellDone();
      } else if (first === 118 /* v */) {
        if (inCell && text === 1) cValue = buf;
        text = 0;
      } else if (first === 102 /* f */) {
        if (inCell && hasF && text === 2) {
          if (buf.length > limits.maxFormulaLength) throw formulaTooLong();
          fText = buf;
        }
        text = 0;
      } else if (first === 116 /* t */) {
        if (inCell && text === 3) cInline = (cInline ?? "") + buf;
        text = 0;
      }
    } else if (length === 3 && x.is("rPh")) inPhonetic--;
  }
}

// ---------------------------------------------------------------------------------------------- resolving

/**
 * Drops the cells hidden under a merge (all but its top-left cell), as Excel shows them, without expanding
 * a merge into its cells: a sweep down the rows with a Fenwick tree over the columns counting the merges
 * open at each column, so cost is (cells + merges) × log(columns) however large the ranges are.
 */
function dropMergedInto(cells: Map<string, GridCell>, at: ParsedSheet["at"], merges: ParsedSheet["merges"]): void {
  if (merges.length === 0 || cells.size === 0) return;
  const tree = new Int32Array(MAX_COL + 2);
  const add = (i: number, d: number) => {
    for (; i <= MAX_COL + 1; i += i & -i) tree[i] += d;
  };
  const coverAt = (i: number) => {
    let s = 0;
    for (; i > 0; i -= i & -i) s += tree[i];
    return s;
  };
  // A merge's top-left cell as one number (row × 2^15 + column: columns stop at 16,384).
  const cellId = (row: number, col: number) => row * 32768 + col;
  const masters = new Set(merges.map((m) => cellId(m.top, m.left)));
  const opening = [...merges].sort((a, b) => a.top - b.top);
  const closing = [...merges].sort((a, b) => a.bottom - b.bottom);
  // The cells in row order, as offsets into `at`: rows come in order in every file a spreadsheet writes,
  // so sort only when they do not.
  const order: number[] = [];
  let sorted = true;
  for (let i = 0; i < at.length; i += 3) {
    if (i > 0 && (at[i + 1] as number) < (at[i - 2] as number)) sorted = false;
    order.push(i);
  }
  if (!sorted) order.sort((x, y) => (at[x + 1] as number) - (at[y + 1] as number));
  let o = 0;
  let k = 0;
  for (const i of order) {
    const row = at[i + 1] as number;
    const col = at[i + 2] as number;
    while (o < opening.length && opening[o].top <= row) {
      add(opening[o].left, 1);
      add(opening[o].right + 1, -1);
      o++;
    }
    while (k < closing.length && closing[k].bottom < row) {
      add(closing[k].left, -1);
      add(closing[k].right + 1, 1);
      k++;
    }
    const cover = coverAt(col);
    if (cover > 1 || (cover === 1 && !masters.has(cellId(row, col)))) cells.delete(at[i] as string);
  }
}

function resolveSheet(part: string, sheet: ParsedSheet, strings: string[], limits: ReadLimits): void {
  for (let k = 0; k < sheet.sharedCells.length; k++) {
    const cell = sheet.sharedCells[k];
    const index = sheet.sharedIndexes[k];
    if (index >= strings.length) throw damaged(`${part} 引用了不存在的共享字符串 ${index}`, `${part} refers to shared string ${index}, which does not exist`);
    cell.value = strings[index];
  }
  for (const dep of sheet.sharedFormulas) {
    const master = sheet.masters.get(dep.si);
    if (!master) throw damaged(`${part} ${colLetter(dep.col)}${dep.row}：共享公式 ${dep.si} 缺少主公式`, `${part} ${colLetter(dep.col)}${dep.row}: shared formula ${dep.si} has no master`);
    const formula = shiftFormula(master.formula, dep.row - master.row, dep.col - master.col);
    if (formula.length > limits.maxFormulaLength) throw damaged(`${part}：公式过长`, `${part}: formula longer than ${limits.maxFormulaLength} characters`);
    dep.cell.formula = formula;
  }
  dropMergedInto(sheet.cells, sheet.at, sheet.merges);
}

/** "worksheets/sheet1.xml" (relative to xl/) or "/xl/worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml". */
function partName(target: string): string {
  const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/").toLowerCase();
}

const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

// ---------------------------------------------------------------------------------------------- entry point

function read(bytes: Uint8Array, limits: ReadLimits): WorkbookGrid {
  const parts = new Parts(bytes, limits);
  const workbook = parts.read("xl/workbook.xml");
  if (!workbook) throw damaged("缺少 xl/workbook.xml（不是完整的 .xlsx 工作簿）", "xl/workbook.xml is missing (not a complete .xlsx workbook)");
  const entries: SheetEntry[] = [];
  scanPart(workbook, (source) => readWorkbookPart(new XmlPull(source, MAX_DEPTH), entries, limits));
  const rels = new Map<string, Rel>();
  const relsPart = parts.read("xl/_rels/workbook.xml.rels");
  if (relsPart) scanPart(relsPart, (source) => readRelsPart(new XmlPull(source, MAX_DEPTH), rels, limits));
  else if (entries.length > 0) throw damaged("缺少 xl/_rels/workbook.xml.rels", "xl/_rels/workbook.xml.rels is missing");
  const strings: string[] = [];
  const sst = parts.read("xl/sharedstrings.xml");
  if (sst) scanPart(sst, (source) => readSharedStrings(new XmlPull(source, MAX_DEPTH), strings, limits));

  const budget: Budget = { cells: 0, merges: 0 };
  const parsed = new Map<string, ParsedSheet>();
  const sheets: SheetGrid[] = [];
  for (const entry of entries) {
    const rel = rels.get(entry.rid);
    if (!rel) throw damaged(`工作表“${entry.name}”的关系 ${entry.rid || "（空）"} 不存在`, `sheet "${entry.name}": relationship ${entry.rid || "(none)"} not found`);
    // Chart sheets and dialog sheets hold no cells.
    if (!/\/worksheet$/.test(rel.type)) continue;
    const name = partName(rel.target);
    let sheet = parsed.get(name);
    if (!sheet) {
      const part = WORKSHEET_PART.test(name) ? parts.read(name) : null;
      if (!part) throw damaged(`工作表“${entry.name}”的内容 ${rel.target} 不存在`, `sheet "${entry.name}": part ${rel.target} not found`);
      const read: ParsedSheet = { cells: new Map(), at: [], hiddenRows: new Set(), merges: [], sharedCells: [], sharedIndexes: [], sharedFormulas: [], masters: new Map() };
      scanPart(part, (source) => readSheet(new XmlPull(source, MAX_DEPTH), part.name, read, budget, limits, stringAt(source.text)));
      resolveSheet(name, read, strings, limits);
      parsed.set(name, (sheet = read));
    }
    sheets.push({ name: entry.name, state: entry.state, cells: sheet.cells, hiddenRows: sheet.hiddenRows });
  }
  return { sheets };
}

/** Reads a returned .xlsx into a grid within `limits`; any failure is a WorkbookError("damaged"). */
export function readXlsxGrid(bytes: Uint8Array, limits: Partial<ReadLimits> = {}): WorkbookGrid {
  const all: ReadLimits = { ...DEFAULT_LIMITS, ...limits };
  try {
    return read(bytes, all);
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    // Anything else is a bug or an unforeseen malformation; either way the file could not be read.
    const why = e instanceof Error ? e.message : String(e);
    throw damaged(`文件已损坏，无法作为 .xlsx 读取（${why}）`, `the file is damaged: ${why}`);
  }
}
