/**
 * Charts (ExcelApi 1.1): ChartCollection (add, getCount, getItem, getItemAt, items), Chart (name, chartType,
 * id, setPosition, delete), ChartTitle, ChartLegend, ChartSeriesCollection and ChartSeries (name,
 * getDimensionValues). A chart reads its series from the source cells at the time it is asked, as Excel's
 * does after recalculation.
 */
import { cellKey } from "../address";
import { ErrorCodes, HostError } from "../errors";
import { CHART_TYPES, type ChartModel } from "../model/chart";
import type { SheetModel } from "../model/sheet";
import { ClientObject, ClientResult, LoadPlan, LoadSpec, Props, defineProps, planLoad } from "./base";
import type { RequestContext } from "./context";
import { Range } from "./range";
import { boxOn } from "./worksheet";

const model = (self: ClientObject<unknown>) => self.context._rt.model;

export interface ChartTarget {
  sheet: SheetModel;
  chart: ChartModel;
}

/** A collection proxy's load: "items/name", "items" and plain "name" all mean the items' properties. */
function collectionPlan(spec: LoadSpec | undefined): LoadPlan {
  return typeof spec === "string" || Array.isArray(spec) || spec === undefined ? planLoad(spec, "items") : planLoad(spec);
}

abstract class ChartPart<T> extends ClientObject<T> {
  constructor(ctx: RequestContext, path: string, resolver: () => T | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    this._min = "1.1";
  }
}

// ---- the collection -------------------------------------------------------------------------------

export class ChartCollection extends ChartPart<SheetModel> {
  readonly _className = "ChartCollection";
  private _items: Chart[] | null = null;

  constructor(ctx: RequestContext, path: string, resolver: () => SheetModel | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    Object.preventExtensions(this);
  }

  protected _props(): Props<SheetModel> {
    return {};
  }

  protected override _check(sheet: SheetModel): void {
    if (!model(this).isLive(sheet)) throw new HostError(ErrorCodes.itemNotFound);
  }

  get items(): Chart[] {
    if (!this._items) throw new HostError(ErrorCodes.propertyNotLoaded, `The property 'items' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`, "ChartCollection.items");
    return this._items;
  }

  override load(spec?: LoadSpec): this {
    const plan = collectionPlan(spec);
    this.context._enqueue({ owner: this as ClientObject<unknown>, wire: ["load", this._id, spec ?? "*"], location: "ChartCollection.load", run: () => this._readNow(plan) });
    return this;
  }

  override _readNow(plan: LoadPlan): void {
    const s = this._resolve();
    this._items = (s?.charts ?? []).map((c, i) => {
      const chart = new Chart(this.context, `${this._path}.items[${i}]`, null, false);
      chart._settle({ sheet: s!, chart: c });
      chart._readNow(plan);
      return chart;
    });
  }

  override toJSON(): Record<string, unknown> {
    return this._items ? { items: this._items.map((c) => c.toJSON()) } : {};
  }

  /** A chart of `sourceData` (a Range, on any sheet) added to this sheet at the sync. */
  add(type: Excel.ChartType | string, sourceData: Range, seriesBy: Excel.ChartSeriesBy | string = "Auto"): Chart {
    if (!(sourceData instanceof Range)) throw new HostError(ErrorCodes.invalidArgument);
    const chart = new Chart(this.context, `${this._path}.add(${JSON.stringify(type)})`, null, false);
    this._enqueue("method", "add", [type, sourceData._path, seriesBy], (s) => {
      const src = sourceData._resolve();
      if (!src) throw new HostError(ErrorCodes.invalidArgument);
      chart._settle({ sheet: s, chart: model(this).addChart(s, String(type), src.sheet, src.box, String(seriesBy) as "Auto") });
    });
    return chart;
  }

  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this._enqueue("method", "getCount", [], (s) => result._fill(s.charts.length));
    return result;
  }

  /** By name (as Excel, case-insensitive) or id. */
  getItem(name: string): Chart {
    return new Chart(this.context, `${this._path}.getItem(${JSON.stringify(name)})`, () => {
      const s = this._resolve();
      const c = s?.charts.find((x) => x.id === name || x.name.toLowerCase() === name.toLowerCase());
      return s && c ? { sheet: s, chart: c } : null;
    }, false);
  }

  getItemAt(index: number): Chart {
    return new Chart(this.context, `${this._path}.getItemAt(${index})`, () => {
      const s = this._resolve();
      const c = s?.charts[index];
      return s && c ? { sheet: s, chart: c } : null;
    }, false);
  }
}

// ---- one chart -------------------------------------------------------------------------------------

const CHART_PROPS: Props<ChartTarget> = {
  name: {
    read: (t) => t.chart.name,
    write: (t, v, self) => {
      if (typeof v !== "string" || !v.trim()) throw new HostError(ErrorCodes.invalidArgument);
      t.chart.name = v;
      model(self).changed();
    },
  },
  id: { read: (t) => t.chart.id, min: "1.7" },
  chartType: {
    read: (t) => t.chart.chartType,
    write: (t, v, self) => {
      if (!(CHART_TYPES as readonly string[]).includes(String(v))) throw new HostError(ErrorCodes.invalidArgument, `Unknown chart type ${String(v)}.`);
      t.chart.chartType = String(v);
      model(self).changed();
    },
    min: "1.7",
  },
};

abstract class ChartChild extends ChartPart<ChartTarget> {
  protected override _check(t: ChartTarget): void {
    if (!model(this).isLive(t.sheet) || !t.sheet.charts.includes(t.chart)) throw new HostError(ErrorCodes.itemNotFound);
  }
}

export class Chart extends ChartChild {
  readonly _className = "Chart";
  declare name: string;
  declare readonly id: string;
  declare chartType: string;

  constructor(ctx: RequestContext, path: string, resolver: (() => ChartTarget | null) | null, nullable: boolean) {
    super(ctx, path, resolver as () => ChartTarget | null, nullable);
    Object.preventExtensions(this);
  }

  protected _props(): Props<ChartTarget> {
    return CHART_PROPS;
  }

  protected override _nav(): Record<string, () => ClientObject<unknown>> {
    return { title: () => this.title, legend: () => this.legend, series: () => this.series };
  }

  private part<C>(name: string, Make: new (ctx: RequestContext, path: string, r: () => ChartTarget | null, nullable: boolean) => C): C {
    return this._child(name, () => new Make(this.context, `${this._path}.${name}`, () => this._resolve(), this._nullable) as object) as C;
  }

  get title(): ChartTitle {
    return this.part("title", ChartTitle);
  }

  get legend(): ChartLegend {
    return this.part("legend", ChartLegend);
  }

  get series(): ChartSeriesCollection {
    return this.part("series", ChartSeriesCollection);
  }

  /** Covers the cells from startCell to endCell (endCell: same size as now when left out; here, startCell alone). */
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    const wire = (a: Range | string | undefined) => (a === undefined ? null : typeof a === "string" ? a : a._path);
    this._enqueue("method", "setPosition", [wire(startCell), wire(endCell)], (t) => {
      const corner = (a: Range | string, end: boolean) => {
        const b = a instanceof Range ? a._resolve()?.box : boxOn(t.sheet, a);
        if (!b) throw new HostError(ErrorCodes.invalidArgument);
        return end ? { r: b.r1, c: b.c1 } : { r: b.r0, c: b.c0 };
      };
      const from = corner(startCell, false);
      const to = endCell === undefined ? from : corner(endCell, true);
      if (to.r < from.r || to.c < from.c) throw new HostError(ErrorCodes.invalidArgument);
      t.chart.position = { from: cellKey(from.r, from.c), to: cellKey(to.r, to.c) };
      model(this).changed();
    });
  }

  delete(): void {
    this._enqueue("method", "delete", [], (t) => {
      t.sheet.charts.splice(t.sheet.charts.indexOf(t.chart), 1);
      model(this).changed();
    });
  }
}
defineProps(Chart, CHART_PROPS);


const TITLE_PROPS: Props<ChartTarget> = {
  text: {
    read: (t) => t.chart.title.text,
    write: (t, v, self) => {
      if (typeof v !== "string") throw new HostError(ErrorCodes.invalidArgument);
      t.chart.title.text = v;
      // Excel shows a title once it has text.
      t.chart.title.visible = v !== "";
      model(self).changed();
    },
  },
  visible: {
    read: (t) => t.chart.title.visible,
    write: (t, v, self) => {
      t.chart.title.visible = Boolean(v);
      model(self).changed();
    },
  },
};

export class ChartTitle extends ChartChild {
  readonly _className = "ChartTitle";
  declare text: string;
  declare visible: boolean;

  constructor(ctx: RequestContext, path: string, resolver: () => ChartTarget | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    Object.preventExtensions(this);
  }

  protected _props(): Props<ChartTarget> {
    return TITLE_PROPS;
  }
}
defineProps(ChartTitle, TITLE_PROPS);

const LEGEND_POSITIONS = ["Top", "Bottom", "Left", "Right", "Corner", "Custom", "Invalid"];
const LEGEND_PROPS: Props<ChartTarget> = {
  visible: {
    read: (t) => t.chart.legend.visible,
    write: (t, v, self) => {
      t.chart.legend.visible = Boolean(v);
      model(self).changed();
    },
  },
  position: {
    read: (t) => t.chart.legend.position,
    write: (t, v, self) => {
      if (!LEGEND_POSITIONS.includes(String(v))) throw new HostError(ErrorCodes.invalidArgument);
      t.chart.legend.position = String(v);
      model(self).changed();
    },
  },
};

export class ChartLegend extends ChartChild {
  readonly _className = "ChartLegend";
  declare visible: boolean;
  declare position: string;

  constructor(ctx: RequestContext, path: string, resolver: () => ChartTarget | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    Object.preventExtensions(this);
  }

  protected _props(): Props<ChartTarget> {
    return LEGEND_PROPS;
  }
}
defineProps(ChartLegend, LEGEND_PROPS);

// ---- series ----------------------------------------------------------------------------------------

export class ChartSeriesCollection extends ChartChild {
  readonly _className = "ChartSeriesCollection";
  private _items: ChartSeries[] | null = null;

  constructor(ctx: RequestContext, path: string, resolver: () => ChartTarget | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    Object.preventExtensions(this);
  }

  protected _props(): Props<ChartTarget> {
    return {};
  }

  get items(): ChartSeries[] {
    if (!this._items) throw new HostError(ErrorCodes.propertyNotLoaded, `The property 'items' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`, "ChartSeriesCollection.items");
    return this._items;
  }

  override load(spec?: LoadSpec): this {
    const plan = collectionPlan(spec);
    this.context._enqueue({ owner: this as ClientObject<unknown>, wire: ["load", this._id, spec ?? "*"], location: "ChartSeriesCollection.load", run: () => this._readNow(plan) });
    return this;
  }

  override _readNow(plan: LoadPlan): void {
    const t = this._resolve()!;
    this._items = model(this).chartData(t.chart).series.map((_s, i) => {
      const s = new ChartSeries(this.context, `${this._path}.items[${i}]`, () => t, false, i);
      s._readNow(plan);
      return s;
    });
  }

  override toJSON(): Record<string, unknown> {
    return this._items ? { items: this._items.map((c) => c.toJSON()) } : {};
  }

  getCount(): ClientResult<number> {
    const result = new ClientResult<number>();
    this._enqueue("method", "getCount", [], (t) => result._fill(model(this).chartData(t.chart).series.length));
    return result;
  }

  getItemAt(index: number): ChartSeries {
    return new ChartSeries(this.context, `${this._path}.getItemAt(${index})`, () => this._resolve(), false, index);
  }
}

function seriesProps(index: number): Props<ChartTarget> {
  return {
    name: {
      read: (t, self) => {
        const s = model(self).chartData(t.chart).series[index];
        if (!s) throw new HostError(ErrorCodes.itemNotFound);
        return s.name;
      },
    },
  };
}

export class ChartSeries extends ChartChild {
  readonly _className = "ChartSeries";
  declare readonly name: string;
  private readonly index: number;

  constructor(ctx: RequestContext, path: string, resolver: () => ChartTarget | null, nullable: boolean, index: number) {
    super(ctx, path, resolver, nullable);
    this.index = index;
    Object.preventExtensions(this);
  }

  protected _props(): Props<ChartTarget> {
    return seriesProps(this.index);
  }

  /** The series' categories or values as Excel plots them (ExcelApi 1.12). */
  getDimensionValues(dimension: Excel.ChartSeriesDimension | string): ClientResult<string[]> {
    const result = new ClientResult<string[]>();
    this._enqueue("method", "getDimensionValues", [dimension], (t) => {
      const data = model(this).chartData(t.chart);
      const s = data.series[this.index];
      if (!s) throw new HostError(ErrorCodes.itemNotFound);
      if (dimension === "Categories") result._fill([...data.categories]);
      else if (dimension === "Values") result._fill(s.values.map((v) => (v === null ? "" : String(v))));
      else throw new HostError(ErrorCodes.invalidArgument);
    }, "1.12");
    return result;
  }
}
defineProps(ChartSeries, seriesProps(0));
