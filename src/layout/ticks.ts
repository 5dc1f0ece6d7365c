/**
 * What counts as ticked — a thin view of the per-format entry rules in entries.ts, which the sheet's
 * formulas and the reader share so that they always agree. Formats 2 and 3 (current): ticked = TRUE, 1, √ ✓ ☑ 是;
 * not ticked = blank, FALSE, 0, 否; spaces of every kind around a mark are ignored; anything else is invalid.
 */
import { CURRENT_FORMAT, entryRules, type SheetFormat } from "./entries";
import type { CellValue } from "./types";

export type TickReading = "ticked" | "unticked" | "invalid";

/** How the reader of a `format` sheet takes a typed tick value (a constant, not a formula). */
export function readTickValue(v: unknown, format: SheetFormat = CURRENT_FORMAT): TickReading {
  const r = entryRules(format).tick(v === undefined ? undefined : { value: v as CellValue });
  return r.value === true ? "ticked" : r.value === false || r.value === undefined ? "unticked" : "invalid";
}
