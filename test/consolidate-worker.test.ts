/**
 * The 汇总 page's worker protocol without a browser: the worker's handler (consolidate-protocol.ts) and
 * the pane's client (consolidate-client.ts) wired through an in-process fake Worker. Setup errors name the
 * file in one line; files go one at a time and at most two ahead; cancel ends the run with what was read
 * and nothing arrives after it.
 */
import { consolidationWorker, type FromWorker, type ToWorker } from "../src/taskpane/consolidate-protocol";
import { startConsolidation, type PickedFile, type WorkerLike } from "../src/taskpane/consolidate-client";
import { workbookFor } from "./helpers/workbooks";

/** A Worker whose messages run the real handler, in order, on later tasks. */
function fakeWorker(log: ToWorker["type"][]): WorkerLike & { terminated: boolean } {
  let queue = Promise.resolve();
  const w: WorkerLike & { terminated: boolean } = {
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(m) {
      log.push(m.type);
      queue = queue.then(() => handle(m));
    },
    terminate() {
      w.terminated = true;
    },
  };
  const handle = consolidationWorker((m: FromWorker) => {
    if (!w.terminated) setTimeout(() => !w.terminated && w.onmessage?.({ data: m } as MessageEvent<FromWorker>), 0);
  });
  return w;
}

const picked = (name: string, bytes: Uint8Array | string): PickedFile & { reads: number } => {
  const f = {
    name,
    reads: 0,
    arrayBuffer: async () => {
      f.reads++;
      const b = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
      return b.slice().buffer as ArrayBuffer;
    },
  };
  return f;
};

let ret: Uint8Array;
beforeAll(async () => {
  ret = await workbookFor("lw2015-dept", { variant: "jyj", fields: { unitName: "王村镇政府" } });
}, 30_000);

test("a run: setup, each file read once, progress to N, the consolidation back", async () => {
  const log: ToWorker["type"][] = [];
  const files = [picked("a.xlsx", ret), picked("b.xlsx", ret), picked("c.txt", "not a workbook")];
  const progress: number[] = [];
  const run = startConsolidation(() => fakeWorker(log), { returns: files, units: null, policy: null, onProgress: (n) => progress.push(n) });
  const r = await run.result;
  expect(r.kind).toBe("done");
  if (r.kind !== "done") return;
  expect(log).toEqual(["setup", "file", "file", "file", "finish"]);
  expect(files.map((f) => f.reads)).toEqual([1, 1, 1]);
  expect(progress).toEqual([0, 1, 2, 3]);
  expect(r.consolidation.groups[0].rows.map((x) => x.file)).toEqual(["a.xlsx", "b.xlsx"]);
  expect(r.consolidation.problems.find((p) => p.kind === "unreadable")?.file).toBe("c.txt");
});

test("a policy that is not JSON: setup-error naming the file, one line, no file sent", async () => {
  const log: ToWorker["type"][] = [];
  const run = startConsolidation(() => fakeWorker(log), { returns: [picked("a.xlsx", ret)], units: null, policy: picked("办法.json", "{ threshold: "), onProgress: () => undefined });
  const r = await run.result;
  expect(r).toMatchObject({ kind: "setup-error", file: "办法.json" });
  if (r.kind === "setup-error") expect(r.message).not.toMatch(/\n|\bat .*\(.*:\d+:\d+\)/);
  expect(log).toEqual(["setup"]);
});

test("cancel after the first file: the worker is terminated, the result says how many were read, files not yet due are never read", async () => {
  const log: ToWorker["type"][] = [];
  let worker!: ReturnType<typeof fakeWorker>;
  const files = Array.from({ length: 6 }, (_, i) => picked(`${i}.xlsx`, ret));
  const run = startConsolidation(() => (worker = fakeWorker(log)), {
    returns: files,
    units: null,
    policy: null,
    onProgress: (n) => {
      if (n === 1) run.cancel();
    },
  });
  const r = await run.result;
  expect(r).toEqual({ kind: "cancelled", read: 1, total: 6 });
  expect(worker.terminated).toBe(true);
  await new Promise((res) => setTimeout(res, 300));
  expect(log).not.toContain("finish");
  // Bounded: at most two files ahead of the one read were ever loaded.
  expect(files.filter((f) => f.reads > 0).length).toBeLessThanOrEqual(3);
});
