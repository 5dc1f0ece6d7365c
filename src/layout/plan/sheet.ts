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

export const HEADER_ROW = 3;
export const FIRST_BODY_ROW = HEADER_ROW + 1;

/** Display width of text in spreadsheet character units (CJK counts double). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

/** How many lines `s` wraps to in a column `width` characters wide. */
export const linesFor = (s: string | undefined, width: number) =>
  !s ? 1 : s.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / Math.max(4, width - 1))), 0);

/** The height of a row of wrapped text `lines` lines high. */
export const textHeight = (lines: number) => Math.min(409, 4 + 15 * lines);

export function columnsFor(rubric: Rubric, sections: Section[]): ColumnSpec[] {
  const items = sections.flatMap((s) => s.items ?? []);
  const hasChecks = sections.some((s) => s.checks?.length);
  const hasItems = items.length > 0;
  const cols: ColumnSpec[] = [
    { key: "label", header: "序号", width: 6 },
    { key: "item", header: rubric.columns?.item ?? (hasChecks && !hasItems ? "巡查要点" : "考核内容"), width: 34 },
  ];
  if (hasItems) cols.push({ key: "points", header: "分值", width: 7 });
  cols.push({ key: "clause", header: rubric.columns?.scoring ?? (hasItems ? "评分标准" : "说明"), width: hasItems ? 40 : 12 });
  if (items.some((i) => i.guidance)) cols.push({ key: "guidance", header: rubric.columns?.guidance ?? "考核方式", width: 30 });
  cols.push({ key: "tick", header: hasItems ? "扣分/未落实（勾选）" : "是否落实（是/否/不适用）", width: hasItems ? 10 : 14 });
  if (hasItems) {
    cols.push({ key: "count", header: "次数/扣分值", width: 10 });
    cols.push({ key: "value", header: "本条扣分/得分", width: 9 });
    cols.push({ key: "score", header: rubric.columns?.score ?? "得分", width: 9 });
  }
  cols.push({ key: "note", header: rubric.columns?.note ?? "自评情况/佐证材料", width: 32 });
  if (items.some((i) => i.responsible) || rubric.penalties?.some((p) => p.responsible)) {
    cols.push({ key: "responsible", header: rubric.columns?.responsible ?? "责任单位", width: 14 });
  }
  cols.push({ key: "status", header: "状态", width: 18 });
  cols.push({ key: "flags", header: "问题数", width: 6, hidden: true });
  cols.push({ key: "id", header: "编号", width: 14, hidden: true });
  return cols;
}

/**
 * The sheet being written. From format 3 on it also writes the helper cells (entries.ts, HelperKind): each
 * input cell that a formula tests is declared with `tested`, in the order of its row's cells from left to
 * right, and gets a hidden, locked helper cell on its row holding the format's test of it once — the row's
 * k-th tested cell in the k-th helper column after the id column (added as needed). Formulas then read the
 * helper (`helperOf`, for the format's EntryFormulas).
 */
export class Sheet implements HelperCells {
  readonly cells: PlannedCell[] = [];
  readonly merges: string[] = [];
  readonly validations: ValidationRule[] = [];
  readonly rows: PlannedRow[] = [];
  /** Rows with a status cell and their conditions, in the order written; statusFormulas() writes them last. */
  readonly statusRows: { row: number; conditions: Condition[] }[] = [];
  /** The next row to write. */
  row = FIRST_BODY_ROW;
  /** How many columns print (the hidden helper columns come last). */
  readonly visible: number;
  private readonly colIndex: Map<ColumnKey, number>;
  private readonly helpers = new Map<string, { cell: string; kind: HelperKind; column: ColumnKey }>();
  private readonly helpersInRow = new Map<number, number>();

  /** `helperFormula`: the format's helper cell formula (entries.ts), null for a format that tests inline. */
  constructor(
    readonly columns: ColumnSpec[],
    private readonly helperFormula: ((kind: HelperKind, ref: string) => string) | null = null,
  ) {
    this.colIndex = new Map(columns.map((c, i) => [c.key, i + 1] as const));
    this.visible = columns.filter((c) => !c.hidden).length;
  }

  /** Input cell `a` is tested by formulas as `kind`: from format 3 on, writes its helper cell (nothing before). */
  tested(a: string, kind: HelperKind): void {
    if (!this.helperFormula) return;
    if (this.helpers.has(a)) throw new Error(`plan: ${a} declared twice`);
    const { row } = parseAddr(a);
    const k = (this.helpersInRow.get(row) ?? 0) + 1;
    this.helpersInRow.set(row, k);
    const key: ColumnKey = `helper${k}`;
    if (!this.has(key)) {
      this.columns.push({ key, header: `辅助${k}`, width: 6, hidden: true });
      this.colIndex.set(key, this.columns.length);
      this.put(this.ref(key, HEADER_ROW), "header", `辅助${k}`);
    }
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
  }

  formula(a: string, s: StyleName, f: string, extra: Partial<PlannedCell> = {}): void {
    this.cells.push({ a, s, f, ...extra });
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
    const taken = new Set(this.cells.filter((c) => c.a.replace(/[A-Z]+/, "") === String(row)).map((c) => c.a));
    for (let c = from; c <= to; c++) if (!taken.has(addr(c, row))) this.put(addr(c, row), s);
  }

  /** A full-width heading row (a section, the penalties, the vetoes). */
  bandRow(label: string | null, title: string, kind: RowKind, id: string, height: number): void {
    const row = this.row++;
    this.put(addr(1, row), "section", label);
    this.put(addr(2, row), "section", title);
    for (let c = 3; c <= this.visible; c++) this.put(addr(c, row), "section");
    this.merge(addr(2, row), addr(this.visible, row));
    this.markRow(row, kind, id, height);
  }

  /** A row of header or footer fields, spread over the visible columns; returns each field's input cell. */
  fieldRow(row: number, fields: Rubric["fields"]["header"], kind: RowKind, unit: string | undefined): Record<string, string> {
    const inputs: Record<string, string> = {};
    if (!fields.length) return inputs;
    const span = Math.floor(this.visible / fields.length);
    fields.forEach((f, k) => {
      const start = 1 + k * span;
      const end = k === fields.length - 1 ? this.visible : start + span - 1;
      this.put(addr(start, row), "fieldLabel", `${f.label}：`);
      const input = addr(start + 1, row);
      this.put(input, "field", f.id === "unitName" && unit ? unit : null);
      if (f.required) this.tested(input, "entry");
      for (let c = start + 2; c <= end; c++) this.put(addr(c, row), "field");
      this.merge(input, addr(end, row));
      inputs[f.id] = input;
    });
    this.markRow(row, kind, kind, 24);
    return inputs;
  }

  /** A row whose status (and hidden flag count) is computed from `conditions` (see status.ts). */
  flagRow(row: number, conditions: Condition[]): void {
    this.statusRows.push({ row, conditions });
  }
}
