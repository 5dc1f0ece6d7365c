/**
 * Splits a formula (without its "=") into tokens that keep their source text, so the same tokens
 * serve the parser and the rewriters (relative copy, sheet rename, normalised spelling).
 */
import { MAX_COLS, MAX_ROWS, colIndex, colLetters, quoteSheet } from "../address";

export interface Corner {
  /** 0-based; -1 when the reference has no row (A:C) or no column (1:3). */
  row: number;
  col: number;
  rowAbs: boolean;
  colAbs: boolean;
}

export interface RefToken {
  k: "ref";
  text: string;
  /** The sheet named before "!", unquoted; null for the formula's own sheet. */
  sheet: string | null;
  kind: "cell" | "area" | "cols" | "rows";
  a: Corner;
  b: Corner;
}

export type Token =
  | { k: "num"; text: string; value: number }
  | { k: "str"; text: string; value: string }
  | { k: "err"; text: string }
  | { k: "ident"; text: string }
  | { k: "op"; text: string }
  | { k: "ws"; text: string }
  | RefToken;

export class FormulaSyntaxError extends Error {}

const SHEET_QUOTED = /^'((?:[^']|'')+)'!/;
const SHEET_PLAIN = /^([A-Za-z_\u00A1-\uFFFF][\w.\u00A1-\uFFFF]*)!/;
const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})/;
const COLS = /^(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})/;
const ROWS = /^(\$?)([0-9]{1,7}):(\$?)([0-9]{1,7})/;
const OPS = ["<=", ">=", "<>", "+", "-", "*", "/", "^", "&", "=", "<", ">", "%", "(", ")", ",", ":", ";", "{", "}"];
/** A reference must not run on into a name: LOG10( and A1B are not references. */
const RUNS_ON = /^[A-Za-z0-9_.(!\u00A1-\uFFFF]/;

function corner(colAbs: string, col: string, rowAbs: string, row: string): Corner | null {
  const c = col ? colIndex(col) : -1;
  const r = row ? Number(row) - 1 : -1;
  if (c >= MAX_COLS || r >= MAX_ROWS || (row && r < 0)) return null;
  return { row: r, col: c, rowAbs: rowAbs === "$", colAbs: colAbs === "$" };
}

/** Reads a reference (with optional sheet) at the start of `s`, or null. */
function readRef(s: string): RefToken | null {
  let sheet: string | null = null;
  let rest = s;
  const q = SHEET_QUOTED.exec(s) ?? SHEET_PLAIN.exec(s);
  if (q) {
    sheet = q[0].startsWith("'") ? q[1].replace(/''/g, "'") : q[1];
    rest = s.slice(q[0].length);
  }
  const prefix = s.length - rest.length;
  const done = (len: number, kind: RefToken["kind"], a: Corner | null, b: Corner | null): RefToken | null => {
    if (!a || !b) return null;
    const after = rest.slice(len);
    if (RUNS_ON.test(after)) return null;
    return { k: "ref", text: s.slice(0, prefix + len), sheet, kind, a, b };
  };
  let m = COLS.exec(rest);
  if (m) return done(m[0].length, "cols", corner(m[1], m[2], "", ""), corner(m[3], m[4], "", ""));
  m = ROWS.exec(rest);
  if (m) return done(m[0].length, "rows", corner("", "", m[1], m[2]), corner("", "", m[3], m[4]));
  m = CELL.exec(rest);
  if (!m) return null;
  const a = corner(m[1], m[2], m[3], m[4]);
  const tail = rest.slice(m[0].length);
  const m2 = tail.startsWith(":") ? CELL.exec(tail.slice(1)) : null;
  if (m2) return done(m[0].length + 1 + m2[0].length, "area", a, corner(m2[1], m2[2], m2[3], m2[4]));
  return done(m[0].length, "cell", a, a);
}

const WS_Y = /[ \t\r\n]+/y;
const NUM_Y = /(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/y;
const ERR_Y = /#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)/iy;
const IDENT_Y = /[A-Za-z_\\\u00A1-\uFFFF][\w.\u00A1-\uFFFF]*/y;

/** Matches a sticky regex at i (no slicing: formulas are tokenised by the thousand on a big write). */
function at(re: RegExp, src: string, i: number): string | null {
  re.lastIndex = i;
  const m = re.exec(src);
  return m ? m[0] : null;
}

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let prev: Token | undefined;
  while (i < src.length) {
    const ch = src[i];
    let text: string | null;
    let tok: Token;
    if ((text = at(WS_Y, src, i))) tok = { k: "ws", text };
    else if (ch === '"') {
      let j = i + 1;
      let value = "";
      for (;;) {
        if (j >= src.length) throw new FormulaSyntaxError("unterminated string");
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          break;
        }
        value += src[j++];
      }
      tok = { k: "str", text: src.slice(i, j + 1), value };
    } else if (ch === "#" && (text = at(ERR_Y, src, i))) tok = { k: "err", text: text.toUpperCase() };
    else {
      // References only where an operand may start, so "1:3" after an operator is a row range.
      const operandPlace = !prev || (prev.k === "op" && prev.text !== ")" && prev.text !== "%");
      // A bounded slice: a reference with its quoted sheet name is far shorter than 300 characters.
      const ref = operandPlace && ch !== "." ? readRef(src.slice(i, i + 300)) : null;
      if (ref) tok = ref;
      else if ((text = at(NUM_Y, src, i))) tok = { k: "num", text, value: Number(text) };
      else if ((text = at(IDENT_Y, src, i))) tok = { k: "ident", text };
      else {
        const op = OPS.find((o) => src.startsWith(o, i));
        if (!op) throw new FormulaSyntaxError(`unexpected character ${ch}`);
        tok = { k: "op", text: op };
      }
    }
    out.push(tok);
    if (tok.k !== "ws") prev = tok;
    i += tok.text.length;
  }
  return out;
}

function cornerText(c: Corner, part: "cell" | "col" | "row"): string {
  const col = part !== "row" ? `${c.colAbs ? "$" : ""}${colLetters(c.col)}` : "";
  const row = part !== "col" ? `${c.rowAbs ? "$" : ""}${c.row + 1}` : "";
  return col + row;
}

/** The reference spelled the way Excel shows it: upper case, sheet quoted when needed. */
export function refText(t: RefToken): string {
  const sheet = t.sheet === null ? "" : `${quoteSheet(t.sheet)}!`;
  switch (t.kind) {
    case "cell":
      return sheet + cornerText(t.a, "cell");
    case "area":
      return `${sheet}${cornerText(t.a, "cell")}:${cornerText(t.b, "cell")}`;
    case "cols":
      return `${sheet}${cornerText(t.a, "col")}:${cornerText(t.b, "col")}`;
    case "rows":
      return `${sheet}${cornerText(t.a, "row")}:${cornerText(t.b, "row")}`;
  }
}

/** Tokens back to text, with names and references in upper case as Excel stores them. */
export function untokenize(tokens: Token[]): string {
  return tokens
    .map((t) => (t.k === "ref" ? refText(t) : t.k === "ident" ? t.text.toUpperCase() : t.text))
    .join("");
}
