/** The 汇总 page's Web Worker: reads returns off the pane's thread (see consolidate-protocol.ts). */
import "../text/zod-jitless";
import { consolidationWorker, type FromWorker, type ToWorker } from "./consolidate-protocol";

const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const handle = consolidationWorker((m) => scope.postMessage(m));
// Messages are handled one after another: a file's read finishes before the next message is looked at.
let queue = Promise.resolve();
scope.onmessage = (e) => {
  queue = queue.then(() => handle(e.data));
};
