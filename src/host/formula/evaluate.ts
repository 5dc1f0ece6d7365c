/**
 * Evaluates a syntax tree with Excel's rules: blanks are 0 / "" / FALSE depending on the other side,
 * numbers < text < booleans when compared, text compares case-insensitively, errors propagate left
 * first, a range used where one value is wanted is implicitly intersected with the formula's row or column.
 */
import { CellValue, Errors, cellError } from "../values";
import { Area, Grid, Value, compareValues, finite, isError, toNumber, toText } from "./coerce";
import { FUNCTIONS } from "./functions";
import { Node } from "./parser";

/** a+b, a-b with Excel's snap of a near-cancellation to exactly 0 (so 0.3-0.1-0.2 is 0). */
function addSub(a: number, b: number, sub: boolean): number {
  const r = sub ? a - b : a + b;
  return r !== 0 && Math.abs(r) < Math.max(Math.abs(a), Math.abs(b)) * 2 ** -49 ? 0 : r;
}

export class Evaluator {
  row = 0;
  col = 0;

  constructor(readonly grid: Grid) {}

  /** The value of a formula in a cell: a blank result shows as 0, as Excel's =A1 of an empty A1. */
  evaluate(n: Node, row: number, col: number): CellValue {
    this.row = row;
    this.col = col;
    const v = this.scalar(n);
    return v === null ? 0 : v;
  }

  value(n: Node): Value {
    switch (n.t) {
      case "num":
        return n.v;
      case "str":
        return n.v;
      case "bool":
        return n.v;
      case "err":
        return cellError(n.v);
      case "missing":
        return null;
      case "name":
        return Errors.name;
      case "ref":
        return this.grid.hasSheet(n.sheet) ? new Area(this.grid, n.sheet, n.box) : Errors.ref;
      case "neg": {
        const x = toNumber(this.scalar(n.e));
        return isError(x) ? x : -x || 0;
      }
      case "pct": {
        const x = toNumber(this.scalar(n.e));
        return isError(x) ? x : x / 100;
      }
      case "bin":
        return this.binary(n.op, n.l, n.r);
      case "call": {
        const f = FUNCTIONS[n.name];
        return f ? f(n.args, this) : Errors.name;
      }
    }
  }

  /** One value: a range is intersected with the formula's own row (single column) or column (single row). */
  scalar(n: Node): CellValue {
    const v = this.value(n);
    return v instanceof Area ? this.intersect(v) : v;
  }

  intersect(a: Area): CellValue {
    const b = a.box;
    if (b.r0 === b.r1 && b.c0 === b.c1) return this.grid.get(a.sheet, b.r0, b.c0);
    if (b.c0 === b.c1 && this.row >= b.r0 && this.row <= b.r1) return this.grid.get(a.sheet, this.row, b.c0);
    if (b.r0 === b.r1 && this.col >= b.c0 && this.col <= b.c1) return this.grid.get(a.sheet, b.r0, this.col);
    return Errors.value;
  }

  private binary(op: string, ln: Node, rn: Node): CellValue {
    return applyBinary(op, this.scalar(ln), this.scalar(rn));
  }
}

/** A binary operator on two values (shared by the evaluator and SUMPRODUCT's element-wise arrays). */
export function applyBinary(op: string, l: CellValue, r: CellValue): CellValue {
  if (op === "&") {
    const a = toText(l);
    if (isError(a)) return a;
    const b = toText(r);
    return isError(b) ? b : a + b;
  }
  if (op.length <= 2 && "=<>".includes(op[0])) {
    const c = compareValues(l, r);
    if (isError(c)) return c;
    switch (op) {
      case "=": return c === 0;
      case "<>": return c !== 0;
      case "<": return c < 0;
      case ">": return c > 0;
      case "<=": return c <= 0;
      default: return c >= 0;
    }
  }
  const a = toNumber(l);
  if (isError(a)) return a;
  const b = toNumber(r);
  if (isError(b)) return b;
  switch (op) {
    case "+": return finite(addSub(a, b, false));
    case "-": return finite(addSub(a, b, true));
    case "*": return finite(a * b);
    case "/": return b === 0 ? Errors.div0 : finite(a / b);
    case "^": return a === 0 && b === 0 ? Errors.num : finite(a ** b);
  }
  return Errors.value;
}
