/** Cell values as Excel holds them, and how typed text becomes one. */

/** An error value (#DIV/0!, #VALUE!…). A class, so text that merely looks like an error stays text. */
export class CellError {
  constructor(readonly error: string) {}
  toString(): string {
    return this.error;
  }
  toJSON(): string {
    return this.error;
  }
}

/** null is a blank cell. */
export type CellValue = number | string | boolean | null | CellError;

export const ERROR_CODES = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#CYCLE!"] as const;

const interned = new Map<string, CellError>(ERROR_CODES.map((c) => [c, new CellError(c)]));

export function cellError(code: string): CellError {
  let e = interned.get(code);
  if (!e) interned.set(code, (e = new CellError(code)));
  return e;
}

export const isErrorCode = (s: string): boolean => (ERROR_CODES as readonly string[]).includes(s.toUpperCase());

export const Errors = {
  div0: cellError("#DIV/0!"),
  value: cellError("#VALUE!"),
  ref: cellError("#REF!"),
  name: cellError("#NAME?"),
  num: cellError("#NUM!"),
  na: cellError("#N/A"),
  /** Not an Excel error: Excel shows 0 and a warning for a circular reference; this host says so. */
  cycle: cellError("#CYCLE!"),
} as const;

export type ValueType = "Empty" | "String" | "Double" | "Boolean" | "Error";

export function valueType(v: CellValue): ValueType {
  if (v === null) return "Empty";
  if (v instanceof CellError) return "Error";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

/** What Office.js hands back in Range.values: "" for blank, the code for an error. */
export const apiValue = (v: CellValue): string | number | boolean => (v === null ? "" : v instanceof CellError ? v.error : v);

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/** Text that Excel reads as a number when it is typed (or written through Range.values). */
export function parseNumber(text: string): number | null {
  let s = text.trim();
  if (!s) return null;
  let scale = 1;
  if (s.endsWith("%")) {
    s = s.slice(0, -1).trim();
    scale = 0.01;
  }
  if (GROUPED.test(s)) s = s.replace(/,/g, "");
  if (!NUMBER.test(s)) return null;
  const n = Number(s) * scale;
  return Number.isFinite(n) ? n : null;
}

export type Typed = { kind: "formula"; formula: string } | { kind: "value"; value: CellValue };

/**
 * What typing `text` into a cell stores: "=…" a formula, numbers and TRUE/FALSE and error codes as
 * such, a leading apostrophe keeps the rest as text, "" clears. Cells formatted as text ("@") keep it all.
 */
export function parseTyped(text: string, asText = false): Typed {
  if (text === "") return { kind: "value", value: null };
  if (asText) return { kind: "value", value: text };
  if (text.startsWith("=") && text.length > 1) return { kind: "formula", formula: text };
  if (text.startsWith("'")) return { kind: "value", value: text.slice(1) };
  const upper = text.trim().toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { kind: "value", value: upper === "TRUE" };
  if (isErrorCode(upper) && upper !== "#CYCLE!") return { kind: "value", value: cellError(upper) };
  const n = parseNumber(text);
  return { kind: "value", value: n ?? text };
}

/** Moves the decimal point of a plain or exponent-form decimal string by `shift` places, exactly. */
function shiftDecimal(s: string, shift: number): number {
  const [mantissa, exp = "0"] = s.split("e");
  return Number(`${mantissa}e${Number(exp) + shift}`);
}

/**
 * ROUND as Excel does it: half away from zero on the 15-significant-digit decimal value, so
 * ROUND(2.675,2) is 2.68 and ROUND(1.005,2) is 1.01 although neither is exact in binary.
 */
export function roundExcel(x: number, digits: number, mode: "half" | "up" | "down" = "half"): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const d = Math.trunc(digits);
  const sign = x < 0 ? -1 : 1;
  const decimal = Math.abs(x).toPrecision(15);
  const scaled = shiftDecimal(decimal, d);
  const whole = mode === "half" ? Math.floor(scaled + 0.5) : mode === "up" ? Math.ceil(scaled - 1e-9) : Math.floor(scaled + 1e-9);
  return sign * shiftDecimal(String(whole), -d) || 0;
}

/** Expands "1.5e-7" to "0.00000015": Excel's General format never uses exponents between 1E-9 and 1E+15. */
function plainDecimal(n: number): string {
  const [m, e] = n.toExponential().split("e");
  const exp = Number(e);
  const neg = m.startsWith("-");
  const digits = m.replace("-", "").replace(".", "");
  let out: string;
  if (exp < 0) out = "0." + "0".repeat(-exp - 1) + digits;
  else if (digits.length <= exp + 1) out = digits + "0".repeat(exp + 1 - digits.length);
  else out = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
  return (neg ? "-" : "") + out;
}

/** A number as Excel turns it into text (for &, LEN, TRIM…): up to 15 significant digits. */
export function numberToText(n: number): string {
  if (n === 0 || Object.is(n, -0)) return "0";
  const v = Number(n.toPrecision(15));
  const abs = Math.abs(v);
  if (abs >= 1e15 || abs < 1e-9) {
    const [m, e] = v.toExponential().split("e");
    const exp = Number(e);
    return `${m.toUpperCase()}E${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return plainDecimal(v);
}
