/**
 * The office's unit list (考核对象名单): CSV (UTF-8 with or without BOM, or GBK/GB18030 as Excel on a Chinese
 * Windows saves it) or .xlsx, a header row, columns 单位 (required), 类别, 否决原因, 优秀否决原因, 免考原因.
 * Order = the office's order (ties in the ranking follow it). Pure: bytes in, entries and problem lines out.
 */
import iconv from "iconv-lite";
import { parseAddr } from "../layout/a1";
import { normalizeUnitName } from "../rubric/variants";
import { readXlsxGrid } from "../xlsx/stream-read";
import { sniff } from "../xlsx/open";
import type { UnitEntry } from "./types";

export class UnitListError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*[\r\n]+\s*/g, " "));
    this.name = "UnitListError";
  }
}

export type UnitListEncoding = "utf-8" | "utf-8-bom" | "utf-16" | "gb18030" | "xlsx";

export interface UnitList {
  units: UnitEntry[];
  /** One bilingual line each: duplicate names, rows without a name. */
  problems: string[];
  /** How the file was read (a CSV's detected encoding, or xlsx). */
  encoding: UnitListEncoding;
}

/** Header (normalised: NFKC, no whitespace of any width) → field. */
const COLUMNS: Record<string, keyof Omit<UnitEntry, "line">> = {
  单位: "name",
  单位名称: "name",
  类别: "category",
  否决原因: "veto",
  优秀否决原因: "noExcellent",
  免考原因: "exempt",
};

/** Bytes of a CSV → text, and which encoding it was: strict UTF-8 first, GB18030 (a superset of GBK) otherwise. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: UnitListEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8-bom" };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { text: new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(bytes.subarray(2)), encoding: "utf-16" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8" };
  } catch {
    // Not UTF-8: Excel's "CSV" on a Chinese Windows writes the ANSI code page, GBK; GB18030 decodes all of it.
    return { text: decodeGb18030(bytes), encoding: "gb18030" };
  }
}

/** GB18030 through the platform's TextDecoder (every browser, Node with full ICU); iconv-lite where a Node lacks it. */
function decodeGb18030(bytes: Uint8Array): string {
  try {
    return new TextDecoder("gb18030").decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "gb18030");
  }
}

/**
 * RFC 4180 records: quoted fields (with "" for a quote, commas and line breaks inside), CRLF or LF.
 * Hand-written on purpose: the only CSV parser in node_modules is fast-csv, which is not our dependency
 * (exceljs brings it) and works on Node streams; the unit list is also read in the add-in (a browser), and
 * a list of a few hundred short rows needs twenty lines, not a streaming library.
 */
export function parseCsv(text: string, delimiter = ","): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    records.push({ fields, line: start });
    fields = [];
    field = "";
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (ch === delimiter) {
      fields.push(field);
      field = "";
    } else if (ch === "\r" || ch === "\n") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
    i++;
  }
  if (field !== "" || fields.length) endRecord();
  return records;
}

const cellText = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/** What a table is called in messages (the unit list, the scores sheet), and the error its readers throw. */
export interface TableKind {
  zh: string;
  en: string;
  fail: (message: string) => Error;
}

/** The rows of an .xlsx table: its first visible sheet, as text, with their row numbers. */
function xlsxRows(bytes: Uint8Array, fileName: string, kind: TableKind): { fields: string[]; line: number }[] {
  let grid;
  try {
    grid = readXlsxGrid(bytes);
  } catch (e) {
    throw kind.fail(`${fileName}：无法读取${kind.zh}（文件已损坏） / ${fileName}: cannot read ${kind.en} (damaged) — ${(e as Error).message}`);
  }
  const sheet = grid.sheets.find((s) => s.state === "visible");
  if (!sheet) throw kind.fail(`${fileName}：没有可见的工作表 / ${fileName}: no visible sheet`);
  const rows = new Map<number, string[]>();
  for (const [a, cell] of sheet.cells) {
    const { col, row } = parseAddr(a);
    const r = rows.get(row) ?? [];
    r[col - 1] = cellText(cell.value);
    rows.set(row, r);
  }
  return [...rows.entries()].sort((x, y) => x[0] - y[0]).map(([line, r]) => ({ fields: Array.from(r, (f) => f ?? ""), line }));
}

/**
 * Bytes of an office table (CSV in any encoding decodeCsv knows, tab-separated text, or .xlsx, told apart by
 * content) → its records with their line (CSV) or row (xlsx) numbers. Shared by the unit list and the scores sheet.
 */
export function tableRecords(bytes: Uint8Array, fileName: string, kind: TableKind): { records: { fields: string[]; line: number }[]; encoding: UnitListEncoding } {
  if (sniff(bytes) === "zip") return { records: xlsxRows(bytes, fileName, kind), encoding: "xlsx" };
  if (sniff(bytes) !== "other") throw kind.fail(`${fileName}：${kind.zh}须为 CSV 或 .xlsx 文件 / ${fileName}: ${kind.en} must be a CSV or .xlsx file`);
  const decoded = decodeCsv(bytes);
  const firstLine = decoded.text.split(/\r?\n/, 1)[0];
  // Excel's "Unicode text" is tab-separated; a header with tabs and no comma is read that way.
  return { records: parseCsv(decoded.text, firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ","), encoding: decoded.encoding };
}

const UNIT_LIST: TableKind = { zh: "单位名单", en: "the unit list", fail: (m) => new UnitListError(m) };

export const blank = (fields: string[]) => fields.every((f) => f.trim() === "");
/** A cell's text: trimmed of every kind of whitespace at its ends (full-width too); empty → null. */
export const clean = (s: string | undefined) => {
  const t = (s ?? "").replace(/^[\s\u3000\uFEFF]+|[\s\u3000\uFEFF]+$/gu, "");
  return t === "" ? null : t;
};

/** Bytes of a unit list (CSV or .xlsx, told apart by content) → its entries in order, and problem lines. */
export function parseUnitList(bytes: Uint8Array, fileName: string): UnitList {
  const { records, encoding } = tableRecords(bytes, fileName, UNIT_LIST);
  const headerAt = records.findIndex((r) => !blank(r.fields));
  const header = headerAt >= 0 ? records[headerAt].fields.map((h) => COLUMNS[normalizeUnitName(h)]) : [];
  if (!header.includes("name")) {
    throw new UnitListError(`${fileName}：单位名单缺少“单位”列（第一行须为表头：单位,类别,否决原因,优秀否决原因,免考原因） / ${fileName}: the unit list has no 单位 column (the first row must be the header)`);
  }
  const units: UnitEntry[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const { fields, line } of records.slice(headerAt + 1)) {
    if (blank(fields)) continue;
    const entry: UnitEntry = { name: "", category: null, veto: null, noExcellent: null, exempt: null, line };
    header.forEach((key, k) => {
      if (!key) return;
      const v = clean(fields[k]);
      if (key === "name") entry.name = v ?? "";
      else if (entry[key] === null) entry[key] = v;
    });
    if (entry.name === "") {
      problems.push(`${fileName} 第${line}行：没有单位名称，已跳过 / ${fileName} line ${line}: no unit name; skipped`);
      continue;
    }
    const key = normalizeUnitName(entry.name);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(`${fileName} 第${line}行：单位“${entry.name}”与第${first}行重复，已跳过 / ${fileName} line ${line}: unit "${entry.name}" repeats line ${first}; skipped`);
      continue;
    }
    seen.set(key, line);
    units.push(entry);
  }
  return { units, problems, encoding };
}
