/**
 * Starts the page's Worker from its own script text as a Blob URL: a Worker cannot load a file:// URL, and
 * the CSP allows workers from blob: only. One Blob URL for the page's life (each run starts a fresh Worker).
 */
import type { WorkerLike } from "../taskpane/consolidate-client";
import type { FromPageWorker, ToPageWorker } from "./worker";

export interface PageWorker {
  postMessage(m: ToPageWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<FromPageWorker>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

export function workerFactory(source: string): { page: () => PageWorker; consolidate: () => WorkerLike } {
  let url: string | null = null;
  const page = () => {
    url ??= URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    return new Worker(url, { name: "safescore-page" }) as unknown as PageWorker;
  };
  return { page, consolidate: () => page() as unknown as WorkerLike };
}
