/**
 * The importer's neutral shape: a scoring table as rows of cells, each line with where it came from.
 *
 * Three readers fill it (plain text of a notice here, .docx in docx.ts, .xlsx in xlsx.ts); everything after
 * them (structure.ts, draft.ts) reads only this shape. Inputs are untrusted: each reader is bounded, and every
 * failure is an ImportError whose message is one bilingual line (中文 / English), never a stack trace.
 */

/** One printed line and its position: the text file's line, or the Word/Excel table row (1-based). */
export interface SourceLine {
  text: string;
  line: number;
}

export interface Cell {
  /** The cell's non-empty lines, in order (verbatim, trailing white space removed). */
  lines: SourceLine[];
  /** The column heading this cell stands under, when the reader knows it (docx/xlsx with a header row). */
  column?: number;
}

export interface Row {
  cells: Cell[];
}

export type SourceKind = "text" | "docx" | "xlsx";

export interface Table {
  kind: SourceKind;
  rows: Row[];
}

/** The input could not be read as a table: exit 2, one line. */
export class ImportError extends Error {
  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`.replace(/\s*[\r\n]+\s*/g, " "));
    this.name = "ImportError";
  }
}

/** Bounds for every reader: a real notice is well under 1 MB of text and a few thousand lines. */
export const IMPORT_LIMITS = {
  /** Bytes of the file as given. */
  maxBytes: 16 * 1024 * 1024,
  /** Characters of text once read (the text file, or all cell text of a document). */
  maxChars: 4 * 1024 * 1024,
  /** Lines (text) or table rows (docx/xlsx). */
  maxLines: 100_000,
  /** Characters of one line or cell: a real cell holds a few thousand. */
  maxLineChars: 64 * 1024,
};

const MiB = 1024 * 1024;

export function checkSize(bytes: Uint8Array, what: string): void {
  if (bytes.length > IMPORT_LIMITS.maxBytes) {
    throw new ImportError(`${what}过大（超过 ${IMPORT_LIMITS.maxBytes / MiB} MB）`, `the ${what === "文件" ? "file" : what} is larger than ${IMPORT_LIMITS.maxBytes / MiB} MB`);
  }
}

/** The cell's text: its lines joined by "\n". */
export const cellText = (c: Cell): string => c.lines.map((l) => l.text).join("\n");

/**
 * Decodes a text file: UTF-8 (with or without BOM), else GB18030 (what Chinese Windows saves as "ANSI").
 * Binary input (NUL bytes) is refused rather than read as garbage.
 */
export function decodeText(bytes: Uint8Array): string {
  checkSize(bytes, "文件");
  if (bytes.includes(0)) throw new ImportError("不是文本文件（含有二进制内容）", "not a text file (binary content)");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder("gb18030", { fatal: true }).decode(bytes);
    } catch {
      throw new ImportError("文本编码无法识别（应为 UTF-8 或 GB18030）", "unknown text encoding (expected UTF-8 or GB18030)");
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length > IMPORT_LIMITS.maxChars) {
    throw new ImportError(`文本过长（超过 ${IMPORT_LIMITS.maxChars} 个字符）`, `the text is longer than ${IMPORT_LIMITS.maxChars} characters`);
  }
  return text;
}

/**
 * The plain text of a notice, as the seeds are extracted: a line that begins with a tab begins a new cell
 * (more tabs on the line begin more cells), a line that begins with one space begins a new row (004's rows
 * whose 序号 was lost), and other lines continue the current cell, blank lines between them or not.
 * A tab line after a blank line begins a new row. Rows are therefore approximate in text; the structure
 * step reads cells by what they say, not by column. A line with text before its first tab is a row pasted
 * from a spreadsheet (tab-separated): its cells keep their column.
 */
export function readText(text: string): Table {
  const lines = text.split(/\r\n?|\n/);
  if (lines.length > IMPORT_LIMITS.maxLines) {
    throw new ImportError(`文本行数过多（超过 ${IMPORT_LIMITS.maxLines} 行）`, `the text has more than ${IMPORT_LIMITS.maxLines} lines`);
  }
  const rows: Row[] = [];
  let row: Row = { cells: [] };
  let cell: Cell = { lines: [] };
  let gap = false;
  const add = (s: string, line: number) => {
    // Word's bookmark markers ("[bookmark: _GoBack]") are the extraction's, not the document's words.
    const t = s.replace(/\[bookmark: [^\]]*\]/g, "").replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
    if (t) cell.lines.push({ text: t, line });
  };
  const endCell = () => {
    if (cell.lines.length) row.cells.push(cell);
    cell = { lines: [] };
  };
  const endRow = () => {
    endCell();
    if (row.cells.length) rows.push(row);
    row = { cells: [] };
  };
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.length > IMPORT_LIMITS.maxLineChars) {
      throw new ImportError(`第 ${line} 行过长（超过 ${IMPORT_LIMITS.maxLineChars} 个字符）`, `line ${line} is longer than ${IMPORT_LIMITS.maxLineChars} characters`);
    }
    if (/^[\s\u3000]*$/.test(raw) && !raw.includes("\t")) {
      gap = true;
      return;
    }
    const parts = raw.split("\t");
    if (parts.length > 1 && parts[0].trim()) {
      // Text before the first tab: a row pasted from a spreadsheet (TSV), one cell per column.
      endRow();
      parts.forEach((p, k) => {
        cell = { lines: [], column: k };
        add(p, line);
        endCell();
      });
      endRow();
    } else if (parts.length > 1) {
      if (gap) endRow();
      // Text before the first tab continues the current cell; each tab begins a cell.
      add(parts[0], line);
      for (const p of parts.slice(1)) {
        endCell();
        add(p, line);
      }
    } else if (/^ [^ ]/.test(raw)) {
      endRow();
      add(raw, line);
    } else {
      // After blank lines, text continues an empty cell (004's 责任单位 below padding) or begins a new one.
      if (gap && cell.lines.length) endCell();
      add(raw, line);
    }
    gap = false;
  });
  endRow();
  return { kind: "text", rows };
}
