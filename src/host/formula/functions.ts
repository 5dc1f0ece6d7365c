/**
 * The worksheet functions this host knows. Each takes its argument nodes unevaluated, so IF and
 * IFERROR evaluate only the branch they need; the others evaluate every argument, as Excel does.
 * Referenced cells and literal arguments differ: SUM(A1:A3) skips text and booleans in the cells,
 * while SUM("3",TRUE) counts them.
 */
import { CellError, CellValue, Errors, roundExcel } from "../values";
import { Area, compareValues, finite, isError, numCompare, toBool, toNumber, toText } from "./coerce";
import type { Evaluator } from "./evaluate";
import type { Node } from "./parser";

type Fn = (args: Node[], ev: Evaluator) => CellValue;

const arity = (args: Node[], min: number, max: number): boolean => args.length >= min && args.length <= max;

/** Numbers from arguments for SUM/MIN/MAX/COUNT: cells give only their numbers; literals are coerced. */
function numbers(args: Node[], ev: Evaluator, strictLiterals: boolean): number[] | CellError {
  const out: number[] = [];
  for (const a of args) {
    const v = ev.value(a);
    if (v instanceof Area) {
      for (const x of v.values().values) {
        if (x instanceof CellError) return x;
        if (typeof x === "number") out.push(x);
      }
    } else if (v instanceof CellError) return v;
    else if (v !== null || a.t !== "missing") {
      const n = toNumber(v);
      if (isError(n)) {
        if (strictLiterals) return n;
      } else out.push(n);
    }
  }
  return out;
}

/** Logical values for AND/OR: cells give booleans and numbers (text ignored); literals must be logical. */
function logicals(args: Node[], ev: Evaluator): boolean[] | CellError {
  const out: boolean[] = [];
  for (const a of args) {
    const v = ev.value(a);
    if (v instanceof Area) {
      for (const x of v.values().values) {
        if (x instanceof CellError) return x;
        if (typeof x === "boolean") out.push(x);
        else if (typeof x === "number") out.push(x !== 0);
      }
    } else if (v !== null) {
      const b = toBool(v);
      if (isError(b)) return b;
      out.push(b);
    }
  }
  return out.length ? out : Errors.value;
}

function num(ev: Evaluator, n: Node | undefined, fallback?: number): number | CellError {
  if (!n || n.t === "missing") return fallback ?? 0;
  return toNumber(ev.scalar(n));
}

function text(ev: Evaluator, n: Node): string | CellError {
  return toText(ev.scalar(n));
}

function round(mode: "half" | "up" | "down"): Fn {
  return (args, ev) => {
    if (!arity(args, 1, 2)) return Errors.value;
    const x = num(ev, args[0]);
    if (isError(x)) return x;
    const d = num(ev, args[1]);
    return isError(d) ? d : finite(roundExcel(x, d, mode));
  };
}

/** A COUNTIF criterion → a test on one cell value. No wildcards in the add-in's sheets, but they work. */
function criterion(c: CellValue): (v: CellValue) => boolean {
  if (c === null) c = "";
  if (typeof c === "boolean") return (v) => v === c;
  if (typeof c === "number") {
    const want = c;
    return (v) => {
      const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
      return !Number.isNaN(n) && numCompare(n, want) === 0;
    };
  }
  if (c instanceof CellError) return (v) => v === c;
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(c)!;
  const op = m[1] ?? "=";
  const operand = m[2];
  if (operand === "") {
    if (op === "=") return (v) => v === null || v === "";
    if (op === "<>") return (v) => v !== null && v !== "";
  }
  const asNumber = operand.trim() !== "" && !Number.isNaN(Number(operand)) ? Number(operand) : null;
  const asBool = /^(TRUE|FALSE)$/i.test(operand) ? operand.toUpperCase() === "TRUE" : null;
  const test = (cmp: number) =>
    op === "=" ? cmp === 0 : op === "<>" ? cmp !== 0 : op === "<" ? cmp < 0 : op === ">" ? cmp > 0 : op === "<=" ? cmp <= 0 : cmp >= 0;
  if (asNumber !== null) {
    return (v) => {
      const n = typeof v === "number" ? v : typeof v === "string" && op === "=" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : null;
      return n === null ? op === "<>" : test(numCompare(n, asNumber));
    };
  }
  if (asBool !== null) return (v) => (typeof v === "boolean" ? test(v === asBool ? 0 : v ? 1 : -1) : op === "<>");
  if (op === "=" || op === "<>") {
    const pattern = new RegExp(
      "^" + operand.replace(/~([*?~])|([*?])|([.+^${}()|[\]\\])/g, (_m, lit, wild, meta) => (lit ? "\\" + lit : wild ? (wild === "*" ? "[\\s\\S]*" : "[\\s\\S]") : "\\" + meta)) + "$",
      "i",
    );
    return (v) => (typeof v === "string" && pattern.test(v)) !== (op === "<>");
  }
  return (v) => typeof v === "string" && test(compareValues(v, operand) as number);
}

export const FUNCTIONS: Record<string, Fn> = {
  TRUE: (args) => (args.length ? Errors.value : true),
  FALSE: (args) => (args.length ? Errors.value : false),

  IF(args, ev) {
    if (!arity(args, 2, 3)) return Errors.value;
    const c = toBool(ev.scalar(args[0]));
    if (isError(c)) return c;
    const branch = c ? args[1] : args[2];
    if (!branch) return false;
    return branch.t === "missing" ? 0 : ev.scalar(branch);
  },
  IFERROR(args, ev) {
    if (!arity(args, 2, 2)) return Errors.value;
    const v = ev.scalar(args[0]);
    return v instanceof CellError ? ev.scalar(args[1]) : v;
  },
  AND(args, ev) {
    const l = logicals(args, ev);
    return isError(l) ? l : l.every(Boolean);
  },
  OR(args, ev) {
    const l = logicals(args, ev);
    return isError(l) ? l : l.some(Boolean);
  },
  NOT(args, ev) {
    if (!arity(args, 1, 1)) return Errors.value;
    const b = toBool(ev.scalar(args[0]));
    return isError(b) ? b : !b;
  },

  SUM(args, ev) {
    const ns = numbers(args, ev, true);
    return isError(ns) ? ns : finite(ns.reduce((s, x) => s + x, 0));
  },
  MIN(args, ev) {
    const ns = numbers(args, ev, true);
    return isError(ns) ? ns : ns.length ? Math.min(...ns) : 0;
  },
  MAX(args, ev) {
    const ns = numbers(args, ev, true);
    return isError(ns) ? ns : ns.length ? Math.max(...ns) : 0;
  },
  AVERAGE(args, ev) {
    const ns = numbers(args, ev, true);
    return isError(ns) ? ns : ns.length ? finite(ns.reduce((s, x) => s + x, 0) / ns.length) : Errors.div0;
  },
  COUNT(args, ev) {
    const ns = numbers(args, ev, false);
    return isError(ns) ? 0 : ns.length;
  },
  COUNTA(args, ev) {
    let n = 0;
    for (const a of args) {
      const v = ev.value(a);
      if (v instanceof Area) n += v.values().values.length;
      else if (a.t !== "missing") n++;
    }
    return n;
  },
  COUNTIF(args, ev) {
    if (!arity(args, 2, 2)) return Errors.value;
    const range = ev.value(args[0]);
    if (!(range instanceof Area)) return range instanceof CellError ? range : Errors.value;
    const test = criterion(ev.scalar(args[1]));
    const { values, blanks } = range.values();
    let n = test(null) ? blanks : 0;
    for (const v of values) if (test(v)) n++;
    return n;
  },

  ROUND: round("half"),
  ROUNDUP: round("up"),
  ROUNDDOWN: round("down"),
  INT(args, ev) {
    if (!arity(args, 1, 1)) return Errors.value;
    const x = num(ev, args[0]);
    return isError(x) ? x : Math.floor(x) || 0;
  },
  ABS(args, ev) {
    if (!arity(args, 1, 1)) return Errors.value;
    const x = num(ev, args[0]);
    return isError(x) ? x : Math.abs(x);
  },
  MOD(args, ev) {
    if (!arity(args, 2, 2)) return Errors.value;
    const a = num(ev, args[0]);
    if (isError(a)) return a;
    const b = num(ev, args[1]);
    if (isError(b)) return b;
    return b === 0 ? Errors.div0 : finite(a - b * Math.floor(a / b));
  },

  ISNUMBER: (args, ev) => (arity(args, 1, 1) ? typeof ev.scalar(args[0]) === "number" : Errors.value),
  ISTEXT: (args, ev) => (arity(args, 1, 1) ? typeof ev.scalar(args[0]) === "string" : Errors.value),
  ISLOGICAL: (args, ev) => (arity(args, 1, 1) ? typeof ev.scalar(args[0]) === "boolean" : Errors.value),
  /** ISFORMULA(ref): the (top-left) referenced cell holds a formula; a value that is not a reference is #VALUE!. */
  ISFORMULA(args, ev) {
    if (!arity(args, 1, 1)) return Errors.value;
    const v = ev.value(args[0]);
    if (v instanceof CellError) return v;
    if (!(v instanceof Area)) return Errors.value;
    return v.grid.isFormula(v.sheet, v.box.r0, v.box.c0);
  },
  ISBLANK: (args, ev) => (arity(args, 1, 1) ? ev.scalar(args[0]) === null : Errors.value),
  ISERROR: (args, ev) => (arity(args, 1, 1) ? ev.scalar(args[0]) instanceof CellError : Errors.value),

  LEN(args, ev) {
    if (!arity(args, 1, 1)) return Errors.value;
    const s = text(ev, args[0]);
    return isError(s) ? s : s.length;
  },
  /** Excel's TRIM removes ASCII spaces only: ends trimmed, inner runs reduced to one. */
  TRIM(args, ev) {
    if (!arity(args, 1, 1)) return Errors.value;
    const s = text(ev, args[0]);
    return isError(s) ? s : s.replace(/^ +| +$/g, "").replace(/ {2,}/g, " ");
  },
  /** SUBSTITUTE(text, old, new[, instance]): every occurrence, or only the n-th; an empty `old` changes nothing. */
  SUBSTITUTE(args, ev) {
    if (!arity(args, 3, 4)) return Errors.value;
    const s = text(ev, args[0]);
    if (isError(s)) return s;
    const from = text(ev, args[1]);
    if (isError(from)) return from;
    const to = text(ev, args[2]);
    if (isError(to)) return to;
    if (args[3] === undefined) return from === "" ? s : s.split(from).join(to);
    const n = num(ev, args[3]);
    if (isError(n)) return n;
    if (Math.trunc(n) < 1) return Errors.value;
    if (from === "") return s;
    let at = -1;
    for (let k = 0; k < Math.trunc(n); k++) {
      at = s.indexOf(from, at + 1);
      if (at < 0) return s;
    }
    return s.slice(0, at) + to + s.slice(at + from.length);
  },
  /** CHAR(n) for 1…255 (the ASCII range is the same in every code page; above it Excel's depends on the system's). */
  CHAR(args, ev) {
    if (!arity(args, 1, 1)) return Errors.value;
    const n = num(ev, args[0]);
    if (isError(n)) return n;
    const c = Math.trunc(n);
    return c >= 1 && c <= 255 ? String.fromCharCode(c) : Errors.value;
  },
  /** FIND(needle, haystack[, start]): case-sensitive, no wildcards; 1-based position or #VALUE!. */
  FIND(args, ev) {
    if (!arity(args, 2, 3)) return Errors.value;
    const needle = text(ev, args[0]);
    if (isError(needle)) return needle;
    const hay = text(ev, args[1]);
    if (isError(hay)) return hay;
    const start = num(ev, args[2], 1);
    if (isError(start)) return start;
    const from = Math.trunc(start);
    if (from < 1 || from > hay.length + 1) return Errors.value;
    const at = hay.indexOf(needle, from - 1);
    return at < 0 ? Errors.value : at + 1;
  },
  CONCATENATE(args, ev) {
    let out = "";
    for (const a of args) {
      const s = text(ev, a);
      if (isError(s)) return s;
      out += s;
    }
    return out;
  },
};
