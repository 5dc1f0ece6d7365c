/**
 * How each sheet format reads what people type into its input cells, so the engine always agrees with
 * the formulas inside that very return.
 *
 * Format 1 (the first release): its formulas use TRIM, which removes ASCII spaces only; a tick is TRUE, 1
 * or √ ✓ ☑ 是 x (case-insensitive); "not ticked" is blank, FALSE, 0 or 否; a formula typed into an input
 * cell is used by its computed value. The reader follows exactly that — and reports what the sheet
 * silently accepted: x as a tick (× often means 否 in Chinese usage) and formulas in input cells (other
 * than LibreOffice's TRUE()/FALSE(), its way of saving a typed Boolean). A formula whose result the file
 * did not save cannot be known: it is passed on as its text, so the engine flags it as invalid.
 */
import type { InputValue } from "../scoring/types";
import { sheetTrim } from "../scoring/inputs";
import type { GridCell } from "./grid";

export type SheetFormat = 1 | 2;
export const CURRENT_FORMAT: SheetFormat = 1;

export interface EntryReading {
  value: InputValue;
  warning?: { kind: "ambiguous-mark" | "formula-in-input"; zh: string; en: string };
}

export interface EntryRules {
  format: SheetFormat;
  /** A tick or veto cell → true / false / undefined (blank), or the value as typed when invalid (the engine flags it). */
  tick(cell: GridCell | undefined): EntryReading;
  /** Any other input cell → undefined when blank, else the value as the engine should see it. */
  entry(cell: GridCell | undefined): EntryReading;
}

const F1_TICKS = ["√", "✓", "☑", "是", "x"];
const F1_UNTICKS = ["否"];
const ACCEPTED_ZH = "勾选填 TRUE、1、√、✓、☑ 或 是；不勾选留空或填 FALSE、0、否";
const ACCEPTED_EN = "ticked: TRUE, 1, √, ✓, ☑, 是; not ticked: blank, FALSE, 0, 否";

/**
 * LibreOffice has no Boolean cells: it saves a typed TRUE or FALSE as the formula TRUE() or FALSE() with
 * its result. Those are constants, not formulas someone wrote.
 */
const BOOLEAN_FORMULA = /^\s*(TRUE|FALSE)\(\s*\)\s*$/i;

/** Format 1: the cell's value as its formulas see it (a formula's cached result), with a warning for a formula. */
function valueF1(cell: GridCell | undefined): EntryReading {
  if (!cell) return { value: undefined };
  if (cell.formula !== undefined && BOOLEAN_FORMULA.test(cell.formula)) return { value: /^\s*TRUE/i.test(cell.formula) };
  if (cell.formula !== undefined) {
    const known = cell.value !== null && !cell.error;
    return {
      value: known ? cell.value! : `=${cell.formula}`,
      warning: {
        kind: "formula-in-input",
        zh: `输入单元格含公式“=${cell.formula.slice(0, 30)}”${known ? "，按其计算结果计分" : "，且文件未保存其结果，按无效填写处理"}；请直接填写`,
        en: `an input cell holds the formula "=${cell.formula.slice(0, 30)}"${known ? "; scored by its result" : " with no saved result; treated as invalid"} — type the entry instead`,
      },
    };
  }
  return { value: cell.value ?? undefined };
}

function entryF1(cell: GridCell | undefined): EntryReading {
  const r = valueF1(cell);
  if (r.value === null || (typeof r.value === "string" && sheetTrim(r.value) === "")) return { ...r, value: undefined };
  return r;
}

function tickF1(cell: GridCell | undefined): EntryReading {
  const r = entryF1(cell);
  const v = r.value;
  if (v === undefined) return r;
  if (v === true || v === 1) return { ...r, value: true };
  if (v === false || v === 0) return { ...r, value: false };
  if (typeof v !== "string") return r;
  const s = sheetTrim(v).toLowerCase();
  if (F1_UNTICKS.includes(s)) return { ...r, value: false };
  if (!F1_TICKS.includes(s)) return r;
  if (s === "x") {
    return {
      value: true,
      warning: r.warning ?? {
        kind: "ambiguous-mark",
        zh: `“${v}”被表格计为已勾选，但“×”在中文里常表示“否”，含义不明确；${ACCEPTED_ZH}`,
        en: `"${v}" counts as ticked in this sheet, but × often means "no"; ${ACCEPTED_EN}`,
      },
    };
  }
  return { ...r, value: true };
}

export function entryRules(format: SheetFormat): EntryRules {
  switch (format) {
    case 1:
    case 2:
      return { format, tick: tickF1, entry: entryF1 };
    default:
      throw new Error(`no entry rules for sheet format ${String(format)}`);
  }
}
