/** A file-system error in one line, for every place that reads or writes a user's file. */
import { dirname } from "node:path";
import { displaySafe } from "./display";

/**
 * No such file or folder, a directory, no permission, a link loop, or another error code; null for an error
 * without a code (not a file-system error: the caller decides).
 */
export function fsErrorLine(path: string, e: unknown, doing: "read" | "write" = "read"): string | null {
  const code = (e as NodeJS.ErrnoException)?.code;
  const shown = displaySafe(path);
  const [zh, en] = doing === "read" ? ["读取", "read"] : ["写入", "write"];
  switch (code) {
    case undefined:
      return null;
    case "ENOENT":
      // Writing, the file need not exist: it is the folder to write it in that is missing.
      return doing === "write"
        ? `找不到输出文件夹 / no such output folder: ${displaySafe(dirname(path))}（${shown}）`
        : `找不到文件或文件夹 / no such file or folder: ${shown}`;
    case "ENOTDIR":
      return doing === "write"
        ? `输出路径中有一段不是文件夹 / a part of the output path is not a folder: ${shown}`
        : `路径中有一段不是文件夹 / a part of the path is not a folder: ${shown}`;
    case "EISDIR":
      return `${shown}: 这是一个文件夹，不是 .xlsx 文件 / is a directory, not an .xlsx file`;
    case "EACCES":
    case "EPERM":
      return `${shown}: 没有权限${zh}此文件 / permission denied (${en})`;
    case "ELOOP":
      return `${shown}: 符号链接循环 / symbolic link loop`;
    default:
      return `${shown}: 无法${zh}（${code}） / cannot ${en} (${code})`;
  }
}

/** Why a file or folder cannot be read, whatever the error: the line above, or the error's own message. */
export function unreadableLine(path: string, e: unknown): string {
  return fsErrorLine(path, e) ?? `${displaySafe(path)}: 无法读取（${(e as Error)?.message ?? String(e)}） / cannot read`;
}
