/**
 * The 汇总 page's Web Worker: what the pane and the worker say to each other, and the worker's side as a
 * plain message handler (consolidate.worker.ts only wires it to `self`), so jest can drive it directly.
 *
 * pane → worker: setup (policy text, unit list bytes), then one file at a time (its bytes transferred), then finish.
 * worker → pane: ready (or setup-error with the file and one line), read (each ReadOutcome), done (the Consolidation).
 */
import { readReturn } from "../consolidate/from-read";
import { parsePolicy, DEFAULT_POLICY } from "../consolidate/policy";
import { parseUnitList } from "../consolidate/units";
import { consolidate } from "../consolidate/roster";
import type { Consolidation, Policy, ReadOutcome, UnitEntry } from "../consolidate/types";
import { loadShippedRubrics } from "../rubric/library";

export type ToWorker =
  | { type: "setup"; policy: { name: string; text: string } | null; units: { name: string; bytes: ArrayBuffer } | null; readDelayMs?: number }
  | { type: "file"; index: number; name: string; bytes: ArrayBuffer }
  | { type: "finish" };

export type FromWorker =
  | { type: "ready"; policy: Policy; units: number | null; unitProblems: string[] }
  | { type: "setup-error"; file: string; message: string }
  | { type: "read"; index: number; outcome: ReadOutcome }
  | { type: "done"; consolidation: Consolidation };

/** One line, never a stack: the first line of the message. */
const oneLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split(/\r?\n/)[0];

/** The worker's state machine: returns the handler for messages from the pane. */
export function consolidationWorker(post: (m: FromWorker) => void): (m: ToWorker) => Promise<void> {
  let policy: Policy = DEFAULT_POLICY;
  let units: UnitEntry[] | null = null;
  let delay = 0;
  const outcomes: ReadOutcome[] = [];
  return async (m) => {
    // The pane's builds load the shipped rubrics on demand (rubric/shipped.ts), the worker's too.
    await loadShippedRubrics();
    if (m.type === "setup") {
      delay = m.readDelayMs ?? 0;
      if (m.policy) {
        try {
          policy = parsePolicy(m.policy.text, m.policy.name);
        } catch (e) {
          post({ type: "setup-error", file: m.policy.name, message: oneLine(e) });
          return;
        }
      }
      let unitProblems: string[] = [];
      if (m.units) {
        try {
          const list = parseUnitList(new Uint8Array(m.units.bytes), m.units.name);
          units = list.units;
          unitProblems = list.problems;
        } catch (e) {
          post({ type: "setup-error", file: m.units.name, message: oneLine(e) });
          return;
        }
      }
      post({ type: "ready", policy, units: units?.length ?? null, unitProblems });
    } else if (m.type === "file") {
      // A test hook only (the workbench's ?readDelay=): makes "half way" reachable in a browser test.
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const outcome = await readReturn(new Uint8Array(m.bytes), m.name, { tiers: policy.tiers });
      outcomes[m.index] = outcome;
      post({ type: "read", index: m.index, outcome });
    } else {
      post({ type: "done", consolidation: consolidate(outcomes.filter(Boolean), units, policy) });
    }
  };
}
