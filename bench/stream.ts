/**
 * Reading returns: the bounded streaming reader against ExcelJS on a filled county2023 return (one run, the
 * ratio of medians), and a realistic zip bomb read in a fresh node with a 256 MB heap (time and peak RSS).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { findRubric } from "../src/rubric/library";
import { variantIds } from "../src/rubric/model";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import { readXlsxGrid } from "../src/xlsx/stream-read";
import { responsesArb } from "../test/helpers/arbitrary";
import { xlsxBomb } from "../test/helpers/bombs";
import { medianMs } from "./scoring";

/** Reads `file` with openWorkbook in a fresh node (256 MB heap); its time and peak RSS. */
function bombInChild(file: string): { ms: number; maxRssMB: number; message: string } {
  const script = `
    const { openWorkbook } = require("./src/xlsx/open.ts");
    const t0 = Date.now();
    openWorkbook(require("node:fs").readFileSync(process.argv[1])).then(() => "read", (e) => e.message).then((message) =>
      console.log(JSON.stringify({ message, ms: Date.now() - t0, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })));`;
  const r = spawnSync(process.execPath, ["--max-old-space-size=256", "--import", "tsx", "-e", script, file], { cwd: resolve(__dirname, ".."), encoding: "utf8" });
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}");
}

export async function streamBench() {
  const rubric = findRubric("county2023")!;
  const variant = variantIds(rubric)[0];
  const p = plan(rubric, variant);
  const [resp] = fc.sample(responsesArb(rubric, { validOnly: true }).filter((r) => r.variant === variant), { numRuns: 1, seed: 7 });
  const returned = await planToXlsx(p, fillInputs(p, resp));
  // 10 warm-up calls: a CLI scoring a folder of returns runs warm.
  const streamMs = await medianMs(() => readXlsxGrid(returned), 30, 10);
  const exceljsMs = await medianMs(() => xlsxToGrid(returned), 30, 10);

  const dir = mkdtempSync(join(tmpdir(), "safescore-bench-"));
  try {
    const bomb = xlsxBomb(1, 1400);
    const file = join(dir, "bomb.xlsx");
    writeFileSync(file, bomb);
    const b = bombInChild(file);
    return {
      title: "Reading returns (streaming reader vs ExcelJS)",
      lines: [
        `county2023 return (${(returned.length / 1024).toFixed(0)} KB): streaming median ${streamMs.toFixed(1)} ms, ExcelJS median ${exceljsMs.toFixed(1)} ms — ${(exceljsMs / streamMs).toFixed(1)}× faster`,
        `zip bomb (${(bomb.length / 1e6).toFixed(1)} MB → 1.4 GB), fresh node, 256 MB heap: ${b.ms} ms, peak RSS ${b.maxRssMB} MB (targets < 3000 ms, < 400 MB) — ${b.ms < 3000 && b.maxRssMB < 400 ? "met" : "NOT met"}`,
        `  ${b.message}`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
