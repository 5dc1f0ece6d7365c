/** .xlsx → WorkbookGrid through ExcelJS: kept for tests and the pane, which read our own files, and to compare the streaming reader against. Returns (untrusted) go through stream-read.ts. Computed values come from `cell.result`, which keeps falsy results. */
import ExcelJS from "exceljs";
import type { GridCell, SheetGrid, WorkbookGrid } from "../layout/grid";
import type { CellValue } from "../layout/types";

function plainValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("error" in v) return String(v.error);
    if ("text" in v && typeof v.text === "string") return v.text;
  }
  return String(v);
}

function gridCell(cell: ExcelJS.Cell): GridCell | null {
  const v = cell.value;
  if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
    const formula = cell.formula ?? ("formula" in v ? v.formula : undefined);
    return { value: plainValue(cell.result as ExcelJS.CellValue), formula: formula ?? undefined };
  }
  const value = plainValue(v);
  return value === null ? null : { value };
}

export async function xlsxToGrid(data: ArrayBuffer | Uint8Array): Promise<WorkbookGrid> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as ArrayBuffer);
  const sheets: SheetGrid[] = [];
  wb.eachSheet((ws) => {
    const cells = new Map<string, GridCell>();
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const g = gridCell(cell);
        if (g) cells.set(cell.address, g);
      });
    });
    sheets.push({ name: ws.name, state: (ws.state as SheetGrid["state"]) ?? "visible", cells });
  });
  return { sheets };
}
