/**
 * A returned workbook → WorkbookGrid, without ExcelJS: a bounded, streaming reader for untrusted .xlsx files.
 *
 * Returns come from anyone, so nothing the file says about itself is trusted. The zip is read piece by
 * piece (fflate's Unzip) and every byte that comes out of the inflater is counted, so a zip bomb stops at
 * the limit, whatever sizes its headers declare. Only the four kinds of part a grid needs are inflated:
 * the workbook, its relationships, the shared strings and the worksheets. Their XML goes straight into a
 * strict streaming scanner (xml-scan.ts) — no DOM, no DOCTYPE, no entities. Ranges the file declares (merges, column widths,
 * validations, dimensions, shared-formula refs) are never expanded into cells: merges are only counted,
 * the rest are ignored, so a range over the whole sheet costs what its few bytes cost.
 *
 * Every failure is a WorkbookError("damaged") with a one-line bilingual message naming the part.
 */
import { Unzip, UnzipInflate, type UnzipDecoderConstructor, type UnzipFile } from "fflate";
import type { GridCell, SheetGrid, WorkbookGrid } from "../layout/grid";
import { WorkbookError } from "../layout/format";
import { colLetter } from "../layout/a1";
import { MAX_COL, MAX_ROW, shiftFormula } from "./formula-shift";
import { XmlDepthError, XmlScanner, XmlSyntaxError, attr, local, type XmlEvents } from "./xml-scan";

export interface ReadLimits {
  /** Entries in the zip (local headers seen, and the count the end record claims). */
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

const MiB = 1024 * 1024;

/**
 * Defaults: the largest shipped table (the complete county2023) inflates to about 1 MB (its sheet 0.85 MB, its
 * shared strings 0.13 MB), so these leave more than ten times that for other programs' verbosity while
 * keeping the worst case small: inflating and parsing every byte allowed costs about a second at most (~70 MB/s
 * on pathological input), and the bytes a bomb inflates before it is refused stay as ArrayBuffers until V8
 * next collects, which it does not before some 64 MB of them — with 32 MB a part, a one-sheet bomb cost
 * `score` ~100 MB; with 16 MB it stays well under.
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

/** Compressed bytes handed to the inflater at a time: at deflate's best ratio (~1:1032) at most ~8 MB out per step. */
const CHUNK = 8 * 1024;
/** OOXML parts nest a dozen levels at most; a deeper file is hostile (and would grow the parser's stack). */
const MAX_DEPTH = 64;

const mb = (n: number) => `${Math.round(n / MiB)} MB`;
const damaged = (zh: string, en: string) => new WorkbookError("damaged", `${zh} / ${en}`.replace(/\s*[\r\n]+\s*/g, " "));

// ---------------------------------------------------------------------------------------------- the zip

/** Entries the end-of-central-directory record claims (zip64 aware), or null when there is no such record. */
function claimedEntries(b: Uint8Array): number | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    const count = view.getUint16(i + 10, true);
    if (count !== 0xffff || i < 20 || view.getUint32(i - 20, true) !== 0x07064b50) return count;
    const at = Number(view.getBigUint64(i - 20 + 8, true));
    if (at + 56 > b.length || view.getUint32(at, true) !== 0x06064b50) return count;
    return Number(view.getBigUint64(at + 32, true));
  }
  return null;
}

/**
 * Makes the inflater for deflated entries: fflate's own by default (pure JavaScript, the browser's), Node's
 * native zlib under the command line and its workers (nativeInflater in inflate-node.ts, four times faster).
 * Whatever it is, its output is counted against the limits as it comes (an inflater must not hold more
 * than a few MB of output before passing it on).
 */
export type InflaterFactory = (maxBytes: number) => UnzipDecoderConstructor;
let inflater: InflaterFactory = () => UnzipInflate;

/** Sets the inflater for this thread (Node entry points call this with inflate-node's nativeInflater). */
export function useInflater(factory: InflaterFactory): void {
  inflater = factory;
}

const entryTooLarge = (part: string, limits: ReadLimits) =>
  damaged(`${part} 过大或为压缩炸弹（解压后超过 ${mb(limits.maxEntryBytes)}）`, `${part} inflates beyond ${mb(limits.maxEntryBytes)} (zip bomb?)`);

export interface PartSink {
  write(chunk: Uint8Array): void;
  end(): void;
}

/**
 * Inflates the entries `open` asks for (it returns a sink, or null to skip the entry), counting entries and
 * real decompressed bytes against the limits as they come.
 */
export function unzipParts(bytes: Uint8Array, limits: ReadLimits, open: (name: string) => PartSink | null): void {
  const claimed = claimedEntries(bytes);
  if (claimed === null) throw damaged("zip 压缩包不完整（缺少结尾目录，可能下载中断）", "the zip archive is truncated (no end-of-central-directory record)");
  const tooMany = () => damaged(`压缩包内文件过多（超过 ${limits.maxEntries} 个）`, `the zip holds more than ${limits.maxEntries} entries`);
  if (claimed > limits.maxEntries) throw tooMany();

  let entries = 0;
  let total = 0;
  const unfinished = new Set<string>();
  const unzip = new Unzip((file: UnzipFile) => {
    if (++entries > limits.maxEntries) throw tooMany();
    const sink = open(file.name);
    if (!sink) return; // never inflated: styles, drawings, media…
    if (file.compression !== 0 && file.compression !== 8) {
      throw damaged(`${file.name} 使用了不支持的压缩方式（${file.compression}）`, `${file.name} uses an unsupported compression method (${file.compression})`);
    }
    let size = 0;
    unfinished.add(file.name);
    file.ondata = (err, chunk, final) => {
      if (err) throw err instanceof WorkbookError ? err : damaged(`${file.name} 解压失败（${err.message}）`, `${file.name} cannot be inflated: ${err.message}`);
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntryBytes) throw entryTooLarge(file.name, limits);
      if (total > limits.maxTotalBytes) {
        throw damaged(`文件过大或为压缩炸弹（解压后超过 ${mb(limits.maxTotalBytes)}）`, `the file inflates beyond ${mb(limits.maxTotalBytes)} (zip bomb?)`);
      }
      if (chunk.length > 0) sink.write(chunk);
      if (final) {
        sink.end();
        unfinished.delete(file.name);
      }
    };
    file.start();
  });
  unzip.register(inflater(limits.maxEntryBytes));
  try {
    for (let at = 0; at < bytes.length; at += CHUNK) unzip.push(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.length);
  } catch (e) {
    if (e instanceof WorkbookError) throw e;
    throw damaged(`zip 压缩包已损坏（${(e as Error).message}）`, `the zip archive is damaged: ${(e as Error).message}`);
  }
  if (unfinished.size > 0) {
    const name = [...unfinished][0];
    throw damaged(`${name} 不完整（压缩包被截断）`, `${name} is truncated`);
  }
}

// ---------------------------------------------------------------------------------------------- XML

/** A sink that decodes UTF-8 incrementally and feeds the XML scanner; errors name the part and line. */
export function xmlSink(part: string, h: XmlEvents): PartSink {
  const scanner = new XmlScanner(h, MAX_DEPTH);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const guard = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof WorkbookError) throw e;
      if (e instanceof XmlDepthError) throw damaged(`${part} 的 XML 嵌套过深（超过 ${MAX_DEPTH} 层）`, `${part}: XML nested deeper than ${MAX_DEPTH} levels`);
      if (e instanceof XmlSyntaxError) {
        const [zh, en = zh] = e.message.split(" / ");
        if (/DOCTYPE/.test(e.message)) throw damaged(`${part} 含有 DOCTYPE（不允许的实体声明）`, `${part} has a DOCTYPE (entity declarations are not allowed)`);
        throw damaged(`${part} 第 ${e.line} 行：XML 格式错误（${zh}）`, `${part} line ${e.line}: malformed XML (${en})`);
      }
      throw e;
    }
  };
  const decode = (bytes?: Uint8Array): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw damaged(`${part}：不是有效的 UTF-8 文本`, `${part}: not valid UTF-8 text`);
    }
  };
  return {
    // Decoded in pieces of at most DECODE_CHUNK: one chunk may be a whole part (native inflate), and V8
    // decodes and scans short strings faster than one long one.
    write: (chunk) =>
      guard(() => {
        for (let at = 0; at < chunk.length; at += DECODE_CHUNK) scanner.write(decode(chunk.subarray(at, at + DECODE_CHUNK)));
      }),
    end: () =>
      guard(() => {
        scanner.write(decode());
        scanner.end();
      }),
  };
}

/** Bytes decoded to text at a time (see xmlSink). */
const DECODE_CHUNK = 64 * 1024;

const isTrue = (v: string | undefined) => v === "1" || v === "true";

// ---------------------------------------------------------------------------------------------- parts

interface SheetEntry {
  name: string;
  state: SheetGrid["state"];
  rid: string;
}

function workbookHandlers(sheets: SheetEntry[], limits: ReadLimits): XmlEvents {
  return {
    open(name, attrs) {
      if (name !== "sheet") return;
      if (sheets.length >= limits.maxSheets) throw damaged(`工作表过多（超过 ${limits.maxSheets} 个）`, `more than ${limits.maxSheets} sheets`);
      // The relationship id is r:id, whatever prefix the file gives the relationships namespace.
      let rid = "";
      for (let i = 0; i < attrs.length && rid === ""; i += 2) if (attrs[i].includes(":") && local(attrs[i]) === "id") rid = attrs[i + 1];
      const given = attr(attrs, "state");
      const state = given === "hidden" || given === "veryHidden" ? given : "visible";
      sheets.push({ name: attr(attrs, "name") ?? "", state, rid });
    },
    close() {},
    text() {},
  };
}

interface Rel {
  type: string;
  target: string;
}

function relsHandlers(rels: Map<string, Rel>, limits: ReadLimits): XmlEvents {
  return {
    open(name, attrs) {
      if (name !== "Relationship") return;
      if (rels.size >= limits.maxEntries) throw damaged("xl/_rels/workbook.xml.rels 的关系过多", "xl/_rels/workbook.xml.rels lists too many relationships");
      rels.set(attr(attrs, "Id") ?? "", { type: attr(attrs, "Type") ?? "", target: attr(attrs, "Target") ?? "" });
    },
    close() {},
    text() {},
  };
}

/** Shared strings: <si><t>…</t></si> or rich text <si><r><t>…</t></r>…</si>; phonetic runs (<rPh>) left out. */
function sharedStringHandlers(strings: string[], limits: ReadLimits): XmlEvents {
  let current: string | null = null;
  let inT = false;
  let inPhonetic = 0;
  return {
    open(name) {
      if (name === "si") {
        if (strings.length >= limits.maxCells) throw damaged(`共享字符串过多（超过 ${limits.maxCells} 个）`, `more than ${limits.maxCells} shared strings`);
        current = "";
      } else if (name === "rPh") inPhonetic++;
      else if (name === "t") inT = true;
    },
    close(name) {
      if (name === "si" && current !== null) {
        strings.push(current);
        current = null;
      } else if (name === "rPh") inPhonetic--;
      else if (name === "t") inT = false;
    },
    text(t) {
      if (current !== null && inT && inPhonetic === 0) current += t;
    },
  };
}

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
 * parseRef's result, in two variables rather than a new object: it runs for every cell of every return.
 * `refCanonical` tells whether the text was already the address as the reader keys it ("B12": upper-case
 * letters, no "$", no leading zero), so the attribute itself can be the key.
 */
let refCol = 0;
let refRow = 0;
let refCanonical = false;

/** Reads an A1 cell reference ("B12", "$b$12") into refCol/refRow; false when it is not one on a sheet. */
function parseRef(ref: string): boolean {
  let i = 0;
  let canonical = true;
  if (ref.charCodeAt(i) === 36 /* $ */) {
    i++;
    canonical = false;
  }
  let col = 0;
  const lettersFrom = i;
  for (let ch = ref.charCodeAt(i); i - lettersFrom < 3; ch = ref.charCodeAt(++i)) {
    if (ch >= 65 && ch <= 90) col = col * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) {
      col = col * 26 + ch - 96;
      canonical = false;
    } else break;
  }
  if (i === lettersFrom) return false;
  if (ref.charCodeAt(i) === 36) {
    i++;
    canonical = false;
  }
  const digitsFrom = i;
  let row = 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 48 || ch > 57) return false;
    row = row * 10 + ch - 48;
  }
  if (i === digitsFrom) return false;
  if (ref.charCodeAt(digitsFrom) === 48) canonical = false;
  refCol = col;
  refRow = row;
  refCanonical = canonical;
  return col <= MAX_COL && row >= 1 && row <= MAX_ROW;
}

function sheetHandlers(part: string, out: ParsedSheet, budget: Budget, limits: ReadLimits): XmlEvents {
  let row = 0; // current row (1-based), 0 before the first <row>
  let col = 0; // column of the previous cell in this row
  // The cell being read, in variables rather than an object per cell (a thousand a return, each growing
  // as its <f> and <v> came, were a tenth of what reading allocates).
  let inCell = false;
  let cRow = 0;
  let cCol = 0;
  let cKey = "";
  let cType = "n";
  let hasF = false; // an <f> element, with its t, si and text
  let fType: string | undefined;
  let fSi: string | undefined;
  let fText: string | undefined;
  let cValue: string | undefined; // <v>
  let cInline: string | undefined; // <is>, inline string
  let text: "v" | "f" | "t" | null = null;
  let buf = "";
  let inPhonetic = 0;
  const at = (r: number, k: number) => `${part} ${colLetter(k)}${r}`;

  const cellDone = () => {
    if (!inCell) return;
    const t = cType;
    const v = cValue;
    const a = cKey;
    let cell: GridCell;
    if (t === "s") {
      cell = { value: null };
      if (v !== undefined && v.trim() !== "") {
        const index = Number(v);
        if (!Number.isInteger(index) || index < 0) throw damaged(`${at(cRow, cCol)}：共享字符串编号“${v}”无效`, `${a}: invalid shared string index "${v}"`);
        out.sharedCells.push(cell);
        out.sharedIndexes.push(index);
      }
    } else if (t === "b") cell = { value: v === undefined ? null : isTrue(v.trim()) };
    else if (t === "e") cell = v === undefined ? { value: null } : { value: v, error: true };
    else if (t === "str" || t === "d") cell = { value: v ?? null };
    else if (t === "inlineStr") cell = { value: cInline ?? v ?? null };
    else {
      const n = v === undefined || v.trim() === "" ? null : Number(v);
      if (n !== null && !Number.isFinite(n)) throw damaged(`${at(cRow, cCol)}：数值“${String(v).slice(0, 20)}”无效`, `${a}: invalid number "${String(v).slice(0, 20)}"`);
      cell = { value: n };
    }
    let hasFormula = false;
    const formula = (hasF && fText) || "";
    if (hasF && fType === "shared" && fSi !== undefined) {
      // The master carries the text; a dependent (no text) is translated from it once the sheet is read.
      if (formula !== "") out.masters.set(fSi, { formula, row: cRow, col: cCol });
      else out.sharedFormulas.push({ cell, si: fSi, row: cRow, col: cCol });
      hasFormula = true;
    }
    if (formula !== "") {
      cell.formula = formula;
      hasFormula = true;
    }
    if (hasFormula || cell.value !== null || (t === "s" && v !== undefined && v.trim() !== "")) {
      out.cells.set(a, cell);
      out.at.push(a, cRow, cCol);
    }
    inCell = false;
  };

  return {
    open(name, attrs) {
      switch (name) {
        case "row": {
          if (++budget.cells > limits.maxCells) throw tooManyCells(limits);
          const given = attr(attrs, "r");
          const r = given === undefined ? row + 1 : Number(given);
          if (!Number.isInteger(r) || r < 1 || r > MAX_ROW) throw damaged(`${part}：行号“${given ?? r}”无效`, `${part}: invalid row number "${given ?? r}"`);
          row = r;
          col = 0;
          const ht = attr(attrs, "ht");
          if (isTrue(attr(attrs, "hidden")) || (Number(ht) === 0 && ht !== undefined && isTrue(attr(attrs, "customHeight")))) out.hiddenRows.add(r);
          return;
        }
        case "c": {
          if (++budget.cells > limits.maxCells) throw tooManyCells(limits);
          const given = attr(attrs, "r");
          let ok: boolean;
          let key: string | undefined;
          if (given === undefined) {
            refRow = Math.max(row, 1);
            refCol = col + 1;
            ok = refCol <= MAX_COL;
          } else {
            ok = parseRef(given);
            if (refCanonical) key = given;
          }
          if (!ok) throw damaged(`${part} 第 ${row} 行：单元格地址“${given ?? ""}”无效`, `${part} row ${row}: invalid cell address "${given ?? ""}"`);
          col = refCol;
          inCell = true;
          cRow = refRow;
          cCol = refCol;
          cKey = key ?? `${colLetter(refCol)}${refRow}`;
          cType = attr(attrs, "t") ?? "n";
          hasF = false;
          fType = fSi = fText = cValue = cInline = undefined;
          return;
        }
        case "f":
          if (inCell) {
            hasF = true;
            fType = attr(attrs, "t");
            fSi = attr(attrs, "si");
            fText = undefined;
            text = "f";
            buf = "";
          }
          return;
        case "v":
          if (inCell) {
            text = "v";
            buf = "";
          }
          return;
        case "is":
          if (inCell) cInline = "";
          return;
        case "rPh":
          inPhonetic++;
          return;
        case "t":
          if (inCell && cInline !== undefined && inPhonetic === 0) {
            text = "t";
            buf = "";
          }
          return;
        case "mergeCell": {
          if (++budget.merges > limits.maxMerges) throw damaged(`合并单元格过多（超过 ${limits.maxMerges} 个）`, `more than ${limits.maxMerges} merged ranges`);
          const [from, to] = (attr(attrs, "ref") ?? "").split(":");
          if (!parseRef(from ?? "")) return;
          const [r1, c1] = [refRow, refCol];
          if (!parseRef(to ?? from ?? "")) return;
          out.merges.push({ top: Math.min(r1, refRow), left: Math.min(c1, refCol), bottom: Math.max(r1, refRow), right: Math.max(c1, refCol) });
          return;
        }
      }
    },
    close(name) {
      switch (name) {
        case "c":
          cellDone();
          return;
        case "f":
          if (inCell && hasF && text === "f") {
            if (buf.length > limits.maxFormulaLength) {
              throw damaged(`${at(cRow, cCol)}：公式过长（超过 ${limits.maxFormulaLength} 个字符）`, `${colLetter(cCol)}${cRow}: formula longer than ${limits.maxFormulaLength} characters`);
            }
            fText = buf;
          }
          text = null;
          return;
        case "v":
          if (inCell && text === "v") cValue = buf;
          text = null;
          return;
        case "t":
          if (inCell && text === "t") cInline = (cInline ?? "") + buf;
          text = null;
          return;
        case "rPh":
          inPhonetic--;
          return;
      }
    },
    text(t) {
      if (text === null) return;
      buf += t;
      // Stop a formula early rather than after collecting megabytes of it.
      if (text === "f" && buf.length > limits.maxFormulaLength && inCell) {
        throw damaged(`${at(cRow, cCol)}：公式过长（超过 ${limits.maxFormulaLength} 个字符）`, `${colLetter(cCol)}${cRow}: formula longer than ${limits.maxFormulaLength} characters`);
      }
    },
  };
}

const tooManyCells = (limits: ReadLimits) => damaged(`单元格过多（超过 ${limits.maxCells} 个）`, `more than ${limits.maxCells} cells`);

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

// ---------------------------------------------------------------------------------------------- entry point

const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

function read(bytes: Uint8Array, limits: ReadLimits): WorkbookGrid {
  const entries: SheetEntry[] = [];
  const rels = new Map<string, Rel>();
  const strings: string[] = [];
  const parsed = new Map<string, ParsedSheet>();
  const seen = new Set<string>();
  const budget: Budget = { cells: 0, merges: 0 };

  unzipParts(bytes, limits, (name) => {
    // Part names are case-insensitive (OPC); a repeated part would let one file say two things.
    const key = name.toLowerCase();
    const wanted = key === "xl/workbook.xml" || key === "xl/_rels/workbook.xml.rels" || key === "xl/sharedstrings.xml" || WORKSHEET_PART.test(key);
    if (!wanted) return null;
    if (seen.has(key)) throw damaged(`压缩包内 ${name} 重复出现`, `${name} appears twice in the zip`);
    seen.add(key);
    if (key === "xl/workbook.xml") return xmlSink(name, workbookHandlers(entries, limits));
    if (key === "xl/_rels/workbook.xml.rels") return xmlSink(name, relsHandlers(rels, limits));
    if (key === "xl/sharedstrings.xml") return xmlSink(name, sharedStringHandlers(strings, limits));
    const sheet: ParsedSheet = { cells: new Map(), at: [], hiddenRows: new Set(), merges: [], sharedCells: [], sharedIndexes: [], sharedFormulas: [], masters: new Map() };
    parsed.set(key, sheet);
    return xmlSink(name, sheetHandlers(name, sheet, budget, limits));
  });

  if (!seen.has("xl/workbook.xml")) throw damaged("缺少 xl/workbook.xml（不是完整的 .xlsx 工作簿）", "xl/workbook.xml is missing (not a complete .xlsx workbook)");
  if (entries.length > 0 && !seen.has("xl/_rels/workbook.xml.rels")) throw damaged("缺少 xl/_rels/workbook.xml.rels", "xl/_rels/workbook.xml.rels is missing");

  const sheets: SheetGrid[] = [];
  for (const entry of entries) {
    const rel = rels.get(entry.rid);
    if (!rel) throw damaged(`工作表“${entry.name}”的关系 ${entry.rid || "（空）"} 不存在`, `sheet "${entry.name}": relationship ${entry.rid || "(none)"} not found`);
    // Chart sheets and dialog sheets hold no cells.
    if (!/\/worksheet$/.test(rel.type)) continue;
    const part = partName(rel.target);
    const sheet = parsed.get(part);
    if (!sheet) throw damaged(`工作表“${entry.name}”的内容 ${rel.target} 不存在`, `sheet "${entry.name}": part ${rel.target} not found`);
    resolveSheet(part, sheet, strings, limits);
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
