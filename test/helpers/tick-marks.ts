/** What people type in a tick cell, with the probe that shows what a sheet makes of it; shared by the HyperFormula and LibreOffice checks. */
import { findRubric } from "../../src/rubric/library";
import { plan } from "../../src/layout/plan";
import type { SheetFormat } from "../../src/layout/entries";
import type { CellValue } from "../../src/layout/types";
import { TICK_VOCABULARY } from "./typed";

export const TYPED_MARKS: CellValue[] = TICK_VOCABULARY;

/** The 000 教育局 table, with the first award sub-item's tick cell and its value and status cells. */
export function tickProbe(format?: SheetFormat) {
  const p = plan(findRubric("lw2015-dept")!, "jyj", undefined, format === undefined ? {} : { format });
  const c = p.map.items[0].clauses[0];
  const status = `${p.map.columns.status}${c.row}`;
  return { plan: p, tick: c.inputCell, value: c.valueCell, status, amount: c.amount! };
}
