/**
 * Consolidating a folder of returns: 1,000 generated returns of the 000 table (lw2015-dept, variant jyj,
 * random fills) read through the bundled CLI's `consolidate` (worker pool) in a fresh node — wall time and
 * peak RSS (workers included: they are threads of that process); the ExcelJS full load (xlsxToGrid +
 * readWorkbook + score) of the same returns as the baseline, as a ratio; and 10,000 returns, to show the
 * memory stays flat. The returns are 50 distinct random fills, each copy given its own 单位名称 by
 * rewriting the shared strings (writing 10,000 workbooks through ExcelJS would take minutes and measure
 * nothing we care about), so every return is ranked as a real district's would be. Last, a zip bomb
 * through the bundled `score`: its time and peak RSS (targets < 1 s, < 100 MB).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { xlsxBomb } from "../test/helpers/bombs";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import { readWorkbook } from "../src/layout/read";
import { scoreRead } from "../src/layout/scored";
import { responsesArb } from "../test/helpers/arbitrary";
import { buildCli, CLI_OUTDIR } from "../scripts/build-cli";

const ROOT = resolve(__dirname, "..");
const DISTINCT = 50;
/** Returns read through ExcelJS for the baseline (its per-file time is steady: more only makes the bench slower). */
const BASELINE_N = Number(process.env.BENCH_BASELINE_N ?? 200);

/** `safescore consolidate <dir>` in a fresh node through the bundle: wall time, peak RSS, rows. */
function consolidateInChild(dir: string, out: string): { ms: number; maxRssMB: number; rows: number; problems: number } {
  const script = `
    const t0 = Date.now();
    let json = "";
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (s) => ((json += s), true);
    process.on("exit", () => {
      const j = JSON.parse(json || "{}");
      const rows = (j.groups || []).reduce((n, g) => n + g.rows.length, 0);
      write(JSON.stringify({ ms: Date.now() - t0, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), rows, problems: (j.problems || []).length }) + "\\n");
    });
    process.argv = [process.argv[0], "safescore", "consolidate", ${JSON.stringify(dir)}, "-o", ${JSON.stringify(out)}, "--json"];
    import(${JSON.stringify("file://" + join(CLI_OUTDIR, "safescore.mjs"))});`;
  const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`consolidate failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!);
}

/** A return with its 单位名称 changed: the shared string rewritten, the zip rebuilt. */
function renamed(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const parts = unzipSync(bytes);
  const key = Object.keys(parts).find((k) => k.toLowerCase() === "xl/sharedstrings.xml")!;
  const xml = strFromU8(parts[key]);
  if (!xml.includes(`>${from}<`)) throw new Error(`no shared string ${from}`);
  parts[key] = strToU8(xml.replace(`>${from}<`, `>${to}<`));
  return zipSync(parts, { level: 1 });
}

/** `safescore score <bomb>` through the bundle in a fresh node: wall time (process start included) and peak RSS. */
function bombInChild(file: string): { ms: number; maxRssMB: number } {
  const script = `
    const t0 = Date.now();
    process.on("exit", () => console.error(JSON.stringify({ ms: Date.now() - t0, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })));
    process.argv = [process.argv[0], "safescore", "score", ${JSON.stringify(file)}];
    import(${JSON.stringify("file://" + join(CLI_OUTDIR, "safescore.mjs"))});`;
  const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 2) throw new Error(`the bomb was not refused: ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stderr.trim().split("\n").pop()!);
}

export async function consolidateBench() {
  const rubric = findRubric("lw2015-dept")!;
  const p = plan(rubric, "jyj", "区教育局");
  const fills = fc.sample(responsesArb(rubric).filter((r) => r.variant === "jyj"), { numRuns: DISTINCT, seed: 8 });
  const returns: Uint8Array[] = [];
  for (const [k, r] of fills.entries()) {
    returns.push(await planToXlsx(p, fillInputs(p, { ...r, fields: { ...r.fields, unitName: `区教育局${k}` } })));
  }
  if (!existsSync(join(CLI_OUTDIR, "read-worker.mjs"))) await buildCli();

  const base = mkdtempSync(join(tmpdir(), "safescore-bench-consolidate-"));
  try {
    const folder = (n: number) => {
      const d = join(base, `r${n}`);
      mkdirSync(d);
      for (let k = 0; k < n; k++) writeFileSync(join(d, `${String(k).padStart(5, "0")}.xlsx`), renamed(returns[k % DISTINCT], `区教育局${k % DISTINCT}`, `单位${k}`));
      return d;
    };
    const d1k = folder(1000);
    const pool1k = consolidateInChild(d1k, join(base, "roster-1k.xlsx"));

    // The baseline: ExcelJS's full load, in-process, one file after another (as reading used to be).
    const t0 = performance.now();
    for (let k = 0; k < BASELINE_N; k++) {
      const bytes = new Uint8Array(readFileSync(join(d1k, `${String(k).padStart(5, "0")}.xlsx`)));
      scoreRead(readWorkbook(await xlsxToGrid(bytes), findRubric));
    }
    const exceljsPerFile = (performance.now() - t0) / BASELINE_N;
    const exceljs1k = exceljsPerFile * 1000;
    rmSync(d1k, { recursive: true, force: true });

    const d10k = folder(10_000);
    const pool10k = consolidateInChild(d10k, join(base, "roster-10k.xlsx"));
    const bombFile = join(base, "bomb.xlsx");
    writeFileSync(bombFile, xlsxBomb(1, 1500));
    const bomb = bombInChild(bombFile);
    const met = (ok: boolean) => (ok ? "met" : "NOT met");
    return {
      title: "Consolidating returns (bundled CLI: worker pool, consolidate(), roster.xlsx)",
      lines: [
        `1,000 lw2015-dept/jyj returns (${(returns[0].length / 1024).toFixed(0)} KB each): ${pool1k.ms} ms, peak RSS ${pool1k.maxRssMB} MB, ${pool1k.rows} rows (targets ≤ 3000 ms, ≤ 300 MB) — ${met(pool1k.ms <= 3000 && pool1k.maxRssMB <= 300)}`,
        `ExcelJS full load + read + score, one after another: ${exceljsPerFile.toFixed(1)} ms a file (${BASELINE_N} timed) → ${(exceljs1k / 1000).toFixed(1)} s for 1,000 — the pool is ${(exceljs1k / pool1k.ms).toFixed(1)}× faster (target ≥ 10×) — ${met(exceljs1k / pool1k.ms >= 10)}`,
        `10,000 returns: ${pool10k.ms} ms, peak RSS ${pool10k.maxRssMB} MB (1,000: ${pool1k.maxRssMB} MB), ${pool10k.rows} rows — memory ${pool10k.maxRssMB <= pool1k.maxRssMB * 1.5 ? "flat" : "NOT flat"}`,
        `zip bomb (1.5 MB → 1.5 GB) through the bundled score: refused in ${bomb.ms} ms, peak RSS ${bomb.maxRssMB} MB (targets < 1000 ms, < 100 MB) — ${met(bomb.ms < 1000 && bomb.maxRssMB < 100)}`,
      ],
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

if (require.main === module) {
  consolidateBench().then((r) => console.log([`## ${r.title}`, ...r.lines].join("\n")));
}
