/**
 * A return file opened into a grid, before any rubric, plan or schema is loaded: a damaged or hostile file
 * (a zip bomb) is refused by the reader alone, and `score` on one holds none of the rest (the rubric library
 * alone is some 14 MB of a fresh process).
 */
import { readFileSync } from "node:fs";
import { WorkbookError } from "../layout/format";
import type { WorkbookGrid } from "../layout/grid";
import { openWorkbook } from "../xlsx/open";
import { useCodec } from "../xlsx/codec";
import { nodeCodec } from "../xlsx/codec-node";
import { displaySafe } from "../text/display";
import { FileError, fileError } from "./errors";

useCodec(nodeCodec);

/** A reader's refusal of the file, as the command line says it: the file, then why. */
export function workbookProblem(path: string, e: unknown): unknown {
  return e instanceof WorkbookError ? new FileError(path, `${displaySafe(path)}: ${e.message}`) : e;
}

export async function openReturn(path: string): Promise<WorkbookGrid> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw fileError(path, e);
  }
  try {
    return await openWorkbook(new Uint8Array(bytes));
  } catch (e) {
    throw workbookProblem(path, e);
  }
}
