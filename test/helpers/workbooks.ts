/** Building and editing real .xlsx files in tests. */
import ExcelJS from "exceljs";
import { findRubric } from "../../src/rubric/library";
import { plan } from "../../src/layout/plan";
import { fillInputs } from "../../src/layout/fill";
import { planToXlsx } from "../../src/xlsx/write";
import type { Responses } from "../../src/scoring";

export async function workbookFor(rubricId: string, responses: Responses = {}, unit?: string): Promise<Uint8Array> {
  const rubric = findRubric(rubricId)!;
  const p = plan(rubric, responses.variant, unit);
  return planToXlsx(p, fillInputs(p, responses));
}

/** Opens an .xlsx with ExcelJS, lets `edit` change it as a user (or another program) would, saves it. */
export async function editXlsx(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  await edit(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
