/** The in-memory workbook as an .xlsx download (values, formulas, merges, widths, fills, hidden sheets). */
import { toFileFormula } from "../layout/entries";
import type { Host } from "../host";
import { colLetters, keyPosition } from "../host/address";

export async function downloadModel(host: Host): Promise<void> {
  const { default: ExcelJS } = await import(/* webpackChunkName: "xlsx" */ "exceljs");
  const wb = new ExcelJS.Workbook();
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of host.workbook.sheets) {
    const ws = wb.addWorksheet(sheet.name, { state: sheet.visibility === "VeryHidden" ? "veryHidden" : sheet.visibility === "Hidden" ? "hidden" : "visible" });
    for (const [c, w] of sheet.columnWidths) ws.getColumn(c + 1).width = w / 6;
    for (const c of sheet.hiddenColumns) ws.getColumn(c + 1).hidden = true;
    for (const [r, h] of sheet.rowHeights) ws.getRow(r + 1).height = h;
    for (const [key, cell] of sheet.cells) {
      const { row, col } = keyPosition(key);
      const target = ws.getCell(row + 1, col + 1);
      target.value = cell.formula ? ({ formula: toFileFormula(cell.formula.slice(1)) } as never) : (cell.value as never);
      if (cell.format.numberFormat !== "General") target.numFmt = cell.format.numberFormat;
      if (cell.format.fill) target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF" + cell.format.fill.slice(1) } };
      target.alignment = { wrapText: cell.format.wrapText, vertical: "top" };
      if (cell.format.font.bold) target.font = { bold: true, size: cell.format.font.size };
      target.protection = { locked: cell.locked };
    }
    for (const m of sheet.merges) ws.mergeCells(`${colLetters(m.c0)}${m.r0 + 1}:${colLetters(m.c1)}${m.r1 + 1}`);
    if (sheet.frozenRows) ws.views = [{ state: "frozen", ySplit: sheet.frozenRows }];
    if (sheet.protection.protected) await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true });
  }
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  a.download = "SafeScore-工作台.xlsx";
  document.body.appendChild(a);
  a.click();
  a.remove();
}
