/** What the .xlsx carries besides values: print setup, freeze, protection, validation, hidden identity. */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { planToXlsx } from "../src/xlsx/write";
import { META_SHEET } from "../src/layout/types";

test("the 001 党委层面 workbook is print-ready, protected, validated and identified", async () => {
  const p = plan(findRubric("qhd2016-party")!, undefined, "卢龙县");
  const wb = new ExcelJS.Workbook();
  const bytes = await planToXlsx(p);
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet("自评表")!;
  // Sheet format 3 prints at a fixed scale (at least 80 %: 10 pt text at 8 pt or more) with the plan's page breaks, not fitted to pages.
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: false });
  expect(ws.pageSetup.scale).toBeGreaterThanOrEqual(80);
  expect(ws.pageSetup.printTitlesRow).toBe("1:3");
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
  // ExcelJS keeps sheet protection on an untyped property.
  const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
  expect(protection).toMatchObject({ sheet: true });
  expect(protection).not.toHaveProperty("hashValue");
  const counted = p.map.items.flatMap((i) => i.clauses).find((c) => c.kind === "counted")!;
  expect(ws.getCell(counted.countCell!).dataValidation).toMatchObject({ type: "whole", error: "次数须为不小于0的整数", showErrorMessage: true });
  expect(ws.getCell(counted.countCell!).protection).toMatchObject({ locked: false });
  expect(ws.getCell(counted.valueCell).protection?.locked ?? true).toBe(true); // locked is the default, so not stored
  expect(ws.getCell(p.map.items[0].noteCell).alignment).toMatchObject({ wrapText: true });
  expect(ws.getColumn(p.columns.length).hidden).toBe(true);
  const meta = wb.getWorksheet(META_SHEET)!;
  expect(meta.state).toBe("veryHidden");
  expect(meta.getCell("A3").value).toBe("rubricId");
  expect(meta.getCell("B3").value).toBe("qhd2016-party");
  // ExcelJS does not read calcPr back: look at the XML. Excel recalculates on open (no cached results).
  const zip = await JSZip.loadAsync(bytes);
  expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
});
