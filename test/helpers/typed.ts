/**
 * What people type into input cells, and how a reader of each sheet format turns it into what the engine
 * sees (src/layout/entries.ts). In these tests a typed string starting with "=" is a FORMULA in the input
 * cell (written as a formula to HyperFormula, the host and LibreOffice); FORMULA_RESULTS gives the value a
 * spreadsheet caches for it, which is what a format-1 reader takes.
 */
import type { GridCell } from "../../src/layout/grid";
import { entryRules, type SheetFormat } from "../../src/layout/entries";
import type { CellValue } from "../../src/layout/types";
import type { InputValue, Responses } from "../../src/scoring";

/** Formulas typed into input cells in these tests, with their computed values. */
export const FORMULA_RESULTS: Record<string, CellValue> = {
  "=TRUE()": true,
  "=FALSE()": false,
  "=1": 1,
  "=2+3": 5,
  "=1-1": 0,
  '="√"': "√",
  '="已落实"': "已落实",
  '="是"': "是",
};

export const isTypedFormula = (v: unknown): v is string => typeof v === "string" && v.startsWith("=");

/** Kinds of whitespace people type around an entry (CR survives in memory, not in an .xlsx: XML turns it into LF). */
export const SPACES = ["", " ", "\t", "\n", "\r", "\u00a0", "\u3000"] as const;
/** Marks people type in a tick cell, as text. */
export const MARK_TEXTS = ["√", "✓", "☑", "是", "否", "x", "X", "×", "1", "0", "TRUE", "FALSE"] as const;

const wrapped = (s: string) => SPACES.flatMap((w) => (w === "" ? [s] : [`${w}${s}${w}`, `${w}${s}`]));

/**
 * Every way of filling a tick cell these tests try. Not the full-width Ｘ: HyperFormula compares text
 * width-insensitively (Ｘ = x), Excel and LibreOffice do not — format 1 would differ in HyperFormula only.
 */
export const TICK_VOCABULARY: CellValue[] = [
  null, true, false, 1, 0, 2, -1, 0.5,
  ...MARK_TEXTS.flatMap(wrapped),
  ...SPACES.filter((w) => w !== "").map((w) => w.repeat(2)),
  "", "√\u3000√", "√√", "maybe", "对", "true",
  "=TRUE()", "=FALSE()", "=1", '="√"',
];

/** Every way of filling a count or amount cell these tests try (besides plain valid numbers). */
export const COUNT_VOCABULARY: CellValue[] = [
  null, 0, 1, 3, -1, 1.5, 2.345, 0.25, true, false, "3", " 3 ", "３", "三", "0", "", " ", "\t", "\u3000", "\u00a0\n", "=2+3", "=1-1",
];

/** Answers typed into a checklist's answer cell. */
export const ANSWER_VOCABULARY: CellValue[] = [null, "可能", "不 适用", "=\"是\"", ...["是", "否", "不适用"].flatMap(wrapped), ...SPACES.filter((w) => w !== "")];

/** Notes and header fields. */
export const TEXT_VOCABULARY: CellValue[] = [null, "", "已落实，见台账", "第一行\n第二行", " \u3000", "\t", "\u00a0", '="已落实"', "\u3000已落实\u3000"];

/** The cell a reader sees for a typed value (a formula with its computed value cached, as a saved file has). */
export function typedCell(v: InputValue): GridCell | undefined {
  if (v === undefined) return undefined;
  if (isTypedFormula(v)) {
    if (!(v in FORMULA_RESULTS)) throw new Error(`typed: no known result for ${v}`);
    return { value: FORMULA_RESULTS[v], formula: v.slice(1) };
  }
  return { value: v };
}

/** Typed responses (what is in the cells) → what a reader of `format` hands the engine. */
export function engineResponses(typed: Responses, format: SheetFormat): Responses {
  const rules = entryRules(format);
  const tick = (v: InputValue) => rules.tick(typedCell(v)).value;
  const entry = (v: InputValue) => rules.entry(typedCell(v)).value;
  const drop = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as T;
  return {
    variant: typed.variant,
    fields: drop(Object.fromEntries(Object.entries(typed.fields ?? {}).map(([k, v]) => [k, entry(v)]))),
    items: Object.fromEntries(Object.entries(typed.items ?? {}).map(([k, v]) => [k, drop({ note: entry(v.note), answer: entry(v.answer), selected: tick(v.selected) })])),
    clauses: Object.fromEntries(
      Object.entries(typed.clauses ?? {}).map(([k, v]) => [k, drop({ ticked: tick(v.ticked), count: entry(v.count), amount: entry(v.amount) })]),
    ),
    vetoes: drop(Object.fromEntries(Object.entries(typed.vetoes ?? {}).map(([k, v]) => [k, tick(v)]))),
  };
}
