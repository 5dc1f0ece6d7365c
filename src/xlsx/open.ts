/**
 * Opening a file as a workbook, with one clear reason when it cannot be: not a zip, an encrypted or old
 * Office file, a damaged zip, a zip bomb. Pure byte checks first, then the bounded streaming reader
 * (returns are untrusted: ExcelJS would expand whatever ranges and sizes the file declares).
 */
import { WorkbookError } from "../layout/format";
import type { WorkbookGrid } from "../layout/grid";
import { readXlsxGrid, type ReadLimits } from "./stream-read";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** Does an OLE compound file hold an "EncryptionInfo" stream (a password-protected OOXML file)? */
function hasEncryptionInfo(b: Uint8Array): boolean {
  const name = [..."EncryptionInfo"].flatMap((ch) => [ch.charCodeAt(0), 0]);
  outer: for (let i = 0; i + name.length <= b.length; i++) {
    for (let k = 0; k < name.length; k++) if (b[i + k] !== name[k]) continue outer;
    return true;
  }
  return false;
}

export type FileKind = "zip" | "encrypted" | "old-format" | "other";

export function sniff(bytes: Uint8Array): FileKind {
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return "zip";
  if (startsWith(bytes, OLE)) return hasEncryptionInfo(bytes) ? "encrypted" : "old-format";
  return "other";
}

export async function openWorkbook(bytes: Uint8Array, limits?: Partial<ReadLimits>): Promise<WorkbookGrid> {
  switch (sniff(bytes)) {
    case "encrypted":
      throw new WorkbookError("encrypted", "文件设置了打开密码（已加密），请在 Excel 中取消密码后重新提交 / the file is password-protected (encrypted)");
    case "old-format":
      throw new WorkbookError("old-format", "这是旧版 .xls 或其他 Office 格式的文件，请另存为 .xlsx / an old .xls or other Office file, not .xlsx");
    case "other":
      throw new WorkbookError("not-xlsx", "不是 .xlsx 文件（不是 zip 压缩格式） / not an .xlsx file (not a zip archive)");
  }
  try {
    return readXlsxGrid(bytes, limits);
  } catch (e) {
    // readXlsxGrid throws only WorkbookError("damaged", "<中文> / <English>") naming what was wrong.
    throw new WorkbookError("damaged", `文件已损坏：${(e as Error).message}`);
  }
}
