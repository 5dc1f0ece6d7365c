/** Updating a sheet to a new rubric version keeps every entry by id and lists what could not be carried. */
import { findRubric } from "../src/rubric/library";
import { parseRubric } from "../src/rubric/load";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { carryEntries } from "../src/layout/carry";
import { readWorkbook } from "../src/layout/read";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import type { Rubric } from "../src/rubric/schema";
import { RUBRIC_004_RAW, rubric004 } from "./helpers/rubric004";

test("entries move by id to the new version; a clause the new version dropped is reported", async () => {
  const current = findRubric("lw2015-dept")!;
  // The "old" version had one more sub-item in indicator 1 (i1.c99) that the current one dropped.
  const oldJson = structuredClone(current) as Rubric;
  oldJson.version = "2015.0";
  oldJson.sections[0].items![0].clauses.push({ id: "i1.c99", kind: "award", text: "11.旧版才有的子项，得1分。", amount: 1 });
  oldJson.sections[0].items![0].points = 31;
  oldJson.sections[0].points = 201;
  const old = parseRubric(oldJson, "old.json");
  const oldPlan = plan(old, "jyj", "区教育局");
  const entries = {
    variant: "jyj",
    fields: { unitName: "区教育局", date: "2015-07-20", phone: "86968538" },
    items: { i1: { note: "已制定年度计划" }, i3: { note: "录用3条" } },
    clauses: { "i3.c6b": { ticked: true }, "i1.c99": { ticked: true }, "i1.c2": { ticked: false } },
  };
  const grid = await xlsxToGrid(await planToXlsx(oldPlan, fillInputs(oldPlan, entries)));
  const oldSheet = grid.sheets.find((s) => s.name === "自评表")!;

  const next = plan(current, "jyj", "区教育局");
  const result = carryEntries(oldSheet, oldPlan.map.columns, next);
  expect(result.lost).toEqual([expect.objectContaining({ text: "11.旧版才有的子项，得1分。", message: expect.stringContaining("在新版考核细则中已不存在，未能转入") })]);

  // Written into the new sheet, the carried entries read back as the same responses (less the dropped one).
  const back = readWorkbook(await xlsxToGrid(await planToXlsx(next, result.inputs)), findRubric);
  // An explicit FALSE (an unticked checkbox) means the same as blank and is not carried.
  expect(back.responses.clauses).toEqual({ "i3.c6b": { ticked: true } });
  expect(back.responses.items).toEqual({ i1: { note: "已制定年度计划" }, i3: { note: "录用3条" } });
  expect(back.responses.fields).toEqual({ unitName: "区教育局", date: "2015-07-20", phone: "86968538" });
});

test("a selectable item's 抽查 tick and note are carried; an old 抽查 the new version no longer has is reported", async () => {
  const old = rubric004();
  const oldPlan = plan(old);
  const entries = {
    items: { "s19.i2": { selected: true, note: "已抽查矿山企业" }, "s19.i5": { selected: true } },
    clauses: { "s19.i2.c1": { count: 2 } },
  };
  const grid = await xlsxToGrid(await planToXlsx(oldPlan, fillInputs(oldPlan, entries)));
  const oldSheet = grid.sheets.find((s) => s.name === oldPlan.sheetName)!;
  // The new version no longer selects 19.5 (it is always inspected).
  const nextJson = JSON.parse(JSON.stringify(RUBRIC_004_RAW));
  nextJson.version = "2";
  delete nextJson.sections[2].items[1].selectable;
  const next = plan(parseRubric(nextJson, "next.json"));
  const result = carryEntries(oldSheet, oldPlan.map.columns, next);
  expect(result.lost).toEqual([expect.objectContaining({ message: expect.stringContaining("抽查") })]);
  const back = readWorkbook(await xlsxToGrid(await planToXlsx(next, result.inputs)), () => parseRubric(nextJson, "next.json"));
  expect(back.responses.items).toEqual({ "s19.i2": { selected: true, note: "已抽查矿山企业" } });
  expect(back.responses.clauses).toEqual({ "s19.i2.c1": { count: 2 } });
});
