/** Workbook, Application and WorksheetCollection proxies. */
import { parseBox } from "../address";
import { ErrorCodes, HostError } from "../errors";
import type { SheetModel } from "../model/sheet";
import type { WorkbookModel } from "../model/workbook";
import { ClientObject, ClientResult, LoadPlan, LoadSpec, Props, defineProps, planLoad } from "./base";
import type { RequestContext } from "./context";
import { EventHandlers } from "./events";
import { Range } from "./range";
import { Worksheet } from "./worksheet";

const APP_PROPS: Props<WorkbookModel> = {
  calculationMode: { read: () => "Automatic" },
};

export class Application extends ClientObject<WorkbookModel> {
  readonly _className = "Application";
  declare readonly calculationMode: string;

  constructor(ctx: RequestContext, model: WorkbookModel) {
    super(ctx, "application", () => model);
    Object.preventExtensions(this);
  }

  protected _props(): Props<WorkbookModel> {
    return APP_PROPS;
  }

  calculate(_calculationType?: string): void {
    this._enqueue("method", "calculate", [], (m) => m.recalculate());
  }

  /** Accepted and ignored: this host recalculates once per sync anyway. */
  suspendApiCalculationUntilNextSync(): void {
    this._enqueue("method", "suspendApiCalculationUntilNextSync", [], () => undefined, "1.6");
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this._enqueue("method", "suspendScreenUpdatingUntilNextSync", [], () => undefined, "1.9");
  }
}
defineProps(Application, APP_PROPS);

const COLLECTION_PROPS: Props<WorkbookModel> = {};

export class WorksheetCollection extends ClientObject<WorkbookModel> {
  readonly _className = "WorksheetCollection";
  private _items: Worksheet[] | null = null;

  constructor(ctx: RequestContext, model: WorkbookModel) {
    super(ctx, "worksheets", () => model);
    Object.preventExtensions(this);
  }

  protected _props(): Props<WorkbookModel> {
    return COLLECTION_PROPS;
  }

  /** The loaded sheets (load("items/name") or load("name")). */
  get items(): Worksheet[] {
    if (!this._items) throw new HostError(ErrorCodes.propertyNotLoaded, `The property 'items' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`, "WorksheetCollection.items");
    return this._items;
  }

  /** Collections load their items: "items/name", "items" and plain "name" all mean the items' names. */
  override load(spec?: LoadSpec): this {
    const plan = typeof spec === "string" || Array.isArray(spec) || spec === undefined ? planLoad(spec, "items") : planLoad(spec);
    this.context._enqueue({ owner: this as ClientObject<unknown>, wire: ["load", this._id, spec ?? "*"], location: "WorksheetCollection.load", run: () => this._readNow(plan) });
    return this;
  }

  override _readNow(plan: LoadPlan): void {
    const m = this._resolve()!;
    this._items = m.sheets.map((s, i) => {
      const w = new Worksheet(this.context, `worksheets.items[${i}]`, null);
      w._settle(s);
      w._readNow(plan);
      return w;
    });
  }

  override toJSON(): Record<string, unknown> {
    return this._items ? { items: this._items.map((w) => w.toJSON()) } : {};
  }

  private sheetProxy(path: string, find: (m: WorkbookModel) => SheetModel | null, nullable = false): Worksheet {
    return new Worksheet(this.context, `worksheets.${path}`, () => find(this._resolve()!), nullable);
  }

  /** By name (any case) or id; ItemNotFound at sync when there is none. */
  getItem(key: string): Worksheet {
    return this.sheetProxy(`getItem(${JSON.stringify(key)})`, (m) => m.sheet(key) ?? null);
  }

  getItemOrNullObject(key: string): Worksheet {
    const w = this.sheetProxy(`getItemOrNullObject(${JSON.stringify(key)})`, (m) => m.sheet(key) ?? null, true);
    w._enqueue("resolve", "getItemOrNullObject", [], () => undefined, "1.4");
    return w;
  }

  getActiveWorksheet(): Worksheet {
    return this.sheetProxy("getActiveWorksheet()", (m) => m.activeSheet);
  }

  getFirst(visibleOnly = false): Worksheet {
    return this.sheetProxy(`getFirst(${visibleOnly})`, (m) => m.sheets.find((s) => !visibleOnly || s.visibility === "Visible") ?? null);
  }

  getLast(visibleOnly = false): Worksheet {
    return this.sheetProxy(`getLast(${visibleOnly})`, (m) => [...m.sheets].reverse().find((s) => !visibleOnly || s.visibility === "Visible") ?? null);
  }

  /** Adds a sheet when the sync runs (at the end, not activated). */
  add(name?: string): Worksheet {
    const w = new Worksheet(this.context, `worksheets.add(${JSON.stringify(name ?? "")})`, null);
    this._enqueue("method", "add", [name ?? null], (m) => w._settle(m.addSheet(name)));
    return w;
  }

  getCount(visibleOnly = false): ClientResult<number> {
    const result = new ClientResult<number>();
    this._enqueue("method", "getCount", [visibleOnly], (m) => result._fill(m.sheets.filter((s) => !visibleOnly || s.visibility === "Visible").length), "1.4");
    return result;
  }

  get onDeleted(): EventHandlers<WorkbookModel> {
    return this._child("onDeleted", () => new EventHandlers(this, "WorksheetDeleted", () => null, "1.7"));
  }

  get onAdded(): EventHandlers<WorkbookModel> {
    return this._child("onAdded", () => new EventHandlers(this, "WorksheetAdded", () => null, "1.7"));
  }

  get onActivated(): EventHandlers<WorkbookModel> {
    return this._child("onActivated", () => new EventHandlers(this, "WorksheetActivated", () => null, "1.7"));
  }

  get onChanged(): EventHandlers<WorkbookModel> {
    return this._child("onChanged", () => new EventHandlers(this, "WorksheetChanged", () => null, "1.9"));
  }
}

const WORKBOOK_PROPS: Props<WorkbookModel> = {
  name: { read: () => "Book1.xlsx", min: "1.7" },
};

export class Workbook extends ClientObject<WorkbookModel> {
  readonly _className = "Workbook";
  declare readonly name: string;
  readonly worksheets: WorksheetCollection;
  readonly application: Application;

  constructor(ctx: RequestContext) {
    const m = ctx._rt.model;
    super(ctx, "workbook", () => m);
    this.worksheets = new WorksheetCollection(ctx, m);
    this.application = new Application(ctx, m);
    Object.preventExtensions(this);
  }

  protected _props(): Props<WorkbookModel> {
    return WORKBOOK_PROPS;
  }

  protected override _nav(): Record<string, () => ClientObject<unknown>> {
    return { worksheets: () => this.worksheets, application: () => this.application };
  }

  /** The user's selection. */
  getSelectedRange(): Range {
    return new Range(this.context, "workbook.getSelectedRange()", () => {
      const m = this._resolve()!;
      const sel = m.selection;
      const sheet = sel ? m.sheet(sel.sheet) : m.activeSheet;
      const box = (sel && parseBox(sel.address)) || { r0: 0, c0: 0, r1: 0, c1: 0 };
      return sheet ? { sheet, box } : null;
    });
  }

  getActiveCell(): Range {
    return new Range(this.context, "workbook.getActiveCell()", () => {
      const m = this._resolve()!;
      const sel = m.selection;
      const sheet = sel ? m.sheet(sel.sheet) : m.activeSheet;
      const box = (sel && parseBox(sel.address)) || { r0: 0, c0: 0, r1: 0, c1: 0 };
      return sheet ? { sheet, box: { r0: box.r0, c0: box.c0, r1: box.r0, c1: box.c0 } } : null;
    });
  }
}
defineProps(Workbook, WORKBOOK_PROPS);
