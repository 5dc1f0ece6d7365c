/** A workbook as plain data, as either adapter reads it: the input of `readWorkbook`. */
import type { CellValue } from "./types";

export interface GridCell {
  /** The displayed value: a constant, or a formula's last computed result (null when none was saved). */
  value: CellValue;
  /** The formula without "=", when the cell holds one (shared formulas already translated to this cell). */
  formula?: string;
  /** The value is a spreadsheet error such as "#DIV/0!" (kept as its text in `value`). */
  error?: boolean;
}

export interface SheetGrid {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  cells: Map<string, GridCell>;
  /** Rows that are hidden (or of zero height) in the file, 1-based; absent when the reader cannot tell. */
  hiddenRows?: Set<number>;
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
}
