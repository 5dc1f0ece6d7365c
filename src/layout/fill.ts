/**
 * Responses → the values a user would type into a plan's input cells. Used by tests (formula truth,
 * round trips) and by the workbench to show a filled example.
 */
import type { CellValue, SheetPlan } from "./types";
import type { InputValue, Responses } from "../scoring/types";

const cellValue = (v: InputValue): CellValue => (v === undefined ? null : v);

export interface FillOptions {
  /**
   * Write a tick given as `true` as this mark, and one given as `false` as blank: "√" is what a format-3 tick
   * cell offers and prints (a Boolean prints as TRUE). Off by default: tests fill exactly what they type.
   */
  tickMark?: "√";
}

export function fillInputs(plan: SheetPlan, responses: Responses, options: FillOptions = {}): Map<string, CellValue> {
  const tick = (v: InputValue): CellValue => (options.tickMark && typeof v === "boolean" ? (v ? options.tickMark : null) : cellValue(v));
  const out = new Map<string, CellValue>();
  for (const [id, a] of Object.entries(plan.map.fields)) {
    const v = responses.fields?.[id];
    if (v !== undefined) out.set(a, cellValue(v));
  }
  for (const item of [...plan.map.items, ...plan.map.penalties]) {
    const note = responses.items?.[item.id]?.note;
    if (note !== undefined) out.set(item.noteCell, cellValue(note));
    const selected = responses.items?.[item.id]?.selected;
    if (item.selectCell && selected !== undefined) out.set(item.selectCell, tick(selected));
    for (const c of item.clauses) {
      const input = responses.clauses?.[c.id];
      if (!input) continue;
      if (input.ticked !== undefined) out.set(c.inputCell, tick(input.ticked));
      const count = input.count ?? input.amount;
      if (count !== undefined) out.set(c.countCell ?? countCellOf(plan, c.row), cellValue(count));
    }
  }
  for (const check of plan.map.checks) {
    const r = responses.items?.[check.id];
    if (r?.answer !== undefined) out.set(check.answerCell, cellValue(r.answer));
    if (r?.note !== undefined) out.set(check.noteCell, cellValue(r.note));
  }
  for (const v of plan.map.vetoes) {
    const t = responses.vetoes?.[v.id];
    if (t !== undefined) out.set(v.inputCell, tick(t));
  }
  return out;
}

/** The count column's address on a row (also for tick-only clauses, where a stray count can be typed). */
export function countCellOf(plan: SheetPlan, row: number): string {
  return `${plan.map.columns.count}${row}`;
}
