/** Data validation as Excel applies it to what a user types (the API is not stopped by it, as in Excel). */
import { CellError, CellValue, numberToText } from "../values";
import { ValidationModel, ValidationRuleOperand } from "./types";

/** Excel's words when a rule has no message of its own. */
export const DEFAULT_VALIDATION_MESSAGE = "This value doesn't match the data validation restrictions defined for this cell.";

/** Reads a rule operand: a number, numeric text, or a formula/reference evaluated by the caller. */
export type OperandReader = (operand: string | number | undefined) => number | null;
/** Reads a list source "=$A$1:$A$3" into its values; plain "a,b,c" sources are split here. */
export type ListReader = (formula: string) => CellValue[];

function compare(op: string | undefined, x: number, a: number | null, b: number | null): boolean {
  if (a === null) return false;
  switch (op ?? "Between") {
    case "Between": return b !== null && x >= Math.min(a, b) && x <= Math.max(a, b);
    case "NotBetween": return b !== null && (x < Math.min(a, b) || x > Math.max(a, b));
    case "EqualTo": return x === a;
    case "NotEqualTo": return x !== a;
    case "GreaterThan": return x > a;
    case "LessThan": return x < a;
    case "GreaterThanOrEqualTo": return x >= a;
    case "LessThanOrEqualTo": return x <= a;
  }
  return false;
}

const textOf = (v: CellValue): string => (typeof v === "number" ? numberToText(v) : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v ?? ""));

export function passes(v: CellValue, rule: ValidationModel, operand: OperandReader, list: ListReader): boolean {
  if (v === null || v === "") return rule.ignoreBlanks;
  if (v instanceof CellError) return false;
  const r = rule.rule;
  const numeric = (o: ValidationRuleOperand, x: number) => compare(o.operator, x, operand(o.formula1), operand(o.formula2));
  if (r.wholeNumber) return typeof v === "number" && Number.isInteger(v) && numeric(r.wholeNumber, v);
  if (r.decimal) return typeof v === "number" && numeric(r.decimal, v);
  if (r.textLength) return numeric(r.textLength, textOf(v).length);
  if (r.list) {
    const src = r.list.source.trim();
    const items = src.startsWith("=") ? list(src) : src.split(",").map((s) => s.trim());
    const want = textOf(v).toLowerCase();
    return items.some((i) => textOf(i).toLowerCase() === want);
  }
  return true;
}
