/**
 * The worksheet functions this host knows. Each takes its argument nodes unevaluated, so IF and
 * IFERROR evaluate only the branch they need; the others evaluate every argument, as Excel does.
 * Referenced cells and literal arguments differ: SUM(A1:A3) skips text and booleans in the cells,
 * while SUM("3",TRUE) counts them.
 */
import { CellError, CellValue, Errors, roundExcel } from "../values";
import { Area, compareValues, finite, isError, numCompare, toBool, toNumber, toText } from "./coerce";
import { applyBinary, type Evaluator } from "./evaluate";
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

/** A value as an array (SUMPRODUCT's arguments): a rows × cols grid read by position. */
interface Arr {
  rows: number;
  cols: number;
  at(i: number, j: number): CellValue;
}

const ELEMENTWISE: Record<string, (v: CellValue) => CellValue> = {
  ISNUMBER: (v) => typeof v === "number",
  ISTEXT: (v) => typeof v === "string",
  ISBLANK: (v) => v === null,
  ISERROR: (v) => v instanceof CellError,
};

/**
 * An argument evaluated in array context, as SUMPRODUCT evaluates its arguments: a reference is its grid of
 * cells, operators and ISNUMBER-like functions apply element by element (a single value is spread over the
 * other side), anything else is one value.
 */
function arrayOf(n: Node, ev: Evaluator): Arr | CellError {
  const one = (v: CellValue): Arr => ({ rows: 1, cols: 1, at: () => v });
  if (n.t === "ref") {
    const v = ev.value(n);
    if (!(v instanceof Area)) return v instanceof CellError ? v : Errors.value;
    const b = v.box;
    return { rows: b.r1 - b.r0 + 1, cols: b.c1 - b.c0 + 1, at: (i, j) => v.grid.get(v.sheet, b.r0 + i, b.c0 + j) };
  }
  if (n.t === "bin") {
    const l = arrayOf(n.l, ev);
    if (isError(l)) return l;
    const r = arrayOf(n.r, ev);
    if (isError(r)) return r;
    const scalarL = l.rows === 1 && l.cols === 1, scalarR = r.rows === 1 && r.cols === 1;
    if (!scalarL && !scalarR && (l.rows !== r.rows || l.cols !== r.cols)) return Errors.value;
    const shape = scalarL ? r : l;
    return { rows: shape.rows, cols: shape.cols, at: (i, j) => applyBinary(n.op, scalarL ? l.at(0, 0) : l.at(i, j), scalarR ? r.at(0, 0) : r.at(i, j)) };
  }
  if (n.t === "neg") {
    const a = arrayOf(n.e, ev);
    return isError(a) ? a : { ...a, at: (i, j) => applyBinary("*", a.at(i, j), -1) };
  }
  if (n.t === "call" && ELEMENTWISE[n.name] && n.args.length === 1) {
    const a = arrayOf(n.args[0], ev);
    const f = ELEMENTWISE[n.name];
    return isError(a) ? a : { ...a, at: (i, j) => f(a.at(i, j)) };
  }
  return one(ev.scalar(n));
}

/** FIXED's text: rounded to `d` places (d < 0 rounds left of the point), thousands separated unless told not to. */
function fixedText(x: number, d: number, noCommas: boolean): string {
  const places = Math.trunc(d);
  const r = roundExcel(x, places, "half");
  const [int, frac] = Math.abs(r).toFixed(Math.max(0, places)).split(".");
  const grouped = noCommas ? int : int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${r < 0 ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
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

  /** SUMPRODUCT(a, b…): arrays of one shape multiplied element by element and summed; non-numbers count as 0. */
  SUMPRODUCT(args, ev) {
    if (!args.length) return Errors.value;
    const arrays: Arr[] = [];
    for (const a of args) {
      const x = arrayOf(a, ev);
      if (isError(x)) return x;
      arrays.push(x);
    }
    const { rows, cols } = arrays[0];
    if (arrays.some((a) => a.rows !== rows || a.cols !== cols)) return Errors.value;
    let sum = 0;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let p = 1;
        for (const a of arrays) {
          const v = a.at(i, j);
          if (v instanceof CellError) return v;
          p *= typeof v === "number" ? v : 0;
        }
        sum += p;
      }
    }
    return finite(sum);
  },
  /** VLOOKUP(value, table, column[, approximate]): exact match (case-insensitive) or, by default, the last row not above the value. */
  VLOOKUP(args, ev) {
    if (!arity(args, 3, 4)) return Errors.value;
    const want = ev.scalar(args[0]);
    if (want instanceof CellError) return want;
    const table = ev.value(args[1]);
    if (!(table instanceof Area)) return table instanceof CellError ? table : Errors.value;
    const k = num(ev, args[2]);
    if (isError(k)) return k;
    const col = Math.trunc(k);
    const b = table.box;
    if (col < 1) return Errors.value;
    if (col > b.c1 - b.c0 + 1) return Errors.ref;
    const approx = args[3] === undefined || args[3].t === "missing" ? true : toBool(ev.scalar(args[3]));
    if (isError(approx)) return approx;
    const key = (r: number) => table.grid.get(table.sheet, r, b.c0);
    const sameKind = (v: CellValue) => v !== null && want !== null && typeof v === typeof want;
    let found = -1;
    for (let r = b.r0; r <= b.r1; r++) {
      const v = key(r);
      if (!sameKind(v)) continue;
      const c = compareValues(v, want);
      if (c === 0) {
        found = r;
        if (!approx) break;
      } else if (approx && (c as number) < 0) found = r;
      else if (approx) break;
    }
    if (found < 0) return Errors.na;
    const v = table.grid.get(table.sheet, found, b.c0 + col - 1);
    return v === null ? 0 : v;
  },
  /** FIXED(number[, decimals=2[, no_commas]]): the number as text, as Excel shows it in an en-US locale. */
  FIXED(args, ev) {
    if (!arity(args, 1, 3)) return Errors.value;
    const x = num(ev, args[0]);
    if (isError(x)) return x;
    const d = num(ev, args[1], 2);
    if (isError(d)) return d;
    const nc = args[2] === undefined || args[2].t === "missing" ? false : toBool(ev.scalar(args[2]));
    if (isError(nc)) return nc;
    return fixedText(x, d, nc);
  },
  MEDIAN(args, ev) {
    const ns = numbers(args, ev, true);
    if (isError(ns)) return ns;
    if (!ns.length) return Errors.num;
    const s = [...ns].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : finite((s[m - 1] + s[m]) / 2);
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
