/**
 * PLACEHOLDER until the format-2 entry rules land (branch `formulas`): format 1's reading, as the reader
 * did it before. Replaced wholesale by that branch.
 */
import type { InputValue } from "../scoring/types";
import { sheetTrim } from "../scoring/inputs";
import type { GridCell } from "./grid";
import { readTickValue } from "./ticks";

export type SheetFormat = 1 | 2;
export const CURRENT_FORMAT: SheetFormat = 1;

export interface EntryReading {
  value: InputValue;
  warning?: { kind: "ambiguous-mark" | "formula-in-input"; zh: string; en: string };
}

export interface EntryRules {
  format: SheetFormat;
  tick(cell: GridCell | undefined): EntryReading;
  entry(cell: GridCell | undefined): EntryReading;
}

function entry(cell: GridCell | undefined): EntryReading {
  const v = cell?.value;
  if (v === null || v === undefined) return { value: undefined };
  if (typeof v === "string" && sheetTrim(v) === "") return { value: undefined };
  return { value: v };
}

function tick(cell: GridCell | undefined): EntryReading {
  const { value: v } = entry(cell);
  const t = readTickValue(v);
  return { value: t === "ticked" ? true : t === "unticked" ? (v === undefined ? undefined : false) : v };
}

export function entryRules(format: SheetFormat): EntryRules {
  return { format, tick, entry };
}
