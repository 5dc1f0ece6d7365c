/**
 * Range.text: a value shown through its number format. Covers General, "@", and the numeric
 * formats an add-in writes (0, 0.00, #,##0.00, 0%, 0"次", sections with ;). Dates fall back to General.
 */
import { CellError, CellValue, numberToText, roundExcel } from "./values";

/** Splits on ; outside quotes. */
function sections(fmt: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') quoted = !quoted;
    if (ch === "\\" && !quoted) {
      cur += ch + (fmt[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === ";" && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

interface Parsed {
  prefix: string;
  suffix: string;
  intZeros: number;
  decimals: number;
  group: boolean;
  percent: boolean;
}

/** Reads one numeric section; null when it is not a number pattern this host understands. */
function parseSection(sec: string): Parsed | null {
  let literal = "";
  let prefix = "";
  let pattern = "";
  let seenDigits = false;
  let percent = false;
  const flush = () => {
    if (!seenDigits) prefix += literal;
    literal = "";
  };
  for (let i = 0; i < sec.length; i++) {
    const ch = sec[i];
    if (ch === '"') {
      const end = sec.indexOf('"', i + 1);
      literal += sec.slice(i + 1, end < 0 ? sec.length : end);
      i = end < 0 ? sec.length : end;
    } else if (ch === "\\") {
      literal += sec[++i] ?? "";
    } else if (ch === "[") {
      i = Math.max(i, sec.indexOf("]", i));
    } else if (ch === "_" || ch === "*") {
      i++; // padding directives: no visible text here
    } else if ("0#?.,".includes(ch)) {
      if (seenDigits && literal) return null; // literal text between digits: not supported
      flush();
      seenDigits = true;
      pattern += ch;
    } else if (ch === "%") {
      percent = true;
      literal += ch;
    } else if (/[ymdhs]/i.test(ch) || ch === "@") {
      return null;
    } else literal += ch;
  }
  if (!seenDigits) return null;
  const [intPart, decPart = ""] = pattern.split(".");
  return {
    prefix,
    suffix: literal,
    intZeros: (intPart.match(/0/g) ?? []).length,
    decimals: (decPart.match(/[0#?]/g) ?? []).length,
    group: /[0#?],[0#?]/.test(intPart),
    percent,
  };
}

function formatNumber(n: number, p: Parsed, withSign: boolean): string {
  const scaled = p.percent ? n * 100 : n;
  const rounded = Math.abs(roundExcel(scaled, p.decimals));
  const [whole, dec = ""] = rounded.toFixed(p.decimals).split(".");
  let int = whole === "0" && p.intZeros === 0 ? "" : whole;
  int = int.padStart(p.intZeros, "0");
  if (p.group) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const body = dec ? `${int}.${dec}` : int;
  const negative = withSign && scaled < 0 && Number(body.replace(/,/g, "")) !== 0;
  return `${negative ? "-" : ""}${p.prefix}${body}${p.suffix}`;
}

export function formatValue(v: CellValue, fmt: string): string {
  if (v === null) return "";
  if (v instanceof CellError) return v.error;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  const secs = sections(fmt || "General");
  if (typeof v === "string") {
    const textSec = secs.length >= 4 ? secs[3] : secs.find((s) => s.includes("@"));
    return textSec ? textSec.replace(/"([^"]*)"/g, "$1").replace("@", v) : v;
  }
  if (/^general$/i.test(secs[0].trim()) || secs[0].trim() === "@") return numberToText(v);
  const index = v < 0 && secs.length > 1 ? 1 : v === 0 && secs.length > 2 ? 2 : 0;
  const parsed = parseSection(secs[index]);
  if (!parsed) return numberToText(v);
  return formatNumber(v, parsed, index === 0);
}
