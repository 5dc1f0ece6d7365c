/** `safescore review` and `safescore score` on a reviewed return (text and --json). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { planToXlsx } from "../src/xlsx/write";
import { readWorkbook } from "../src/layout/read";
import { xlsxToGrid } from "../src/xlsx/read";
import type { SheetFormat } from "../src/layout/entries";
import { cli } from "./helpers/cli";

const rubric = findRubric("qhd2016-dept")!;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "safescore-review-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A return in `format` with one fixed clause ticked (the first). */
async function returnFile(format: SheetFormat): Promise<{ file: string; amount: number }> {
  const p = plan(rubric, undefined, "某单位", { format });
  const fixed = p.map.items.flatMap((i) => i.clauses).find((c) => c.kind === "fixed")!;
  const file = join(dir, `return${format}.xlsx`);
  writeFileSync(file, await planToXlsx(p, fillInputs(p, { fields: { unitName: "某单位" }, clauses: { [fixed.id]: { ticked: "√" } } })));
  return { file, amount: fixed.amount! };
}

describe.each([1, 2, 3] as const)("review of a format-%s return", (format) => {
  test("writes a format-4 workbook whose 自评 and 核定 equal the return's score", async () => {
    const { file } = await returnFile(format);
    const out = join(dir, `reviewed${format}.xlsx`);
    const before = await cli(["score", file, "--json"]);
    const r = await cli(["review", file, "-o", out]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/^已生成核定表 .*自评总分 \d+.*\/ wrote the review table/);
    const json = JSON.parse((await cli(["score", out, "--json"])).out);
    expect(json.sheetFormat).toBe(4);
    expect(json.total).toBe(JSON.parse(before.out).total);
    expect(json.review).toMatchObject({ total: json.total, differences: [] });
    expect(JSON.parse(before.out).review).toBeNull();
  });
});

test("not a return: one line, exit 2; -o missing or the input itself: usage error, exit 1", async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Sheet1").getCell("A1").value = "hello";
  const file = join(dir, "plain.xlsx");
  await wb.xlsx.writeFile(file);
  const r = await cli(["review", file, "-o", join(dir, "x.xlsx")]);
  expect(r.code).toBe(2);
  expect(r.err.trim().split("\n")).toHaveLength(1);
  expect(r.err).toMatch(/不是 SafeScore 生成的自评表.*not a SafeScore workbook/);
  const { file: ret } = await returnFile(3);
  const bytes = readFileSync(ret);
  expect(await cli(["review", ret])).toMatchObject({ code: 1 });
  const self = await cli(["review", ret, "-o", ret]);
  expect(self.code).toBe(1);
  expect(self.err).toMatch(/-o 不能是被核定的文件本身.*must not be the return itself/);
  expect(readFileSync(ret)).toEqual(bytes);
});

test("a checklist: one line, exit 2", async () => {
  const checklist = findRubric("xc2018-checklist")!;
  const file = join(dir, "checklist.xlsx");
  writeFileSync(file, await planToXlsx(plan(checklist, checklist.variants?.[0]?.id)));
  const r = await cli(["review", file, "-o", join(dir, "c.xlsx")]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/巡查表没有得分，无须核定 \/ a checklist has no scores to review/);
});

test("score on a reviewed return: the 核定 block (total, tier, veto, differences with both values and the note) and --json", async () => {
  const { file, amount } = await returnFile(3);
  const out = join(dir, "reviewed-edited.xlsx");
  expect((await cli(["review", file, "-o", out])).code).toBe(0);
  // The assessors un-tick the unit's tick and say why.
  const read = readWorkbook(await xlsxToGrid(new Uint8Array(readFileSync(out))), () => rubric);
  const item = read.map.items.find((i) => i.clauses.some((c) => c.kind === "fixed"))!;
  const clause = item.clauses.find((c) => c.kind === "fixed")!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet(read.sheetName)!;
  ws.getCell(clause.review!.inputCell).value = null;
  ws.getCell(clause.review!.noteCell).value = "现场核实已落实";
  await wb.xlsx.writeFile(out);

  const text = (await cli(["score", out])).out;
  const self = JSON.parse((await cli(["score", out, "--json"])).out);
  expect(text).toContain("核定（考核组）：");
  expect(text).toContain(`核定总分：${self.total + amount} / ${self.max}`);
  expect(text).toMatch(/核定等次：/);
  expect(text).toContain("核定否决：无");
  expect(text).toContain("核定与自评不同 1 处：");
  // qhd2016-dept deducts from its sections' points: an item's row shows minus its deduction (扣N分).
  expect(text).toContain(`自评 扣${amount}分 → 核定 0；核定说明：现场核实已落实`);
  expect(self.review).toMatchObject({
    total: self.total + amount,
    veto: { fail: false, noExcellent: false },
    differences: [{ id: item.id, self: -amount, review: 0, note: "现场核实已落实", cell: `${read.sheetName}!${item.review!.scoreCell}` }],
  });
  // Reviewing it again keeps the assessors' work.
  const again = await cli(["review", out, "-o", join(dir, "again.xlsx")]);
  expect(again.code).toBe(0);
  expect(again.err).toMatch(/已核定过：保留原有核定内容（1 项与自评不同）/);
  expect(JSON.parse((await cli(["score", join(dir, "again.xlsx"), "--json"])).out).review.differences).toEqual(self.review.differences);
});

test("inspect --json on a reviewed return gives the assessors' cells too", async () => {
  const { file } = await returnFile(3);
  const out = join(dir, "reviewed-inspect.xlsx");
  expect((await cli(["review", file, "-o", out])).code).toBe(0);
  const map = JSON.parse((await cli(["inspect", out, "--json"])).out);
  const read = readWorkbook(await xlsxToGrid(new Uint8Array(readFileSync(out))), () => rubric);
  const at = (a: string) => `${read.sheetName}!${a}`;
  expect(map.review).toEqual({
    totalCell: at(read.map.review!.totalCell), percentCell: at(read.map.review!.percentCell), vetoCell: at(read.map.review!.vetoCell), tierCell: at(read.map.review!.tierCell!),
  });
  const item = read.map.items.find((i) => i.clauses.length)!;
  const c = item.clauses[0];
  expect(map.items.find((i: { id: string }) => i.id === item.id).clauses[0].review).toEqual({
    inputCell: at(c.review!.inputCell), countCell: at(c.review!.countCell), valueCell: at(c.review!.valueCell), noteCell: at(c.review!.noteCell),
  });
  expect(map.vetoes[0].review.inputCell).toBe(at(read.map.vetoes[0].review!.inputCell));
  // A return not reviewed: no 核定 cells.
  expect(JSON.parse((await cli(["inspect", file, "--json"])).out).review).toBeNull();
});

test("a return with problems of its own (a formula replaced) is reviewed from its entries, with a note saying so", async () => {
  const { file } = await returnFile(3);
  const read = readWorkbook(await xlsxToGrid(new Uint8Array(readFileSync(file))), () => rubric);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  wb.getWorksheet(read.sheetName)!.getCell(read.map.totalCell!).value = 500;
  const edited = join(dir, "edited.xlsx");
  await wb.xlsx.writeFile(edited);
  const r = await cli(["review", edited, "-o", join(dir, "edited-reviewed.xlsx")]);
  expect(r.code).toBe(0);
  expect(r.err).toMatch(/有 1 处改动或异常（用 score 查看），核定表按读出的填写内容重新生成/);
  const json = JSON.parse((await cli(["score", join(dir, "edited-reviewed.xlsx"), "--json"])).out);
  expect(json.flags.filter((f: { kind: string }) => f.kind === "formula-replaced")).toEqual([]);
});

test("a blank return reviewed as blank claims no figure (未填写), in the text report and the sheet's 核定 tier", async () => {
  const blank = join(dir, "blank.xlsx");
  expect((await cli(["template", "--rubric", "qhd2016-dept", "-o", blank])).code).toBe(0);
  const out = join(dir, "blank-reviewed.xlsx");
  const r = await cli(["review", blank, "-o", out]);
  expect(r.out).toContain("自评总分 未填写");
  const text = (await cli(["score", out])).out;
  expect(text).toMatch(/核定（考核组）：\n核定总分：未填写（满分 500）/);
  const json = JSON.parse((await cli(["score", out, "--json"])).out);
  expect([json.state, json.review.state]).toEqual(["unfilled", "unfilled"]);
});

test("a penalty (减分项) the assessors change: listed with its deduction on both sides (扣N分)", async () => {
  const county = findRubric("county2023")!;
  const p = plan(county, undefined, "某县", { format: 3 });
  const penalty = p.map.penalties[0];
  const clause = penalty.clauses.find((c) => c.kind === "counted")!;
  const file = join(dir, "county.xlsx");
  writeFileSync(file, await planToXlsx(p, fillInputs(p, { clauses: { [clause.id]: { ticked: "√", count: 2 } } })));
  const out = join(dir, "county-reviewed.xlsx");
  expect((await cli(["review", file, "-o", out])).code).toBe(0);
  const read = readWorkbook(await xlsxToGrid(new Uint8Array(readFileSync(out))), () => county);
  const c = read.map.penalties[0].clauses.find((x) => x.id === clause.id)!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  wb.getWorksheet(read.sheetName)!.getCell(c.review!.countCell).value = 1;
  await wb.xlsx.writeFile(out);
  const json = JSON.parse((await cli(["score", out, "--json", "--rubric", "county2023"])).out);
  const amount = clause.amount!;
  expect(json.review.differences).toEqual([expect.objectContaining({ id: penalty.id, self: 2 * amount, review: amount })]);
  expect(json.review.total).toBe(json.total + amount);
  expect((await cli(["score", out])).out).toContain(`自评 扣${2 * amount}分 → 核定 扣${amount}分`);
}, 60_000);
