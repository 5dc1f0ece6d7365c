/** Excel's coercions and ordering of values, shared by the operators and the functions. */
import { Box, boxArea } from "../address";
import { CellError, CellValue, Errors, numberToText, parseNumber } from "../values";

/** Read access to the workbook's current values. */
export interface Grid {
  /** False when no sheet has that name (null: the formula's own sheet). */
  hasSheet(sheet: string | null): boolean;
  get(sheet: string | null, row: number, col: number): CellValue;
  /** True when the cell holds a formula (ISFORMULA). */
  isFormula(sheet: string | null, row: number, col: number): boolean;
  /** Visits the non-blank cells of a box (in any order); returns how many there were. */
  each(sheet: string | null, box: Box, fn: (v: CellValue) => void): number;
}

/** A reference as a function argument: SUM and friends treat referenced cells differently from literals. */
export class Area {
  constructor(readonly grid: Grid, readonly sheet: string | null, readonly box: Box) {}

  get size(): number {
    return boxArea(this.box);
  }

  /** Non-blank values; `blanks` tells how many cells were empty. */
  values(): { values: CellValue[]; blanks: number } {
    const values: CellValue[] = [];
    const n = this.grid.each(this.sheet, this.box, (v) => values.push(v));
    return { values, blanks: this.size - n };
  }
}

export type Value = CellValue | Area;

export const isError = (v: unknown): v is CellError => v instanceof CellError;

export function toNumber(v: CellValue): number | CellError {
  if (typeof v === "number") return v;
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof CellError) return v;
  const n = parseNumber(v);
  return n === null ? Errors.value : n;
}

export function toText(v: CellValue): string | CellError {
  if (typeof v === "string") return v;
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof CellError) return v;
  return numberToText(v);
}

export function toBool(v: CellValue): boolean | CellError {
  if (typeof v === "boolean") return v;
  if (v === null) return false;
  if (typeof v === "number") return v !== 0;
  if (v instanceof CellError) return v;
  const u = v.trim().toUpperCase();
  return u === "TRUE" ? true : u === "FALSE" ? false : Errors.value;
}

/** Numbers that differ only in the last binary digits are equal, as 0.1+0.2=0.3 is TRUE in Excel. */
export function numCompare(a: number, b: number): number {
  if (a === b) return 0;
  if (Math.abs(a - b) <= 1e-15 * Math.max(Math.abs(a), Math.abs(b))) return 0;
  return a < b ? -1 : 1;
}

const rank = (v: number | string | boolean) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
/** A blank compared with something takes that thing's type: 0, "" or FALSE. */
const blankLike = (other: CellValue): number | string | boolean =>
  typeof other === "string" ? "" : typeof other === "boolean" ? false : 0;

/** -1, 0, 1 in Excel's order, or the first error. */
export function compareValues(a: CellValue, b: CellValue): number | CellError {
  if (a instanceof CellError) return a;
  if (b instanceof CellError) return b;
  if (a === null && b === null) return 0;
  const x = a === null ? blankLike(b) : a;
  const y = b === null ? blankLike(a) : b;
  const rx = rank(x), ry = rank(y);
  if (rx !== ry) return rx < ry ? -1 : 1;
  if (typeof x === "number") return numCompare(x, y as number);
  if (typeof x === "string") {
    const p = x.toLowerCase(), q = (y as string).toLowerCase();
    return p === q ? 0 : p < q ? -1 : 1;
  }
  return x === y ? 0 : x ? 1 : -1;
}

/** A finished number: no NaN, infinities or -0 in a cell. */
export const finite = (n: number): number | CellError => (Number.isFinite(n) ? n || 0 : Errors.num);

