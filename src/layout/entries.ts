/**
 * How an entry in an input cell is read — per sheet FORMAT, for the sheet's formulas and for the reader
 * alike, so that a return scores the same in the spreadsheet and in the engine.
 *
 * A return is read by the rules of the format it was made in (its metadata's `planVersion`), forever.
 *
 * FORMAT 1 (releases before format 2; frozen — plan(…, { format: 1 }) emits exactly what they emitted):
 * - Whitespace: ASCII spaces only (the spreadsheet TRIM). "√" + U+3000, "\u00a0√", "√\t" are invalid.
 * - Ticked: TRUE, the number 1, √ ✓ ☑ 是 x X. x/X is ticked because the sheet counts it, but the reader
 *   warns (`ambiguous-mark`): × often means 否/错. × (U+00D7) is invalid. Not ticked: blank, FALSE, 0, 否.
 * - A formula in an input cell: the sheet uses its computed value, so the reader takes the cached value
 *   (with a `formula-in-input` warning); with no cached value it passes "=formula", which the engine flags.
 * - Counts: a number (ISNUMBER). LibreOffice has no Boolean type, so there a TRUE in a count cell is the
 *   count 1 (the one known disagreement of format 1; Excel, WPS and the engine call it invalid).
 *
 * FORMAT 2 (new templates):
 * - Whitespace: ASCII space, tab, LF, CR, no-break space (U+00A0) and ideographic space (U+3000) are all
 *   spaces. Leading and trailing spaces are ignored and inner runs count as one space (TRIM after turning
 *   every kind into an ASCII space) — in the formulas too. Other characters (em space, zero-width space)
 *   are content. The reader strips leading/trailing spaces of these kinds from text and keeps the inside as
 *   typed (a note keeps its line breaks); no valid mark or answer contains a space, so inner whitespace
 *   makes an entry invalid on both sides.
 * - Ticked: TRUE, the number 1, √ ✓ ☑ 是. Not ticked: blank, FALSE, the number 0, 否. Everything else is
 *   invalid — x, X and × too (× often means 否/错; flagged `ambiguous-mark`), and TRUE/1 typed as text.
 * - A formula in ANY input cell is read as its formula text, never its value: the sheet tests ISFORMULA,
 *   the reader passes "=formula" (warning `formula-in-input`). Ticks, counts, amounts and answers are then
 *   invalid on both sides; a note or a header field holding a formula counts as filled in on both sides.
 *   Except a formula with a Boolean result (ISLOGICAL): LibreOffice loads and saves a TRUE/FALSE constant
 *   of an .xlsx as the formula TRUE()/FALSE(), so ISFORMULA is TRUE for a ticked checkbox there. Such a
 *   formula is taken by its value on both sides (the reader: its cached Boolean; TRUE()/FALSE() even
 *   uncached). A Boolean formula other than TRUE()/FALSE() saved without a cached value is the one case
 *   where the reader (invalid) and the sheet (its value) can differ; no spreadsheet saves such a file.
 * - Counts and amounts: a number that is not a Boolean (NOT(ISLOGICAL(…)), which LibreOffice also answers
 *   TRUE for a cell saved as t="b" by Excel or ExcelJS). Numbers typed as text ("3") and full-width digits
 *   ("３", text) are invalid on both sides.
 * - ISFORMULA is an Excel 2013 function: in an .xlsx file it must be written `_xlfn.ISFORMULA` (see
 *   `toFileFormula`), as Excel itself saves it; Office.js takes and returns it without the prefix.
 */
import type { InputValue } from "../scoring/types";
import { ACCEPTED_TICKS, MAX_COUNT, sheetTrim } from "../scoring/inputs";
import type { GridCell } from "./grid";

export type SheetFormat = 1 | 2;
export const CURRENT_FORMAT: SheetFormat = 2;

export interface EntryWarning {
  kind: "ambiguous-mark" | "formula-in-input";
  zh: string;
  en: string;
}

export interface EntryReading {
  value: InputValue;
  warning?: EntryWarning;
}

export interface EntryFormulas {
  /** True when the tick cell `ref` is ticked. */
  ticked(ref: string): string;
  /** True when the tick cell `ref` is a valid "not ticked" (blank included). */
  unticked(ref: string): string;
  /** True when `ref` is blank (whitespace only counts as blank). */
  blank(ref: string): string;
  /** True when `ref` holds a valid count (a whole number 0…MAX_COUNT). */
  countValid(ref: string): string;
  /** True when `ref` holds a valid discretionary amount (0…max, at most two decimals). */
  amountValid(ref: string, max: number): string;
  /** The text of `ref` as this format's reader sees it, whitespace trimmed (for comparing answers). */
  text(ref: string): string;
  /** True when `ref` holds a number that may be a count or an amount (for "ticked but zero"). */
  number(ref: string): string;
}

export interface EntryRules {
  format: SheetFormat;
  /** A tick/veto cell → true / false / undefined for blank, or the value as typed when invalid (the engine flags it). */
  tick(cell: GridCell | undefined): EntryReading;
  /** Any other input cell (count, amount, checklist answer, note, header field) → blank as undefined, else the value as the engine should see it. */
  entry(cell: GridCell | undefined): EntryReading;
  /** Formula builders for plan(). */
  formulas: EntryFormulas;
}


const ambiguousMark = (v: string, ticked: boolean): EntryWarning =>
  ticked
    ? {
        kind: "ambiguous-mark",
        zh: `“${v}”按勾选计（旧版表格的规则），但 × 常表示“否/错”，容易误解，请改用 √`,
        en: `"${v}" counts as ticked (the old sheet format's rule), but × often means 否 (no/wrong); use √ instead`,
      }
    : {
        kind: "ambiguous-mark",
        zh: `“${v}”不是勾选标记：× 常表示“否/错”，含义不明，不计为勾选。${ACCEPTED_TICKS.zh}`,
        en: `"${v}" is not a tick: × often means 否 (no/wrong), so it is ambiguous and not counted. Accepted: ${ACCEPTED_TICKS.en}`,
      };

const formulaWarning = (f: string, used: "value" | "text"): EntryWarning =>
  used === "value"
    ? { kind: "formula-in-input", zh: `输入单元格填写了公式“=${f}”，按其计算结果读取；请直接填写数值或勾选`, en: `an input cell holds the formula "=${f}"; its computed value is used — type the value instead` }
    : { kind: "formula-in-input", zh: `输入单元格不能填写公式（“=${f}”），请直接填写数值或勾选`, en: `an input cell cannot hold a formula ("=${f}"); type the value or the tick instead` };

const isAmbiguous = (s: string) => s === "x" || s === "X" || s === "×";

// ---------------------------------------------------------------------------------------------- format 1

/** Format 1's marks (x compared case-insensitively, as the sheet does). */
const TICKS_1 = ["√", "✓", "☑", "是", "x"];
const UNTICKS_1 = ["否"];

/** LibreOffice's way of saving a typed TRUE or FALSE (it has no Boolean cells): a constant, not a formula someone wrote. */
const BOOLEAN_CONSTANT = /^(TRUE|FALSE)\(\)$/;
const booleanConstant = (f: string): boolean | undefined => {
  const m = BOOLEAN_CONSTANT.exec(f.replace(/\s+/g, "").toUpperCase());
  return m ? m[1] === "TRUE" : undefined;
};

/** The value a format-1 sheet computes with: a formula's cached result; "=formula" when there is none. */
function value1(cell: GridCell | undefined): EntryReading {
  if (!cell) return { value: undefined };
  const constant = cell.formula !== undefined ? booleanConstant(cell.formula) : undefined;
  if (constant !== undefined) return { value: constant };
  if (cell.formula !== undefined) {
    if (cell.value === null || cell.value === undefined) return { value: `=${cell.formula}`, warning: formulaWarning(cell.formula, "text") };
    return { value: cell.value, warning: formulaWarning(cell.formula, "value") };
  }
  return { value: cell.value ?? undefined };
}

const FORMAT_1: EntryRules = {
  format: 1,
  tick(cell) {
    const r = value1(cell);
    const v = r.value;
    const out = (value: InputValue, warning = r.warning): EntryReading => (warning ? { value, warning } : { value });
    if (v === undefined || v === null) return out(undefined);
    if (v === false || v === 0) return out(false);
    if (v === true || v === 1) return out(true);
    if (typeof v === "string") {
      const s = sheetTrim(v);
      if (s === "") return out(undefined);
      if (UNTICKS_1.includes(s)) return out(false);
      if (TICKS_1.includes(s.toLowerCase())) return out(true, s.toLowerCase() === "x" ? ambiguousMark(s, true) : r.warning);
    }
    return out(v);
  },
  entry(cell) {
    const r = value1(cell);
    return typeof r.value === "string" && sheetTrim(r.value) === "" ? { ...r, value: undefined } : r;
  },
  formulas: {
    ticked: (ref) => `OR(${ref}=TRUE(),${ref}=1,${TICKS_1.map((m) => `TRIM(${ref})="${m}"`).join(",")})`,
    unticked: (ref) => `OR(LEN(TRIM(${ref}))=0,${ref}=FALSE(),${ref}=0,${UNTICKS_1.map((m) => `TRIM(${ref})="${m}"`).join(",")})`,
    blank: (ref) => `LEN(TRIM(${ref}))=0`,
    countValid: (ref) => `IF(ISNUMBER(${ref}),AND(${ref}>=0,${ref}=INT(${ref}),${ref}<=${MAX_COUNT}),FALSE())`,
    amountValid: (ref, max) => `IF(ISNUMBER(${ref}),AND(${ref}>=0,${ref}<=${max},ROUND(${ref},2)=${ref}),FALSE())`,
    text: (ref) => `TRIM(${ref})`,
    number: (ref) => `ISNUMBER(${ref})`,
  },
};

// ---------------------------------------------------------------------------------------------- format 2

/** The characters format 2 treats as spaces, besides the ASCII space. */
const SPACES_2 = ["\t", "\n", "\r", "\u00a0", "\u3000"] as const;
const SPACE_RUN_2 = /[ \t\n\r\u00a0\u3000]/g;
const EDGES_2 = /^[ \t\n\r\u00a0\u3000]+|[ \t\n\r\u00a0\u3000]+$/g;
/** What the format-2 formula `text(ref)` computes from a text: every space kind → " ", then TRIM. */
export const cleanText2 = (s: string): string => sheetTrim(s.replace(SPACE_RUN_2, " "));

const TICKS_2 = ["√", "✓", "☑", "是"];
const UNTICKS_2 = ["否"];

/** A spreadsheet literal for one of SPACES_2: CHAR() for control characters, the character itself otherwise. */
const spaceLiteral = (ch: string) => (ch.charCodeAt(0) < 32 ? `CHAR(${ch.charCodeAt(0)})` : `"${ch}"`);
const text2 = (ref: string) => `TRIM(${SPACES_2.reduce((inner, ch) => `SUBSTITUTE(${inner},${spaceLiteral(ch)}," ")`, ref)})`;
/**
 * Not a formula — a formula with a Boolean result excepted: LibreOffice loads a TRUE or FALSE constant
 * from an .xlsx as the formula TRUE() / FALSE() (and saves it so), so ISFORMULA is TRUE for a ticked
 * checkbox there. A Boolean-valued formula is therefore taken by its value, on both sides.
 */
const notFormula = (ref: string) => `OR(NOT(ISFORMULA(${ref})),ISLOGICAL(${ref}))`;
const SEP = "\u3000";
const inList = (ref: string, marks: string[]) => `ISNUMBER(FIND("${SEP}"&${text2(ref)}&"${SEP}","${SEP}${marks.join(SEP)}${SEP}"))`;
const number2 = (ref: string) => `AND(ISNUMBER(${ref}),NOT(ISLOGICAL(${ref})),${notFormula(ref)})`;

/**
 * Format 2's view of a formula cell: a Boolean-valued formula (TRUE() as LibreOffice saves a TRUE) is
 * its value; any other formula is its text "=…", which no rule accepts. Undefined for a constant.
 */
function formula2(cell: GridCell): EntryReading | undefined {
  if (cell.formula === undefined) return undefined;
  const constant = booleanConstant(cell.formula);
  const value = typeof cell.value === "boolean" ? cell.value : constant;
  if (value !== undefined) return constant !== undefined ? { value } : { value, warning: formulaWarning(cell.formula, "value") };
  return { value: `=${cell.formula}`, warning: formulaWarning(cell.formula, "text") };
}

const FORMAT_2: EntryRules = {
  format: 2,
  tick(cell) {
    if (!cell) return { value: undefined };
    const f = formula2(cell);
    if (f) return f;
    const v = cell.value;
    if (v === null || v === undefined) return { value: undefined };
    if (v === false || v === 0) return { value: false };
    if (v === true || v === 1) return { value: true };
    if (typeof v === "string") {
      const s = cleanText2(v);
      if (s === "") return { value: undefined };
      if (UNTICKS_2.includes(s)) return { value: false };
      if (TICKS_2.includes(s)) return { value: true };
      if (isAmbiguous(s)) return { value: v, warning: ambiguousMark(s, false) };
    }
    return { value: v };
  },
  entry(cell) {
    if (!cell) return { value: undefined };
    const f = formula2(cell);
    if (f) return f;
    const v = cell.value;
    if (v === null || v === undefined) return { value: undefined };
    if (typeof v === "string") {
      const s = v.replace(EDGES_2, "");
      return { value: s === "" ? undefined : s };
    }
    return { value: v };
  },
  formulas: {
    // The cleaned text is looked up, between ideographic spaces, in a list of marks separated by them: the
    // cleaned text cannot contain one, so only a whole mark matches (FIND is exact and case-sensitive), and
    // the text appears once in the formula. For "not ticked" the list starts with an empty entry (blank).
    ticked: (ref) => `AND(${notFormula(ref)},OR(${ref}=TRUE(),${ref}=1,${inList(ref, TICKS_2)}))`,
    unticked: (ref) => `AND(${notFormula(ref)},OR(${ref}=FALSE(),${ref}=0,${inList(ref, ["", ...UNTICKS_2])}))`,
    blank: (ref) => `AND(${notFormula(ref)},LEN(${text2(ref)})=0)`,
    countValid: (ref) => `IF(${number2(ref)},AND(${ref}>=0,${ref}=INT(${ref}),${ref}<=${MAX_COUNT}),FALSE())`,
    amountValid: (ref, max) => `IF(${number2(ref)},AND(${ref}>=0,${ref}<=${max},ROUND(${ref},2)=${ref}),FALSE())`,
    // A formula is read as its formula text: it equals no answer ("=" stands for that text).
    text: (ref) => `IF(${notFormula(ref)},${text2(ref)},"=")`,
    number: number2,
  },
};

export function entryRules(format: SheetFormat): EntryRules {
  switch (format) {
    case 1:
      return FORMAT_1;
    case 2:
      return FORMAT_2;
    default:
      throw new Error(`unknown sheet format ${String(format)} / 不支持的自评表格式 ${String(format)}`);
  }
}

/** Functions that an .xlsx file must name with the `_xlfn.` prefix (Excel 2010+ additions) — of those the plans use. */
const FUTURE_FUNCTIONS = ["ISFORMULA"];

/**
 * A plan formula as it is stored in an .xlsx file: future functions carry `_xlfn.` (Excel, WPS and
 * LibreOffice show #NAME? without it). String literals are left alone.
 */
export function toFileFormula(f: string): string {
  let out = fileFormulas.get(f);
  if (out === undefined) {
    // Plans are few and their formulas repeat in every return read: computed once each (the reader's hot path).
    if (fileFormulas.size >= 50_000) fileFormulas.clear();
    out = withFuturePrefixes(f);
    fileFormulas.set(f, out);
  }
  return out;
}
const fileFormulas = new Map<string, string>();

function withFuturePrefixes(f: string): string {
  return f.replace(/("[^"]*")|\b([A-Z][A-Z0-9.]*)\(/g, (m, str: string | undefined, name: string | undefined) =>
    str !== undefined ? str : FUTURE_FUNCTIONS.includes(name!) ? `_xlfn.${name}(` : m,
  );
}

/** The inverse of toFileFormula: a formula read from a file, as plan() writes it. */
export function fromFileFormula(f: string): string {
  return f.replace(/("[^"]*")|_xlfn\./gi, (m, str: string | undefined) => (str !== undefined ? str : ""));
}
