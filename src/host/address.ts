/**
 * A1 addresses as Excel spells them. Rows and columns are 0-based here (like Range.rowIndex), and
 * a box is inclusive on both ends.
 */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export interface Box {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

const letters: string[] = [];

/** "A" for 0, "AA" for 26. Memoised: it sits in every hot loop that builds a cell key. */
export function colLetters(col: number): string {
  let s = letters[col];
  if (s === undefined) {
    s = "";
    for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    letters[col] = s;
  }
  return s;
}

export function colIndex(ls: string): number {
  let n = 0;
  for (const ch of ls.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The key of a cell in a sheet's cell map: its A1 address ("E5"). */
export const cellKey = (row: number, col: number): string => colLetters(col) + (row + 1);

const CELL = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;
const COLS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?([0-9]{1,7}):\$?([0-9]{1,7})$/;

const keyPositions = new Map<string, { row: number; col: number }>();

/** parseCell for a cell map key ("E5"), memoised: recalculation walks every key of every sheet. */
export function keyPosition(key: string): { row: number; col: number } {
  let p = keyPositions.get(key);
  if (!p) {
    p = parseCell(key)!;
    if (keyPositions.size > 2_000_000) keyPositions.clear();
    keyPositions.set(key, p);
  }
  return p;
}

export function parseCell(a: string): { row: number; col: number } | null {
  const m = CELL.exec(a);
  if (!m) return null;
  const row = Number(m[2]) - 1;
  const col = colIndex(m[1]);
  return row >= 0 && row < MAX_ROWS && col < MAX_COLS ? { row, col } : null;
}

const ordered = (b: Box): Box => ({
  r0: Math.min(b.r0, b.r1), c0: Math.min(b.c0, b.c1), r1: Math.max(b.r0, b.r1), c1: Math.max(b.c0, b.c1),
});

/** "B2", "B2:D5", "A:C" or "1:3" (no sheet part) → box, or null when it is not an address. */
export function parseBox(a: string): Box | null {
  const s = a.trim();
  let m = COLS.exec(s);
  if (m) {
    const c0 = colIndex(m[1]), c1 = colIndex(m[2]);
    return c0 < MAX_COLS && c1 < MAX_COLS ? ordered({ r0: 0, r1: MAX_ROWS - 1, c0, c1 }) : null;
  }
  m = ROWS.exec(s);
  if (m) {
    const r0 = Number(m[1]) - 1, r1 = Number(m[2]) - 1;
    return r0 >= 0 && r1 >= 0 && r0 < MAX_ROWS && r1 < MAX_ROWS ? ordered({ r0, r1, c0: 0, c1: MAX_COLS - 1 }) : null;
  }
  const parts = s.split(":");
  if (parts.length > 2) return null;
  const a0 = parseCell(parts[0]);
  const a1 = parts.length === 2 ? parseCell(parts[1]) : a0;
  if (!a0 || !a1) return null;
  return ordered({ r0: a0.row, c0: a0.col, r1: a1.row, c1: a1.col });
}

/** Splits "'My Sheet'!A1:B2" into its sheet name (unquoted) and the local part. */
export function splitSheet(a: string): { sheet: string | null; local: string } {
  const bang = a.lastIndexOf("!");
  if (bang < 0) return { sheet: null, local: a };
  let sheet = a.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: a.slice(bang + 1) };
}

/** "B2:C3", "B2" for one cell, "A:C" / "1:3" for whole columns or rows, as Excel reports them. */
export function formatBox(b: Box): string {
  const wholeCols = b.r0 === 0 && b.r1 === MAX_ROWS - 1;
  const wholeRows = b.c0 === 0 && b.c1 === MAX_COLS - 1;
  if (wholeRows && !wholeCols) return `${b.r0 + 1}:${b.r1 + 1}`;
  if (wholeCols && !wholeRows) return `${colLetters(b.c0)}:${colLetters(b.c1)}`;
  if (wholeCols && wholeRows) return `1:${MAX_ROWS}`;
  const first = cellKey(b.r0, b.c0);
  return b.r0 === b.r1 && b.c0 === b.c1 ? first : `${first}:${cellKey(b.r1, b.c1)}`;
}

/** Looks like a cell reference (A1 or R1C1), which Excel would misread unless the name is quoted. */
const looksLikeRef = (name: string) => /^[A-Za-z]{1,3}[0-9]+$/.test(name) || /^R[0-9]*C?[0-9]*$/i.test(name);

/** A sheet name as it appears before "!": quoted when it has anything but ASCII letters, digits, _ and . */
export function quoteSheet(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !looksLikeRef(name) && !/^(TRUE|FALSE)$/i.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export const qualified = (sheet: string, b: Box): string => `${quoteSheet(sheet)}!${formatBox(b)}`;

export const boxArea = (b: Box): number => (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1);

export const contains = (outer: Box, r: number, c: number): boolean =>
  r >= outer.r0 && r <= outer.r1 && c >= outer.c0 && c <= outer.c1;

export const intersects = (a: Box, b: Box): boolean => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;

export const insideSheet = (b: Box): boolean => b.r0 >= 0 && b.c0 >= 0 && b.r1 < MAX_ROWS && b.c1 < MAX_COLS && b.r0 <= b.r1 && b.c0 <= b.c1;
