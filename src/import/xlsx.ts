/**
 * A worksheet (.xlsx) → the neutral table shape, through the bounded streaming reader returns use
 * (`readXlsxGrid`, src/xlsx/stream-read.ts). The first visible sheet that holds text is read; each sheet row
 * becomes a row, each non-empty cell a cell with its column number and the sheet row as its line. A cell's
 * own line breaks (Alt+Enter) become its lines.
 */
import { WorkbookError } from "../layout/read";
import { parseAddr } from "../layout/a1";
import { readXlsxGrid } from "../xlsx/stream-read";
import { IMPORT_LIMITS, ImportError, checkSize, type Cell, type Row, type Table } from "./table";

export function readXlsx(bytes: Uint8Array): Table {
  checkSize(bytes, "文件");
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new ImportError("不是 Excel 文件（.xlsx 应为 zip 压缩包）", "not an Excel file (an .xlsx is a zip archive)");
  }
  let grid;
  try {
    grid = readXlsxGrid(bytes, { maxCells: 200_000 });
  } catch (e) {
    if (e instanceof WorkbookError) {
      const [zh, en = zh] = e.message.split(" / ");
      throw new ImportError(zh, en);
    }
    throw new ImportError(`Excel 文件已损坏（${(e as Error)?.message}）`, `the Excel file is damaged: ${(e as Error)?.message}`);
  }
  const sheet = grid.sheets.find((s) => s.state === "visible" && [...s.cells.values()].some((c) => typeof c.value === "string" && c.value.trim()));
  if (!sheet) throw new ImportError("工作簿中没有含文字的工作表", "no worksheet with text in the workbook");
  const byRow = new Map<number, Cell[]>();
  let chars = 0;
  for (const [a, c] of sheet.cells) {
    if (c.value === null || c.value === "") continue;
    const { col, row } = parseAddr(a);
    if (row > IMPORT_LIMITS.maxLines) throw new ImportError(`工作表行数过多（超过 ${IMPORT_LIMITS.maxLines} 行）`, `the sheet has more than ${IMPORT_LIMITS.maxLines} rows`);
    const text = String(c.value);
    if (text.length > IMPORT_LIMITS.maxLineChars) throw new ImportError(`单元格 ${a} 过长`, `cell ${a} is too long`);
    chars += text.length;
    if (chars > IMPORT_LIMITS.maxChars) throw new ImportError(`工作表文字过多（超过 ${IMPORT_LIMITS.maxChars} 个字符）`, `the sheet holds more than ${IMPORT_LIMITS.maxChars} characters`);
    const lines = text
      .split(/\r\n?|\n/)
      .map((t) => t.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ""))
      .filter(Boolean)
      .map((t) => ({ text: t, line: row }));
    if (!lines.length) continue;
    const cells = byRow.get(row) ?? [];
    cells.push({ lines, column: col - 1 });
    byRow.set(row, cells);
  }
  const rows: Row[] = [...byRow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, cells]) => ({ cells: cells.sort((x, y) => (x.column ?? 0) - (y.column ?? 0)) }));
  return { kind: "xlsx", rows };
}
