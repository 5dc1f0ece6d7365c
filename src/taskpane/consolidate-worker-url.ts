/**
 * The real 汇总 worker, which webpack 5 bundles as its own chunk from this `new Worker(new URL(…,
 * import.meta.url))` (served from the page's origin: the CSP's worker-src 'self', no blob:). Only the
 * bundle imports this file: `import.meta` is ES-module syntax, and tsc (CommonJS, for jest) does not take it.
 */
import type { WorkerLike } from "./consolidate-client";

export function consolidationWorker(): WorkerLike {
  // @ts-expect-error import.meta: webpack compiles this file as an ES module (ts-loader, module esnext).
  return new Worker(new URL("./consolidate.worker.ts", import.meta.url), { name: "safescore-consolidate" }) as unknown as WorkerLike;
}
