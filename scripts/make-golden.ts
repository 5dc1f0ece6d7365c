/**
 * Writes the golden returns of this release (its sheet format N) to test/golden/format-N/:
 *
 *   <name>.xlsx           the protected template from this release's writer (plan + planToXlsx), filled in
 *                         afterwards by editing the cells of the written file, as a unit would (no cached values)
 *   <name>.lo.xlsx        the same file opened and saved by LibreOffice Calc headless (recalculated)
 *   <name>.openpyxl.xlsx  the same file loaded and saved by openpyxl (/usr/bin/python3)
 *   <file>.expected.json  for each of the three: this release's score, reduced to test/helpers/golden.ts's projection
 *
 * Run once per format version: `npx tsx scripts/make-golden.ts`. Never run by the tests or CI; never rerun over
 * an existing format-N folder (it refuses unless --force): later releases must score these files as they are.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { META_SHEET, PLAN_VERSION, type SheetPlan } from "../src/layout/types";
import { planToXlsx } from "../src/xlsx/write";
import type { InputValue, Responses } from "../src/scoring";
import { disposeProfile, recalcMany } from "../test/helpers/libreoffice";
import { GOLDEN_ROOT, expectedPathOf, goldenJson, goldenReportOf, type GoldenReport } from "../test/helpers/golden";

const OUT = join(GOLDEN_ROOT, `format-${PLAN_VERSION}`);
const PYTHON = "/usr/bin/python3"; // Debian's python3-openpyxl; the pyenv python on PATH has no openpyxl

/**
 * Accepted tick marks, used in turn; and the accepted "not ticked" marks. From format 2 on, marks typed with
 * full-width, no-break and tab spaces around them are accepted too, so its returns carry them.
 */
const TICKS: InputValue[] = PLAN_VERSION >= 2 ? [true, "√\u3000", "\u00a0是", 1, " ✓\t"] : [true, "√", "是", 1];
const UNTICKS: InputValue[] = [false, "否", 0];

/** Document "modified" date of the filled returns (fixed, so that reruns differ as little as possible). */
const FILLED_AT = new Date(Date.UTC(2024, 0, 15, 8, 0, 0));

const NOTES = [
  "已制定年度安全生产工作要点并印发，见附件",
  "召开专题会议研究部署安全生产工作，会议纪要见附件",
  "已落实安全生产责任制，签订责任书，见附件",
  "开展隐患排查治理，建立台账并整改销号，见附件",
  "组织应急演练并评估总结，演练方案及照片见附件",
  "开展安全生产宣传教育培训，签到表及课件见附件",
  "落实“一岗双责”，领导班子分工文件见附件",
  "按要求报送季度工作情况，报送记录见附件",
];
const LOSS_NOTES = [
  "部分工作未按时完成，已制定整改措施，见附件",
  "检查中发现问题，已督促整改，整改报告见附件",
  "该项工作推进滞后，原因说明见附件",
];

interface ReturnSpec {
  /** File name without .xlsx. */
  name: string;
  rubric: string;
  variant?: string;
  /** The unit the office gave the template for (`template --unit`); otherwise the unit types its name. */
  templateUnit?: string;
  fields: Record<string, InputValue | Date>;
  /** Extra entries applied after the generic fill (an invalid entry, vetoes). */
  clauses?: Responses["clauses"];
  vetoes?: Responses["vetoes"];
  /** Put the rubric's one invalid entry on its last counted clause ("两次") or last tick ("部分"). */
  invalid?: "count" | "tick";
}

const RETURNS: ReturnSpec[] = [
  {
    name: "lw2015-dept-jyj",
    rubric: "lw2015-dept",
    variant: "jyj",
    templateUnit: "区教育局",
    fields: { unitName: "区教育局", date: "2016年1月8日", head: "陈建国", filler: "林晓燕", phone: "0577-86921234" },
  },
  {
    name: "lw2015-dept-gaj",
    rubric: "lw2015-dept",
    variant: "gaj",
    templateUnit: "区公安分局",
    fields: { unitName: "区公安分局", date: new Date(Date.UTC(2016, 0, 11)), head: "郑志强", filler: "王丽", phone: 13857712345 },
    invalid: "tick",
  },
  {
    name: "qhd2016-party",
    rubric: "qhd2016-party",
    fields: { unitName: "中共海港区委员会", date: "2017年1月5日", head: "李明", filler: "张华", phone: "0335-3021234" },
    vetoes: { "v.fail1": "否", "v.fail2": "√", "v.ne1": false },
  },
  {
    name: "qhd2016-gov",
    rubric: "qhd2016-gov",
    fields: { unitName: "海港区人民政府", date: new Date(Date.UTC(2017, 0, 6)), head: "刘洋", filler: "赵敏" },
    vetoes: { "v.fail1": false, "v.fail2": "否", "v.ne1": 0 },
    invalid: "count",
  },
  {
    name: "qhd2016-dept",
    rubric: "qhd2016-dept",
    fields: { unitName: "秦皇岛市交通运输局", date: "2017-01-09", head: "孙伟", filler: "周静", phone: "0335-3125678" },
    vetoes: { "v.ne4": true },
  },
  {
    name: "xc2018-checklist",
    rubric: "xc2018-checklist",
    fields: { unitName: "某某镇人民政府", date: "2018年6月12日", filler: "吴刚、钱芳" },
  },
  {
    name: "county2023",
    rubric: "county2023",
    fields: { unitName: "龙湾区", date: "2023年12月20日", head: "黄海", filler: "徐丽", phone: "0577-86981234" },
    invalid: "count",
  },
];

/** A realistic, deterministic fill of a return (everything but the dates, which are written as Date cells). */
function responsesFor(spec: ReturnSpec, p: SheetPlan): Responses {
  const r: Responses = { variant: spec.variant, fields: {}, items: {}, clauses: {}, vetoes: { ...spec.vetoes } };
  for (const [k, v] of Object.entries(spec.fields)) if (!(v instanceof Date)) r.fields![k] = v;
  let tick = 0;
  let untick = 0;
  let note = 0;
  let discretionaryDone = false;
  const items = [...p.map.items, ...p.map.penalties];
  items.forEach((item, k) => {
    const pattern = k % 4;
    const clauses = item.clauses;
    const tickable = clauses.filter((c) => c.kind === "fixed" || c.kind === "award");
    const counted = clauses.filter((c) => c.kind === "counted" || c.kind === "bonus");
    const discretionary = clauses.find((c) => c.kind === "discretionary");
    let loss = false;
    if (pattern === 0 && tickable[0]) {
      r.clauses![tickable[0].id] = { ticked: UNTICKS[untick++ % UNTICKS.length] };
    } else if (pattern === 1 || pattern === 2) {
      const t = tickable[pattern - 1] ?? tickable[0];
      if (t) {
        r.clauses![t.id] = { ticked: TICKS[tick++ % TICKS.length] };
        loss = true;
      }
      const c = counted[0];
      if (c) {
        r.clauses![c.id] = pattern === 1 ? { ticked: "√", count: 2 } : { count: 1 };
        loss = true;
      }
    }
    if (discretionary && !discretionaryDone) {
      r.clauses![discretionary.id] = { ticked: "√", amount: 1.5 };
      discretionaryDone = true;
      loss = true;
    }
    // Notes for most items: the first item with a loss has none (unexplained entry), and so has the
    // fourth item (full points claimed without evidence).
    if (item.sectionId === null) {
      // 减分项 (a penalty row): one occurrence, explained.
      const c = counted[0];
      if (c) r.clauses![c.id] = { ticked: "√", count: 1 };
      r.items![item.id] = { note: "本年度发生一般生产安全事故1起，事故调查报告见附件" };
      return;
    }
    const noNote = (loss && k === items.findIndex((_, j) => j % 4 === 1 || j % 4 === 2)) || k === 3;
    if (!noNote) r.items![item.id] = { note: (loss ? LOSS_NOTES[note % LOSS_NOTES.length] : NOTES[note % NOTES.length]) + (note + 1) };
    note++;
  });
  if (spec.invalid === "count") {
    const c = p.map.items.flatMap((i) => i.clauses.map((c) => ({ c, i }))).filter(({ c }) => c.kind === "counted").at(-1)!;
    r.clauses![c.c.id] = { ticked: "√", count: "两次" };
    r.items![c.i.id] = { note: "检查发现违规作业两次，已责令整改，见附件" };
  } else if (spec.invalid === "tick") {
    const c = p.map.items.flatMap((i) => i.clauses.map((c) => ({ c, i }))).filter(({ c }) => c.kind === "award" || c.kind === "fixed").at(-1)!;
    // From format 2 on, × is not a tick (it often means 否): invalid, with a message saying so.
    r.clauses![c.c.id] = { ticked: PLAN_VERSION >= 2 ? "×" : "部分" };
    r.items![c.i.id] = { note: "部分落实，其余工作正在推进" };
  }
  // Checklist: mostly 是, some 否 with a note (one without), some 不适用, one unanswered, one ticked √ (invalid).
  p.map.checks.forEach((check, j) => {
    const last = j === p.map.checks.length - 1;
    if (last) return; // unanswered
    if (j === 10) {
      r.items![check.id] = { answer: "√" };
      return;
    }
    switch (j % 7) {
      case 4:
        r.items![check.id] = j === 4 ? { answer: "否" } : { answer: "否", note: `台账不完整，已要求限期整改（第${j + 1}条）` };
        break;
      case 5:
        r.items![check.id] = { answer: "不适用", note: "本镇无此类场所" };
        break;
      case 2:
        r.items![check.id] = { answer: "是", note: "已落实，见巡查记录" };
        break;
      default:
        r.items![check.id] = { answer: "是" };
    }
  });
  for (const [k, v] of Object.entries(spec.clauses ?? {})) r.clauses![k] = v;
  return r;
}

/** The protected template, as `safescore template` writes it, then filled in cell by cell (ExcelJS, as test/helpers/workbooks.ts editXlsx). */
async function makeOriginal(spec: ReturnSpec): Promise<Uint8Array> {
  const rubric = findRubric(spec.rubric)!;
  const p = plan(rubric, spec.variant, spec.templateUnit, { protect: true });
  const template = await planToXlsx(p);
  const responses = responsesFor(spec, p);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(p.sheetName)!;
  for (const [a, v] of fillInputs(p, responses)) ws.getCell(a).value = v;
  wb.modified = FILLED_AT;
  for (const [k, v] of Object.entries(spec.fields)) {
    if (v instanceof Date) {
      const cell = ws.getCell(p.map.fields[k]);
      cell.value = v;
      // A fresh style object: ExcelJS shares one style object among the loaded cells of the same style.
      cell.style = { ...cell.style, numFmt: "yyyy/m/d" };
    }
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function openpyxlResave(src: string, dst: string): void {
  execFileSync(PYTHON, ["-c", "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\nwb.save(sys.argv[2])", src, dst], { stdio: "inherit" });
}

/** Sheet states and whether any formula of the main sheet has a cached value. */
async function inspectZip(path: string): Promise<{ states: string; cached: number }> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const wbXml = (await zip.file("xl/workbook.xml")!.async("string")) ?? "";
  const states = [...wbXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => `${/name="([^"]*)"/.exec(m[0])?.[1]}:${/state="([^"]*)"/.exec(m[0])?.[1] ?? "visible"}`).join(" ");
  const sheet = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
  const cached = [...sheet.matchAll(/<c\b[^>]*>\s*<f\b[^>]*(?:\/>|>[^<]*<\/f>)\s*<v>[^<]+<\/v>/g)].length;
  return { states, cached };
}

async function main() {
  if (existsSync(OUT) && readdirSync(OUT).some((n) => n.endsWith(".xlsx")) && !process.argv.includes("--force")) {
    throw new Error(`${OUT} already holds golden returns; they are never regenerated (a new format version gets a new folder).`);
  }
  mkdirSync(OUT, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), "safescore-golden-"));
  try {
    const originals: string[] = [];
    for (const spec of RETURNS) {
      const path = join(OUT, `${spec.name}.xlsx`);
      writeFileSync(path, await makeOriginal(spec));
      originals.push(path);
    }
    // LibreOffice: one run for all, into a temporary folder, then renamed <name>.lo.xlsx.
    const loOut = await recalcMany(originals, join(tmp, "lo"));
    loOut.forEach((o, i) => renameSync(o, originals[i].replace(/\.xlsx$/, ".lo.xlsx")));
    await disposeProfile();
    for (const o of originals) openpyxlResave(o, o.replace(/\.xlsx$/, ".openpyxl.xlsx"));

    const rows: string[] = [];
    for (const o of originals) {
      const copies = [o, o.replace(/\.xlsx$/, ".lo.xlsx"), o.replace(/\.xlsx$/, ".openpyxl.xlsx")];
      const reports: GoldenReport[] = [];
      for (const f of copies) {
        const report = await goldenReportOf(f);
        writeFileSync(expectedPathOf(f), goldenJson(report));
        reports.push(report);
        const d = await inspectZip(f);
        // LibreOffice Calc has no "very hidden": it writes the metadata sheet back as plain hidden.
        if (!/:(veryHidden|hidden)$/.test(d.states.split(" ").find((s) => s.startsWith(`${META_SHEET}:`)) ?? "")) {
          throw new Error(`${f}: the ${META_SHEET} sheet is missing or visible (${d.states})`);
        }
        rows.push(`${f.slice(OUT.length + 1).padEnd(34)} ${String(statSync(f).size).padStart(7)} B  total ${report.total}/${report.max}  ${report.tier ?? "—"}  flags ${report.flags.length}  complete ${report.complete}  cached ${d.cached}  ${d.states}`);
      }
      const [a, ...rest] = reports.map((r) => JSON.stringify(r));
      rest.forEach((x, i) => {
        if (x !== a) rows.push(`  !! ${copies[i + 1]} scores differently from the original`);
      });
    }
    console.log(rows.join("\n"));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
