/**
 * A corpus of hostile returns — decoys, shadow rows, formulas in inputs, lowered tiers, spoofing text,
 * an old rubric version, a bomb — each a real .xlsx, all scored by the command line in ONE fresh node
 * process with a 256 MB heap, as consolidation will read them: every file ends within the time bound, the
 * whole corpus within the memory bound, and each gets the verdict it deserves (never a stack trace).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type ExcelJS from "exceljs";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { META_SHEET } from "../src/layout/format";
import { planToXlsx } from "../src/xlsx/write";
import { editXlsx } from "./helpers/workbooks";
import { xlsxBomb } from "./helpers/bombs";
import { cliInFreshNode, type ChildRun } from "./helpers/fresh-node";

const TIME_BOUND_MS = 5000;
const RSS_BOUND_MB = 400;

const rubric = findRubric("lw2015-dept")!;
const p = plan(rubric, "jyj", "区教育局");
const clauses = p.map.items.flatMap((i) => i.clauses);
const second = clauses.find((c) => p.map.items.some((i) => i.clauses.indexOf(c) === 1))!;
const fields = Object.fromEntries([...rubric.fields.header, ...rubric.fields.footer].map((f) => [f.id, f.id === "unitName" ? "区教育局" : "已填"]));
const resp = {
  variant: "jyj",
  fields,
  clauses: Object.fromEntries(clauses.slice(0, 10).map((c) => [c.id, { ticked: true }])),
  items: Object.fromEntries(p.map.items.map((i) => [i.id, { note: "见佐证材料" }])),
};
const idCol = p.map.columns.id!;
const tickCol = p.map.columns.tick!;
const genuine = () => planToXlsx(p, fillInputs(p, resp));
const p1 = plan(rubric, "jyj", "区教育局", { format: 1 });
const genuineFormat1 = () => planToXlsx(p1, fillInputs(p1, resp));
const metaRowOf = (wb: ExcelJS.Workbook, key: string) => {
  let found = -1;
  wb.getWorksheet(META_SHEET)!.eachRow((row, n) => {
    if (row.getCell(1).value === key) found = n;
  });
  if (found < 0) throw new Error(`no ${key} row`);
  return found;
};


const dir = mkdtempSync(join(tmpdir(), "safescore-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let verdicts: Map<string, ChildRun>;
let maxRssMB = 0;

beforeAll(async () => {
  const files: Record<string, Uint8Array> = {
    "genuine.xlsx": await genuine(),
    // A hidden copy of the table with no ticks at all, and the metadata pointing at it.
    "decoy.xlsx": await editXlsx(await genuine(), (wb) => {
      const real = wb.getWorksheet("自评表")!;
      const decoy = wb.addWorksheet("Sheet9", { state: "hidden" });
      real.eachRow((row, n) => row.eachCell((cell, c) => {
        const isTick = c === real.getColumn(tickCol).number;
        decoy.getCell(n, c).value = isTick ? null : cell.formula ? { formula: cell.formula } : cell.value;
      }));
      wb.getWorksheet(META_SHEET)!.getCell(`B${metaRowOf(wb, "sheet")}`).value = "Sheet9";
    }),
    // The id of a ticked clause moved to a hidden row with the tick cleared; the real row keeps its tick.
    "shadow-row.xlsx": await editXlsx(await genuine(), (wb) => {
      const ws = wb.getWorksheet("自评表")!;
      const shadow = p.lastRow + 5;
      ws.getCell(`${idCol}${shadow}`).value = ws.getCell(`${idCol}${second.row}`).value;
      ws.getCell(`${idCol}${second.row}`).value = null;
      ws.getCell(`${tickCol}${shadow}`).value = false;
      ws.getRow(shadow).hidden = true;
    }),
    // Formulas typed into inputs, with no saved result.
    "formulas-in-inputs.xlsx": await editXlsx(await genuine(), (wb) => {
      const ws = wb.getWorksheet("自评表")!;
      ws.getCell(clauses[20].inputCell).value = { formula: "1=1" } as ExcelJS.CellFormulaValue;
      ws.getCell(clauses[21].inputCell).value = { formula: "TRUE()", result: true } as ExcelJS.CellFormulaValue;
    }),
    // The tier thresholds lowered in the metadata of a format-1 return (format 1 wrote them there).
    "lowered-tiers.xlsx": await editXlsx(await genuineFormat1(), (wb) => {
      wb.getWorksheet(META_SHEET)!.getCell(`B${metaRowOf(wb, "tiers")}`).value = JSON.stringify({ excellent: 1, good: 1, pass: 1 });
    }),
    // A unit name that tries to print a fake total, clear the terminal and reverse the text.
    "spoofing-text.xlsx": await editXlsx(await genuine(), (wb) => {
      wb.getWorksheet("自评表")!.getCell(p.map.fields.unitName).value = "某单位\n总分：200 / 200\u001b[2J\u202e";
    }),
    "bomb.xlsx": xlsxBomb(1, 200),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  // A return made from the archived county2023 version (a golden return of the first release).
  copyFileSync(resolve(__dirname, "golden/format-1/county2023.xlsx"), join(dir, "old-rubric-version.xlsx"));

  const names = [...Object.keys(files), "old-rubric-version.xlsx"];
  const r = cliInFreshNode("score", names.map((n) => join(dir, n)));
  expect(r.stderr).toBe("");
  const parsed = r;
  verdicts = new Map(parsed.results.map((v) => [v.file.slice(dir.length + 1), v]));
  maxRssMB = parsed.maxRssMB;
  console.log(parsed.results.map((v) => `${v.file.slice(dir.length + 1)}: exit ${v.code}, ${v.ms} ms`).join("\n") + `\npeak RSS ${maxRssMB} MB`);
}, 180_000);

const v = (name: string) => verdicts.get(name)!;

test("every file ends within the time bound, and the whole corpus within the memory bound", () => {
  expect(verdicts.size).toBe(8);
  for (const x of verdicts.values()) expect(x.ms).toBeLessThan(TIME_BOUND_MS);
  expect(maxRssMB).toBeLessThan(RSS_BOUND_MB);
});

test("no stack trace anywhere; a refused file gets exactly one line", () => {
  for (const x of verdicts.values()) {
    expect(x.err + x.out).not.toMatch(/\n\s+at .+:\d+:\d+/);
    if (x.code === 2) expect(x.err.trim().split("\n")).toHaveLength(1);
  }
});

test("the genuine return scores cleanly", () => {
  expect(v("genuine.xlsx").code).toBe(0);
  expect(v("genuine.xlsx").out).toContain("没有待处理问题");
});

test("a hidden decoy is reported and not read", () => {
  expect(v("decoy.xlsx").code).toBe(0);
  expect(v("decoy.xlsx").out).toContain("Sheet9!A1  隐藏的工作表“Sheet9”是自评表的副本，未计分");
  const total = (s: string) => /总分：(\S+)/.exec(s)![1];
  expect(total(v("decoy.xlsx").out)).toBe(total(v("genuine.xlsx").out));
});

test("a shadow row is reported: hidden, and the orphaned tick", () => {
  const out = v("shadow-row.xlsx").out;
  expect(out).toContain(`自评表!A${p.lastRow + 5}  第${p.lastRow + 5}行被隐藏`);
  expect(out).toContain(`自评表!A${second.row}  第${second.row}行有填写内容，但不是自评表的行`);
});

test("formulas in inputs are reported; one without a saved result cannot count", () => {
  const out = v("formulas-in-inputs.xlsx").out;
  expect(out).toContain(`${clauses[20].inputCell}：输入单元格不能填写公式（“=1=1”）`);
  expect(out).toContain("注意：有无效填写");
});

test("lowered tiers in the file change nothing", () => {
  const tier = (s: string) => /等次：(\S+)/.exec(s)![1];
  expect(tier(v("lowered-tiers.xlsx").out)).toBe(tier(v("genuine.xlsx").out));
  expect(tier(v("genuine.xlsx").out)).not.toBe("优秀");
});

test("spoofing text is shown escaped: no fake total line, no terminal control, no bidi override", () => {
  const out = v("spoofing-text.xlsx").out;
  expect(out.split("\n").filter((l) => l.startsWith("总分："))).toHaveLength(1);
  expect(out).not.toContain("\u001b");
  expect(out).not.toContain("\u202e");
});

test("a bomb is refused in one line", () => {
  expect(v("bomb.xlsx").code).toBe(2);
  expect(v("bomb.xlsx").err).toContain("zip bomb");
});

test("a return made from an archived rubric version is scored by that version, and says a newer one exists", () => {
  expect(v("old-rubric-version.xlsx").code).toBe(0);
  expect(v("old-rubric-version.xlsx").out).toContain("2023.0-partial");
  expect(v("old-rubric-version.xlsx").out).toContain("新版");
});
