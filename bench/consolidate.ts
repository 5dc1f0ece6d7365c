/**
 * Consolidating a folder of returns: 1,000 generated returns of the 000 table (lw2015-dept, variant jyj,
 * random fills) through the bundled CLI's `consolidate` in a fresh node — wall time, peak RSS (worker threads
 * included) and where the time goes (SAFESCORE_TIMING); the baseline is ExcelJS's full load of the same files
 * with the same read and score after it, one file after another as reading used to be, bundled the same way
 * and run in a fresh node, as ratios in the same run: spawn to exit against the whole command (which also
 * writes roster.xlsx and the JSON), and its reading against the command's reading phase. Then 10,000 returns, to show the memory stays
 * flat (the pool reads them: more than inProcessLimit), how long the command takes to start, and a zip bomb
 * through the bundled `score`.
 *
 * The returns are 50 distinct random fills, each copy given its own 单位名称 by rewriting the shared strings
 * (writing 10,000 workbooks through ExcelJS would take minutes and measure nothing we care about), so every
 * return is ranked as a real district's would be. The reader's caches of formulas and strings already read
 * (stream-read.ts) gain nothing from the copies: consecutive files are different fills, whose entries shift
 * the shared strings differently, as real returns' do.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { xlsxBomb } from "../test/helpers/bombs";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { planToXlsx } from "../src/xlsx/write";
import { inProcessLimit } from "../src/consolidate/pool";
import { build } from "esbuild";
import { responsesArb } from "../test/helpers/arbitrary";
import { buildCli, CLI_OUTDIR } from "../scripts/build-cli";

const ROOT = resolve(__dirname, "..");
const DISTINCT = 50;
/** The baseline's files counted as its warm-up when its steady time a file is given. */
const BASELINE_WARM = 20;

interface Run {
  /** Process start to exit, as the command's user waits for it. */
  ms: number;
  maxRssMB: number;
  rows: number;
  /** SAFESCORE_TIMING: ms since the process started at the end of each phase. */
  phases: Record<string, number>;
}

/**
 * `safescore consolidate <dir> --json` in a fresh node through the bundle (bin/safescore.js): wall time from spawning
 * it to its exit, peak RSS (its worker threads are threads of the process), rows, and the phases it reports.
 */
function consolidateInChild(dir: string, out: string): Run {
  const wrapper = `
    process.on("exit", () => process.stderr.write("rss " + Math.round(process.resourceUsage().maxRSS / 1024) + "\\n"));
    process.argv = [process.argv[0], "safescore", "consolidate", ${JSON.stringify(dir)}, "-o", ${JSON.stringify(out)}, "--json"];
    require(${JSON.stringify(join(ROOT, "bin", "safescore.js"))});`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["-e", wrapper], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, SAFESCORE_TIMING: "1" } });
  const ms = Math.round(performance.now() - t0);
  if (r.status !== 0) throw new Error(`consolidate failed: ${r.stderr}`);
  const rows = (JSON.parse(r.stdout).groups as { rows: unknown[] }[]).reduce((n, g) => n + g.rows.length, 0);
  const line = r.stderr.split("\n").find((l) => l.startsWith("timing: "))!;
  const phases = Object.fromEntries(line.slice("timing: ".length).split(", ").map((m) => [m.split(" ")[0], Number(m.split(" ")[1])]));
  return { ms, maxRssMB: Number(/rss (\d+)/.exec(r.stderr)![1]), rows, phases };
}

interface Baseline {
  /** Spawn to exit, reading all the files: what the command's wall time is set against. */
  ms: number;
  /** From the first file to the last, as the command's reading phase. */
  readingMs: number;
  /** A file's time once warm (after the first BASELINE_WARM). */
  warmPerFileMs: number;
}

/**
 * The baseline: the same files through ExcelJS's full load (xlsxToGrid), then the same readWorkbook and scoreRead,
 * one file after another as consolidate read them before the streaming reader, bundled by esbuild as the CLI is
 * and run in a fresh node — all of them, so that its start and warm-up count as the command's do.
 */
async function exceljsBaseline(dir: string, base: string): Promise<Baseline> {
  const entry = join(base, "baseline.ts");
  writeFileSync(
    entry,
    `import { readdirSync, readFileSync } from "node:fs";
     import { xlsxToGrid } from ${JSON.stringify(join(ROOT, "src/xlsx/read"))};
     import { readWorkbook } from ${JSON.stringify(join(ROOT, "src/layout/read"))};
     import { scoreRead } from ${JSON.stringify(join(ROOT, "src/layout/scored"))};
     import { findRubric, registerArchivedRubrics } from ${JSON.stringify(join(ROOT, "src/rubric/library"))};
     import { ARCHIVE } from ${JSON.stringify(join(ROOT, "src/rubric/archive"))};
     (async () => {
       registerArchivedRubrics(ARCHIVE);
       const files = readdirSync(process.argv[2]).sort().map((f) => process.argv[2] + "/" + f);
       const one = async (f: string) => scoreRead(readWorkbook(await xlsxToGrid(new Uint8Array(readFileSync(f))), findRubric));
       const t0 = performance.now();
       for (const f of files.slice(0, ${BASELINE_WARM})) await one(f);
       const t1 = performance.now();
       for (const f of files.slice(${BASELINE_WARM})) await one(f);
       const t2 = performance.now();
       console.log(JSON.stringify({ readingMs: t2 - t0, warmPerFileMs: (t2 - t1) / (files.length - ${BASELINE_WARM}) }));
     })();`,
  );
  const bundle = join(base, "baseline.cjs");
  await build({ entryPoints: [entry], outfile: bundle, bundle: true, platform: "node", target: "node20", format: "cjs", external: ["exceljs"], logLevel: "warning", absWorkingDir: ROOT, nodePaths: [join(ROOT, "node_modules")] });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bundle, dir], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_PATH: join(ROOT, "node_modules") } });
  const ms = Math.round(performance.now() - t0);
  if (r.status !== 0) throw new Error(`baseline failed: ${r.stderr}`);
  return { ms, ...JSON.parse(r.stdout.trim()) };
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

/** Median ms from spawning `node args…` to its exit, over `n` spawns. */
function medianSpawnMs(args: string[], n = 11): number {
  const times: number[] = [];
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[n >> 1];
}

export async function consolidateBench() {
  const rubric = findRubric("lw2015-dept")!;
  const p = plan(rubric, "jyj", "区教育局");
  const fills = fc.sample(responsesArb(rubric).filter((r) => r.variant === "jyj"), { numRuns: DISTINCT, seed: 8 });
  const returns: Uint8Array[] = [];
  for (const [k, r] of fills.entries()) {
    returns.push(await planToXlsx(p, fillInputs(p, { ...r, fields: { ...r.fields, unitName: `区教育局${k}` } })));
  }
  // Always from the sources as they are: a dist-cli/ left from an earlier build would measure other code.
  await buildCli();

  const base = mkdtempSync(join(tmpdir(), "safescore-bench-consolidate-"));
  try {
    const folder = (n: number) => {
      const d = join(base, `r${n}`);
      mkdirSync(d);
      for (let k = 0; k < n; k++) writeFileSync(join(d, `${String(k).padStart(5, "0")}.xlsx`), renamed(returns[k % DISTINCT], `区教育局${k % DISTINCT}`, `单位${k}`));
      return d;
    };
    const d1k = folder(1000);
    const run1k = consolidateInChild(d1k, join(base, "roster-1k.xlsx"));
    const exceljs = await exceljsBaseline(d1k, base);
    const p = run1k.phases;
    const reading = p.read - p.start;
    rmSync(d1k, { recursive: true, force: true });

    const d10k = folder(10_000);
    const run10k = consolidateInChild(d10k, join(base, "roster-10k.xlsx"));
    const bombFile = join(base, "bomb.xlsx");
    writeFileSync(bombFile, xlsxBomb(1, 1500));
    const bomb = bombInChild(bombFile);
    const met = (ok: boolean) => (ok ? "met" : "NOT met");
    const bin = join(ROOT, "bin", "safescore.js");
    const start = { help: medianSpawnMs([bin, "help"]), rubrics: medianSpawnMs([bin, "rubrics"]), node: medianSpawnMs(["-e", "0"]) };
    const cores = availableParallelism();
    const how = (n: number) => (n <= inProcessLimit(cores) ? "read in-process" : `read by a pool of ${cores} worker threads`);
    const perReturnKB = ((run10k.maxRssMB - run1k.maxRssMB) * 1024) / 9000;
    return {
      title: "Consolidating returns (bundled CLI: consolidate(), roster.xlsx, --json)",
      lines: [
        `1,000 lw2015-dept/jyj returns (${(returns[0].length / 1024).toFixed(0)} KB each, ${how(1000)} on ${cores} cores): ${run1k.ms} ms from spawn to exit, peak RSS ${run1k.maxRssMB} MB, ${run1k.rows} rows (targets ≤ 3000 ms, ≤ 300 MB) — ${met(run1k.ms <= 3000 && run1k.maxRssMB <= 300)}`,
        `  where the time goes (ms since the process started): command ready ${p.start}, first return read ${p.first}, all read ${p.read} (reading ${reading} ms, ${(reading / 1000).toFixed(2)} ms a return), consolidated ${p.consolidated}, roster.xlsx written ${p.written}, JSON printed ${p.output}`,
        `the same 1,000 through ExcelJS's full load + read + score, one after another (bundled, fresh node): ${exceljs.ms} ms from spawn to exit, reading ${exceljs.readingMs.toFixed(0)} ms (${exceljs.warmPerFileMs.toFixed(1)} ms a file once warm)`,
        `  the whole command is ${(exceljs.ms / run1k.ms).toFixed(1)}× faster (target ≥ 10×) — ${met(exceljs.ms / run1k.ms >= 10)}; its reading phase ${(exceljs.readingMs / reading).toFixed(1)}× faster than ExcelJS's`,
        `10,000 returns (${how(10_000)}): ${run10k.ms} ms, peak RSS ${run10k.maxRssMB} MB (1,000: ${run1k.maxRssMB} MB): ${perReturnKB.toFixed(0)} KB more a return, what is kept of each to rank it (a return is ${(returns[0].length / 1024).toFixed(0)} KB zipped, ~110 KB of XML read) — ${met(run10k.maxRssMB <= 300)} (≤ 300 MB), ${run10k.rows} rows`,
        `the command starts (bundled, median of 11 spawns to exit): \`safescore help\` ${start.help.toFixed(0)} ms, \`safescore rubrics\` ${start.rubrics.toFixed(0)} ms (target < 250 ms) — ${met(Math.max(start.help, start.rubrics) < 250)}; a bare node ${start.node.toFixed(0)} ms`,
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
