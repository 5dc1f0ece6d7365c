/** An .xlsx of a plan filled with what people type — formulas in input cells included — as a spreadsheet would save it. */
import ExcelJS from "exceljs";
import { toFileFormula } from "../../src/layout/entries";
import type { CellValue, SheetPlan } from "../../src/layout/types";
import { addPlanToWorkbook } from "../../src/xlsx/write";
import { FORMULA_RESULTS, isTypedFormula } from "./typed";

/**
 * Like planToXlsx, but every formula is spelled as in a file (`_xlfn.ISFORMULA`, see toFileFormula) and a
 * typed "=…" input is written as a formula with its cached result.
 */
export async function typedXlsx(plan: SheetPlan, inputs: Map<string, CellValue>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.calcProperties.fullCalcOnLoad = true;
  const ws = await addPlanToWorkbook(wb, plan, new Map([...inputs].filter(([, v]) => !isTypedFormula(v))));
  for (const c of plan.cells) if (c.f !== undefined) ws.getCell(c.a).value = { formula: toFileFormula(c.f) } as ExcelJS.CellFormulaValue;
  for (const [a, v] of inputs) {
    if (isTypedFormula(v)) ws.getCell(a).value = { formula: toFileFormula(v.slice(1)), result: FORMULA_RESULTS[v] } as ExcelJS.CellFormulaValue;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
