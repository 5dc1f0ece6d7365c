/**
 * Sheet format 2 against format 3 on the golden returns (test/golden/format-N/, the same fill in both):
 * the formulas in each file's sheet1.xml (count, total characters as stored, the longest, the part's size)
 * and the time to read one return as the 汇总 does (openWorkbook + readWorkbook + scoreRead, as
 * src/consolidate/from-read.ts), the same file read `RUNS` times in one process after `WARMUP` reads.
 * Run: `npx tsx bench/formats.ts` (also part of `npm run bench`). Prints a table; exits 0 whatever it shows.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { openWorkbook } from "../src/xlsx/open";
import { readWorkbook } from "../src/layout/read";
import { scoreRead } from "../src/layout/scored";
import { findRubric, registerArchivedRubrics } from "../src/rubric/library";
import { ARCHIVE } from "../src/rubric/archive";

const GOLDEN = join(__dirname, "..", "test", "golden");
const WARMUP = Number(process.env.WARMUP ?? 50);
const RUNS = Number(process.env.RUNS ?? 500);

const unescapeXml = (s: string) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);

/** The formulas of a file's first worksheet as stored (shared-formula references count as formulas without text). */
async function formulaStats(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  const formulas = [...xml.matchAll(/<f\b[^>]*?(?:\/>|>([^<]*)<\/f>)/g)].map((m) => unescapeXml(m[1] ?? ""));
  return {
    count: formulas.length,
    chars: formulas.reduce((n, f) => n + f.length, 0),
    longest: Math.max(...formulas.map((f) => f.length)),
    sheetBytes: Buffer.byteLength(xml, "utf8"),
  };
}

async function readOnce(bytes: Uint8Array) {
  return scoreRead(readWorkbook(await openWorkbook(bytes), findRubric)).report.total;
}

async function msPerRead(bytes: Uint8Array): Promise<number> {
  for (let k = 0; k < WARMUP; k++) await readOnce(bytes);
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < RUNS; k++) await readOnce(bytes);
  return Number(process.hrtime.bigint() - t0) / 1e6 / RUNS;
}

export async function formatsBench() {
  registerArchivedRubrics(ARCHIVE);
  const lines = [
    `| return | format | formulas | formula chars | longest | sheet1.xml bytes | read ms/file (${RUNS}×, after ${WARMUP}) |`,
    "|---|---|---|---|---|---|---|",
  ];
  for (const name of ["lw2015-dept-jyj.xlsx", "lw2015-dept-jyj.lo.xlsx", "county2023.xlsx", "county2023.lo.xlsx"]) {
    const row: Record<number, { stats: Awaited<ReturnType<typeof formulaStats>>; ms: number }> = {};
    for (const format of [2, 3]) {
      const bytes = new Uint8Array(readFileSync(join(GOLDEN, `format-${format}`, name)));
      row[format] = { stats: await formulaStats(bytes), ms: await msPerRead(bytes) };
      const { stats, ms } = row[format];
      lines.push(`| ${name} | ${format} | ${stats.count} | ${stats.chars} | ${stats.longest} | ${stats.sheetBytes} | ${ms.toFixed(2)} |`);
    }
    const ratio = (k: "chars" | "longest" | "sheetBytes") => (row[2].stats[k] / row[3].stats[k]).toFixed(2);
    lines.push(`| ${name} | 2÷3 | | ${ratio("chars")}× | ${ratio("longest")}× | ${ratio("sheetBytes")}× | ${(row[2].ms / row[3].ms).toFixed(2)}× |`);
  }
  return { title: "Sheet format 2 vs 3 (golden returns)", lines };
}

if (require.main === module) {
  void formatsBench().then((r) => console.log(`## ${r.title}\n${r.lines.join("\n")}`));
}
