/**
 * `--scheme <id|file>`: a shipped scheme's id, or a scheme file. A value that names an existing file, or ends
 * in .json, is a file: its size is checked before it is read (MAX_SCHEME_BYTES), then it is validated as the
 * shipped schemes are (scheme/load.ts: the file, the JSON path, the problem). Any other value must be a shipped id.
 */
import { readFileSync, statSync } from "node:fs";
import { MAX_SCHEME_BYTES, SchemeError, parseSchemeText } from "../scheme/load";
import type { Scheme } from "../scheme/schema";
import { findScheme, shippedSchemes } from "../scheme/shipped";
import { displaySafe } from "../text/display";
import { fsErrorLine } from "../text/fs-error";
import { FileError, FileProblems, UsageError } from "./errors";

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function schemeChoice(value: string): Scheme {
  if (!isFile(value) && !/\.json$/i.test(value)) {
    const found = findScheme(value);
    if (found) return found;
    throw new UsageError(`未知的考核方案 ${displaySafe(value)}；可选：${shippedSchemes().map((s) => s.id).join(", ")}，或考核方案文件（.json） / unknown scheme ${displaySafe(value)}: give a shipped id or a scheme file (.json)`);
  }
  try {
    const size = statSync(value).size;
    if (size > MAX_SCHEME_BYTES) throw new SchemeError(value, [{ path: "", message: `文件过大（${size} 字节，上限 ${MAX_SCHEME_BYTES / 1024} KB） / too large (${size} bytes; at most ${MAX_SCHEME_BYTES / 1024} KB)` }]);
    return parseSchemeText(readFileSync(value, "utf8"), value);
  } catch (e) {
    if (e instanceof SchemeError) throw new FileProblems(value, e.message.split("\n").map((l) => displaySafe(l, 1000)));
    const line = fsErrorLine(value, e, "read");
    throw line ? new FileError(value, `考核方案文件 / scheme file: ${line}`) : e;
  }
}
