/**
 * Reading single entries strictly. Each reader returns the value or a problem; a problem means the
 * entry is flagged and scored as if blank. The sheet reader (layout/) turns what people type (√, 是,
 * "3") into these canonical values first; the engine accepts only canonical values.
 */
import type { InputValue } from "./types";
import { isWholeHundredths } from "../rubric/model";

/** Counts above this are not plausible entries (and keep every product exact in hundredths). */
export const MAX_COUNT = 1_000_000;

export type Read<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** A reason in both languages; `got` is shown quoted. */
export interface Problem {
  zh: string;
  en: string;
}

/**
 * Spreadsheet TRIM: removes ASCII spaces only (not tabs or full-width spaces), as Excel, WPS and Calc do,
 * so the engine and the sheet's LEN(TRIM(x))=0 agree on what is blank.
 */
export function sheetTrim(s: string): string {
  return s.replace(/^ +| +$/g, "").replace(/ {2,}/g, " ");
}

export function isBlank(v: InputValue): boolean {
  return v === undefined || v === null || (typeof v === "string" && sheetTrim(v) === "");
}

export function showValue(v: InputValue): string {
  return typeof v === "string" ? `“${v}”` : String(v);
}

/** What a tick cell accepts (the sheet reader turns these into true/false before the engine sees them). */
export const ACCEPTED_TICKS = { zh: "勾选：TRUE、1、√、✓、☑、是；不勾选：空白、FALSE、0、否", en: "ticked: TRUE, 1, √, ✓, ☑, 是; not ticked: blank, FALSE, 0, 否" };

/** A formula's text as the reader passes it on ("=…"): never a value the engine accepts. */
const isFormulaText = (v: InputValue): v is string => typeof v === "string" && v.startsWith("=");
const FORMULA_PROBLEM = (v: string): Problem => ({
  zh: `输入单元格不能填写公式，请直接填写数值或勾选，当前为${showValue(v)}`,
  en: `an input cell cannot hold a formula; type the value or the tick instead, got ${showValue(v)}`,
});

export function readTick(v: InputValue): Read<boolean> {
  if (isBlank(v) || v === false) return { ok: true, value: false };
  if (v === true) return { ok: true, value: true };
  if (isFormulaText(v)) return { ok: false, problem: FORMULA_PROBLEM(v) };
  if (typeof v === "string" && /^[xX×]$/.test(sheetTrim(v))) {
    return {
      ok: false,
      problem: {
        zh: `勾选栏不能填${showValue(v)}：× 常表示“否/错”，含义不明。${ACCEPTED_TICKS.zh}`,
        en: `a tick cannot be ${showValue(v)}: × often means 否 (no/wrong), so it is ambiguous. Accepted: ${ACCEPTED_TICKS.en}`,
      },
    };
  }
  return { ok: false, problem: { zh: `勾选栏填写无效，当前为${showValue(v)}。${ACCEPTED_TICKS.zh}`, en: `not a valid tick: ${showValue(v)}. Accepted: ${ACCEPTED_TICKS.en}` } };
}

export function readCount(v: InputValue): Read<number> {
  if (isBlank(v)) return { ok: true, value: 0 };
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= MAX_COUNT) return { ok: true, value: v };
  if (isFormulaText(v)) return { ok: false, problem: FORMULA_PROBLEM(v) };
  return { ok: false, problem: { zh: `次数须为不小于0的整数，当前为${showValue(v)}`, en: `a count must be a whole number ≥ 0, got ${showValue(v)}` } };
}

export function readAmount(v: InputValue, max: number): Read<number> {
  if (isBlank(v)) return { ok: true, value: 0 };
  if (typeof v === "number" && Number.isFinite(v) && v >= 0 && isWholeHundredths(v)) {
    if (v <= max) return { ok: true, value: v };
    return { ok: false, problem: { zh: `酌情扣分不能超过${max}分，当前为${v}`, en: `a discretionary deduction cannot exceed ${max}, got ${v}` } };
  }
  if (isFormulaText(v)) return { ok: false, problem: FORMULA_PROBLEM(v) };
  return { ok: false, problem: { zh: `扣分须为不小于0、最多两位小数的数字，当前为${showValue(v)}`, en: `a deduction must be a number ≥ 0 with at most 2 decimals, got ${showValue(v)}` } };
}

export type Answer = "yes" | "no" | "na";
const ANSWERS: Record<string, Answer> = { 是: "yes", 否: "no", 不适用: "na" };

export function readAnswer(v: InputValue): Read<Answer | null> {
  if (isBlank(v)) return { ok: true, value: null };
  const a = typeof v === "string" ? ANSWERS[sheetTrim(v)] : undefined;
  if (a) return { ok: true, value: a };
  if (isFormulaText(v)) return { ok: false, problem: FORMULA_PROBLEM(v) };
  return { ok: false, problem: { zh: `只能填“是”“否”或“不适用”，当前为${showValue(v)}`, en: `expected 是, 否 or 不适用, got ${showValue(v)}` } };
}
