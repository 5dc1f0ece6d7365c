/**
 * The offline page's one script (dist/safescore.html). In the page it renders the UI; started again from a
 * Blob URL as a Web Worker (worker-url.ts), it reads returns. One script for both: nothing to fetch from
 * file://, and the rubrics and reader ship once. The two halves load with import(), which the page's build
 * keeps in its one chunk: the worker never runs React, the page never waits on a file.
 */
import "../text/zod-jitless";

if (typeof document === "undefined") {
  void import("./worker").then((m) => m.startWorker(self as unknown as Parameters<typeof m.startWorker>[0]));
} else {
  // The inline script's own text, while it runs (currentScript is null once it has returned).
  const source = document.currentScript?.textContent ?? "";
  void import("./main").then((m) => m.startPage(document.getElementById("root")!, source));
}
