/**
 * The page's Web Worker: the 汇总 protocol of the task pane (taskpane/consolidate-protocol.ts, unchanged),
 * plus `check` for 检查回执. A plain message handler (the entry wires it to `self`), so jest can drive it.
 */
import { consolidationWorker, type FromWorker, type ToWorker } from "../taskpane/consolidate-protocol";
import { checkReturn, loadRubricFiles, type CheckOutcome } from "./check";
import type { Locale } from "../i18n";

export type ToPageWorker =
  | ToWorker
  | { type: "check"; name: string; bytes: ArrayBuffer; locale: Locale }
  /** The office's rubric files for 检查回执, before the returns; answered with their problems. */
  | { type: "rubrics"; files: { name: string; text: string }[] };
export type FromPageWorker = FromWorker | { type: "checked"; outcome: CheckOutcome } | { type: "rubrics"; problems: string[] };

export function pageWorker(post: (m: FromPageWorker) => void): (m: ToPageWorker) => Promise<void> {
  const consolidation = consolidationWorker(post);
  return async (m) => {
    if (m.type === "check") post({ type: "checked", outcome: await checkReturn(new Uint8Array(m.bytes), m.name, m.locale) });
    else if (m.type === "rubrics") post({ type: "rubrics", problems: loadRubricFiles(m.files) });
    else await consolidation(m);
  };
}

/** Wires the handler to the worker's global scope; messages are handled one after another. */
export function startWorker(scope: { postMessage(m: FromPageWorker): void; onmessage: ((e: MessageEvent<ToPageWorker>) => void) | null }): void {
  const handle = pageWorker((m) => scope.postMessage(m));
  let queue = Promise.resolve();
  scope.onmessage = (e) => {
    queue = queue.then(() => handle(e.data));
  };
}
