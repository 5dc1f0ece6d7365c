/**
 * What counts as ticked, once, for both the sheet formulas and the reader, so they always agree.
 * Ticked: TRUE, 1, and the marks people type: √ ✓ ☑ 是 x (case-insensitive, spaces trimmed).
 * Not ticked: FALSE, 0, blank, 否. Anything else is an invalid entry (flagged, scored as not ticked).
 */
export const TICK_MARKS = ["√", "✓", "☑", "是", "x"] as const;
export const UNTICK_MARKS = ["否"] as const;

export type TickReading = "ticked" | "unticked" | "invalid";

export function readTickValue(v: unknown): TickReading {
  if (v === null || v === undefined || v === false || v === 0) return "unticked";
  if (v === true || v === 1) return "ticked";
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    if (s === "" || (UNTICK_MARKS as readonly string[]).includes(s)) return "unticked";
    if ((TICK_MARKS as readonly string[]).includes(s)) return "ticked";
  }
  return "invalid";
}

/** Formula (no leading =) true when `ref` is ticked. Comparisons of text are case-insensitive in Excel, WPS and Calc. */
export function tickedFormula(ref: string): string {
  return `OR(${ref}=TRUE(),${ref}=1,${TICK_MARKS.map((m) => `TRIM(${ref})="${m}"`).join(",")})`;
}

/** Formula true when `ref` is a valid "not ticked". */
export function untickedFormula(ref: string): string {
  return `OR(LEN(TRIM(${ref}))=0,${ref}=FALSE(),${ref}=0,${UNTICK_MARKS.map((m) => `TRIM(${ref})="${m}"`).join(",")})`;
}

export const blankFormula = (ref: string) => `LEN(TRIM(${ref}))=0`;
