/**
 * A folder of returns as an office really receives it: good ones among truncated, foreign, encrypted,
 * tampered, mistyped and hostile files, and a unit whose name looks like a formula, with the GBK unit list.
 * Each bad file gets its problem line, none stops the run, the rest consolidate — through the command line.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import XlsxPopulate from "xlsx-populate";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { cli } from "./helpers/cli";
import { editXlsx, workbookFor } from "./helpers/workbooks";
import { xlsxBomb } from "./helpers/bombs";
import { worksheet, xlsxOf } from "./helpers/xlsx-parts";
import { EXAMPLE_DIR } from "./helpers/zhoucun";

const rubric = findRubric("lw2015-dept")!;
const p = plan(rubric, "jyj");
const filled = (unit: string) => ({
  variant: "jyj",
  fields: { unitName: unit, date: "2015-01-10", head: "张三", filler: "李四", phone: "0533-6400000" },
  items: Object.fromEntries(p.map.items.map((i) => [i.id, { note: "已落实，见佐证材料" }])),
});
const FORMULA_NAME = '=HYPERLINK("http://x.example","区商务局")';

type Row = { unit: string; rank: number | null; score: number | null; file: string | null };
/** Several rubrics among the returns: one group each (the JSON's `groups`). */
interface Json {
  groups: { rubric: { id: string }; rows: Row[] }[];
  problems: { file: string | null; unit: string | null; kind: string; message: string }[];
}

let dir: string;
let json: Json;
let code: number;
let rosterXml: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "safescore-hostile-roster-"));
  const returns = join(dir, "returns");
  mkdirSync(returns);
  const good = await workbookFor("lw2015-dept", filled("王村镇政府"));
  const files: Record<string, Uint8Array> = {
    "good-1.xlsx": good,
    "good-2.xlsx": await workbookFor("lw2015-dept", filled("区发改局")),
    "formula-name.xlsx": await workbookFor("lw2015-dept", filled(FORMULA_NAME)),
    "truncated.xlsx": good.subarray(0, good.length >> 1),
    "not-a-zip.xlsx": new TextEncoder().encode("单位,分数\n王村镇政府,95\n"),
    "encrypted.xlsx": new Uint8Array(await (await XlsxPopulate.fromDataAsync(Buffer.from(good))).outputAsync({ password: "123456" })),
    "another-rubric.xlsx": await workbookFor("qhd2016-party", { fields: { unitName: "区经信局" } }),
    "edited-points.xlsx": await editXlsx(await workbookFor("lw2015-dept", filled("区教体局")), (wb) => {
      wb.getWorksheet("自评表")!.getCell(`${p.map.columns.points}${p.map.items[0].clauses[0].row}`).value = 99;
    }),
    "formula-replaced.xlsx": await editXlsx(await workbookFor("lw2015-dept", filled("区公安分局")), (wb) => {
      wb.getWorksheet("自评表")!.getCell(p.map.totalCell!).value = 200;
    }),
    "text-in-count.xlsx": await workbookFor("qhd2016-dept", { fields: { unitName: "区交通运输局" }, clauses: { [findCounted()]: { ticked: true, count: "两次" } } }),
    "bomb.xlsx": xlsxBomb(1, 100),
    "entities.xlsx": xlsxOf([{ name: "自评表", xml: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>` + worksheet("<sheetData/>").replace(/^<\?xml[^>]*>\n/, "") }]),
  };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(returns, name), bytes);
  const roster = join(dir, "roster.xlsx");
  const r = await cli(["consolidate", returns, "--units", join(EXAMPLE_DIR, "units-gbk.csv"), "--policy", join(EXAMPLE_DIR, "policy.json"), "-o", roster, "--json"]);
  code = r.code;
  json = JSON.parse(r.out) as Json;
  const zip = await JSZip.loadAsync(readFileSync(roster));
  const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  rosterXml = (await Promise.all(sheets.map((n) => zip.file(n)!.async("string")))).join("\n") + (await zip.file("xl/sharedStrings.xml")?.async("string"));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function findCounted(): string {
  const r = findRubric("qhd2016-dept")!;
  return r.sections.flatMap((s) => s.items ?? []).flatMap((i) => i.clauses).find((c) => c.kind === "counted")!.id;
}
const rows = () => json.groups.flatMap((g) => g.rows);
const problemsOf = (file: string) => json.problems.filter((x) => x.file?.endsWith(file)).map((x) => x.kind);

test("a roster is produced (exit 0) and the good returns are ranked", () => {
  expect(code).toBe(0);
  expect(json.groups.map((g) => g.rubric.id)).toEqual(expect.arrayContaining(["lw2015-dept", "qhd2016-party", "qhd2016-dept"]));
  expect(rows().filter((r) => r.rank !== null && r.score !== null).map((r) => r.unit)).toEqual(expect.arrayContaining(["王村镇政府", "区发改局"]));
});

test.each([
  ["truncated.xlsx", "unreadable"],
  ["not-a-zip.xlsx", "unreadable"],
  ["encrypted.xlsx", "unreadable"],
  ["bomb.xlsx", "unreadable"],
  ["entities.xlsx", "unreadable"],
  ["another-rubric.xlsx", "other-rubric"],
  ["edited-points.xlsx", "tampered"],
  ["formula-replaced.xlsx", "tampered"],
])("%s → a %s line", (file, kind) => {
  expect(problemsOf(file)).toContain(kind);
});

test("text in a count (another rubric's return) is an invalid entry", () => {
  expect(problemsOf("text-in-count.xlsx")).toEqual(expect.arrayContaining(["other-rubric", "invalid-entry"]));
});

test("no file is dropped without a line: every file is a row or has a problem line", () => {
  const names = ["good-1", "good-2", "formula-name", "truncated", "not-a-zip", "encrypted", "another-rubric", "edited-points", "formula-replaced", "text-in-count", "bomb", "entities"];
  for (const n of names) {
    const inRows = rows().some((r) => r.file?.endsWith(`${n}.xlsx`));
    expect([n, inRows || problemsOf(`${n}.xlsx`).length > 0]).toEqual([n, true]);
  }
});

test("a unit named like a formula stays text: in the JSON, and in roster.xlsx with no formula or link made of it", () => {
  expect(rows().map((r) => r.unit)).toContain(FORMULA_NAME);
  expect(rosterXml).toContain("HYPERLINK(&quot;http://x.example&quot;");
  expect(rosterXml).not.toMatch(/<f>[^<]*HYPERLINK/);
});
