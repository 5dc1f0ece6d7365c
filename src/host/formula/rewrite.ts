/**
 * Formula text rewrites Excel does for you: normalised spelling, a formula filled over a range (relative
 * references move, $ ones stay), and references following a renamed or deleted sheet.
 */
import { MAX_COLS, MAX_ROWS } from "../address";
import { Corner, RefToken, Token, tokenize, untokenize } from "./lexer";

function mapRefs(formula: string, fn: (t: RefToken) => Token): string {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  return "=" + untokenize(tokenize(body).map((t) => (t.k === "ref" ? fn(t) : t)));
}

const REF_ERROR: Token = { k: "err", text: "#REF!" };

/** The formula as it reads when copied `dr` rows down and `dc` columns right. */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  return mapRefs(formula, (t) => {
    const move = (c: Corner): Corner | null => {
      const row = c.row < 0 || c.rowAbs ? c.row : c.row + dr;
      const col = c.col < 0 || c.colAbs ? c.col : c.col + dc;
      if (row >= MAX_ROWS || col >= MAX_COLS || (c.row >= 0 && row < 0) || (c.col >= 0 && col < 0)) return null;
      return { ...c, row, col };
    };
    const a = move(t.a), b = move(t.b);
    return a && b ? { ...t, a, b } : REF_ERROR;
  });
}

const sameSheet = (t: RefToken, name: string) => t.sheet !== null && t.sheet.toLowerCase() === name.toLowerCase();

export function renameSheetRefs(formula: string, from: string, to: string): string {
  return mapRefs(formula, (t) => (sameSheet(t, from) ? { ...t, sheet: to } : t));
}

/** References to a deleted sheet become #REF!, for good (a new sheet of the same name does not revive them). */
export function deleteSheetRefs(formula: string, name: string): string {
  return mapRefs(formula, (t) => (sameSheet(t, name) ? REF_ERROR : t));
}

export function mentionsSheet(formula: string, name: string): boolean {
  return formula.toLowerCase().includes(name.toLowerCase());
}
