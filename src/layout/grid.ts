/** A workbook as plain data, as either adapter reads it: the input of `readWorkbook`. */
import type { CellValue } from "./types";

export interface GridCell {
  /** The displayed value: a constant, or a formula's last computed result. */
  value: CellValue;
  /** The formula without "=", when the cell holds one. */
  formula?: string;
}

export interface SheetGrid {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  cells: Map<string, GridCell>;
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
}
