/**
 * The workbook model: sheets, cells, recalculation, protection, validation and the events they raise.
 * The Office.js proxies change it inside a transaction with trigger "ThisLocalAddin"; the workbench
 * and tests change it as the user ("Unknown") through userEdit, renameSheet, deleteSheet and select.
 */
import { Box, boxArea, cellKey, formatBox, insideSheet, intersects, parseBox, splitSheet } from "../address";
import { ErrorCodes, HostError, PROTECTED_MESSAGE } from "../errors";
import { EventBus, EventKind } from "../events";
import { Evaluator } from "../formula/evaluate";
import { FormulaSyntaxError } from "../formula/lexer";
import { compileFormula, parseFormula } from "../formula/parser";
import { deleteSheetRefs, mentionsSheet, renameSheetRefs, shiftFormula } from "../formula/rewrite";
import { formatValue } from "../numfmt";
import { CellValue, apiValue, parseNumber, parseTyped, valueType } from "../values";
import { Calculator, WorkbookGrid } from "./recalc";
import { CHART_TYPES, ChartData, ChartModel, chartData } from "./chart";
import { SheetModel } from "./sheet";
import { CellModel, CellSnapshot, EditResult, ProtectionOptions, Visibility, defaultFormat } from "./types";
import { DEFAULT_VALIDATION_MESSAGE, passes } from "./validation";

export type Trigger = "ThisLocalAddin" | "Unknown";

export interface ModelChange {
  trigger: Trigger;
}

/** What goes into a cell: a formula, or a constant (null clears). */
type Content = { formula: string } | { value: CellValue };

/** Builds a Range proxy for event args' getRange(ctx); set by the API layer, which the model does not import. */
export type RangeFactory = (context: unknown, sheetId: string, box: Box, nullable: boolean) => unknown;

const USER_PROTECTED_MESSAGE = "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet. You might be requested to enter a password.";
const INVALID_NAME = /[:\\/?*[\]]/;

function protectedError(): HostError {
  return new HostError(ErrorCodes.invalidOperation, PROTECTED_MESSAGE);
}

export class WorkbookModel {
  readonly sheets: SheetModel[] = [];
  activeSheetId = "";
  /** The user's selection, as Excel shows it in the name box. */
  selection: { sheet: string; address: string } | null = null;
  readonly events = new EventBus();
  rangeFactory: RangeFactory | null = null;
  /** Whether the Excel being imitated has an API version; event args leave out newer fields (set by the host). */
  supports: (version: string) => boolean = () => true;

  private readonly calc = new Calculator();
  private structureVersion = 0;
  private dirty = false;
  private sheetCounter = 0;
  private chartCounter = 0;
  private readonly listeners = new Set<(c: ModelChange) => void>();
  private tx: { trigger: Trigger; depth: number; changed: boolean; emits: (() => void)[] } | null = null;

  constructor(sheetNames: readonly string[] = ["Sheet1"]) {
    for (const n of sheetNames) this.createSheet(n);
    this.activeSheetId = this.sheets[0].id;
    this.selection = { sheet: this.sheets[0].name, address: "A1" };
  }

  // ---- lookups -------------------------------------------------------------------------------

  /** A sheet by name (case-insensitive, as Excel) or id. */
  sheet(nameOrId: string): SheetModel | undefined {
    const lower = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === lower);
  }

  requireSheet(nameOrId: string): SheetModel {
    const s = this.sheet(nameOrId);
    if (!s) throw new HostError(ErrorCodes.itemNotFound);
    return s;
  }

  get activeSheet(): SheetModel {
    return this.sheets.find((s) => s.id === this.activeSheetId) ?? this.sheets[0];
  }

  isLive(sheet: SheetModel): boolean {
    return this.sheets.includes(sheet);
  }

  /** Milliseconds the last recalculation took. */
  get lastRecalcMs(): number {
    return this.calc.lastMs;
  }

  // ---- transactions, recalculation, notifications -----------------------------------------------

  /**
   * Runs fn as one batch of changes: recalculates once at the end, then queues the events it raised and
   * tells the model listeners. Nested calls join the outer batch. Changes made before a throw still count.
   */
  transaction<T>(trigger: Trigger, fn: () => T): T {
    if (this.tx) {
      this.tx.depth++;
      try {
        return fn();
      } finally {
        this.tx.depth--;
      }
    }
    const tx = (this.tx = { trigger, depth: 0, changed: false, emits: [] as (() => void)[] });
    try {
      return fn();
    } finally {
      this.tx = null;
      this.ensureCalculated();
      for (const e of tx.emits) e();
      if (tx.changed) this.notify(trigger);
    }
  }

  /** A listener's failure (a workbench bug) must not fail the add-in's sync: it is kept in events.errors. */
  private notify(trigger: Trigger): void {
    for (const l of [...this.listeners]) {
      try {
        l({ trigger });
      } catch (e) {
        this.events.errors.push(e);
      }
    }
  }

  private touch(): void {
    if (this.tx) this.tx.changed = true;
  }

  private queueEvent(kind: EventKind, sheetId: string, args: () => object): void {
    const emit = () => this.events.emit(kind, sheetId, args());
    if (this.tx) this.tx.emits.push(emit);
    else emit();
  }

  ensureCalculated(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.calc.recalc(this.sheets, this.structureVersion);
  }

  /** Forces a full recalculation (Application.calculate). */
  recalculate(): void {
    this.dirty = true;
    this.ensureCalculated();
  }

  /** Calls listener after every batch of changes (the workbench redraws its grid). Returns an unsubscribe. */
  onModelChanged(listener: (c: ModelChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- sheets --------------------------------------------------------------------------------

  private checkName(name: string, except?: SheetModel): void {
    if (!name || name.length > 31 || INVALID_NAME.test(name) || name.startsWith("'") || name.endsWith("'") || /^history$/i.test(name)) {
      throw new HostError(ErrorCodes.invalidArgument, `The sheet name '${name}' is not valid.`);
    }
    const other = this.sheet(name);
    if (other && other !== except && other.name.toLowerCase() === name.toLowerCase()) {
      throw new HostError(ErrorCodes.itemAlreadyExists, `A sheet named '${name}' already exists.`);
    }
  }

  private createSheet(name: string): SheetModel {
    this.checkName(name);
    this.sheetCounter++;
    const hex = this.sheetCounter.toString(16).toUpperCase().padStart(4, "0");
    const sheet = new SheetModel(`{00000000-0001-0000-${hex}-000000000000}`, name);
    this.sheets.push(sheet);
    this.structureVersion++;
    return sheet;
  }

  /** Adds a sheet at the end, not activated, as Worksheets.add does. */
  addSheet(name?: string): SheetModel {
    const taken = new Set(this.sheets.map((s) => s.name.toLowerCase()));
    let n = this.sheets.length + 1;
    while (!name && taken.has(`sheet${n}`)) n++;
    const sheet = this.createSheet(name ?? `Sheet${n}`);
    this.dirty = true; // formulas naming this sheet may resolve now
    this.touch();
    this.queueEvent("WorksheetAdded", sheet.id, () => ({ type: "WorksheetAdded", worksheetId: sheet.id, source: "Local" }));
    return sheet;
  }

  private visibleSheets(): SheetModel[] {
    return this.sheets.filter((s) => s.visibility === "Visible");
  }

  /** The user deletes a sheet (right-click → Delete). Fires onDeleted. */
  deleteSheet(name: string): void {
    this.transaction("Unknown", () => this.removeSheet(this.requireSheet(name)));
  }

  removeSheet(sheet: SheetModel): void {
    const visible = this.visibleSheets();
    if (this.sheets.length === 1 || (visible.length === 1 && visible[0] === sheet)) {
      throw new HostError(ErrorCodes.invalidOperation, "A workbook must contain at least one visible worksheet.");
    }
    const index = this.sheets.indexOf(sheet);
    this.sheets.splice(index, 1);
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) {
        if (cell.formula && mentionsSheet(cell.formula, sheet.name)) cell.formula = deleteSheetRefs(cell.formula, sheet.name);
      }
    }
    if (this.activeSheetId === sheet.id) {
      const next = this.sheets.slice(index).find((s) => s.visibility === "Visible") ?? this.visibleSheets().pop()!;
      this.activeSheetId = next.id;
      this.selection = { sheet: next.name, address: "A1" };
    }
    this.structureVersion++;
    this.dirty = true;
    this.touch();
    this.queueEvent("WorksheetDeleted", sheet.id, () => ({ type: "WorksheetDeleted", worksheetId: sheet.id, source: "Local" }));
    // The sheet's own handlers go with it, after the deletion has been announced.
    if (this.tx) this.tx.emits.push(() => this.events.dropSheet(sheet.id));
    else this.events.dropSheet(sheet.id);
  }

  /** The user renames a sheet; formulas that name it follow, as in Excel. */
  renameSheet(from: string, to: string): void {
    this.transaction("Unknown", () => this.setSheetName(this.requireSheet(from), to));
  }

  setSheetName(sheet: SheetModel, to: string): void {
    if (sheet.name === to) return;
    this.checkName(to, sheet);
    const from = sheet.name;
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) {
        if (cell.formula && mentionsSheet(cell.formula, from)) cell.formula = renameSheetRefs(cell.formula, from, to);
      }
    }
    sheet.name = to;
    if (this.selection?.sheet === from) this.selection = { ...this.selection, sheet: to };
    this.structureVersion++;
    this.dirty = true;
    this.touch();
  }

  setVisibility(sheet: SheetModel, v: Visibility): void {
    if (!["Visible", "Hidden", "VeryHidden"].includes(v)) throw new HostError(ErrorCodes.invalidArgument);
    if (v !== "Visible") {
      const visible = this.visibleSheets();
      if (visible.length === 1 && visible[0] === sheet) {
        throw new HostError(ErrorCodes.invalidOperation, "A workbook must contain at least one visible worksheet.");
      }
    }
    sheet.visibility = v;
    if (v !== "Visible" && this.activeSheetId === sheet.id) this.activate(this.visibleSheets()[0]);
    this.touch();
  }

  setPosition(sheet: SheetModel, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) throw new HostError(ErrorCodes.invalidArgument);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
    this.touch();
  }

  activate(sheet: SheetModel): void {
    if (sheet.visibility !== "Visible") throw new HostError(ErrorCodes.invalidOperation, "This operation is not permitted for the current object.");
    if (this.activeSheetId === sheet.id) return;
    this.activeSheetId = sheet.id;
    this.selection = { sheet: sheet.name, address: "A1" };
    this.touch();
    this.queueEvent("WorksheetActivated", sheet.id, () => ({ type: "WorksheetActivated", worksheetId: sheet.id }));
  }

  /** Selects a range (the user clicking, or Range.select()); activates its sheet. */
  selectBox(sheet: SheetModel, box: Box): void {
    this.activate(sheet);
    const address = formatBox(box);
    this.selection = { sheet: sheet.name, address };
    this.touch();
    this.queueEvent("WorksheetSelectionChanged", sheet.id, () => ({ type: "WorksheetSelectionChanged", worksheetId: sheet.id, address }));
  }

  /** The user selects a range in the grid. */
  select(sheetName: string, address: string): void {
    this.transaction("Unknown", () => this.selectBox(this.requireSheet(sheetName), this.box(address)));
  }

  // ---- contents ------------------------------------------------------------------------------

  private box(address: string): Box {
    const b = parseBox(splitSheet(address).local);
    if (!b) throw new HostError(ErrorCodes.invalidArgument, `Not a valid address: ${address}`);
    return b;
  }

  /** What writing `input` into a cell stores, as Range.values / Range.formulas and typing do. */
  private content(input: unknown, asText: boolean): Content | undefined {
    if (input === null || input === undefined) return undefined; // null in a 2-D array leaves the cell alone
    if (typeof input === "number") {
      if (!Number.isFinite(input)) throw new HostError(ErrorCodes.invalidArgument);
      return { value: input || 0 };
    }
    if (typeof input === "boolean") return { value: input };
    if (typeof input !== "string") throw new HostError(ErrorCodes.invalidArgument);
    const typed = parseTyped(input, asText);
    if (typed.kind === "value") return { value: typed.value };
    try {
      return { formula: compileFormula(typed.formula).text };
    } catch (e) {
      if (e instanceof FormulaSyntaxError) throw new HostError(ErrorCodes.invalidArgument, `There's a problem with this formula: ${input}`);
      throw e;
    }
  }

  /** Sets one cell's content; returns true when it changed. */
  private put(sheet: SheetModel, row: number, col: number, c: Content): boolean {
    // Only a change of formula text changes the dependency graph; a value change only needs a recalc.
    const existing = sheet.cell(row, col);
    if ("formula" in c) {
      const cell = existing ?? sheet.ensure(row, col);
      if (cell.formula === c.formula) return false;
      cell.formula = c.formula;
      this.structureVersion++;
    } else {
      if (!existing && c.value === null) return false;
      const cell = existing ?? sheet.ensure(row, col);
      if (cell.formula === null && cell.value === c.value) return false;
      if (cell.formula !== null) this.structureVersion++;
      cell.formula = null;
      cell.value = c.value;
    }
    this.dirty = true;
    return true;
  }

  private checkLocked(sheet: SheetModel, row: number, col: number): void {
    if (sheet.protection.protected && (sheet.cell(row, col)?.locked ?? true)) throw protectedError();
  }

  private recordEdit(sheet: SheetModel, box: Box, before: CellValue | undefined): void {
    this.touch();
    const trigger = this.tx?.trigger ?? "Unknown";
    const single = box.r0 === box.r1 && box.c0 === box.c1;
    this.queueEvent("WorksheetChanged", sheet.id, () => {
      const after = single ? (sheet.cell(box.r0, box.c0)?.value ?? null) : undefined;
      return {
        type: "WorksheetChanged",
        worksheetId: sheet.id,
        address: formatBox(box),
        changeType: "RangeEdited",
        source: "Local",
        // triggerSource came with ExcelApi 1.14 and details with 1.9: older Excel leaves them out.
        ...(this.supports("1.14") ? { triggerSource: trigger } : {}),
        ...(single && this.supports("1.9")
          ? { details: { valueBefore: apiValue(before ?? null), valueAfter: apiValue(after ?? null), valueTypeBefore: valueType(before ?? null), valueTypeAfter: valueType(after ?? null) } }
          : {}),
        getRange: (ctx: unknown) => this.rangeFactory?.(ctx, sheet.id, box, false),
        getRangeOrNullObject: (ctx: unknown) => this.rangeFactory?.(ctx, sheet.id, box, true),
      };
    });
  }

  /**
   * Range.values / Range.formulas: a 2-D array the size of the box, or one value for every cell (a
   * formula then moves with each cell, as when Excel fills a range). Nothing is written if any cell fails.
   */
  writeContents(sheet: SheetModel, box: Box, input: unknown): void {
    const rows = box.r1 - box.r0 + 1, cols = box.c1 - box.c0 + 1;
    if (Array.isArray(input)) {
      if (input.length !== rows || input.some((r) => !Array.isArray(r) || r.length !== cols)) {
        throw new HostError(ErrorCodes.invalidArgument, "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      }
      const parsed = input.map((r: unknown[], i) => r.map((v, j) => this.content(v, this.isText(sheet, box.r0 + i, box.c0 + j))));
      this.applyContents(sheet, box, (i, j) => parsed[i][j]);
    } else {
      if (boxArea(box) > 2_000_000) throw new HostError(ErrorCodes.generalException, "The in-memory host writes at most 2,000,000 cells at once.");
      this.applyContents(sheet, box, filled(this.content(input, this.isText(sheet, box.r0, box.c0))));
    }
  }

  private applyContents(sheet: SheetModel, box: Box, at: (i: number, j: number) => Content | undefined): void {
    const rows = box.r1 - box.r0 + 1, cols = box.c1 - box.c0 + 1;
    const contents = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => at(i, j)));
    contents.forEach((row, i) => row.forEach((c, j) => c && this.checkLocked(sheet, box.r0 + i, box.c0 + j)));
    const before = sheet.cell(box.r0, box.c0)?.value ?? null;
    contents.forEach((row, i) => row.forEach((c, j) => c && this.put(sheet, box.r0 + i, box.c0 + j, c)));
    // Excel reports an edit even when the value written equals the old one.
    this.recordEdit(sheet, box, before);
  }

  private isText(sheet: SheetModel, row: number, col: number): boolean {
    return sheet.cell(row, col)?.format.numberFormat === "@";
  }

  /** Range.clear(applyTo). */
  clear(sheet: SheetModel, box: Box, applyTo: string = "All"): void {
    const contents = applyTo === "All" || applyTo === "Contents" || applyTo === "ResetContents";
    const formats = applyTo === "All" || applyTo === "Formats";
    if (!contents && !formats) return; // hyperlinks: none in this host
    if (contents) sheet.forEachCell(box, (_c, r, col) => this.checkLocked(sheet, r, col));
    if (formats) this.checkFormat(sheet, "cells");
    const before = sheet.cell(box.r0, box.c0)?.value ?? null;
    const drop: string[] = [];
    sheet.forEachCell(box, (cell, r, c) => {
      if (contents) this.put(sheet, r, c, { value: cell.control ? false : null });
      if (formats) {
        cell.format = defaultFormat();
        cell.locked = true;
        cell.control = null;
      }
      if (cell.value === null && cell.formula === null && !cell.control && !cell.validation && cell.locked && formats) drop.push(cellKey(r, c));
    });
    for (const k of drop) sheet.cells.delete(k);
    if (formats) sheet.merges = sheet.merges.filter((m) => !(m.r0 >= box.r0 && m.r1 <= box.r1 && m.c0 >= box.c0 && m.c1 <= box.c1));
    this.dirty = true;
    if (contents) this.recordEdit(sheet, box, before);
    else this.touch();
  }

  // ---- formats and structure ------------------------------------------------------------------

  /** Throws like Excel when a protected sheet does not allow this kind of formatting. */
  checkFormat(sheet: SheetModel, what: "cells" | "columns" | "rows" | "structure"): void {
    const p = sheet.protection;
    if (!p.protected) return;
    const allowed: Record<typeof what, keyof ProtectionOptions | null> = {
      cells: "allowFormatCells", columns: "allowFormatColumns", rows: "allowFormatRows", structure: null,
    };
    const key = allowed[what];
    if (!key || !p.options[key]) throw protectedError();
  }

  /** Applies fn to every cell of the boxes (creating them), after the protection check. */
  formatCells(sheet: SheetModel, boxes: Box[], fn: (cell: CellModel, row: number, col: number) => void, what: "cells" | "structure" = "cells"): void {
    this.checkFormat(sheet, what);
    const total = boxes.reduce((s, b) => s + boxArea(b), 0);
    if (total > 1_000_000) {
      throw new HostError(ErrorCodes.generalException, "The in-memory host formats at most 1,000,000 cells at once (not whole columns or rows).");
    }
    for (const b of boxes) for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) fn(sheet.ensure(r, c), r, c);
    this.touch();
  }

  setNumberFormat(sheet: SheetModel, box: Box, input: unknown): void {
    const rows = box.r1 - box.r0 + 1, cols = box.c1 - box.c0 + 1;
    if (Array.isArray(input) && (input.length !== rows || input.some((r) => !Array.isArray(r) || r.length !== cols))) {
      throw new HostError(ErrorCodes.invalidArgument, "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
    }
    const at = (i: number, j: number): unknown => (Array.isArray(input) ? (input[i] as unknown[])[j] : input);
    this.formatCells(sheet, [box], (cell, r, c) => {
      const f = at(r - box.r0, c - box.c0);
      if (f === null || f === undefined) return;
      if (typeof f !== "string") throw new HostError(ErrorCodes.invalidArgument);
      cell.format.numberFormat = f;
    });
  }

  setColumnWidths(sheet: SheetModel, box: Box, width: number | null, hidden?: boolean): void {
    this.checkFormat(sheet, "columns");
    for (let c = box.c0; c <= box.c1; c++) {
      if (width !== null) sheet.columnWidths.set(c, width);
      if (hidden === true) sheet.hiddenColumns.add(c);
      if (hidden === false) sheet.hiddenColumns.delete(c);
    }
    this.touch();
  }

  setRowHeights(sheet: SheetModel, box: Box, height: number | null, hidden?: boolean): void {
    this.checkFormat(sheet, "rows");
    for (let r = box.r0; r <= box.r1; r++) {
      if (height !== null) sheet.rowHeights.set(r, height);
      if (hidden === true) sheet.hiddenRows.add(r);
      if (hidden === false) sheet.hiddenRows.delete(r);
    }
    this.touch();
  }

  /** Range.merge(across): keeps the top-left value of each merged area, as Excel does. */
  merge(sheet: SheetModel, box: Box, across = false): void {
    this.checkFormat(sheet, "structure");
    const areas = across ? Array.from({ length: box.r1 - box.r0 + 1 }, (_, i) => ({ ...box, r0: box.r0 + i, r1: box.r0 + i })) : [box];
    for (const area of areas) {
      if (area.r0 === area.r1 && area.c0 === area.c1) continue;
      sheet.merges = sheet.merges.filter((m) => !intersects(m, area));
      sheet.forEachCell(area, (_cell, r, c) => {
        if (r !== area.r0 || c !== area.c0) this.put(sheet, r, c, { value: null });
      });
      sheet.merges.push({ ...area });
    }
    this.touch();
  }

  unmerge(sheet: SheetModel, box: Box): void {
    this.checkFormat(sheet, "structure");
    sheet.merges = sheet.merges.filter((m) => !intersects(m, box));
    this.touch();
  }

  /** Range.control (ExcelApi 1.18): a checkbox makes blank cells FALSE; "Empty" removes the control. */
  setControl(sheet: SheetModel, boxes: Box[], control: unknown): void {
    const type = (control as { type?: unknown } | null)?.type;
    if (type !== "Checkbox" && type !== "Empty") throw new HostError(ErrorCodes.invalidArgument, `Unsupported cell control: ${JSON.stringify(control)}`);
    this.formatCells(sheet, boxes, (cell) => {
      if (type === "Empty") {
        cell.control = null;
        return;
      }
      cell.control = { type: "Checkbox" };
      if (cell.value === null && cell.formula === null) cell.value = false;
    });
    this.dirty = true;
  }

  protect(sheet: SheetModel, options: Partial<ProtectionOptions> | undefined, password: string | undefined): void {
    if (sheet.protection.protected) throw new HostError(ErrorCodes.invalidOperation, "The worksheet is already protected.");
    sheet.protection = { protected: true, password: password ?? null, options: { ...sheet.protection.options, ...(options ?? {}) } };
    this.touch();
  }

  unprotect(sheet: SheetModel, password: string | undefined): void {
    const p = sheet.protection;
    if (!p.protected) return;
    if (p.password !== null && p.password !== password) throw new HostError(ErrorCodes.accessDenied, "The password you supplied is not correct.");
    sheet.protection = { ...p, protected: false, password: null };
    this.touch();
  }

  /** Adds a chart of `source` (a box on `sourceSheet`) to `sheet`, named Chart 1, Chart 2… as Excel names them. */
  addChart(sheet: SheetModel, chartType: string, sourceSheet: SheetModel, box: Box, seriesBy: "Auto" | "Columns" | "Rows"): ChartModel {
    if (!(CHART_TYPES as readonly string[]).includes(chartType)) throw new HostError(ErrorCodes.invalidArgument, `Unknown chart type ${chartType}.`);
    if (!["Auto", "Columns", "Rows"].includes(seriesBy)) throw new HostError(ErrorCodes.invalidArgument);
    this.chartCounter++;
    const rows = box.r1 - box.r0 + 1, cols = box.c1 - box.c0 + 1;
    const chart: ChartModel = {
      id: `{00000000-0002-0000-${this.chartCounter.toString(16).toUpperCase().padStart(4, "0")}-000000000000}`,
      name: `Chart ${this.chartCounter}`,
      chartType,
      title: { text: "", visible: false },
      legend: { visible: true, position: "Right" },
      source: { sheetId: sourceSheet.id, box: { ...box } },
      // Auto: series along the longer side, as Excel does.
      seriesBy: seriesBy === "Auto" ? (rows >= cols ? "Columns" : "Rows") : seriesBy,
      position: null,
    };
    sheet.charts.push(chart);
    this.touch();
    return chart;
  }

  /** A chart's categories and series from its source's current values (empty when the source sheet is gone). */
  chartData(chart: ChartModel): ChartData {
    const src = this.sheet(chart.source.sheetId);
    if (!src) return { categories: [], series: [] };
    this.ensureCalculated();
    return chartData((r, c) => src.cell(r, c)?.value ?? null, chart.source.box, chart.seriesBy);
  }

  /** Marks a sheet-level setting changed (freeze panes, page layout…) so listeners redraw. */
  changed(): void {
    this.touch();
  }

  // ---- the user's side: reading and typing ------------------------------------------------------

  private snapshot(sheet: SheetModel, row: number, col: number): CellSnapshot {
    this.ensureCalculated();
    const cell = sheet.cell(row, col);
    const value = cell?.value ?? null;
    const format = cell?.format ?? defaultFormat();
    return {
      address: cellKey(row, col),
      value,
      formula: cell?.formula ?? null,
      text: formatValue(value, format.numberFormat),
      valueType: valueType(value),
      format,
      locked: cell?.locked ?? true,
      control: cell?.control ?? null,
      validation: cell?.validation ?? null,
      mergedArea: sheet.mergedAddress(row, col),
    };
  }

  /** One cell as the grid shows it (the top-left cell if `address` is a range). */
  get(sheetName: string, address: string): CellSnapshot {
    const b = this.box(address);
    return this.snapshot(this.requireSheet(sheetName), b.r0, b.c0);
  }

  /** Evaluates a validation operand: a number, numeric text, or a formula on the sheet. */
  private operand(sheet: SheetModel, o: string | number | undefined): number | null {
    if (typeof o === "number") return o;
    if (o === undefined || o === "") return null;
    if (!o.startsWith("=")) return parseNumber(o);
    const v = this.evaluateOn(sheet, o);
    return typeof v === "number" ? v : null;
  }

  private evaluateOn(sheet: SheetModel, formula: string): CellValue {
    this.ensureCalculated();
    const grid = new WorkbookGrid(this.sheets);
    grid.current = sheet;
    try {
      return new Evaluator(grid).evaluate(parseFormula(formula), 0, 0);
    } catch {
      return null;
    }
  }

  private listItems(sheet: SheetModel, formula: string): CellValue[] {
    const { sheet: name, local } = splitSheet(formula.slice(1));
    const target = name ? this.sheet(name) : sheet;
    const b = parseBox(local);
    if (!target || !b) return [];
    const out: CellValue[] = [];
    target.forEachCell(b, (cell) => void (cell.value !== null && out.push(cell.value)));
    return out;
  }

  /**
   * The user types `value` into a cell (or every cell of a range): parsed as typed text, refused on a
   * locked cell of a protected sheet, and checked against the cell's data validation like Excel's alert.
   */
  userEdit(sheetName: string, address: string, value: string | number | boolean | null): EditResult {
    const sheet = this.requireSheet(sheetName);
    const box = this.box(address);
    if (!insideSheet(box)) throw new HostError(ErrorCodes.invalidArgument);
    for (let r = box.r0; r <= box.r1; r++) {
      for (let c = box.c0; c <= box.c1; c++) {
        if (sheet.protection.protected && (sheet.cell(r, c)?.locked ?? true)) return { ok: false, title: "Microsoft Excel", message: USER_PROTECTED_MESSAGE };
      }
    }
    let content: Content;
    try {
      content = this.content(value ?? "", this.isText(sheet, box.r0, box.c0)) ?? { value: null };
    } catch {
      return { ok: false, title: "Microsoft Excel", message: "There's a problem with this formula." };
    }
    let warning: string | undefined;
    if ("value" in content) {
      for (let r = box.r0; r <= box.r1; r++) {
        for (let c = box.c0; c <= box.c1; c++) {
          const rule = sheet.cell(r, c)?.validation;
          if (!rule || !rule.errorAlert.showAlert) continue;
          const ok = passes(content.value, rule, (o) => this.operand(sheet, o), (f) => this.listItems(sheet, f));
          if (ok) continue;
          const message = rule.errorAlert.message || DEFAULT_VALIDATION_MESSAGE;
          if (rule.errorAlert.style === "Stop") return { ok: false, title: rule.errorAlert.title || "Microsoft Excel", message };
          warning = message;
        }
      }
    }
    this.transaction("Unknown", () => this.applyContents(sheet, box, filled(content)));
    return warning ? { ok: true, warning } : { ok: true };
  }

  /** The user clicks a cell's checkbox. */
  toggleCheckbox(sheetName: string, address: string): EditResult {
    const cell = this.get(sheetName, address);
    if (!cell.control) return { ok: false, title: "Microsoft Excel", message: "That cell has no checkbox." };
    return this.userEdit(sheetName, address, cell.value !== true);
  }
}

/** One content for every cell of a box; a formula moves with each cell, as Excel fills a range. */
function filled(one: Content | undefined): (i: number, j: number) => Content | undefined {
  return (i, j) => (one && "formula" in one ? { formula: shiftFormula(one.formula, i, j) } : one);
}
