/**
 * Carrying a unit's entries from a sheet made from another version of a rubric into a new plan, by item and
 * clause id — for "update to the current rubric version". Nothing is guessed: entries whose ids the new
 * rubric no longer has are listed as not carried over.
 */
import { parseAddr, colLetter, colNumber } from "./a1";
import type { GridCell, SheetGrid } from "./grid";
import { CURRENT_FORMAT, entryRules, type SheetFormat } from "./entries";
import { decodeRowId } from "./format";
import type { CellValue, ColumnKey, SheetPlan } from "./types";

export interface LostEntry {
  /** Where it was in the old sheet. */
  cell: string;
  /** What it belonged to (the old clause or item text). */
  text: string;
  message: string;
}

export interface CarryResult {
  inputs: Map<string, CellValue>;
  carried: number;
  lost: LostEntry[];
}

/**
 * `oldFormat` is the old sheet's format: what is blank there (which kinds of whitespace) is decided by its
 * entry rules. A formula's computed value is carried, not the formula.
 */
export function carryEntries(old: SheetGrid, oldColumns: Partial<Record<ColumnKey, string>>, next: SheetPlan, oldFormat: SheetFormat = CURRENT_FORMAT): CarryResult {
  const rules = entryRules(oldFormat);
  const blank = (c: GridCell | undefined) => rules.entry(c).value === undefined;
  const cellAt = (col: string | undefined, row: number) => (col ? old.cells.get(`${col}${row}`) : undefined);
  const value = (col: string | undefined, row: number) => cellAt(col, row)?.value;
  const inputs = new Map<string, CellValue>();
  const lost: LostEntry[] = [];
  let carried = 0;
  const put = (a: string | null | undefined, c: GridCell | undefined) => {
    if (!a || !c || blank(c)) return false;
    inputs.set(a, c.value);
    carried++;
    return true;
  };
  const lose = (row: number, col: string | undefined, what: string, text: CellValue | undefined) => {
    const a = `${col}${row}`;
    lost.push({ cell: a, text: String(text ?? ""), message: `${a}：${what}“${String(text ?? "").slice(0, 20)}”在新版考核细则中已不存在，未能转入` });
  };

  const items = new Map([...next.map.items, ...next.map.penalties].map((i) => [i.id, i]));
  const clauses = new Map([...next.map.items, ...next.map.penalties].flatMap((i) => i.clauses.map((c) => [c.id, c] as const)));
  const checks = new Map(next.map.checks.map((c) => [c.id, c]));
  const vetoes = new Map(next.map.vetoes.map((v) => [v.id, v]));
  const notesSeen = new Set<string>();
  const fieldLabels = new Map(Object.keys(next.map.fields).map((id) => [fieldLabel(next, id), id]));

  const idCol = oldColumns.id;
  const rows = [...old.cells].filter(([a, c]) => idCol && a.replace(/\d+$/, "") === idCol && typeof c.value === "string").map(([a, c]) => [parseAddr(a).row, String(c.value)] as const);
  rows.sort((a, b) => a[0] - b[0]);
  for (const [row, idCell] of rows) {
    const decoded = decodeRowId(idCell);
    if (!decoded) continue;
    const { kind, id, owner } = decoded;
    const tick = cellAt(oldColumns.tick, row);
    const count = cellAt(oldColumns.count, row);
    const note = cellAt(oldColumns.note, row);
    if (kind === "clause" || kind === "item" || kind === "select") {
      const itemId = kind === "clause" ? owner : id;
      // A selectable item's 抽查 row (选查, format 3 on): its tick, and the item's note on the block's first row.
      if (kind === "select" && !blank(tick) && tick?.value !== false) {
        const target = items.get(id)?.selectCell;
        if (target) put(target, tick);
        else lose(row, oldColumns.tick, "抽查", value(oldColumns.item, row));
      }
      if (kind === "clause" && (!blank(tick) || !blank(count))) {
        const c = clauses.get(id);
        if (!c) {
          if (!blank(tick)) lose(row, oldColumns.tick, "勾选", value(oldColumns.clause, row));
          if (!blank(count)) lose(row, oldColumns.count, "次数/扣分", value(oldColumns.clause, row));
        } else {
          // A FALSE written for an empty checkbox is not an entry worth carrying.
          if (tick?.value !== false) put(c.inputCell, tick);
          put(c.countCell ?? `${next.map.columns.count}${c.row}`, count);
        }
      }
      if (itemId && !notesSeen.has(itemId) && !blank(note)) {
        notesSeen.add(itemId);
        const item = items.get(itemId);
        if (item) put(item.noteCell, note);
        else lose(row, oldColumns.note, "自评情况", value(oldColumns.item, row));
      }
    } else if (kind === "check") {
      const c = checks.get(id);
      if (!c) {
        if (!blank(tick) || !blank(note)) lose(row, oldColumns.tick, "巡查要点的回答", value(oldColumns.item, row));
      } else {
        put(c.answerCell, tick);
        put(c.noteCell, note);
      }
    } else if (kind === "veto") {
      const v = vetoes.get(id);
      if (v) {
        if (tick?.value !== false) put(v.inputCell, tick);
      } else if (!blank(tick) && tick?.value !== false) lose(row, oldColumns.tick, "否决项", value(oldColumns.item, row));
    } else if (kind === "fields" || kind === "footer") {
      // Field cells follow their "label：" cells; match fields by label. From format 3 a label is merged over
      // several columns: its input is the first filled cell after it, before the next label.
      const labels = [...old.cells]
        .filter(([a, c]) => parseAddr(a).row === row && typeof c.value === "string" && c.value.endsWith("："))
        .map(([a, c]) => ({ col: parseAddr(a).col, id: fieldLabels.get(String(c.value).slice(0, -1)) }))
        .sort((x, y) => x.col - y.col);
      labels.forEach(({ col, id }, k) => {
        if (!id) return;
        const end = labels[k + 1]?.col ?? Math.min(col + MAX_FIELD_SPAN, oldColumns.status ? colNumber(oldColumns.status) : Infinity);
        for (let c = col + 1; c < end; c++) {
          const cell = old.cells.get(`${colLetter(c)}${row}`);
          if (!blank(cell)) {
            put(next.map.fields[id], cell);
            break;
          }
        }
      });
    }
  }
  return { inputs, carried, lost };
}

/** How far right of its label a field's input may lie (a format-3 label and input span several columns). */
const MAX_FIELD_SPAN = 12;

/** A field's label: the nearest "…：" text left of its input cell (format 3 merges a label over several columns). */
function fieldLabel(plan: SheetPlan, id: string): string {
  const { row, col } = parseAddr(plan.map.fields[id]);
  for (let c = col - 1; c >= 1; c--) {
    const v = plan.cells.find((x) => x.a === `${colLetter(c)}${row}`)?.v;
    if (typeof v === "string" && v.endsWith("：")) return v.slice(0, -1);
  }
  return "";
}
