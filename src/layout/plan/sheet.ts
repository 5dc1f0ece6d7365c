/**
 * The sheet being written: its columns, the cells, merges, validations and rows in the order they are
 * written (the plan keeps that order), and the next free row. Knows where things go, not what they compute:
 * the formulas are scores.ts's and status.ts's.
 */
import type { Rubric, Section } from "../../rubric/schema";
import { addr, colLetter, parseAddr } from "../a1";
import type { ValidationRule } from "../print";
import type { HelperCells, HelperKind } from "../entries";
import { encodeRowId } from "../format";
import { type CellValue, type ColumnKey, type ColumnSpec, type PlannedCell, type PlannedRow, type RowKind, type StyleName } from "../types";
import type { Condition } from "./status";
import type { SheetFormat } from "../entries";
import { PRINT_MARGINS } from "../print";
import { fitColumns } from "./paper";

export const HEADER_ROW = 3;
export const FIRST_BODY_ROW = HEADER_ROW + 1;

/** The least width of a field's input (characters): a unit's name or a phone number. */
const MIN_FIELD_WIDTH = 10;

/**
 * The columns of fields on one row, as [label start, label end, input end] per field (1-based), covering every
 * column: labels at least `need` wide, inputs at least MIN_FIELD_WIDTH; of all ways, the one whose narrowest
 * input is widest (then the least label to spare). Null when the fields do not fit.
 */
export function cutFields(widths: number[], need: number[]): number[] | null {
  const n = widths.length;
  const sum = (a: number, b: number) => widths.slice(a - 1, b).reduce((x, y) => x + y, 0);
  let best: { cuts: number[]; score: number } | null = null;
  const walk = (k: number, start: number, cuts: number[], narrowest: number, spare: number) => {
    if (k === need.length) {
      if (start !== n + 1) return;
      const score = narrowest * 1000 - spare;
      if (!best || score > best.score) best = { cuts: [...cuts], score };
      return;
    }
    for (let labelEnd = start; labelEnd < n; labelEnd++) {
      const lw = sum(start, labelEnd);
      if (lw < need[k]) continue;
      for (let end = labelEnd + 1; end <= n; end++) {
        if (k === need.length - 1 && end !== n) continue;
        const iw = sum(labelEnd + 1, end);
        if (iw < MIN_FIELD_WIDTH) continue;
        walk(k + 1, end + 1, [...cuts, start, labelEnd, end], Math.min(narrowest, iw), spare + lw - need[k]);
      }
    }
  };
  walk(0, 1, [], Infinity, 0);
  return (best as { cuts: number[] } | null)?.cuts ?? null;
}

/** Display width of text in spreadsheet character units (CJK counts double). */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

/** How many lines `s` wraps to in a column `width` characters wide. */
export const linesFor = (s: string | undefined, width: number) =>
  !s ? 1 : s.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / Math.max(4, width - 1))), 0);

/** The height of a row of wrapped text `lines` lines high. */
export const textHeight = (lines: number) => Math.min(409, 4 + 15 * lines);
/** Format 3's: 14 pt a line (see rows.ts blockHeight). */
export const textHeight3 = (lines: number) => Math.min(409, 4 + 14 * lines);

export function columnsFor(rubric: Rubric, sections: Section[], format: SheetFormat = 1, localPoints = false): ColumnSpec[] {
  const items = sections.flatMap((s) => s.items ?? []);
  const hasChecks = sections.some((s) => s.checks?.length);
  const hasItems = items.length > 0;
  const cols: ColumnSpec[] = [
    { key: "label", header: "序号", width: 6 },
    { key: "item", header: rubric.columns?.item ?? (hasChecks && !hasItems ? "巡查要点" : "考核内容"), width: 34 },
  ];
  // Format 3 marks points the document does not print (county2023's are derived) as 参考分值.
  const derived = format >= 3 && items.some((i) => i.pointsDerived);
  // Format 3 leaves out a 分值 column no item fills (001's 党委 and 政府 tables deduct from their sections' points;
  // the official tables print none).
  const anyPoints = format < 3 || items.some((i) => i.points !== undefined);
  // Local points (the office's, format 3 only) say so in the heading; 填表说明 names the items.
  if (hasItems && anyPoints) cols.push({ key: "points", header: localPoints ? "分值（本地）" : derived ? "参考分值" : "分值", width: 7 });
  cols.push({ key: "clause", header: rubric.columns?.scoring ?? (hasItems ? "评分标准" : "说明"), width: hasItems ? 40 : 12 });
  if (items.some((i) => i.guidance)) cols.push({ key: "guidance", header: rubric.columns?.guidance ?? "考核方式", width: 30 });
  cols.push({ key: "tick", header: hasItems ? "扣分/未落实（勾选）" : "是否落实（是/否/不适用）", width: hasItems ? 10 : 14 });
  if (hasItems) {
    cols.push({ key: "count", header: "次数/扣分值", width: 10 });
    cols.push({ key: "value", header: "本条扣分/得分", width: 9 });
    // Format 4 says whose score it is, beside 核定得分.
    cols.push({ key: "score", header: rubric.columns?.score ?? (format >= 4 ? "自评得分" : "得分"), width: 9 });
  }
  cols.push({ key: "note", header: rubric.columns?.note ?? "自评情况/佐证材料", width: 32 });
  if (items.some((i) => i.responsible) || rubric.penalties?.some((p) => p.responsible)) {
    cols.push({ key: "responsible", header: rubric.columns?.responsible ?? "责任单位", width: 14 });
  }
  // Format 4 (核定): the assessors' columns after the unit's, printed; their status on screen only.
  const review = format >= 4 && hasItems;
  if (review) cols.push(...REVIEW_COLUMNS);
  cols.push({ key: "status", header: "状态", width: 18 });
  if (review) cols.push({ key: "rstatus", header: "核定状态", width: 18 });
  cols.push({ key: "flags", header: "问题数", width: 6, hidden: true });
  // Format 3: how many of a row's problems are invalid entries (the headline shows 待更正 while any is).
  if (format >= 3) cols.push({ key: "invalid", header: "无效数", width: 6, hidden: true });
  if (review) cols.push({ key: "rinvalid", header: "核定无效数", width: 6, hidden: true });
  cols.push({ key: "id", header: "编号", width: 14, hidden: true });
  if (format < 3) return cols;
  // Format 3 prints every visible column but 状态 (it shows on screen; 待处理问题 counts its problems on paper).
  const printed = cols.findIndex((c) => c.key === "status");
  const { widths } = fitColumns(cols, printed, PRINT_MARGINS);
  return cols.map((c, i) => (i < printed ? { ...c, width: widths[i] } : c));
}

/** Format 4's assessors' columns (核定), in the order they print. */
const REVIEW_COLUMNS: ColumnSpec[] = [
  { key: "rtick", header: "核定（勾选）", width: 10 },
  { key: "rcount", header: "核定次数/扣分值", width: 10 },
  { key: "rvalue", header: "核定本条扣分/得分", width: 9 },
  { key: "rscore", header: "核定得分", width: 9 },
  { key: "rnote", header: "核定说明", width: 24 },
  { key: "rmark", header: "核定对比", width: 9 },
];

/** Which side of a format-4 table an input cell is on: the unit's (自评) or the assessors' (核定). */
export type Side = "unit" | "review";

/**
 * The first helper column of the assessors' cells (format 4): a body row tests at most three of the unit's cells
 * (tick, count, note), so the unit's helpers stay in 辅助1–3 and the 核定's in 辅助4 on — each side's entries can
 * then be counted apart (the tier's 未填写).
 */
export const REVIEW_HELPER_FIRST = 4;
/** A helper column of the assessors' cells. */
export const isReviewHelper = (key: ColumnKey) => /^helper\d+$/.test(key) && Number(key.slice(6)) >= REVIEW_HELPER_FIRST;

/** How many columns print, from the left: every visible one, and from format 3 on all but 状态. */
export const printedColumns = (columns: ColumnSpec[], format: SheetFormat) =>
  format >= 3 ? columns.findIndex((c) => c.key === "status") : columns.filter((c) => !c.hidden).length;

/**
 * The sheet being written. From format 3 on it also writes the helper cells (entries.ts, HelperKind): each
 * input cell that a formula tests is declared with `tested`, in the order of its row's cells from left to
 * right, and gets a hidden, locked helper cell on its row holding the format's test of it once — the row's
 * k-th tested cell in the k-th helper column after the id column (added as needed). Formulas then read the
 * helper (`helperOf`, for the format's EntryFormulas).
 */
export class Sheet implements HelperCells {
  readonly cells: PlannedCell[] = [];
  /** The address of every cell written, for borderRow (which otherwise searched all the cells for each bordered row). */
  private readonly written = new Set<string>();
  readonly merges: string[] = [];
  readonly validations: ValidationRule[] = [];
  readonly rows: PlannedRow[] = [];
  /** Rows with a status cell and their conditions, in the order written; statusFormulas() writes them last. */
  readonly statusRows: { row: number; conditions: Condition[] }[] = [];
  /** The next row to write. */
  row = FIRST_BODY_ROW;
  /** How many columns are visible (the hidden helper columns come last). */
  readonly visible: number;
  /** How many columns print, from the left (format 3: all visible but 状态); titles, bands and fields span them. */
  readonly printed: number;
  /** Runs of rows printed on one page (format 3), and rows printed on the page of the row below. */
  private readonly kept: [number, number][] = [];
  private readonly glued = new Set<number>();
  /** How many rows the last fieldRow wrote (format 3 may need more than one). */
  fieldRows = 1;
  private readonly colIndex: Map<ColumnKey, number>;
  private readonly helpers = new Map<string, { cell: string; kind: HelperKind; column: ColumnKey }>();
  private readonly helpersInRow = new Map<number, number>();
  private readonly reviewHelpersInRow = new Map<number, number>();
  /** Format 4: rows with a 核定状态 cell and their conditions (the assessors' entries), written last like statusRows. */
  readonly reviewStatusRows: { row: number; conditions: Condition[] }[] = [];

  /** `helperFormula`: the format's helper cell formula (entries.ts), null for a format that tests inline. */
  constructor(
    readonly columns: ColumnSpec[],
    private readonly helperFormula: ((kind: HelperKind, ref: string) => string) | null = null,
    readonly format: SheetFormat = 1,
  ) {
    this.colIndex = new Map(columns.map((c, i) => [c.key, i + 1] as const));
    this.visible = columns.filter((c) => !c.hidden).length;
    this.printed = printedColumns(columns, format);
  }

  /** The width of column `k` (characters). */
  width(k: ColumnKey): number {
    return this.columns[this.col(k) - 1].width;
  }

  /** Rows `first`…`last` print on one page. */
  keep(first: number, last: number): void {
    this.kept.push([first, last]);
  }

  /** Row `row` prints on the same page as the row below it (a heading with what it heads). */
  glue(row: number): void {
    this.glued.add(row);
  }

  /** The rows first…last as runs that print on one page (kept runs and glued rows joined), for pageBreaks. */
  units(first: number, last: number): [number, number][] {
    const inside = new Set<number>();
    for (const [a, b] of this.kept) for (let r = a + 1; r <= b; r++) inside.add(r);
    const out: [number, number][] = [];
    for (let r = first; r <= last; r++) {
      if (out.length && (inside.has(r) || this.glued.has(r - 1))) out[out.length - 1][1] = r;
      else out.push([r, r]);
    }
    return out;
  }

  /** Input cell `a` is tested by formulas as `kind`: from format 3 on, writes its helper cell (nothing before). */
  tested(a: string, kind: HelperKind, side: Side = "unit"): void {
    if (!this.helperFormula) return;
    if (this.helpers.has(a)) throw new Error(`plan: ${a} declared twice`);
    const { row } = parseAddr(a);
    // Format 4: the assessors' cells have their own helper columns (REVIEW_HELPER_FIRST on).
    const counter = side === "unit" ? this.helpersInRow : this.reviewHelpersInRow;
    const n = (counter.get(row) ?? 0) + 1;
    counter.set(row, n);
    const k = side === "unit" ? n : REVIEW_HELPER_FIRST - 1 + n;
    // Columns in order (the 核定's may be needed before the unit's third).
    for (let j = 1; j <= k; j++) {
      const key: ColumnKey = `helper${j}`;
      if (this.has(key)) continue;
      this.columns.push({ key, header: `辅助${j}`, width: 6, hidden: true });
      this.colIndex.set(key, this.columns.length);
      this.put(this.ref(key, HEADER_ROW), "header", `辅助${j}`);
    }
    const key: ColumnKey = `helper${k}`;
    const cell = this.ref(key, row);
    // Locked and not of the id style, so that the reader checks it like every other plan formula.
    this.formula(cell, "computed", this.helperFormula(kind, a));
    this.helpers.set(a, { cell, kind, column: key });
  }

  helperOf(a: string): { cell: string; kind: HelperKind; column: ColumnKey } {
    const h = this.helpers.get(a);
    if (!h) throw new Error(`plan: ${a} is tested but has no helper cell`);
    return h;
  }

  has(k: ColumnKey): boolean {
    return this.colIndex.has(k);
  }

  col(k: ColumnKey): number {
    const c = this.colIndex.get(k);
    if (!c) throw new Error(`plan: no column ${k}`);
    return c;
  }

  ref(k: ColumnKey, row: number): string {
    return addr(this.col(k), row);
  }

  /** Column letters by role, for the map and the metadata. */
  letters(): Partial<Record<ColumnKey, string>> {
    return Object.fromEntries(this.columns.map((c, i) => [c.key, colLetter(i + 1)]));
  }

  put(a: string, s: StyleName, v?: CellValue, extra: Partial<PlannedCell> = {}): void {
    this.cells.push({ a, s, ...(v === undefined ? {} : { v }), ...extra });
    this.written.add(a);
  }

  formula(a: string, s: StyleName, f: string, extra: Partial<PlannedCell> = {}): void {
    this.cells.push({ a, s, f, ...extra });
    this.written.add(a);
  }

  merge(a: string, b: string): void {
    if (a !== b) this.merges.push(`${a}:${b}`);
  }

  /** Records a row and writes its id (`kind:id`, `@owner` for a clause) in the hidden id column. */
  markRow(row: number, kind: RowKind, id: string, height?: number, owner?: string): void {
    this.rows.push({ row, kind, id, ...(height ? { height } : {}) });
    this.put(this.ref("id", row), "id", encodeRowId(kind, id, owner));
  }

  /** Fills the bordered cells of a row that nothing else writes, so the printed grid is whole. */
  borderRow(row: number, from: number, to: number, s: StyleName = "text"): void {
    for (let c = from; c <= to; c++) if (!this.written.has(addr(c, row))) this.put(addr(c, row), s);
  }

  /** A full-width heading row (a section, the penalties, the vetoes). */
  bandRow(label: string | null, title: string, kind: RowKind, id: string, height: number): void {
    const row = this.row++;
    this.put(addr(1, row), "section", label);
    this.put(addr(2, row), "section", title);
    for (let c = 3; c <= this.printed; c++) this.put(addr(c, row), "section");
    this.merge(addr(2, row), addr(this.printed, row));
    this.markRow(row, kind, id, height);
  }

  /** A row of header or footer fields, spread over the visible columns; returns each field's input cell. */
  fieldRow(row: number, fields: Rubric["fields"]["header"], kind: RowKind, unit: string | undefined): Record<string, string> {
    const inputs: Record<string, string> = {};
    if (!fields.length) return inputs;
    if (this.format >= 3) return this.fieldRow3(row, fields, kind, unit);
    const span = Math.floor(this.visible / fields.length);
    fields.forEach((f, k) => {
      const start = 1 + k * span;
      const end = k === fields.length - 1 ? this.visible : start + span - 1;
      this.put(addr(start, row), "fieldLabel", `${f.label}：`);
      inputs[f.id] = this.fieldInput(f, row, start + 1, end, unit);
    });
    this.markRow(row, kind, kind, 24);
    return inputs;
  }

  /** A field's input cell: `from` merged to `to` on `row` (单位名称 filled with the unit); returns its address. */
  private fieldInput(f: Rubric["fields"]["header"][number], row: number, from: number, to: number, unit: string | undefined): string {
    const input = addr(from, row);
    this.put(input, "field", f.id === "unitName" && unit ? unit : null);
    if (f.required) this.tested(input, "entry");
    for (let c = from + 1; c <= to; c++) this.put(addr(c, row), "field");
    this.merge(input, addr(to, row));
    return input;
  }

  /**
   * Format 3's field rows: each label merged over as many columns as it needs to print whole (right-aligned into
   * a 5-character column A, 单位名称 printed as "位名称："), its input over the columns after it, at least a
   * name's width. Fields go on one row when they fit (the most even inputs chosen among every way of cutting the
   * columns), else over as few rows as it takes. `fieldRows` says how many rows were used.
   */
  private fieldRow3(row: number, fields: Rubric["fields"]["header"], kind: RowKind, unit: string | undefined): Record<string, string> {
    const inputs: Record<string, string> = {};
    const widths = this.columns.slice(0, this.printed).map((c) => c.width);
    let r = row;
    for (let k = 0; k < fields.length; r++) {
      let n = fields.length - k;
      let cuts: number[] | null = null;
      while (n > 0 && !(cuts = cutFields(widths, fields.slice(k, k + n).map((f) => textWidth(`${f.label}：`) + 1)))) n--;
      if (!cuts) throw new Error(`plan: the field “${fields[k].label}” does not fit the printed columns`);
      fields.slice(k, k + n).forEach((f, j) => {
        const [start, labelEnd, end] = [cuts![3 * j], cuts![3 * j + 1], cuts![3 * j + 2]];
        this.put(addr(start, r), "fieldLabel", `${f.label}：`);
        for (let c = start + 1; c <= labelEnd; c++) this.put(addr(c, r), "fieldLabel");
        this.merge(addr(start, r), addr(labelEnd, r));
        inputs[f.id] = this.fieldInput(f, r, labelEnd + 1, end, unit);
      });
      this.markRow(r, kind, r === row ? kind : `${kind}-${r - row + 1}`, 24);
      k += n;
    }
    this.fieldRows = r - row;
    return inputs;
  }

  /** A row whose status (and hidden flag count) is computed from `conditions` (see status.ts). */
  flagRow(row: number, conditions: Condition[]): void {
    this.statusRows.push({ row, conditions });
  }

  /** Format 4: a row whose 核定状态 (and hidden count of invalid 核定 entries) is computed from `conditions`. */
  reviewFlagRow(row: number, conditions: Condition[]): void {
    if (conditions.length) this.reviewStatusRows.push({ row, conditions });
  }
}
