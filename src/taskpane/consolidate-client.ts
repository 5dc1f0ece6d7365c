/**
 * The pane's side of the 汇总 worker: sends the files one by one (each read into an ArrayBuffer only when
 * its turn comes, and transferred, so at most two files' bytes exist at once), reports progress, and on
 * cancel terminates the worker — nothing more arrives, nothing is written.
 */
import type { Consolidation, Policy } from "../consolidate/types";
import type { FromWorker, ToWorker } from "./consolidate-protocol";

export interface WorkerLike {
  postMessage(m: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

/** A file as the pane has it (a browser File): read lazily. */
export interface PickedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type RunResult =
  | { kind: "done"; consolidation: Consolidation; unitProblems: string[]; policy: Policy }
  | { kind: "cancelled"; read: number; total: number }
  | { kind: "setup-error"; file: string; message: string };

export interface RunOptions {
  returns: PickedFile[];
  units: PickedFile | null;
  policy: PickedFile | null;
  onProgress(read: number, total: number): void;
  /** Test hook: the worker waits this long before each file. */
  readDelayMs?: number;
}

export interface Run {
  result: Promise<RunResult>;
  cancel(): void;
}

/** Files sent ahead of the one being read (so the worker never waits on the pane). */
const AHEAD = 2;

export function startConsolidation(makeWorker: () => WorkerLike, o: RunOptions): Run {
  const worker = makeWorker();
  const total = o.returns.length;
  let read = 0;
  let sent = 0;
  let finished = false;
  let settle!: (r: RunResult) => void;
  let fail!: (e: Error) => void;
  const result = new Promise<RunResult>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const end = (r: RunResult) => {
    if (finished) return;
    finished = true;
    worker.terminate();
    settle(r);
  };
  const sendNext = async () => {
    while (!finished && sent < total && sent - read < AHEAD) {
      const i = sent++;
      const f = o.returns[i];
      let bytes: ArrayBuffer;
      try {
        bytes = await f.arrayBuffer();
      } catch {
        bytes = new ArrayBuffer(0); // an unreadable file: the reader reports it as not a workbook
      }
      if (finished) return;
      worker.postMessage({ type: "file", index: i, name: f.name, bytes }, [bytes]);
    }
    if (!finished && read === total) worker.postMessage({ type: "finish" });
  };
  worker.onmessage = (e) => {
    const m = e.data;
    if (finished) return;
    if (m.type === "setup-error") end({ kind: "setup-error", file: m.file, message: m.message });
    else if (m.type === "ready") {
      ready = m;
      void sendNext();
    } else if (m.type === "read") {
      read++;
      o.onProgress(read, total);
      void sendNext();
    } else if (m.type === "done") end({ kind: "done", consolidation: m.consolidation, unitProblems: ready?.unitProblems ?? [], policy: ready!.policy });
  };
  worker.onerror = (e) => {
    if (finished) return;
    finished = true;
    worker.terminate();
    fail(new Error(e.message || "worker failed"));
  };
  let ready: Extract<FromWorker, { type: "ready" }> | null = null;
  void (async () => {
    const units = o.units ? { name: o.units.name, bytes: await o.units.arrayBuffer() } : null;
    const policy = o.policy ? { name: o.policy.name, text: new TextDecoder().decode(await o.policy.arrayBuffer()) } : null;
    if (finished) return;
    worker.postMessage({ type: "setup", units, policy, readDelayMs: o.readDelayMs }, units ? [units.bytes] : []);
    o.onProgress(0, total);
  })().catch((e: Error) => {
    if (!finished) {
      finished = true;
      worker.terminate();
      fail(e);
    }
  });
  return {
    result,
    cancel: () => end({ kind: "cancelled", read, total }),
  };
}

