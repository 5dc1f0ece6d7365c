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
 *
 * FORMAT 3 (new templates): entries are read exactly as in format 2 (FORMAT_3 reuses its `tick` and `entry`);
 * only the sheet's formulas differ. Format 2 wrote every test of an input cell inline, so one tick's ~330
 * characters of guard, clean-up and lookup came back in its value, its status, its flag count and the item's
 * note check (the longest formula of lw2015-dept reached 5,745 characters, against Excel's limit of 8,192).
 * Format 3 writes format 2's test of each input cell that a formula tests ONCE, in a hidden, locked helper
 * cell on the cell's row (the row's k-th tested cell from the left → column `helper<k>`, 辅助k, after the id
 * column; see plan/sheet.ts `tested`), and every other formula reads the helper:
 * - a tick (clause or veto): 1 ticked, 0 not ticked (blank, 否, FALSE, 0), 2 invalid — ticked(E9) is `M9=1`;
 *   the cleaned text is looked up once, in format 2's two mark lists joined (see markCode3);
 * - a count or amount, a note, a required field: 0 blank, 1 a number (not a Boolean, not a formula), 2 anything
 *   else, -1 a Boolean FALSE — blank(F9) is `N9=0`; a count's range tests still read the cell itself, behind `N9=1`;
 *   so in a scored table a helper ≥ 1 is exactly an entry (hasAnyEntry): the tier cell says 未填写 without one
 *   (LibreOffice loads a FALSE in a count cell as the formula FALSE(), an entry there: it shows 待更正, the
 *   count being invalid on both sides — test/formula-truth-libreoffice.test.ts);
 * - a checklist answer: format 2's cleaned text ("=" for a formula) — text(D9) is `I9`, blank(D9) `I9=""`.
 * The formula guard comes first in a helper (IF, not AND), so a formula with an error result in an input cell
 * is invalid in the sheet too, where format 2's AND passed the error on to the scores. The 问题数 column counts
 * the messages in 状态 (each ends with "；") instead of testing every condition again, and a checklist's
 * 答“是/否/不适用” totals count the answers' helpers (format 2 counted the cells as typed, so " 是" with another
 * kind of space, which the reader accepts, was left out of them). IFERROR (Excel 2007) joins
 * the functions used. Helper cells are plan formulas: the reader reports them changed or replaced like any other.
 */
import type { InputValue } from "../scoring/types";
import { ACCEPTED_TICKS, MAX_COUNT, sheetTrim } from "../scoring/inputs";
import type { GridCell } from "./grid";

export type SheetFormat = 1 | 2 | 3 | 4;
export const CURRENT_FORMAT: SheetFormat = 3;

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

/**
 * Format 3: what the helper cell of an input cell holds, by what the formulas ask of the cell.
 * - "tick" (a clause's or a veto's tick cell): 1 ticked, 0 not ticked (blank, or 否 / FALSE / 0), 2 invalid.
 * - "entry" (a count or amount, a note, a required field): 0 blank, 1 a number, 2 anything else (text, TRUE,
 *   a formula), -1 FALSE (invalid as a count, like 2, but not an entry: see `enteredCount`).
 * - "answer" (a checklist answer): the text as format 2 compares it — whitespace cleaned, "" when blank,
 *   "=" for a formula.
 */
export type HelperKind = "tick" | "entry" | "answer";

/** Where the plan put the helper cell of an input cell that formulas test, and what it holds (format 3 on). */
export interface HelperCells {
  /** The helper of input cell `ref`; throws when `ref` has none (a formula testing an undeclared cell). */
  helperOf(ref: string): { cell: string; kind: HelperKind };
}

export interface EntryRules {
  format: SheetFormat;
  /** A tick/veto cell → true / false / undefined for blank, or the value as typed when invalid (the engine flags it). */
  tick(cell: GridCell | undefined): EntryReading;
  /** Any other input cell (count, amount, checklist answer, note, header field) → blank as undefined, else the value as the engine should see it. */
  entry(cell: GridCell | undefined): EntryReading;
  /**
   * Formula builders for plan(). Formats 1 and 2 test an input cell inline, wherever a formula needs it
   * (`helpers` unused); format 3 refers to the cell's helper cell.
   */
  formulas(helpers: HelperCells): EntryFormulas;
  /** The formula of the helper cell testing input cell `ref` as `kind`; null for a format that tests inline. */
  helperFormula: ((kind: HelperKind, ref: string) => string) | null;
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
  helperFormula: null,
  formulas: () => ({
    ticked: (ref) => `OR(${ref}=TRUE(),${ref}=1,${TICKS_1.map((m) => `TRIM(${ref})="${m}"`).join(",")})`,
    unticked: (ref) => `OR(LEN(TRIM(${ref}))=0,${ref}=FALSE(),${ref}=0,${UNTICKS_1.map((m) => `TRIM(${ref})="${m}"`).join(",")})`,
    blank: (ref) => `LEN(TRIM(${ref}))=0`,
    countValid: (ref) => `IF(ISNUMBER(${ref}),AND(${ref}>=0,${ref}=INT(${ref}),${ref}<=${MAX_COUNT}),FALSE())`,
    amountValid: (ref, max) => `IF(ISNUMBER(${ref}),AND(${ref}>=0,${ref}<=${max},ROUND(${ref},2)=${ref}),FALSE())`,
    text: (ref) => `TRIM(${ref})`,
    number: (ref) => `ISNUMBER(${ref})`,
  }),
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
/** A number that is not a Boolean (LibreOffice's ISNUMBER is TRUE for a Boolean) — the arguments of an AND. */
const numberValue = (ref: string) => `ISNUMBER(${ref}),NOT(ISLOGICAL(${ref}))`;
const number2 = (ref: string) => `AND(${numberValue(ref)},${notFormula(ref)})`;
/** The value tests of a tick, without the formula guard: a Boolean or number constant (OR arguments), or a mark in its cleaned text. */
const tickedConstant = (ref: string) => `${ref}=TRUE(),${ref}=1`;
const untickedConstant = (ref: string) => `${ref}=FALSE(),${ref}=0`;
const tickedValue2 = (ref: string) => `OR(${tickedConstant(ref)},${inList(ref, TICKS_2)})`;
const untickedValue2 = (ref: string) => `OR(${untickedConstant(ref)},${inList(ref, ["", ...UNTICKS_2])})`;
const blankText2 = (ref: string) => `LEN(${text2(ref)})=0`;
/** A valid count or amount of `ref`, when `isNumber` (a formula) holds. */
const countValidIf = (isNumber: string, ref: string) => `IF(${isNumber},AND(${ref}>=0,${ref}=INT(${ref}),${ref}<=${MAX_COUNT}),FALSE())`;
const amountValidIf = (isNumber: string, ref: string, max: number) => `IF(${isNumber},AND(${ref}>=0,${ref}<=${max},ROUND(${ref},2)=${ref}),FALSE())`;
/** Format 2's cleaned text of `ref`, "=" for a formula (it equals no answer). */
const text2OrFormula = (ref: string) => `IF(${notFormula(ref)},${text2(ref)},"=")`;

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

const FORMULAS_2: EntryFormulas = {
  // The cleaned text is looked up, between ideographic spaces, in a list of marks separated by them: the
  // cleaned text cannot contain one, so only a whole mark matches (FIND is exact and case-sensitive), and
  // the text appears once in the formula. For "not ticked" the list starts with an empty entry (blank).
  ticked: (ref) => `AND(${notFormula(ref)},${tickedValue2(ref)})`,
  unticked: (ref) => `AND(${notFormula(ref)},${untickedValue2(ref)})`,
  blank: (ref) => `AND(${notFormula(ref)},${blankText2(ref)})`,
  countValid: (ref) => countValidIf(number2(ref), ref),
  amountValid: (ref, max) => amountValidIf(number2(ref), ref, max),
  // A formula is read as its formula text: it equals no answer ("=" stands for that text).
  text: text2OrFormula,
  number: number2,
};

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
  helperFormula: null,
  formulas: () => FORMULAS_2,
};

// ---------------------------------------------------------------------------------------------- format 3

/**
 * The tick code of `ref`'s cleaned text, which appears once: format 2's two lists in one — the not-ticked
 * entries first (blank, 否), then the marks — between ideographic spaces (the cleaned text holds none, so
 * only a whole entry matches). FIND's position says which list it is in, its error that it is in neither.
 */
const MARKS_3 = SEP + ["", ...UNTICKS_2, ...TICKS_2].join(SEP) + SEP;
const FIRST_TICK_3 = MARKS_3.indexOf(SEP + TICKS_2[0] + SEP) + 1;
const markCode3 = (ref: string) => `IFERROR(IF(FIND("${SEP}"&${text2(ref)}&"${SEP}","${MARKS_3}")<${FIRST_TICK_3},0,1),2)`;

/**
 * The helper cell's formula: format 2's tests of `ref`, written once (see HelperKind). The formula guard
 * comes first, so each kind's value tests are format 2's, unguarded.
 */
function helperFormula3(kind: HelperKind, ref: string): string {
  const nf = notFormula(ref);
  switch (kind) {
    case "tick":
      return `IF(${nf},IF(OR(${tickedConstant(ref)}),1,IF(OR(${untickedConstant(ref)}),0,${markCode3(ref)})),2)`;
    case "entry":
      // A Boolean FALSE is -1: not blank and not a number, as 2 is, but not an entry either (the engine's
      // "unfilled" counts helpers ≥ 1: a typed FALSE, like an unticked box, enters nothing).
      return `IF(${nf},IF(ISLOGICAL(${ref}),IF(${ref},2,-1),IF(AND(${numberValue(ref)}),1,IF(${blankText2(ref)},0,2))),2)`;
    case "answer":
      return text2OrFormula(ref);
  }
}

/** Format 3's formulas: each test of an input cell reads the cell's helper (the value itself where a count is used). */
function formulas3(helpers: HelperCells): EntryFormulas {
  const helper = (ref: string, ...kinds: HelperKind[]) => {
    const h = helpers.helperOf(ref);
    if (!kinds.includes(h.kind)) throw new Error(`plan: ${ref} is tested as ${kinds.join("/")} but its helper holds ${h.kind}`);
    return h;
  };
  const isNumber = (ref: string) => `${helper(ref, "entry").cell}=1`;
  return {
    ticked: (ref) => `${helper(ref, "tick").cell}=1`,
    unticked: (ref) => `${helper(ref, "tick").cell}=0`,
    blank: (ref) => {
      const h = helper(ref, "entry", "answer");
      return h.kind === "answer" ? `${h.cell}=""` : `${h.cell}=0`;
    },
    countValid: (ref) => countValidIf(isNumber(ref), ref),
    amountValid: (ref, max) => amountValidIf(isNumber(ref), ref, max),
    text: (ref) => helper(ref, "answer").cell,
    number: isNumber,
  };
}

/** Format 3 reads entries exactly as format 2; only the sheet's formulas differ (helper cells). */
const FORMAT_3: EntryRules = { ...FORMAT_2, format: 3, formulas: formulas3, helperFormula: helperFormula3 };
/**
 * FORMAT 4 (the reviewed return, 核定; made only by review — new templates stay format 3): format 3 plus the
 * assessors' columns. Both sides' entries are read, and tested in the sheet, exactly as in format 3.
 */
const FORMAT_4: EntryRules = { ...FORMAT_3, format: 4 };

export function entryRules(format: SheetFormat): EntryRules {
  switch (format) {
    case 1:
      return FORMAT_1;
    case 2:
      return FORMAT_2;
    case 3:
      return FORMAT_3;
    case 4:
      return FORMAT_4;
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
