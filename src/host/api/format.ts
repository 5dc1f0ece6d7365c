/**
 * Range formatting proxies: RangeFormat, RangeFont, RangeFill, RangeBorderCollection/RangeBorder and
 * FormatProtection. They act on a set of boxes on one sheet, so a Range and a RangeAreas share them.
 * Reading a format of cells that differ gives null, as Office does.
 */
import { Box, boxArea } from "../address";
import { ErrorCodes, HostError } from "../errors";
import type { SheetModel } from "../model/sheet";
import { BorderModel, CellModel, Edge, defaultFormat } from "../model/types";
import { ClientObject, Props, defineProps } from "./base";
import type { RequestContext } from "./context";

export interface CellsTarget {
  sheet: SheetModel;
  boxes: Box[];
}

const DEFAULTS = defaultFormat();

/** The common value of get over every cell of the target, or null when they differ. */
function uniform<V>(t: CellsTarget, get: (cell: CellModel | undefined, row: number, col: number) => V): V | null {
  let seen = false;
  let value: V | null = null;
  let mixed = false;
  const visit = (v: V) => {
    if (!seen) {
      seen = true;
      value = v;
    } else if (JSON.stringify(v) !== JSON.stringify(value)) mixed = true;
  };
  for (const b of t.boxes) {
    if (boxArea(b) <= 200_000) {
      for (let r = b.r0; r <= b.r1 && !mixed; r++) for (let c = b.c0; c <= b.c1 && !mixed; c++) visit(get(t.sheet.cell(r, c), r, c));
    } else {
      let count = 0;
      t.sheet.forEachCell(b, (cell, r, c) => {
        count++;
        visit(get(cell, r, c));
      });
      if (count < boxArea(b)) visit(get(undefined, b.r0, b.c0));
    }
  }
  return mixed ? null : value;
}

const model = (self: ClientObject<unknown>) => self.context._rt.model;

const NAMED_COLORS: Record<string, string> = {
  black: "#000000", white: "#FFFFFF", red: "#FF0000", green: "#008000", blue: "#0000FF", yellow: "#FFFF00",
  orange: "#FFA500", purple: "#800080", gray: "#808080", grey: "#808080", lightgray: "#D3D3D3", darkgray: "#A9A9A9",
};

export function color(v: unknown): string {
  if (typeof v === "string") {
    if (/^#?[0-9a-f]{6}$/i.test(v)) return `#${v.replace("#", "").toUpperCase()}`;
    const named = NAMED_COLORS[v.toLowerCase()];
    if (named) return named;
  }
  throw new HostError(ErrorCodes.invalidArgument, `Not a color: ${String(v)}`);
}

function oneOf<V extends string>(allowed: readonly V[]): (v: unknown) => V {
  return (v) => {
    if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as V;
    throw new HostError(ErrorCodes.invalidArgument, `'${String(v)}' is not one of ${allowed.join(", ")}.`);
  };
}

function number(v: unknown, min = 0): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < min) throw new HostError(ErrorCodes.invalidArgument);
  return v;
}

function text(v: unknown): string {
  if (typeof v !== "string" || !v) throw new HostError(ErrorCodes.invalidArgument);
  return v;
}

function bool(v: unknown): boolean {
  if (typeof v !== "boolean") throw new HostError(ErrorCodes.invalidArgument);
  return v;
}

const H_ALIGN = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"] as const;
const V_ALIGN = ["Top", "Center", "Bottom", "Justify", "Distributed"] as const;

/** A cell-level format property: uniform read, write to every cell after the protection check. */
function cellProp<V>(get: (c: CellModel) => V, put: (c: CellModel, v: V) => void, check: (v: unknown) => V) {
  return {
    read: (t: CellsTarget) => uniform(t, (cell) => get(cell ?? ({ format: DEFAULTS, locked: true } as CellModel))),
    write: (t: CellsTarget, v: unknown, self: ClientObject<CellsTarget>) => {
      const value = check(v);
      model(self).formatCells(t.sheet, t.boxes, (cell) => put(cell, value));
    },
  };
}

abstract class CellsObject extends ClientObject<CellsTarget> {
  protected override _check(t: CellsTarget): void {
    if (!this.context._rt.model.isLive(t.sheet)) throw new HostError(ErrorCodes.itemNotFound);
  }

  /** A child acting on the same cells. */
  protected _same<C>(name: string, Make: new (ctx: RequestContext, path: string, resolver: () => CellsTarget | null, nullable: boolean) => C): C {
    return this._child(name, () => new Make(this.context, `${this._path}.${name}`, () => this._resolve(), this._nullable) as object) as C;
  }
}

const FONT_PROPS: Props<CellsTarget> = {
  bold: cellProp((c) => c.format.font.bold, (c, v) => (c.format.font.bold = v), bool),
  italic: cellProp((c) => c.format.font.italic, (c, v) => (c.format.font.italic = v), bool),
  size: cellProp((c) => c.format.font.size, (c, v) => (c.format.font.size = v), (v) => number(v, 1)),
  color: cellProp((c) => c.format.font.color, (c, v) => (c.format.font.color = v), color),
  name: cellProp((c) => c.format.font.name, (c, v) => (c.format.font.name = v), text),
  underline: cellProp((c) => c.format.font.underline, (c, v) => (c.format.font.underline = v), oneOf(["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"])),
  strikethrough: cellProp((c) => c.format.font.strikethrough, (c, v) => (c.format.font.strikethrough = v), bool),
};

export class RangeFont extends CellsObject {
  readonly _className = "RangeFont";
  declare bold: boolean;
  declare italic: boolean;
  declare size: number;
  declare color: string;
  declare name: string;
  declare underline: string;
  declare strikethrough: boolean;

  constructor(ctx: RequestContext, path: string, resolver: () => CellsTarget | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    Object.preventExtensions(this);
  }

  protected _props(): Props<CellsTarget> {
    return FONT_PROPS;
  }
}
defineProps(RangeFont, FONT_PROPS);

const FILL_PROPS: Props<CellsTarget> = {
  color: {
    read: (t) => uniform(t, (cell) => cell?.format.fill ?? "#FFFFFF"),
    write: (t, v, self) => {
      const c = color(v);
      model(self).formatCells(t.sheet, t.boxes, (cell) => (cell.format.fill = c));
    },
  },
};

export class RangeFill extends CellsObject {
  readonly _className = "RangeFill";
  declare color: string;

  constructor(ctx: RequestContext, path: string, resolver: () => CellsTarget | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    Object.preventExtensions(this);
  }

  protected _props(): Props<CellsTarget> {
    return FILL_PROPS;
  }

  clear(): void {
    this._enqueue("method", "clear", [], (t) => model(this).formatCells(t.sheet, t.boxes, (cell) => (cell.format.fill = null)));
  }
}
defineProps(RangeFill, FILL_PROPS);

// ---- borders ---------------------------------------------------------------------------------

const OPPOSITE: Record<Edge, Edge> = { top: "bottom", bottom: "top", left: "right", right: "left" };
const BORDER_INDEX = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"] as const;
type BorderIndex = (typeof BORDER_INDEX)[number];

/** The cell sides an edge of a box consists of, each with the neighbouring cell that shares it. */
function edgeCells(b: Box, index: BorderIndex): { r: number; c: number; side: Edge }[] {
  const out: { r: number; c: number; side: Edge }[] = [];
  const rows = (from: number, to: number, side: Edge) => {
    for (let r = from; r <= to; r++) for (let c = b.c0; c <= b.c1; c++) out.push({ r, c, side });
  };
  const cols = (from: number, to: number, side: Edge) => {
    for (let r = b.r0; r <= b.r1; r++) for (let c = from; c <= to; c++) out.push({ r, c, side });
  };
  switch (index) {
    case "EdgeTop": rows(b.r0, b.r0, "top"); break;
    case "EdgeBottom": rows(b.r1, b.r1, "bottom"); break;
    case "EdgeLeft": cols(b.c0, b.c0, "left"); break;
    case "EdgeRight": cols(b.c1, b.c1, "right"); break;
    case "InsideHorizontal": rows(b.r0, b.r1 - 1, "bottom"); break;
    case "InsideVertical": cols(b.c0, b.c1 - 1, "right"); break;
  }
  return out;
}

const neighbour = (r: number, c: number, side: Edge) =>
  side === "top" ? [r - 1, c] : side === "bottom" ? [r + 1, c] : side === "left" ? [r, c - 1] : [r, c + 1];

const NO_BORDER: BorderModel = { style: "None", color: "#000000", weight: "Thin" };

function readBorder(t: CellsTarget, index: BorderIndex): BorderModel | null {
  let seen = false;
  let value: BorderModel | null = null;
  for (const b of t.boxes) {
    for (const { r, c, side } of edgeCells(b, index)) {
      const [nr, nc] = neighbour(r, c, side);
      const v = t.sheet.cell(r, c)?.format.borders[side] ?? (nr >= 0 && nc >= 0 ? t.sheet.cell(nr, nc)?.format.borders[OPPOSITE[side]] : undefined) ?? NO_BORDER;
      if (!seen) {
        seen = true;
        value = v;
      } else if (value && (v.style !== value.style || v.color !== value.color || v.weight !== value.weight)) return null;
    }
  }
  return value ?? NO_BORDER;
}

function writeBorder(self: RangeBorder, t: CellsTarget, patch: Partial<BorderModel>): void {
  const index = self._index;
  const m = model(self);
  m.checkFormat(t.sheet, "cells");
  for (const b of t.boxes) {
    for (const { r, c, side } of edgeCells(b, index)) {
      const cell = t.sheet.ensure(r, c);
      const next = { ...(cell.format.borders[side] ?? { ...NO_BORDER, style: "Continuous" }), ...patch };
      if (next.style === "None") delete cell.format.borders[side];
      else cell.format.borders[side] = next;
      // The neighbour's side is the same line: keep one owner so reads agree.
      const [nr, nc] = neighbour(r, c, side);
      if (nr >= 0 && nc >= 0) delete t.sheet.cell(nr, nc)?.format.borders[OPPOSITE[side]];
    }
  }
  m.changed();
}

const BORDER_PROPS: Props<CellsTarget> = {
  style: {
    read: (t, self) => readBorder(t, (self as RangeBorder)._index)?.style ?? null,
    write: (t, v, self) => writeBorder(self as RangeBorder, t, { style: oneOf(["Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "None", "SlantDashDot"])(v) }),
  },
  color: {
    read: (t, self) => readBorder(t, (self as RangeBorder)._index)?.color ?? null,
    write: (t, v, self) => writeBorder(self as RangeBorder, t, { color: color(v) }),
  },
  weight: {
    read: (t, self) => readBorder(t, (self as RangeBorder)._index)?.weight ?? null,
    write: (t, v, self) => writeBorder(self as RangeBorder, t, { weight: oneOf(["Hairline", "Thin", "Medium", "Thick"])(v) }),
  },
  sideIndex: { read: (_t, self) => (self as RangeBorder)._index },
};

export class RangeBorder extends CellsObject {
  readonly _className = "RangeBorder";
  declare style: string;
  declare color: string;
  declare weight: string;
  declare readonly sideIndex: string;
  /** @internal */ readonly _index: BorderIndex;

  constructor(ctx: RequestContext, path: string, resolver: () => CellsTarget | null, nullable: boolean, index: BorderIndex) {
    super(ctx, path, resolver, nullable);
    this._index = index;
    Object.preventExtensions(this);
  }

  protected _props(): Props<CellsTarget> {
    return BORDER_PROPS;
  }
}
defineProps(RangeBorder, BORDER_PROPS);

export class RangeBorderCollection extends CellsObject {
  readonly _className = "RangeBorderCollection";

  constructor(ctx: RequestContext, path: string, resolver: () => CellsTarget | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    Object.preventExtensions(this);
  }

  protected _props(): Props<CellsTarget> {
    return {};
  }

  getItem(index: string): RangeBorder {
    if (!(BORDER_INDEX as readonly string[]).includes(index)) throw new HostError(ErrorCodes.invalidArgument, `Unknown border index ${index}.`);
    return this._child(`item:${index}`, () => new RangeBorder(this.context, `${this._path}.getItem("${index}")`, () => this._resolve(), this._nullable, index as BorderIndex));
  }
}

// ---- protection and the format itself ---------------------------------------------------------

const PROTECTION_PROPS: Props<CellsTarget> = {
  locked: {
    read: (t) => uniform(t, (cell) => cell?.locked ?? true),
    write: (t, v, self) => {
      const locked = bool(v);
      model(self).formatCells(t.sheet, t.boxes, (cell) => (cell.locked = locked), "structure");
    },
  },
  formulaHidden: { read: () => false },
};

export class FormatProtection extends CellsObject {
  readonly _className = "FormatProtection";
  declare locked: boolean;
  declare readonly formulaHidden: boolean;

  constructor(ctx: RequestContext, path: string, resolver: () => CellsTarget | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    this._min = "1.2";
    Object.preventExtensions(this);
  }

  protected _props(): Props<CellsTarget> {
    return PROTECTION_PROPS;
  }
}
defineProps(FormatProtection, PROTECTION_PROPS);

function columns(t: CellsTarget): number[] {
  const cols = new Set<number>();
  for (const b of t.boxes) for (let c = b.c0; c <= b.c1; c++) cols.add(c);
  return [...cols];
}

function rows(t: CellsTarget): number[] {
  const out = new Set<number>();
  for (const b of t.boxes) for (let r = b.r0; r <= Math.min(b.r1, b.r0 + 200_000); r++) out.add(r);
  return [...out];
}

const same = <V>(values: V[]): V | null => (values.every((v) => v === values[0]) ? values[0] : null);

const FORMAT_PROPS: Props<CellsTarget> = {
  columnWidth: {
    read: (t) => same(columns(t).map((c) => t.sheet.columnWidth(c))),
    write: (t, v, self) => {
      const w = number(v);
      for (const b of t.boxes) model(self).setColumnWidths(t.sheet, b, w);
    },
  },
  rowHeight: {
    read: (t) => same(rows(t).map((r) => t.sheet.rowHeight(r))),
    write: (t, v, self) => {
      const h = number(v);
      for (const b of t.boxes) model(self).setRowHeights(t.sheet, b, h);
    },
  },
  wrapText: cellProp((c) => c.format.wrapText, (c, v) => (c.format.wrapText = v), bool),
  horizontalAlignment: cellProp((c) => c.format.horizontalAlignment, (c, v) => (c.format.horizontalAlignment = v), oneOf(H_ALIGN)),
  verticalAlignment: cellProp((c) => c.format.verticalAlignment, (c, v) => (c.format.verticalAlignment = v), oneOf(V_ALIGN)),
  indentLevel: cellProp((c) => c.format.indentLevel, (c, v) => (c.format.indentLevel = v), (v) => number(v)),
};

export class RangeFormat extends CellsObject {
  readonly _className = "RangeFormat";
  declare columnWidth: number;
  declare rowHeight: number;
  declare wrapText: boolean;
  declare horizontalAlignment: string;
  declare verticalAlignment: string;
  declare indentLevel: number;

  constructor(ctx: RequestContext, path: string, resolver: () => CellsTarget | null, nullable: boolean) {
    super(ctx, path, resolver, nullable);
    Object.preventExtensions(this);
  }

  protected _props(): Props<CellsTarget> {
    return FORMAT_PROPS;
  }

  protected override _nav(): Record<string, () => ClientObject<unknown>> {
    return { font: () => this.font, fill: () => this.fill, borders: () => this.borders, protection: () => this.protection };
  }

  get font(): RangeFont {
    return this._same("font", RangeFont);
  }

  get fill(): RangeFill {
    return this._same("fill", RangeFill);
  }

  get borders(): RangeBorderCollection {
    return this._same("borders", RangeBorderCollection);
  }

  get protection(): FormatProtection {
    return this._same("protection", FormatProtection);
  }

  /** No text measuring here: the widths stay as they are (the protection check still applies). */
  autofitColumns(): void {
    this._enqueue("method", "autofitColumns", [], (t) => model(this).checkFormat(t.sheet, "columns"), "1.2");
  }

  autofitRows(): void {
    this._enqueue("method", "autofitRows", [], (t) => model(this).checkFormat(t.sheet, "rows"), "1.2");
  }
}
defineProps(RangeFormat, FORMAT_PROPS);
