/** Range, RangeAreas and DataValidation proxies. */
import { Box, boxArea, formatBox, insideSheet, intersects, MAX_COLS, MAX_ROWS, qualified, quoteSheet } from "../address";
import { ErrorCodes, HostError } from "../errors";
import type { SheetModel } from "../model/sheet";
import type { CellModel, ValidationModel, ValidationRule } from "../model/types";
import { passes } from "../model/validation";
import { formatValue } from "../numfmt";
import { apiValue, valueType } from "../values";
import { ClientObject, Props, defineProps } from "./base";
import type { RequestContext } from "./context";
import { CellsTarget, RangeFormat } from "./format";
import { Worksheet } from "./worksheet";

export interface RangeTarget {
  sheet: SheetModel;
  box: Box;
}

const model = (self: ClientObject<unknown>) => self.context._rt.model;

function matrix<V>(t: RangeTarget, get: (cell: CellModel | undefined, row: number, col: number) => V): V[][] {
  const out: V[][] = [];
  for (let r = t.box.r0; r <= t.box.r1; r++) {
    const row: V[] = [];
    for (let c = t.box.c0; c <= t.box.c1; c++) row.push(get(t.sheet.cell(r, c), r, c));
    out.push(row);
  }
  return out;
}

/** Reads values after bringing formulas up to date, as Excel (in automatic calculation) would. */
function calculated<V>(self: ClientObject<unknown>, t: RangeTarget, get: (cell: CellModel | undefined) => V): V[][] {
  model(self).ensureCalculated();
  return matrix(t, get);
}

const allRows = (b: Box) => b.c0 === 0 && b.c1 === MAX_COLS - 1;
const allCols = (b: Box) => b.r0 === 0 && b.r1 === MAX_ROWS - 1;

const RANGE_PROPS: Props<RangeTarget> = {
  address: { read: (t) => qualified(t.sheet.name, t.box) },
  addressLocal: { read: (t) => qualified(t.sheet.name, t.box) },
  rowIndex: { read: (t) => t.box.r0 },
  columnIndex: { read: (t) => t.box.c0 },
  rowCount: { read: (t) => t.box.r1 - t.box.r0 + 1 },
  columnCount: { read: (t) => t.box.c1 - t.box.c0 + 1 },
  cellCount: { read: (t) => boxArea(t.box) },
  isEntireRow: { read: (t) => allRows(t.box) },
  isEntireColumn: { read: (t) => allCols(t.box) },
  values: {
    read: (t, self) => calculated(self, t, (c) => apiValue(c?.value ?? null)),
    write: (t, v, self) => model(self).writeContents(t.sheet, t.box, v),
  },
  formulas: {
    read: (t, self) => calculated(self, t, (c) => c?.formula ?? apiValue(c?.value ?? null)),
    write: (t, v, self) => model(self).writeContents(t.sheet, t.box, v),
  },
  formulasLocal: {
    read: (t, self) => calculated(self, t, (c) => c?.formula ?? apiValue(c?.value ?? null)),
    write: (t, v, self) => model(self).writeContents(t.sheet, t.box, v),
  },
  text: { read: (t, self) => calculated(self, t, (c) => formatValue(c?.value ?? null, c?.format.numberFormat ?? "General")) },
  valueTypes: { read: (t, self) => calculated(self, t, (c) => valueType(c?.value ?? null)) },
  numberFormat: {
    read: (t) => matrix(t, (c) => c?.format.numberFormat ?? "General"),
    write: (t, v, self) => model(self).setNumberFormat(t.sheet, t.box, v),
  },
  numberFormatLocal: {
    read: (t) => matrix(t, (c) => c?.format.numberFormat ?? "General"),
    write: (t, v, self) => model(self).setNumberFormat(t.sheet, t.box, v),
  },
  columnHidden: {
    read: (t) => {
      const hidden = [...Array(t.box.c1 - t.box.c0 + 1).keys()].map((i) => t.sheet.hiddenColumns.has(t.box.c0 + i));
      return hidden.every(Boolean) ? true : hidden.some(Boolean) ? null : false;
    },
    write: (t, v, self) => model(self).setColumnWidths(t.sheet, t.box, null, Boolean(v)),
    min: "1.2",
  },
  rowHidden: {
    read: (t) => {
      const n = Math.min(t.box.r1 - t.box.r0 + 1, 200_000);
      const hidden = [...Array(n).keys()].map((i) => t.sheet.hiddenRows.has(t.box.r0 + i));
      return hidden.every(Boolean) ? true : hidden.some(Boolean) ? null : false;
    },
    write: (t, v, self) => model(self).setRowHeights(t.sheet, t.box, null, Boolean(v)),
    min: "1.2",
  },
  control: {
    read: (t) => {
      const kinds = new Set(matrix(t, (c) => (c?.control ? "Checkbox" : "Empty")).flat());
      return { type: kinds.size === 1 ? [...kinds][0] : "Mixed" };
    },
    write: (t, v, self) => model(self).setControl(t.sheet, [t.box], v),
    min: "1.18",
  },
};

type Resolver<T> = () => T | null;

export class Range extends ClientObject<RangeTarget> {
  readonly _className = "Range";
  declare readonly address: string;
  declare readonly addressLocal: string;
  declare readonly rowIndex: number;
  declare readonly columnIndex: number;
  declare readonly rowCount: number;
  declare readonly columnCount: number;
  declare readonly cellCount: number;
  declare readonly isEntireRow: boolean;
  declare readonly isEntireColumn: boolean;
  declare values: unknown[][];
  declare formulas: unknown[][];
  declare formulasLocal: unknown[][];
  declare readonly text: string[][];
  declare readonly valueTypes: string[][];
  declare numberFormat: unknown[][];
  declare numberFormatLocal: unknown[][];
  declare columnHidden: boolean;
  declare rowHidden: boolean;
  declare control: { type: string };

  constructor(ctx: RequestContext, path: string, resolver: Resolver<RangeTarget>, nullable = false) {
    super(ctx, path, resolver, nullable);
    // Ranges made inside Excel.run are released when it ends, unless tracked (as in Office).
    if (ctx._runs > 0) ctx._autoTracked.push(this);
    Object.preventExtensions(this);
  }

  protected _props(): Props<RangeTarget> {
    return RANGE_PROPS;
  }

  protected override _check(t: RangeTarget): void {
    if (!model(this).isLive(t.sheet)) throw new HostError(ErrorCodes.itemNotFound);
  }

  protected override _nav(): Record<string, () => ClientObject<unknown>> {
    return { format: () => this.format, worksheet: () => this.worksheet, dataValidation: () => this.dataValidation };
  }

  private cells(): Resolver<CellsTarget> {
    return () => {
      const t = this._resolve();
      return t && { sheet: t.sheet, boxes: [t.box] };
    };
  }

  get format(): RangeFormat {
    return this._child("format", () => new RangeFormat(this.context, `${this._path}.format`, this.cells(), this._nullable));
  }

  get worksheet(): Worksheet {
    return this._child("worksheet", () => new Worksheet(this.context, `${this._path}.worksheet`, () => this._resolve()?.sheet ?? null, this._nullable));
  }

  get dataValidation(): DataValidation {
    return this._child("dataValidation", () => new DataValidation(this.context, `${this._path}.dataValidation`, () => this._resolve(), this._nullable));
  }

  /** A range computed from this one when the sync runs; outside the sheet is InvalidArgument, as in Excel. */
  private derive(method: string, args: unknown[], box: (b: Box) => Box | null, nullable = this._nullable): Range {
    return new Range(this.context, `${this._path}.${method}(${args.map((a) => JSON.stringify(a)).join(",")})`, () => {
      const t = this._resolve();
      if (!t) return null;
      const b = box(t.box);
      if (b === null) return null;
      if (!insideSheet(b)) throw new HostError(ErrorCodes.invalidArgument, `${method} goes outside the worksheet.`);
      return { sheet: t.sheet, box: b };
    }, nullable);
  }

  getCell(row: number, column: number): Range {
    return this.derive("getCell", [row, column], (b) => ({ r0: b.r0 + row, c0: b.c0 + column, r1: b.r0 + row, c1: b.c0 + column }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.derive("getOffsetRange", [rowOffset, columnOffset], (b) => ({ r0: b.r0 + rowOffset, c0: b.c0 + columnOffset, r1: b.r1 + rowOffset, c1: b.c1 + columnOffset }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.derive("getResizedRange", [deltaRows, deltaColumns], (b) => ({ ...b, r1: b.r1 + deltaRows, c1: b.c1 + deltaColumns }));
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): Range {
    return this.derive("getAbsoluteResizedRange", [numRows, numColumns], (b) => ({ ...b, r1: b.r0 + numRows - 1, c1: b.c0 + numColumns - 1 }));
  }

  getRow(row: number): Range {
    return this.derive("getRow", [row], (b) => ({ ...b, r0: b.r0 + row, r1: b.r0 + row }));
  }

  getColumn(column: number): Range {
    return this.derive("getColumn", [column], (b) => ({ ...b, c0: b.c0 + column, c1: b.c0 + column }));
  }

  getEntireRow(): Range {
    return this.derive("getEntireRow", [], (b) => ({ ...b, c0: 0, c1: MAX_COLS - 1 }));
  }

  getEntireColumn(): Range {
    return this.derive("getEntireColumn", [], (b) => ({ ...b, r0: 0, r1: MAX_ROWS - 1 }));
  }

  getLastCell(): Range {
    return this.derive("getLastCell", [], (b) => ({ r0: b.r1, c0: b.c1, r1: b.r1, c1: b.c1 }));
  }

  private used(valuesOnly: boolean, nullable: boolean): Range {
    return this.derive(nullable ? "getUsedRangeOrNullObject" : "getUsedRange", [valuesOnly], (b) => {
      const u = this._resolve()!.sheet.usedBox(valuesOnly);
      if (!u || !intersects(u, b)) {
        if (nullable) return null;
        throw new HostError(ErrorCodes.itemNotFound, "There are no used cells in the range.");
      }
      return { r0: Math.max(u.r0, b.r0), c0: Math.max(u.c0, b.c0), r1: Math.min(u.r1, b.r1), c1: Math.min(u.c1, b.c1) };
    }, nullable || this._nullable);
  }

  getUsedRange(valuesOnly = false): Range {
    return this.used(valuesOnly, false);
  }

  getUsedRangeOrNullObject(valuesOnly = false): Range {
    const r = this.used(valuesOnly, true);
    r._enqueue("resolve", "getUsedRangeOrNullObject", [], () => undefined);
    return r;
  }

  /** Merged areas overlapping this range (ExcelApi 1.13), or a null object when there are none. */
  getMergedAreasOrNullObject(): RangeAreas {
    const areas = new RangeAreas(this.context, `${this._path}.getMergedAreasOrNullObject()`, () => {
      const t = this._resolve();
      const boxes = t ? t.sheet.merges.filter((m) => intersects(m, t.box)) : [];
      return t && boxes.length ? { sheet: t.sheet, boxes } : null;
    }, true);
    areas._enqueue("resolve", "getMergedAreasOrNullObject", [], () => undefined, "1.13");
    return areas;
  }

  clear(applyTo: string = "All"): void {
    this._enqueue("method", "clear", [applyTo], (t) => model(this).clear(t.sheet, t.box, applyTo));
  }

  merge(across = false): void {
    this._enqueue("method", "merge", [across], (t) => model(this).merge(t.sheet, t.box, across), "1.2");
  }

  unmerge(): void {
    this._enqueue("method", "unmerge", [], (t) => model(this).unmerge(t.sheet, t.box), "1.2");
  }

  /** Selects the range (and activates its sheet); the model records it in workbook.selection. */
  select(): void {
    this._enqueue("method", "select", [], (t) => model(this).selectBox(t.sheet, t.box));
  }
}
defineProps(Range, RANGE_PROPS);

// ---- RangeAreas ----------------------------------------------------------------------------------

const AREAS_PROPS: Props<CellsTarget> = {
  address: { read: (t) => t.boxes.map((b) => qualified(t.sheet.name, b)).join(",") },
  addressLocal: { read: (t) => t.boxes.map((b) => qualified(t.sheet.name, b)).join(",") },
  areaCount: { read: (t) => t.boxes.length },
  cellCount: { read: (t) => t.boxes.reduce((s, b) => s + boxArea(b), 0) },
};

/** Several ranges of one sheet (Worksheet.getRanges, ExcelApi 1.9), formatted together. */
export class RangeAreas extends ClientObject<CellsTarget> {
  readonly _className = "RangeAreas";
  declare readonly address: string;
  declare readonly addressLocal: string;
  declare readonly areaCount: number;
  declare readonly cellCount: number;

  constructor(ctx: RequestContext, path: string, resolver: Resolver<CellsTarget>, nullable = false) {
    super(ctx, path, resolver, nullable);
    this._min = "1.9";
    if (ctx._runs > 0) ctx._autoTracked.push(this);
    Object.preventExtensions(this);
  }

  protected _props(): Props<CellsTarget> {
    return AREAS_PROPS;
  }

  protected override _check(t: CellsTarget): void {
    if (!model(this).isLive(t.sheet)) throw new HostError(ErrorCodes.itemNotFound);
  }

  protected override _nav(): Record<string, () => ClientObject<unknown>> {
    return { format: () => this.format };
  }

  get format(): RangeFormat {
    return this._child("format", () => new RangeFormat(this.context, `${this._path}.format`, () => this._resolve(), this._nullable));
  }

  clear(applyTo: string = "All"): void {
    this._enqueue("method", "clear", [applyTo], (t) => t.boxes.forEach((b) => model(this).clear(t.sheet, b, applyTo)));
  }
}
defineProps(RangeAreas, AREAS_PROPS);

// ---- data validation -----------------------------------------------------------------------------

const RULE_TYPES: Record<string, string> = {
  wholeNumber: "WholeNumber", decimal: "Decimal", textLength: "TextLength", list: "List", custom: "Custom", date: "Date", time: "Time",
};

function blankValidation(): ValidationModel {
  return {
    rule: {},
    errorAlert: { showAlert: true, style: "Stop", title: "", message: "" },
    prompt: { showPrompt: true, title: "", message: "" },
    ignoreBlanks: true,
  };
}

/** A rule as plain data: a Range operand becomes its absolute address, as Excel stores it. */
function plainRule(rule: unknown): ValidationRule {
  if (!rule || typeof rule !== "object") throw new HostError(ErrorCodes.invalidArgument);
  const keys = Object.keys(rule);
  if (keys.length !== 1 || !RULE_TYPES[keys[0]]) throw new HostError(ErrorCodes.invalidArgument, `Unsupported data validation rule: ${keys.join(",")}`);
  const operand = (v: unknown): unknown => {
    if (!(v instanceof Range)) return v;
    const t = v._resolve();
    if (!t) throw new HostError(ErrorCodes.invalidArgument);
    const abs = formatBox(t.box).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
    return `=${quoteSheet(t.sheet.name)}!${abs}`;
  };
  const body = (rule as Record<string, Record<string, unknown>>)[keys[0]];
  if (!body || typeof body !== "object") throw new HostError(ErrorCodes.invalidArgument);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) out[k] = operand(v);
  if (keys[0] === "list" && typeof out.source !== "string") throw new HostError(ErrorCodes.invalidArgument, "A list rule needs a source.");
  return { [keys[0]]: out } as ValidationRule;
}

/** Changes every cell's validation, sharing one new object per distinct old one. */
function patchValidation(self: ClientObject<unknown>, t: RangeTarget, patch: (v: ValidationModel) => ValidationModel): void {
  const memo = new Map<ValidationModel | null, ValidationModel>();
  model(self).formatCells(t.sheet, [t.box], (cell) => {
    let next = memo.get(cell.validation);
    if (!next) memo.set(cell.validation, (next = patch(cell.validation ?? blankValidation())));
    cell.validation = next;
  }, "structure");
}

function validationOf(t: RangeTarget): ValidationModel | null | "mixed" {
  const seen = new Set(matrix(t, (c) => c?.validation ?? null).flat());
  return seen.size === 1 ? [...seen][0] : "mixed";
}

const VALIDATION_PROPS: Props<RangeTarget> = {
  rule: {
    read: (t) => {
      const v = validationOf(t);
      return v === "mixed" || v === null ? {} : v.rule;
    },
    write: (t, v, self) => {
      const rule = plainRule(v);
      patchValidation(self, t, (old) => ({ ...old, rule }));
    },
  },
  errorAlert: {
    read: (t) => {
      const v = validationOf(t);
      return v === "mixed" ? null : (v ?? blankValidation()).errorAlert;
    },
    write: (t, v, self) => patchValidation(self, t, (old) => ({ ...old, errorAlert: { ...old.errorAlert, ...(v as object) } })),
  },
  prompt: {
    read: (t) => {
      const v = validationOf(t);
      return v === "mixed" ? null : (v ?? blankValidation()).prompt;
    },
    write: (t, v, self) => patchValidation(self, t, (old) => ({ ...old, prompt: { ...old.prompt, ...(v as object) } })),
  },
  ignoreBlanks: {
    read: (t) => {
      const v = validationOf(t);
      return v === "mixed" ? null : (v?.ignoreBlanks ?? true);
    },
    write: (t, v, self) => patchValidation(self, t, (old) => ({ ...old, ignoreBlanks: Boolean(v) })),
  },
  type: {
    read: (t) => {
      const v = validationOf(t);
      if (v === "mixed") return "Inconsistent";
      const key = v ? Object.keys(v.rule)[0] : undefined;
      return key ? RULE_TYPES[key] : "None";
    },
  },
  valid: {
    read: (t, self) => {
      const m = model(self);
      m.ensureCalculated();
      let ok = true;
      t.sheet.forEachCell(t.box, (cell) => {
        if (cell.validation && !passes(cell.value, cell.validation, (o) => (typeof o === "number" ? o : o === undefined ? null : Number(o)), () => [])) ok = false;
      });
      return ok;
    },
  },
};

export class DataValidation extends ClientObject<RangeTarget> {
  readonly _className = "DataValidation";
  declare rule: Excel.DataValidationRule;
  declare errorAlert: Excel.DataValidationErrorAlert;
  declare prompt: Excel.DataValidationPrompt;
  declare ignoreBlanks: boolean;
  declare readonly type: string;
  declare readonly valid: boolean;

  constructor(ctx: RequestContext, path: string, resolver: Resolver<RangeTarget>, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    this._min = "1.8";
    Object.preventExtensions(this);
  }

  protected _props(): Props<RangeTarget> {
    return VALIDATION_PROPS;
  }

  clear(): void {
    this._enqueue("method", "clear", [], (t) => model(this).formatCells(t.sheet, [t.box], (cell) => (cell.validation = null), "structure"));
  }
}
defineProps(DataValidation, VALIDATION_PROPS);

