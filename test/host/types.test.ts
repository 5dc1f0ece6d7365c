/**
 * Compile-time checks (tsc --noEmit covers this file): adapter code typed with @types/office-js takes the
 * host's Excel.run and RequestContext unchanged, and the host's own property types agree with Office's.
 */
import { createHost } from "../../src/host";
import type { Range } from "../../src/host/api/range";
import type { Worksheet } from "../../src/host/api/worksheet";

/** Typical adapter code: nothing host-specific in it. */
async function writeHeader(context: Excel.RequestContext, sheetName: string): Promise<string> {
  const sheet: Excel.Worksheet = context.workbook.worksheets.getItem(sheetName);
  const range: Excel.Range = sheet.getRange("A1:B1");
  range.values = [["项目", "得分"]];
  range.format.font.bold = true;
  range.format.horizontalAlignment = Excel.HorizontalAlignment.center;
  range.load("address");
  await context.sync();
  return range.address;
}

/** True only when the host's declared property types are assignable to Office's. */
type Agrees<Host, Office, K extends keyof Host & keyof Office> = Pick<Host, K> extends Pick<Office, K> ? true : never;

const rangeAgrees: Agrees<Range, Excel.Range, "address" | "addressLocal" | "rowIndex" | "columnIndex" | "rowCount" | "columnCount" | "cellCount" | "values" | "formulas" | "text" | "numberFormat" | "columnHidden" | "rowHidden" | "isNullObject"> = true;
const sheetAgrees: Agrees<Worksheet, Excel.Worksheet, "name" | "id" | "position" | "tabColor" | "showGridlines" | "isNullObject"> = true;

test("the host's Excel.run, RequestContext and Office context have the Office.js types", async () => {
  const host = createHost();
  const restore = host.install();
  try {
    const run: typeof Excel.run = host.Excel.run;
    const Context: new () => Excel.RequestContext = host.Excel.RequestContext;
    const isSetSupported: (name: string, minVersion?: string) => boolean = host.Office.context.requirements.isSetSupported;
    expect(await run((context) => writeHeader(context, "Sheet1"))).toBe("Sheet1!A1:B1");
    expect(await writeHeader(new Context(), "Sheet1")).toBe("Sheet1!A1:B1");
    expect(isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect([rangeAgrees, sheetAgrees]).toEqual([true, true]);
    expect(host.workbook.get("Sheet1", "A1")).toMatchObject({ value: "项目", format: { font: { bold: true }, horizontalAlignment: "Center" } });
  } finally {
    restore();
  }
});
