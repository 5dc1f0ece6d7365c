/**
 * One return, read and scored: the task of the worker pool (pool.ts), and the in-process reader for a few
 * files. The worker reads the file itself from its path, so the main thread never holds the returns' bytes,
 * only the small ScoredReturn each one boils down to. Never throws: a file that cannot be read is an
 * UnreadableReturn with one line saying why. With --rubric, read-worker-rubrics.ts wraps it.
 */
import { readFileSync } from "node:fs";
import type { TierPolicy } from "../scoring/types";
import { unreadableLine } from "../text/fs-error";
import { readReturn } from "./from-read";
import type { RubricLookup } from "../rubric/library";
import type { ReadOutcome } from "./types";
import type { LocalPoints } from "../rubric/points";
import { useCodec } from "../xlsx/codec";
import { nodeCodec } from "../xlsx/codec-node";

// The pool's workers (and the in-process reader) read with Node's zlib and Buffer (codec-node.ts).
useCodec(nodeCodec);

export interface ReadTask {
  file: string;
  tiers?: TierPolicy;
  /** The office's local item points (--points), checked against its rubric in the main thread. */
  points?: LocalPoints | null;
}

/** A file that cannot be read from disk: its one line. */
export function fileProblem(file: string, e: unknown): ReadOutcome {
  return { ok: false, error: { file, reason: "file", message: unreadableLine(file, e) } };
}

/** `lookupFor`: the --rubric choices' lookup (read-worker-rubrics.ts), taken once the file is read. */
export async function readOne({ file, tiers, points }: ReadTask, lookupFor?: () => RubricLookup): Promise<ReadOutcome> {
  let bytes: Uint8Array;
  try {
    // Read synchronously: with several tasks queued per worker (pool.ts), an async read would let all of
    // them hold their file's bytes at once; this way a worker holds one file at a time.
    bytes = new Uint8Array(readFileSync(file));
  } catch (e) {
    return fileProblem(file, e);
  }
  // readReturn never throws (and registers the archived rubric versions itself).
  let lookup: RubricLookup | undefined;
  try {
    lookup = lookupFor?.();
  } catch (e) {
    // Validated in the main thread already; a failure here is the worker's, said on the file's row.
    return { ok: false, error: { file, reason: "internal", message: `考核细则文件无法使用 / rubric file unusable: ${String((e as Error)?.message ?? e).split("\n")[0]}` } };
  }
  return readReturn(bytes, file, { tiers, lookup, points });
}

export default readOne;
