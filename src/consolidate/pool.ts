/**
 * Reading many returns in Node: a piscina worker pool sized to the cores, each worker reading and scoring
 * one file from its path (read-worker.ts). Memory stays flat: the main thread holds paths and the small
 * ScoredReturn objects, never the files' bytes, and only a few tasks per thread are in flight at a time.
 * Fewer files than inProcessLimit (about 1,500 on 2 cores) are read in this thread: below that, starting the
 * workers costs more than they save.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import type { Piscina } from "piscina";
import type { TierPolicy } from "../scoring/types";
import type { ReadOutcome, ScoredReturn } from "./types";
import type { RubricChoiceData } from "../rubric/given";
import type { LocalPoints } from "../rubric/points";

/**
 * Up to how many files are read in this thread rather than by the pool, on a machine with `cores`.
 *
 * Each worker is a V8 isolate of its own: it boots, loads the reader, builds the table's plan and compiles its
 * hot code again (~0.3 s to its first return, then about 0.5 s of optimising compiler work on V8's helper
 * threads), and every result crosses to this thread by structured clone. One thread reading alone already
 * keeps a second core busy with V8's compiler and collector. Measured with `consolidate` on lw2015 returns on
 * this project's 2-core machine (medians of interleaved runs, the reading phase): 1,500 files in-process
 * 2.3 s, pool 2.5 s; 2,000 files 2.9 s against 3.0 s; 10,000 files 11–18 s against 8–10 s (one heap holding
 * the reader's garbage and every result collects ever more slowly). The pool pays once there are enough
 * files per extra core to spread its fixed cost: about 1,500 on 2 cores. Machines with more cores were not
 * measured here; the limit shrinks with the cores on the assumption that each extra core takes its share.
 */
export function inProcessLimit(cores: number): number {
  return Math.floor(3000 / Math.max(2, cores));
}

/** Files queued in each worker at a time (see the pool's options). */
const TASKS_PER_WORKER = 4;

export interface PoolOptions {
  /** --rubric: the rubrics the returns must be made from (rubric files among them), sent to each worker once. */
  rubrics?: RubricChoiceData[];
  /** Read in-process up to this many files (default inProcessLimit of the cores); 0 always uses the pool. */
  inProcessMax?: number;
  /** Worker threads (default: os.availableParallelism()). */
  threads?: number;
  /** The worker's module (default: next to this module, bundled or under tsx). */
  workerFile?: string;
}

export interface ReadManyOptions extends PoolOptions {
  /** The office's tier thresholds, passed to every read. */
  tiers?: TierPolicy;
  /** The office's local item points (--points), passed to every read. */
  points?: LocalPoints | null;
  /** Called after each file: (files done, files in all). */
  onProgress?: (done: number, total: number) => void;
  /** The in-process reader (default read-worker.ts's readOne, or read-worker-rubrics.ts's; tests pass fakes). */
  read?: (file: string) => Promise<ReadOutcome>;
  /** The pool startPool started for these files, if it was started early; readMany destroys it. */
  pool?: Piscina;
}

/**
 * The worker module: dist-cli/read-worker.cjs in the bundle (read-worker-rubrics.cjs with --rubric choices),
 * else the tsx shim beside read-worker.ts.
 */
export function workerFile(rubrics = false): string {
  const bundled = join(__dirname, rubrics ? "read-worker-rubrics.cjs" : "read-worker.cjs");
  if (__filename.endsWith(".mjs") && existsSync(bundled)) return bundled;
  return join(__dirname, "read-worker-dev.cjs");
}

const internal = (file: string, e: unknown): ReadOutcome => ({
  ok: false,
  error: { file, reason: "internal", message: `读取时工作线程出错 / the reading worker failed: ${String((e as Error)?.message ?? e).split("\n")[0]}` },
});

/** The same string object for equal strings (a Map from a text to its first copy). */
function interner(): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    const first = seen.get(s);
    if (first !== undefined) return first;
    seen.set(s, s);
    return s;
  };
}

/**
 * Makes a return's texts the same strings as every other return's: each arrives from a worker as its own copy,
 * and 10,000 returns would hold 10,000 copies of the rubric's item labels and titles and of the flags most
 * returns share (未填写“单位负责人” at 自评表!B62, …) — about 40% of what the main thread keeps of a return.
 */
function shareTexts(ret: ScoredReturn, intern: (s: string) => string): void {
  for (const i of ret.items) {
    i.id = intern(i.id);
    i.label = intern(i.label);
    i.title = intern(i.title);
  }
  for (const f of ret.flags) {
    f.kind = intern(f.kind);
    f.message = intern(f.message);
    if (f.cell !== null) f.cell = intern(f.cell);
  }
}

/**
 * The workers for `total` files, started now, or undefined when so few are read in-process. Each worker loads the
 * reader as it starts: the command starts them before it reads its options (readMany reads with them, then
 * destroys them), so that they load meanwhile.
 */
export async function startPool(total: number, opts: PoolOptions = {}): Promise<Piscina | undefined> {
  if (total === 0 || total <= (opts.inProcessMax ?? inProcessLimit(availableParallelism()))) return undefined;
  const { Piscina } = await import("piscina");
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), total));
  return new Piscina({
    filename: opts.workerFile ?? workerFile(Boolean(opts.rubrics?.length)),
    minThreads: threads,
    maxThreads: threads,
    // A hostile file cannot take the process down: a worker over this dies, its file is reported, a new one starts.
    // A young generation of 16 MB: what a return leaves behind (~0.5 MB of parts' text, cells, strings) is swept
    // while it still sits in the cache; V8's default for this heap is larger and 1,000 returns took ~5% longer
    // (medians of 8 interleaved runs of `consolidate`: 2,468 ms by default, 2,346 ms at 16 MB, 2,450 ms at 32 MB).
    // V8's allocation-site pretenuring, turned off here before this reader, no longer changes anything measurable.
    resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 16 },
    // Tasks waiting in each worker's queue: a worker that finishes a file starts the next at once instead
    // of idling while the main thread answers (a quarter of the time with one task each, measured on
    // 1,000 returns: 4.8 s → 3.6 s). The worker still reads one file at a time (read-worker.ts).
    concurrentTasksPerWorker: TASKS_PER_WORKER,
    // The rubric files go to each worker once, not with every file (read-worker-rubrics.ts).
    workerData: { rubrics: opts.rubrics },
  });
}

/** One outcome per file, in the order given, whatever happens to any one file. */
export async function readMany(files: string[], opts: ReadManyOptions = {}): Promise<ReadOutcome[]> {
  const total = files.length;
  const out: ReadOutcome[] = new Array(total);
  let done = 0;
  const finished = (k: number, o: ReadOutcome) => {
    out[k] = o;
    opts.onProgress?.(++done, total);
  };
  if (total === 0) return out;

  const pool = opts.pool ?? (await startPool(total, opts));
  if (!pool) {
    const readOne = opts.read ? null : opts.rubrics?.length ? (await import("./read-worker-rubrics")).readOne : (await import("./read-worker")).readOne;
    const read = opts.read ?? ((file: string) => readOne!({ file, tiers: opts.tiers, rubrics: opts.rubrics, points: opts.points }));
    for (let k = 0; k < total; k++) {
      let o: ReadOutcome;
      try {
        o = await read(files[k]);
      } catch (e) {
        o = internal(files[k], e);
      }
      finished(k, o);
    }
    return out;
  }

  try {
    // A few tasks per thread in flight: 10,000 files never become 10,000 pending promises at once.
    const window = pool.maxThreads * TASKS_PER_WORKER * 2;
    const intern = interner();
    let next = 0;
    const lane = async () => {
      while (next < total) {
        const k = next++;
        let o: ReadOutcome;
        try {
          o = (await pool.run({ file: files[k], tiers: opts.tiers, points: opts.points })) as ReadOutcome;
          if (o.ok) shareTexts(o.ret, intern);
        } catch (e) {
          o = internal(files[k], e);
        }
        finished(k, o);
      }
    };
    await Promise.all(Array.from({ length: Math.min(window, total) }, lane));
  } finally {
    await pool.destroy();
  }
  return out;
}
