/** Worksheet and its parts: FreezePanes, WorksheetProtection, PageLayout. */
import { Box, MAX_COLS, MAX_ROWS, formatBox, parseBox, splitSheet } from "../address";
import { ErrorCodes, HostError } from "../errors";
import type { SheetModel } from "../model/sheet";
import type { HeaderFooterModel, HeaderFooterState, PageZoom, ProtectionOptions, Visibility } from "../model/types";
import { ClientObject, Props, defineProps } from "./base";
import type { RequestContext } from "./context";
import { ChartCollection } from "./chart";
import { EventHandlers } from "./events";
import { Range, RangeAreas, RangeTarget } from "./range";

const model = (self: ClientObject<unknown>) => self.context._rt.model;

/** Parses an address on `sheet`; a sheet part must name that sheet. Throws InvalidArgument otherwise. */
export function boxOn(sheet: SheetModel, address: string): Box {
  const { sheet: named, local } = splitSheet(address.trim());
  const b = parseBox(local);
  if (!b || (named !== null && named.toLowerCase() !== sheet.name.toLowerCase())) {
    throw new HostError(ErrorCodes.invalidArgument, `The address '${address}' is not valid on sheet '${sheet.name}'.`);
  }
  return b;
}

/** A Range proxy argument or an address string → a box on `sheet`. */
function boxArg(sheet: SheetModel, arg: unknown): Box {
  if (arg instanceof Range) {
    const t = arg._resolve();
    if (!t) throw new HostError(ErrorCodes.invalidArgument);
    return t.box;
  }
  if (typeof arg !== "string") throw new HostError(ErrorCodes.invalidArgument);
  return boxOn(sheet, arg);
}

abstract class SheetPart extends ClientObject<SheetModel> {
  protected override _check(sheet: SheetModel): void {
    if (!model(this).isLive(sheet)) throw new HostError(ErrorCodes.itemNotFound);
  }
}

const SHEET_PROPS: Props<SheetModel> = {
  name: { read: (s) => s.name, write: (s, v, self) => model(self).setSheetName(s, String(v)) },
  id: { read: (s) => s.id },
  position: { read: (s, self) => model(self).sheets.indexOf(s), write: (s, v, self) => model(self).setPosition(s, Number(v)) },
  visibility: { read: (s) => s.visibility, write: (s, v, self) => model(self).setVisibility(s, v as Visibility) },
  tabColor: {
    read: (s) => s.tabColor,
    write: (s, v, self) => {
      s.tabColor = String(v);
      model(self).changed();
    },
    min: "1.7",
  },
  showGridlines: {
    read: (s) => s.showGridlines,
    write: (s, v, self) => {
      s.showGridlines = Boolean(v);
      model(self).changed();
    },
    min: "1.8",
  },
};

export class Worksheet extends SheetPart {
  readonly _className = "Worksheet";
  declare name: string;
  declare readonly id: string;
  declare position: number;
  declare visibility: Excel.SheetVisibility | "Visible" | "Hidden" | "VeryHidden";
  declare tabColor: string;
  declare showGridlines: boolean;

  constructor(ctx: RequestContext, path: string, resolver: (() => SheetModel | null) | null, nullable = false) {
    super(ctx, path, resolver, nullable);
    Object.preventExtensions(this);
  }

  protected _props(): Props<SheetModel> {
    return SHEET_PROPS;
  }

  protected override _nav(): Record<string, () => ClientObject<unknown>> {
    return { protection: () => this.protection, freezePanes: () => this.freezePanes, pageLayout: () => this.pageLayout, charts: () => this.charts };
  }

  private part<C>(name: string, Make: new (ctx: RequestContext, path: string, r: () => SheetModel | null, nullable: boolean) => C): C {
    return this._child(name, () => new Make(this.context, `${this._path}.${name}`, () => this._resolve(), this._nullable) as object) as C;
  }

  get protection(): WorksheetProtection {
    return this.part("protection", WorksheetProtection);
  }

  /** The sheet's charts (ExcelApi 1.1). */
  get charts(): ChartCollection {
    return this.part("charts", ChartCollection);
  }

  get freezePanes(): WorksheetFreezePanes {
    return this.part("freezePanes", WorksheetFreezePanes);
  }

  get pageLayout(): PageLayout {
    return this.part("pageLayout", PageLayout);
  }

  /** Manual page breaks above rows (ExcelApi 1.9). */
  get horizontalPageBreaks(): PageBreakCollection {
    return this.part("horizontalPageBreaks", PageBreakCollection);
  }

  get onChanged(): EventHandlers<SheetModel> {
    return this._child("onChanged", () => new EventHandlers(this, "WorksheetChanged", (s) => s.id, "1.7"));
  }

  get onActivated(): EventHandlers<SheetModel> {
    return this._child("onActivated", () => new EventHandlers(this, "WorksheetActivated", (s) => s.id, "1.7"));
  }

  get onSelectionChanged(): EventHandlers<SheetModel> {
    return this._child("onSelectionChanged", () => new EventHandlers(this, "WorksheetSelectionChanged", (s) => s.id, "1.7"));
  }

  /** A range of this sheet, found when the sync runs. */
  private range(path: string, box: (s: SheetModel) => Box | null, nullable = this._nullable): Range {
    return new Range(this.context, `${this._path}.${path}`, () => {
      const s = this._resolve();
      if (!s) return null;
      const b = box(s);
      return b && { sheet: s, box: b };
    }, nullable);
  }

  /** getRange("B2:D5"), "A:C", "1:3", "Sheet1!A1"; no address: the whole sheet. */
  getRange(address?: string): Range {
    return this.range(`getRange(${JSON.stringify(address ?? "")})`, (s) => (address ? boxOn(s, address) : { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 }));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    const args = [startRow, startColumn, rowCount, columnCount];
    return this.range(`getRangeByIndexes(${args.join(",")})`, () => {
      const b = { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 };
      if (args.some((n) => !Number.isInteger(n)) || rowCount < 1 || columnCount < 1 || b.r0 < 0 || b.c0 < 0 || b.r1 >= MAX_ROWS || b.c1 >= MAX_COLS) {
        throw new HostError(ErrorCodes.invalidArgument);
      }
      return b;
    });
  }

  getCell(row: number, column: number): Range {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  /** Several areas, "A1:B2,D4" (ExcelApi 1.9). */
  getRanges(address: string): RangeAreas {
    return new RangeAreas(this.context, `${this._path}.getRanges(${JSON.stringify(address)})`, () => {
      const s = this._resolve();
      return s && { sheet: s, boxes: address.split(",").map((a) => boxOn(s, a)) };
    }, this._nullable);
  }

  /** Used range; an empty sheet answers A1, as Excel does. */
  getUsedRange(valuesOnly = false): Range {
    return this.range(`getUsedRange(${valuesOnly})`, (s) => s.usedBox(valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 });
  }

  getUsedRangeOrNullObject(valuesOnly = false): Range {
    const r = this.range(`getUsedRangeOrNullObject(${valuesOnly})`, (s) => s.usedBox(valuesOnly), true);
    r._enqueue("resolve", "getUsedRangeOrNullObject", [], () => undefined, "1.4");
    return r;
  }

  activate(): void {
    this._enqueue("method", "activate", [], (s) => model(this).activate(s));
  }

  delete(): void {
    this._enqueue("method", "delete", [], (s) => model(this).removeSheet(s));
  }

  calculate(_markAllDirty = false): void {
    this._enqueue("method", "calculate", [], () => model(this).recalculate(), "1.6");
  }
}
defineProps(Worksheet, SHEET_PROPS);

// ---- page breaks -----------------------------------------------------------------------------------

/** A sheet's manual page breaks above rows: only `add`, what SafeScore's writers use. */
export class PageBreakCollection extends SheetPart {
  readonly _className = "PageBreakCollection";

  constructor(ctx: RequestContext, path: string, resolver: () => SheetModel | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    this._min = "1.9";
    Object.preventExtensions(this);
  }

  protected _props(): Props<SheetModel> {
    return {};
  }

  /** A page break above the range's top row. */
  add(pageBreakRange: Range | string): void {
    this._enqueue("method", "add", [typeof pageBreakRange === "string" ? pageBreakRange : pageBreakRange._path], (s) => {
      const b = boxArg(s, pageBreakRange);
      if (!s.rowBreaks.includes(b.r0)) s.rowBreaks = [...s.rowBreaks, b.r0].sort((x, y) => x - y);
      model(this).changed();
    });
  }
}

// ---- freeze panes ----------------------------------------------------------------------------------

export class WorksheetFreezePanes extends SheetPart {
  readonly _className = "WorksheetFreezePanes";

  constructor(ctx: RequestContext, path: string, resolver: () => SheetModel | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    this._min = "1.7";
    Object.preventExtensions(this);
  }

  protected _props(): Props<SheetModel> {
    return {};
  }

  private freeze(method: string, args: unknown[], rows: (s: SheetModel) => number, cols: (s: SheetModel) => number): void {
    this._enqueue("method", method, args, (s) => {
      const r = rows(s), c = cols(s);
      if (!(r >= 0 && c >= 0 && r < MAX_ROWS && c < MAX_COLS)) throw new HostError(ErrorCodes.invalidArgument);
      s.frozenRows = r;
      s.frozenColumns = c;
      model(this).changed();
    });
  }

  freezeRows(count = 1): void {
    this.freeze("freezeRows", [count], () => count, () => 0);
  }

  freezeColumns(count = 1): void {
    this.freeze("freezeColumns", [count], () => 0, () => count);
  }

  /** Freezes the rows above and columns left of the cell after the range's bottom-right corner. */
  freezeAt(frozenRange: Range | string): void {
    this.freeze("freezeAt", [typeof frozenRange === "string" ? frozenRange : frozenRange._path], (s) => boxArg(s, frozenRange).r1 + 1, (s) => boxArg(s, frozenRange).c1 + 1);
  }

  unfreeze(): void {
    this.freeze("unfreeze", [], () => 0, () => 0);
  }

  private location(nullable: boolean): Range {
    const r = new Range(this.context, `${this._path}.getLocation${nullable ? "OrNullObject" : ""}()`, () => {
      const s = this._resolve();
      if (!s) return null;
      const { frozenRows: fr, frozenColumns: fc } = s;
      if (!fr && !fc) {
        if (nullable) return null;
        throw new HostError(ErrorCodes.itemNotFound, "The worksheet has no frozen panes.");
      }
      const box = { r0: 0, c0: 0, r1: fr ? fr - 1 : MAX_ROWS - 1, c1: fc ? fc - 1 : MAX_COLS - 1 };
      return { sheet: s, box };
    }, nullable || this._nullable);
    if (nullable) r._enqueue("resolve", "getLocationOrNullObject", [], () => undefined);
    return r;
  }

  getLocation(): Range {
    return this.location(false);
  }

  getLocationOrNullObject(): Range {
    return this.location(true);
  }
}

// ---- protection ------------------------------------------------------------------------------------

const PROTECTION_PROPS: Props<SheetModel> = {
  protected: { read: (s) => s.protection.protected },
  options: { read: (s) => ({ ...s.protection.options }) },
  isPasswordProtected: { read: (s) => s.protection.password !== null, min: "1.14" },
};

export class WorksheetProtection extends SheetPart {
  readonly _className = "WorksheetProtection";
  declare readonly protected: boolean;
  declare readonly options: ProtectionOptions;
  declare readonly isPasswordProtected: boolean;

  constructor(ctx: RequestContext, path: string, resolver: () => SheetModel | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    this._min = "1.2";
    Object.preventExtensions(this);
  }

  protected _props(): Props<SheetModel> {
    return PROTECTION_PROPS;
  }

  protect(options?: Partial<ProtectionOptions>, password?: string): void {
    this._enqueue("method", "protect", [options ?? null, password ? "***" : null], (s) => model(this).protect(s, options, password));
  }

  unprotect(password?: string): void {
    this._enqueue("method", "unprotect", [password ? "***" : null], (s) => model(this).unprotect(s, password));
  }
}
defineProps(WorksheetProtection, PROTECTION_PROPS);

// ---- page layout -----------------------------------------------------------------------------------

const PAPER = [
  "Letter", "LetterSmall", "Tabloid", "Ledger", "Legal", "Statement", "Executive", "A3", "A4", "A4Small", "A5", "B4", "B5",
  "Folio", "Quatro", "Paper10x14", "Paper11x17", "Note", "Envelope9", "Envelope10", "Envelope11", "Envelope12", "Envelope14",
  "Csheet", "Dsheet", "Esheet", "EnvelopeDL", "EnvelopeC5", "EnvelopeC3", "EnvelopeC4", "EnvelopeC6", "EnvelopeC65",
  "EnvelopeB4", "EnvelopeB5", "EnvelopeB6", "EnvelopeItaly", "EnvelopeMonarch", "EnvelopePersonal", "FanfoldUS",
  "FanfoldStdGerman", "FanfoldLegalGerman",
];

function layoutProp<K extends keyof SheetModel["pageLayout"]>(key: K, check: (v: unknown) => SheetModel["pageLayout"][K]) {
  return {
    read: (s: SheetModel) => s.pageLayout[key],
    write: (s: SheetModel, v: unknown, self: ClientObject<SheetModel>) => {
      s.pageLayout[key] = check(v);
      model(self).changed();
    },
  };
}

const points = (v: unknown): number => {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new HostError(ErrorCodes.invalidArgument);
  return v;
};
const flag = (v: unknown): boolean => {
  if (typeof v !== "boolean") throw new HostError(ErrorCodes.invalidArgument);
  return v;
};

function zoom(v: unknown): PageZoom {
  const z = v as PageZoom;
  if (!z || typeof z !== "object") throw new HostError(ErrorCodes.invalidArgument);
  const out: PageZoom = {};
  if (z.scale !== undefined && z.scale !== null) {
    if (typeof z.scale !== "number" || z.scale < 10 || z.scale > 400) throw new HostError(ErrorCodes.invalidArgument, "Zoom scale must be 10–400.");
    out.scale = z.scale;
  }
  for (const k of ["horizontalFitToPages", "verticalFitToPages"] as const) {
    const n = z[k];
    if (n === undefined || n === null) continue;
    if (typeof n !== "number" || n < 0 || !Number.isInteger(n)) throw new HostError(ErrorCodes.invalidArgument);
    out[k] = n;
  }
  return out;
}

const LAYOUT_PROPS: Props<SheetModel> = {
  orientation: layoutProp("orientation", (v) => {
    if (v !== "Portrait" && v !== "Landscape") throw new HostError(ErrorCodes.invalidArgument);
    return v;
  }),
  paperSize: layoutProp("paperSize", (v) => {
    if (typeof v !== "string" || !PAPER.includes(v)) throw new HostError(ErrorCodes.invalidArgument, `Unknown paper size ${String(v)}.`);
    return v;
  }),
  zoom: layoutProp("zoom", zoom),
  centerHorizontally: layoutProp("centerHorizontally", flag),
  centerVertically: layoutProp("centerVertically", flag),
  leftMargin: layoutProp("leftMargin", points),
  rightMargin: layoutProp("rightMargin", points),
  topMargin: layoutProp("topMargin", points),
  bottomMargin: layoutProp("bottomMargin", points),
  headerMargin: layoutProp("headerMargin", points),
  footerMargin: layoutProp("footerMargin", points),
  printGridlines: layoutProp("printGridlines", flag),
  printHeadings: layoutProp("printHeadings", flag),
  blackAndWhite: layoutProp("blackAndWhite", flag),
};

export class PageLayout extends SheetPart {
  readonly _className = "PageLayout";
  declare orientation: string;
  declare paperSize: string;
  declare zoom: PageZoom;
  declare centerHorizontally: boolean;
  declare centerVertically: boolean;
  declare leftMargin: number;
  declare rightMargin: number;
  declare topMargin: number;
  declare bottomMargin: number;
  declare headerMargin: number;
  declare footerMargin: number;
  declare printGridlines: boolean;
  declare printHeadings: boolean;
  declare blackAndWhite: boolean;

  constructor(ctx: RequestContext, path: string, resolver: () => SheetModel | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    this._min = "1.9";
    Object.preventExtensions(this);
  }

  protected _props(): Props<SheetModel> {
    return LAYOUT_PROPS;
  }

  protected override _nav(): Record<string, () => ClientObject<unknown>> {
    return { headersFooters: () => this.headersFooters };
  }

  get headersFooters(): HeaderFooterGroup {
    return this._child("headersFooters", () => new HeaderFooterGroup(this.context, `${this._path}.headersFooters`, () => this._resolve(), this._nullable));
  }

  /** All six margins at once, in points, inches or centimetres; margins left out keep their value. */
  setPrintMargins(unit: "Points" | "Inches" | "Centimeters", marginOptions: Partial<Record<MarginName, number>>): void {
    this._enqueue("method", "setPrintMargins", [unit, marginOptions], (s) => {
      const scale = MARGIN_UNITS[unit];
      if (scale === undefined || !marginOptions || typeof marginOptions !== "object") throw new HostError(ErrorCodes.invalidArgument);
      const next = { ...s.pageLayout };
      for (const [k, v] of Object.entries(marginOptions)) {
        if (v === undefined || v === null) continue;
        if (!(MARGIN_NAMES as readonly string[]).includes(k)) throw new HostError(ErrorCodes.invalidArgument, `Unknown margin '${k}'.`);
        // Rounded to a millionth of a point: 0.6" is 43.2 pt, not 43.199999999999996.
        next[`${k as MarginName}Margin`] = Math.round(points(v) * scale * 1e6) / 1e6;
      }
      s.pageLayout = next;
      model(this).changed();
    });
  }

  /** Rows repeated on every printed page: "$1:$3" or a Range. */
  setPrintTitleRows(titleRows: Range | string): void {
    this._enqueue("method", "setPrintTitleRows", [typeof titleRows === "string" ? titleRows : titleRows._path], (s) => {
      const b = boxArg(s, titleRows);
      s.pageLayout.printTitleRows = { r0: b.r0, r1: b.r1 };
      model(this).changed();
    });
  }

  setPrintTitleColumns(titleColumns: Range | string): void {
    this._enqueue("method", "setPrintTitleColumns", [typeof titleColumns === "string" ? titleColumns : titleColumns._path], (s) => {
      const b = boxArg(s, titleColumns);
      s.pageLayout.printTitleColumns = { c0: b.c0, c1: b.c1 };
      model(this).changed();
    });
  }

  setPrintArea(printArea: Range | string): void {
    this._enqueue("method", "setPrintArea", [typeof printArea === "string" ? printArea : printArea._path], (s) => {
      s.pageLayout.printArea = formatBox(boxArg(s, printArea));
      model(this).changed();
    });
  }

  private titles(kind: "Rows" | "Columns"): Range {
    const r = new Range(this.context, `${this._path}.getPrintTitle${kind}OrNullObject()`, () => {
      const s = this._resolve();
      const t = kind === "Rows" ? s?.pageLayout.printTitleRows : s?.pageLayout.printTitleColumns;
      if (!s || !t) return null;
      const box = "r0" in t ? { r0: t.r0, r1: t.r1, c0: 0, c1: MAX_COLS - 1 } : { r0: 0, r1: MAX_ROWS - 1, c0: t.c0, c1: t.c1 };
      return { sheet: s, box } as RangeTarget;
    }, true);
    r._enqueue("resolve", `getPrintTitle${kind}OrNullObject`, [], () => undefined);
    return r;
  }

  getPrintTitleRowsOrNullObject(): Range {
    return this.titles("Rows");
  }

  getPrintTitleColumnsOrNullObject(): Range {
    return this.titles("Columns");
  }
}
defineProps(PageLayout, LAYOUT_PROPS);

const MARGIN_NAMES = ["left", "right", "top", "bottom", "header", "footer"] as const;
type MarginName = (typeof MARGIN_NAMES)[number];
/** Points per unit. */
const MARGIN_UNITS: Record<string, number> = { Points: 1, Inches: 72, Centimeters: 72 / 2.54 };

// ---- headers and footers ---------------------------------------------------------------------------

const HF_STATES: HeaderFooterState[] = ["Default", "FirstAndDefault", "OddAndEven", "FirstOddAndEven"];
const HF_SETS = ["defaultForAllPages", "firstPage", "evenPages", "oddPages"] as const;
type HeaderFooterSet = (typeof HF_SETS)[number];

const GROUP_PROPS: Props<SheetModel> = {
  state: {
    read: (s) => s.pageLayout.headersFooters.state,
    write: (s, v, self) => {
      if (!HF_STATES.includes(v as HeaderFooterState)) throw new HostError(ErrorCodes.invalidArgument);
      s.pageLayout.headersFooters.state = v as HeaderFooterState;
      model(self).changed();
    },
  },
  useSheetMargins: { read: () => true },
  useSheetScale: { read: () => true },
};

export class HeaderFooterGroup extends SheetPart {
  readonly _className = "HeaderFooterGroup";
  declare state: HeaderFooterState;
  declare readonly useSheetMargins: boolean;
  declare readonly useSheetScale: boolean;

  constructor(ctx: RequestContext, path: string, resolver: () => SheetModel | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    this._min = "1.9";
    Object.preventExtensions(this);
  }

  protected _props(): Props<SheetModel> {
    return GROUP_PROPS;
  }

  protected override _nav(): Record<string, () => ClientObject<unknown>> {
    return Object.fromEntries(HF_SETS.map((k) => [k, () => this.set_(k)]));
  }

  private set_(which: HeaderFooterSet): HeaderFooter {
    return this._child(which, () => new HeaderFooter(this.context, `${this._path}.${which}`, () => this._resolve(), this._nullable, which));
  }

  get defaultForAllPages(): HeaderFooter {
    return this.set_("defaultForAllPages");
  }

  get firstPage(): HeaderFooter {
    return this.set_("firstPage");
  }

  get evenPages(): HeaderFooter {
    return this.set_("evenPages");
  }

  get oddPages(): HeaderFooter {
    return this.set_("oddPages");
  }
}
defineProps(HeaderFooterGroup, GROUP_PROPS);

const HF_KEYS = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"] as const;
/** Excel refuses a section longer than 255 characters. */
const HF_MAX = 255;

function headerFooterProps(which: HeaderFooterSet): Props<SheetModel> {
  return Object.fromEntries(
    HF_KEYS.map((k) => [
      k,
      {
        read: (s: SheetModel) => s.pageLayout.headersFooters[which][k],
        write: (s: SheetModel, v: unknown, self: ClientObject<SheetModel>) => {
          if (typeof v !== "string" || v.length > HF_MAX) throw new HostError(ErrorCodes.invalidArgument);
          const set: HeaderFooterModel = s.pageLayout.headersFooters[which];
          set[k] = v;
          model(self).changed();
        },
      },
    ]),
  );
}
const HF_PROPS = Object.fromEntries(HF_SETS.map((w) => [w, headerFooterProps(w)])) as Record<HeaderFooterSet, Props<SheetModel>>;

export class HeaderFooter extends SheetPart {
  readonly _className = "HeaderFooter";
  declare leftHeader: string;
  declare centerHeader: string;
  declare rightHeader: string;
  declare leftFooter: string;
  declare centerFooter: string;
  declare rightFooter: string;
  private readonly which: HeaderFooterSet;

  constructor(ctx: RequestContext, path: string, resolver: () => SheetModel | null, nullable: boolean, which: HeaderFooterSet) {
    super(ctx, path, resolver, nullable);
    this._min = "1.9";
    this.which = which;
    Object.preventExtensions(this);
  }

  protected _props(): Props<SheetModel> {
    return HF_PROPS[this.which];
  }
}
defineProps(HeaderFooter, HF_PROPS.defaultForAllPages);

