/**
 * Shared formulas: an .xlsx stores the formula once, on the master cell, and each dependent cell says only
 * "same as shared formula 0". The dependent's formula is the master's with every relative A1 reference moved
 * by the distance between the two cells.
 *
 * Hand-written on purpose: no small, maintained library does this translation on its own (the spreadsheet
 * engines that can are megabytes and evaluate rather than rewrite), and the rules we need are few:
 * - string literals ("a""b"), quoted sheet names ('My sheet'!), bracketed parts ([1], Table[Col]) and error
 *   literals (#REF!) are copied untouched;
 * - a word followed by "(" is a function name (LOG10, ATAN2 look like references but are not);
 * - a word followed by "!" is a sheet name;
 * - A1, $A$1, A1:B2, A:A, 1:1 are references: parts without "$" move, parts with "$" stay.
 * A reference moved off the sheet becomes #REF!, as in Excel.
 */

export const MAX_COL = 16384; // XFD
export const MAX_ROW = 1048576;

const WORD = /[\p{L}\p{N}_.$:\\]/u;
const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/;
const COL = /^(\$?)([A-Za-z]{1,3})$/;
const ROW = /^(\$?)(\d+)$/;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function colLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** One part of a reference, moved; null when it leaves the sheet. */
function moveCol(abs: string, letters: string, d: number): string | null {
  const c = abs ? colNumber(letters) : colNumber(letters) + d;
  return c >= 1 && c <= MAX_COL ? abs + colLetters(c) : null;
}
function moveRow(abs: string, digits: string, d: number): string | null {
  const r = abs ? Number(digits) : Number(digits) + d;
  return r >= 1 && r <= MAX_ROW ? abs + String(r) : null;
}

const isCell = (p: string) => {
  const m = CELL.exec(p);
  return m !== null && colNumber(m[2]) <= MAX_COL && Number(m[4]) >= 1 && Number(m[4]) <= MAX_ROW;
};
const isCol = (p: string) => {
  const m = COL.exec(p);
  return m !== null && colNumber(m[2]) <= MAX_COL;
};
const isRow = (p: string) => {
  const m = ROW.exec(p);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= MAX_ROW;
};

/** A word such as A1, $B$2:C3, A:A, 2:2 or a name; references in it moved by (dRow, dCol). */
function shiftWord(word: string, dRow: number, dCol: number): string {
  const parts = word.split(":");
  const moved = (p: string): string | null => {
    const cell = CELL.exec(p);
    if (cell && isCell(p)) {
      const c = moveCol(cell[1], cell[2], dCol);
      const r = moveRow(cell[3], cell[4], dRow);
      return c === null || r === null ? null : c + r;
    }
    const col = COL.exec(p);
    if (col && parts.length > 1 && parts.every(isCol)) return moveCol(col[1], col[2], dCol);
    const row = ROW.exec(p);
    if (row && parts.length > 1 && parts.every(isRow)) return moveRow(row[1], row[2], dRow);
    return p;
  };
  const out = parts.map(moved);
  return out.some((p) => p === null) ? "#REF!" : out.join(":");
}

/** Index just past the quoted run that starts at `i` ("…" or '…', the quote doubled inside). */
function endOfQuoted(f: string, i: number): number {
  const q = f[i];
  let j = i + 1;
  while (j < f.length) {
    if (f[j] === q) {
      if (f[j + 1] === q) j += 2;
      else return j + 1;
    } else j++;
  }
  return f.length;
}

/** Index just past the bracketed run that starts at `i` (nested brackets allowed: Table[[#This Row],[A]]). */
function endOfBrackets(f: string, i: number): number {
  let depth = 0;
  for (let j = i; j < f.length; j++) {
    if (f[j] === "[") depth++;
    else if (f[j] === "]" && --depth === 0) return j + 1;
  }
  return f.length;
}

/** The formula (without "=") as it reads in a cell dRow rows below and dCol columns right of the original. */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      const end = endOfQuoted(formula, i);
      out += formula.slice(i, end);
      i = end;
    } else if (ch === "[") {
      const end = endOfBrackets(formula, i);
      out += formula.slice(i, end);
      i = end;
    } else if (ch === "#") {
      const m = /#[A-Za-z0-9/_]*[!?]?/y;
      m.lastIndex = i;
      const end = m.exec(formula) ? m.lastIndex : i + 1;
      out += formula.slice(i, end);
      i = end;
    } else if (WORD.test(ch)) {
      let end = i;
      while (end < formula.length && WORD.test(formula[end])) end++;
      const word = formula.slice(i, end);
      const next = formula[end];
      if (next === "!" || next === "[") {
        // A sheet name (Sheet1!, or Sheet1:Sheet3! in a 3-D reference) or a table name: not a reference.
        out += word;
      } else if (next === "(") {
        // A function name, possibly after a range part (A1:INDEX(...)): only the parts before it can move.
        const cut = word.lastIndexOf(":");
        out += cut < 0 ? word : shiftWord(word.slice(0, cut), dRow, dCol) + word.slice(cut);
      } else {
        out += shiftWord(word, dRow, dCol);
      }
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
