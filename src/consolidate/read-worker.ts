/**
 * One return, read and scored: the task of the worker pool (pool.ts), and the in-process reader for a few
 * files. The worker reads the file itself from its path, so the main thread never holds the returns' bytes,
 * only the small ScoredReturn each one boils down to. Never throws: a file that cannot be read is an
 * UnreadableReturn with one line saying why.
 */
import { readFile } from "node:fs/promises";
import type { TierPolicy } from "../scoring/types";
import { registerArchivedRubrics } from "../rubric/library";
import { ARCHIVE } from "../rubric/archive";
import { displaySafe } from "../text/display";
import { readReturn } from "./from-read";
import type { ReadOutcome } from "./types";

export interface ReadTask {
  file: string;
  tiers?: TierPolicy;
}

/** A file-system error in one line (no such file, a directory, no permission). */
export function fileProblem(file: string, e: unknown): ReadOutcome {
  const code = (e as NodeJS.ErrnoException)?.code;
  const shown = displaySafe(file);
  const message =
    code === "ENOENT"
      ? `找不到文件 / no such file: ${shown}`
      : code === "EISDIR"
        ? `${shown}: 这是一个文件夹 / is a directory`
        : code === "EACCES" || code === "EPERM"
          ? `${shown}: 没有权限读取此文件 / permission denied`
          : `${shown}: 无法读取（${code ?? (e as Error)?.message ?? e}） / cannot read`;
  return { ok: false, error: { file, reason: "file", message } };
}

export async function readOne({ file, tiers }: ReadTask): Promise<ReadOutcome> {
  // Returns made from an earlier version are scored by it: every archived version is needed.
  registerArchivedRubrics(ARCHIVE);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (e) {
    return fileProblem(file, e);
  }
  try {
    return await readReturn(bytes, file, { tiers });
  } catch (e) {
    return { ok: false, error: { file, reason: "internal", message: `内部错误 / internal error: ${(e as Error)?.message ?? String(e)}` } };
  }
}

export default readOne;
