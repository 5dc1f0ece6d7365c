/** What people type in a tick cell, with what the reader makes of it; shared by the HyperFormula and LibreOffice checks. */
import { findRubric } from "../../src/rubric/library";
import { plan } from "../../src/layout/plan";
import type { CellValue } from "../../src/layout/types";

export const TYPED_MARKS: CellValue[] = [true, false, 1, 0, "√", " √ ", "✓", "☑", "是", "x", "X", "否", "", null, "TRUE", "FALSE", "1", 2, -1, "maybe", "×", "对"];

/** The 000 教育局 table, with the first award sub-item's tick cell and its value and status cells. */
export function tickProbe() {
  const p = plan(findRubric("lw2015-dept")!, "jyj");
  const c = p.map.items[0].clauses[0];
  const status = `${p.map.columns.status}${c.row}`;
  return { plan: p, tick: c.inputCell, value: c.valueCell, status, amount: c.amount! };
}
