/** The workbook as plain data: what the proxies read and write, and what the workbench draws. */
import type { CellValue } from "../values";

export interface FontModel {
  name: string;
  size: number;
  color: string;
  bold: boolean;
  italic: boolean;
  underline: string;
  strikethrough: boolean;
}

export interface BorderModel {
  style: string;
  color: string;
  weight: string;
}

export type Edge = "top" | "bottom" | "left" | "right";

export interface CellFormat {
  numberFormat: string;
  font: FontModel;
  /** null: no fill (Office reports "#FFFFFF"). */
  fill: string | null;
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  indentLevel: number;
  borders: Partial<Record<Edge, BorderModel>>;
}

export interface ValidationRuleOperand {
  formula1?: string | number;
  formula2?: string | number;
  operator?: string;
}

/** Excel.DataValidationRule as plain data (a Range operand is kept as its address). */
export interface ValidationRule {
  wholeNumber?: ValidationRuleOperand;
  decimal?: ValidationRuleOperand;
  textLength?: ValidationRuleOperand;
  list?: { inCellDropDown?: boolean; source: string };
  custom?: { formula: string };
}

export interface ValidationModel {
  rule: ValidationRule;
  errorAlert: { showAlert: boolean; style: "Stop" | "Warning" | "Information"; title: string; message: string };
  prompt: { showPrompt: boolean; title: string; message: string };
  ignoreBlanks: boolean;
}

export interface CellModel {
  /** A constant, or the last computed result of `formula`. */
  value: CellValue;
  /** "=..." when the cell holds a formula. */
  formula: string | null;
  format: CellFormat;
  /** Locked cells refuse edits while the sheet is protected (Excel's default is locked). */
  locked: boolean;
  control: { type: "Checkbox" } | null;
  validation: ValidationModel | null;
}

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

export interface ProtectionOptions {
  allowAutoFilter: boolean;
  allowDeleteColumns: boolean;
  allowDeleteRows: boolean;
  allowEditObjects: boolean;
  allowEditScenarios: boolean;
  allowFormatCells: boolean;
  allowFormatColumns: boolean;
  allowFormatRows: boolean;
  allowInsertColumns: boolean;
  allowInsertHyperlinks: boolean;
  allowInsertRows: boolean;
  allowPivotTables: boolean;
  allowSort: boolean;
  selectionMode: "Normal" | "Unlocked" | "None";
}

export interface ProtectionModel {
  protected: boolean;
  password: string | null;
  options: ProtectionOptions;
}

export interface PageZoom {
  scale?: number;
  horizontalFitToPages?: number;
  verticalFitToPages?: number;
}

/** One set of header and footer texts, in Excel's codes (&P page, &N pages, && a literal &). */
export interface HeaderFooterModel {
  leftHeader: string;
  centerHeader: string;
  rightHeader: string;
  leftFooter: string;
  centerFooter: string;
  rightFooter: string;
}

export type HeaderFooterState = "Default" | "FirstAndDefault" | "OddAndEven" | "FirstOddAndEven";

export interface PageLayoutModel {
  orientation: "Portrait" | "Landscape";
  paperSize: string;
  zoom: PageZoom;
  centerHorizontally: boolean;
  centerVertically: boolean;
  /** Margins in points. */
  leftMargin: number;
  rightMargin: number;
  topMargin: number;
  bottomMargin: number;
  headerMargin: number;
  footerMargin: number;
  printGridlines: boolean;
  printHeadings: boolean;
  blackAndWhite: boolean;
  /** Rows repeated on each printed page, 0-based inclusive, or null. */
  printTitleRows: { r0: number; r1: number } | null;
  printTitleColumns: { c0: number; c1: number } | null;
  printArea: string | null;
  /** Which of the sets below Excel prints: `defaultForAllPages` in the "Default" state. */
  headersFooters: { state: HeaderFooterState; defaultForAllPages: HeaderFooterModel; firstPage: HeaderFooterModel; evenPages: HeaderFooterModel; oddPages: HeaderFooterModel };
}

/** What `host.workbook.get()` answers for one cell, defaults filled in. */
export interface CellSnapshot {
  address: string;
  value: CellValue;
  formula: string | null;
  text: string;
  valueType: "Empty" | "String" | "Double" | "Boolean" | "Error";
  format: CellFormat;
  locked: boolean;
  control: { type: "Checkbox" } | null;
  validation: ValidationModel | null;
  /** The merged area this cell belongs to ("B2:D2"), or null. */
  mergedArea: string | null;
}

export type EditResult = { ok: true; warning?: string } | { ok: false; title: string; message: string };

export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export function defaultFormat(): CellFormat {
  return {
    numberFormat: "General",
    font: { name: "Calibri", size: 11, color: "#000000", bold: false, italic: false, underline: "None", strikethrough: false },
    fill: null,
    horizontalAlignment: "General",
    verticalAlignment: "Bottom",
    wrapText: false,
    indentLevel: 0,
    borders: {},
  };
}

export function defaultProtectionOptions(): ProtectionOptions {
  return {
    allowAutoFilter: false, allowDeleteColumns: false, allowDeleteRows: false, allowEditObjects: false,
    allowEditScenarios: false, allowFormatCells: false, allowFormatColumns: false, allowFormatRows: false,
    allowInsertColumns: false, allowInsertHyperlinks: false, allowInsertRows: false, allowPivotTables: false,
    allowSort: false, selectionMode: "Normal",
  };
}

export function emptyHeaderFooter(): HeaderFooterModel {
  return { leftHeader: "", centerHeader: "", rightHeader: "", leftFooter: "", centerFooter: "", rightFooter: "" };
}

/** Excel's "Normal" margins: 0.7" sides, 0.75" top and bottom, 0.3" header and footer. */
export function defaultPageLayout(): PageLayoutModel {
  return {
    orientation: "Portrait", paperSize: "Letter", zoom: { scale: 100 }, centerHorizontally: false, centerVertically: false,
    leftMargin: 50.4, rightMargin: 50.4, topMargin: 54, bottomMargin: 54, headerMargin: 21.6, footerMargin: 21.6,
    printGridlines: false, printHeadings: false, blackAndWhite: false, printTitleRows: null, printTitleColumns: null, printArea: null,
    headersFooters: { state: "Default", defaultForAllPages: emptyHeaderFooter(), firstPage: emptyHeaderFooter(), evenPages: emptyHeaderFooter(), oddPages: emptyHeaderFooter() },
  };
}
