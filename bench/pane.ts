/** Task pane figures: the update after an edit (read + engine + summary), and the initial JavaScript. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { findRubric, shippedRubrics } from "../src/rubric/library";
import { variantIds } from "../src/rubric/model";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook } from "../src/layout/read";
import { scoreRead } from "../src/layout/scored";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import { summarize } from "../src/taskpane/model";
import { responsesArb } from "../test/helpers/arbitrary";
import { timePerCall } from "./scoring";

export async function paneUpdateBench() {
  let largest = { rubric: shippedRubrics()[0], variant: undefined as string | undefined, rows: 0 };
  for (const rubric of shippedRubrics()) for (const variant of variantIds(rubric)) {
    const rows = plan(rubric, variant).lastRow;
    if (rows > largest.rows) largest = { rubric, variant, rows };
  }
  const [resp] = fc.sample(responsesArb(largest.rubric).filter((r) => r.variant === largest.variant), { numRuns: 1, seed: 11 });
  const p = plan(largest.rubric, largest.variant);
  const grid = await xlsxToGrid(await planToXlsx(p, fillInputs(p, resp)));
  const ms = timePerCall(() => summarize(scoreRead(readWorkbook(grid, findRubric)), "zh-CN"), 30, 10);
  return `pane update after an edit (grid → read → engine → summary), ${largest.rubric.id}: median ${ms.toFixed(2)} ms (target < 30 ms) — ${ms < 30 ? "met" : "NOT met"}`;
}

/** Builds the task pane and measures the JavaScript the page loads before any file is opened. */
export function bundleBench(): string[] {
  const out = mkdtempSync(join(tmpdir(), "safescore-bench-dist-"));
  try {
    execFileSync(process.execPath, [join(__dirname, "..", "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production", "--output-path", out], { stdio: "pipe" });
    const html = readFileSync(join(out, "taskpane.html"), "utf8");
    const initial = [...html.matchAll(/src=["']?([^"' >]+\.js)/g)].map((m) => m[1]).filter((s) => !s.startsWith("http"));
    const gz = (f: string) => gzipSync(readFileSync(join(out, f)), { level: 9 }).length;
    const initialKb = initial.reduce((n, f) => n + gz(f), 0) / 1024;
    const lazy = readdirSync(out).filter((f) => f.endsWith(".js") && !initial.includes(f) && !f.startsWith("workbench"));
    const lazyKb = lazy.reduce((n, f) => n + gz(f), 0) / 1024;
    return [
      `task pane initial JavaScript: ${initialKb.toFixed(0)} KB gzipped in ${initial.length} file(s) (target ≤ 250 KB) — ${initialKb <= 250 ? "met" : "NOT met"}`,
      `loaded on demand (ExcelJS, when a file is opened or written): ${lazyKb.toFixed(0)} KB gzipped in ${lazy.length} file(s)`,
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Loads the workbench in headless Chromium and times it until the pane is ready. */
export async function workbenchLoadBench(): Promise<string> {
  const { findChromium } = await import("../test/helpers/tools");
  if (!findChromium()) return "workbench load time: skipped (Chromium is not installed)";
  const { buildTaskpane, launchChromium, serve } = await import("../test/helpers/browser");
  const dist = buildTaskpane();
  const { url, server } = await serve(dist);
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage();
      const t0 = Date.now();
      await page.goto(`${url}/workbench.html`);
      await page.getByRole("button", { name: "插入自评表" }).waitFor();
      times.push(Date.now() - t0);
      await page.close();
    }
    times.sort((a, b) => a - b);
    return `workbench load in headless Chromium (until the pane is ready): median ${times[2]} ms over 5 loads`;
  } finally {
    await browser.close();
    server.close();
    rmSync(dist, { recursive: true, force: true });
  }
}
