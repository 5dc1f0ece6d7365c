/**
 * The sheet plan: everything about the official workbook as plain data — cells (values or formulas),
 * styles, merges, validation, column widths, print setup, protection and the hidden identity. Built once
 * by `plan()`, written by both adapters (ExcelJS in src/xlsx, Office.js in src/excel).
 */
import type { PrintSetup } from "./print";

/** The newest sheet format this release makes (and the newest it reads); see entries.ts. */
export { CURRENT_FORMAT as PLAN_VERSION } from "./entries";
/** In a clause row's id cell, separates the clause from its item: `clause:i3.c6b@i3`. */
export { ID_OWNER, META_SHEET } from "./format";
/** The veryHidden sheet that records what a workbook was made from. */

export type CellValue = string | number | boolean | null;

export type StyleName =
  | "title" | "fieldLabel" | "field" | "header" | "section" | "label" | "text" | "points"
  | "tick" | "count" | "computed" | "note" | "status" | "totalLabel" | "total" | "id"
  /** Format 3 on: the 填表说明 below the signatures; the 序号 of an item's part on a later page. */
  | "noteText" | "labelMore"
  /** Format 4 (核定): the unit's entries as returned, locked (a tick or count, a note, a field); the 核定对比 marker. */
  | "given" | "givenNote" | "givenField" | "reviewMark";

export interface CellStyle {
  bold?: boolean;
  size?: number;
  /** ARGB without #, e.g. "FFEFF6FC". */
  fill?: string;
  color?: string;
  wrap?: boolean;
  hAlign?: "left" | "center" | "right";
  vAlign?: "top" | "middle";
  border?: boolean;
  /** Input cells are unlocked; everything else is locked when the sheet is protected. */
  locked: boolean;
  numFmt?: string;
}

export interface PlannedCell {
  /** A1 address on the main sheet. */
  a: string;
  /** A constant; absent when `f` is set. */
  v?: CellValue;
  /** A formula without the leading "=". */
  f?: string;
  s: StyleName;
  /** Overrides the style's number format (e.g. a count's unit: 0"次"). */
  numFmt?: string;
}

export interface PlannedValidation {
  /** A1 range on the main sheet. */
  range: string;
  type: "whole" | "decimal" | "list";
  /** whole/decimal: minimum (and maximum); list: allowed values. */
  min?: number;
  max?: number;
  list?: string[];
  /** Shown when the cell is selected: the box's title and text. */
  promptTitle?: string;
  prompt?: string;
  /** Shown when a value is refused. Adapters write these as they are and add no words of their own. */
  errorTitle: string;
  error: string;
}

export type RowKind =
  | "title" | "fields" | "header" | "section" | "clause" | "item" | "check" | "subtotal"
  | "penalty-header" | "penalty" | "veto-header" | "veto" | "total" | "footer"
  /** Format 3 on: a selectable item's 抽查 row (选查). */
  | "select"
  /** Format 3 on: a line of the 填表说明. */
  | "notes";

export interface PlannedRow {
  row: number;
  kind: RowKind;
  /** The id written in the hidden id column (clause, item, check, section, veto, field row…). */
  id: string;
  height?: number;
}

export interface ColumnSpec {
  key: ColumnKey;
  header: string;
  width: number;
  hidden?: boolean;
}

export type ColumnKey =
  | "label" | "item" | "points" | "clause" | "guidance" | "tick" | "count" | "value" | "score" | "note"
  | "responsible" | "status" | "flags" | "id"
  /** Format 3 on: how many of a row's problems are invalid entries (hidden). */
  | "invalid"
  /** Format 3 on: the hidden helper columns after the id column (a row's k-th tested input cell, left to right, has its helper in `helper<k>`). */
  | `helper${number}`
  /**
   * Format 4 (核定), the assessors' columns: tick, count/amount, clause value, item score, note (核定说明) and the
   * marker of an item whose 核定 entries differ from the unit's; 核定状态 (on screen) and its hidden count of invalid entries.
   */
  | "rtick" | "rcount" | "rvalue" | "rscore" | "rnote" | "rmark" | "rstatus" | "rinvalid";

export interface MappedClause {
  id: string;
  /** The clause's sentence (clauseText: a later thing of a closed list shows its list's sentence). */
  text: string;
  /** A thing of a closed list ("消防工作"), the thing this clause deducts for. */
  listed?: string;
  kind: string;
  amount: number | null;
  cap: number | null;
  unit: string | null;
  /** The tick cell. */
  inputCell: string;
  /** The count/amount cell, for clauses that take one. */
  countCell: string | null;
  valueCell: string;
  row: number;
  /** The unit enters nothing here (a part scored above, a clause aimed at another level): its cells are locked. */
  locked?: true;
  /** Format 4: the assessors' cells on the clause's row (the count cell whatever the clause's kind, as for a stray count). */
  review?: { inputCell: string; countCell: string; valueCell: string; noteCell: string };
}

export interface MappedItem {
  id: string;
  /** null for a penalty item. */
  sectionId: string | null;
  label: string;
  title: string;
  max: number | null;
  /** Item score; for deduct-section rows and penalties, minus the deduction. */
  scoreCell: string;
  noteCell: string;
  statusCell: string;
  scoredAbove: boolean;
  clauses: MappedClause[];
  /** A selectable item's (选查) 抽查 tick cell: ticked = inspected. */
  selectCell?: string;
  /** Format 4: the 核定得分 cell, the 核定对比 marker and the 核定说明 cell of each of the block's rows. */
  review?: { scoreCell: string; markCell: string; noteCells: string[] };
}

/** Where things are, for the reader, the inspect command and the task pane. Addresses on the main sheet. */
export interface LayoutMap {
  /** Column letters by role. */
  columns: Partial<Record<ColumnKey, string>>;
  fields: Record<string, string>;
  items: MappedItem[];
  penalties: MappedItem[];
  checks: { id: string; label: string; text: string; answerCell: string; noteCell: string; statusCell: string }[];
  sections: { id: string; title: string; max: number; scoreCell: string | null }[];
  vetoes: {
    id: string; text: string; effect: "fail" | "noExcellent"; inputCell: string; statusCell: string;
    /** Format 4: the assessors' veto tick, note and marker. */
    review?: { inputCell: string; noteCell: string; markCell: string };
  }[];
  totalCell: string | null;
  percentCell: string | null;
  tierCell: string | null;
  vetoCell: string | null;
  flagCountCell: string;
  /** Format 4: the 核定 figures (in the 核定得分 column of the total rows). */
  review?: { totalCell: string; percentCell: string; vetoCell: string; tierCell: string | null; invalidCell: string };
}

export interface SheetPlan {
  planVersion: number;
  sheetName: string;
  rubric: { id: string; version: string; fingerprint: string; title: string };
  variant: string | null;
  unit: string | null;
  columns: ColumnSpec[];
  cells: PlannedCell[];
  merges: string[];
  validations: PlannedValidation[];
  rows: PlannedRow[];
  styles: Record<StyleName, CellStyle>;
  /** Paper, fit, margins, print titles and area, header/footer, font (src/layout/print.ts). */
  print: PrintSetup;
  /** Freeze panes below this row. */
  freezeRow: number;
  protect: boolean;
  /** Key/value rows of the veryHidden metadata sheet. */
  meta: [string, string][];
  map: LayoutMap;
  lastRow: number;
  lastCol: number;
}
