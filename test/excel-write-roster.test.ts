/**
 * The roster plan written into an open workbook through Office.js (src/excel/write-roster.ts), run against
 * the in-memory host: new sheets beside the user's (never over them), the 003 table recalculated by the
 * host as the district office published it, formula-looking names kept as text, and a real column chart of
 * the 等次 counts that follows the meeting's edits.
 */
import { createHost, type Host } from "../src/host";
import { writeRoster, type RosterWritten } from "../src/excel/write-roster";
import { ROSTER_ROWS, rosterCol } from "../src/consolidate/sheets";
import { HOSTILE_NAMES, RANKED_003, SENTENCE_003, VETOED_003, consolidation003, rewardOf } from "./helpers/roster003";

const ROSTER = "2014年全区安全生产目标管理成绩表";
const UNITS = [...RANKED_003.map(([u]) => u), ...VETOED_003.map(([u]) => u)].map((u) => HOSTILE_NAMES[u] ?? u);
const rowOf = (unit: string) => ROSTER_ROWS.first + UNITS.indexOf(unit);

let host: Host;
let written: RosterWritten;
const value = (sheet: string, a: string) => {
  const v = host.workbook.get(sheet, a).value;
  return v !== null && typeof v === "object" ? v.error : v;
};

beforeAll(async () => {
  // The user's workbook already has a sheet called 汇总, with their own figures.
  host = createHost({ sheets: ["Sheet1", "汇总"] });
  host.workbook.userEdit("汇总", "A1", "我的数据");
  host.resetCounters();
  written = await host.Excel.run((ctx) => writeRoster(ctx, consolidation003({ rename: HOSTILE_NAMES })));
});

test("new sheets after the user's, 汇总 renamed to a free name; the user's 汇总 untouched; three requests", () => {
  expect(host.workbook.sheets.map((s) => s.name)).toEqual(["Sheet1", "汇总", ROSTER, "汇总 (2)", "问题清单", "扣分明细-2014年全区安全生产目标管理", "设置"]);
  expect(written.sheets).toEqual([ROSTER, "汇总 (2)", "问题清单", "扣分明细-2014年全区安全生产目标管理", "设置"]);
  expect(value("汇总", "A1")).toBe("我的数据");
  expect(host.workbook.get("汇总", "B1").value).toBeNull();
  expect(host.syncCount).toBeLessThanOrEqual(3);
  expect(host.workbook.activeSheet.name).toBe(ROSTER);
});

test("the host recalculates 003: 序号, 考核分数, 奖励金额, 备注 and the sentence as published", () => {
  const table = UNITS.map((u) => {
    const r = rowOf(u);
    return [value(ROSTER, `A${r}`), value(ROSTER, `B${r}`), value(ROSTER, `H${r}`), value(ROSTER, `K${r}`), value(ROSTER, `L${r}`)];
  });
  expect(table).toEqual([
    ...RANKED_003.map(([u, s], i) => [i + 1, HOSTILE_NAMES[u] ?? u, s, rewardOf(u, s), ""]),
    ...VETOED_003.map(([u, note], i) => [35 + i, u, "", "", note]),
  ]);
  expect(value(ROSTER, "A2")).toBe(SENTENCE_003);
  expect(host.workbook.get(ROSTER, `${rosterCol("score")}4`).formula).toBe(`=IF(OR($G4<>"",$D4=""),"",ROUND($D4+$E4,'设置'!$B$4))`);
  // 汇总 (2): the formulas agree with SafeScore's figures at export, row by row.
  for (let r = 4; r <= 14; r++) expect([r, value("汇总 (2)", `B${r}`)]).toEqual([r, value("汇总 (2)", `C${r}`)]);
});

test("formula-looking unit names are text constants, not formulas", () => {
  for (const name of Object.values(HOSTILE_NAMES)) {
    const cell = host.workbook.get(ROSTER, `B${rowOf(name)}`);
    expect([cell.value, cell.formula]).toEqual([name, null]);
  }
  expect(host.workbook.get("问题清单", "D2")).toMatchObject({ value: '=HYPERLINK("http://x","y")', formula: null });
});

test("a column chart of the 等次 counts on 汇总, read back through Office.js", async () => {
  const got = await host.Excel.run(async (ctx) => {
    const charts = ctx.workbook.worksheets.getItem("汇总 (2)").charts;
    const count = charts.getCount();
    charts.load("items/name,items/chartType,items/title/text");
    const series = charts.getItemAt(0).series;
    series.load("items/name");
    const first = series.getItemAt(0);
    const categories = first.getDimensionValues("Categories");
    const values = first.getDimensionValues("Values");
    await ctx.sync();
    return { count: count.value, chart: charts.items[0].toJSON(), series: series.items.map((s) => s.name), categories: categories.value, values: values.value };
  });
  expect(got).toEqual({
    count: 1,
    chart: { name: "Chart 1", chartType: "ColumnClustered", title: { text: "等次分布（单位数）" } },
    series: ["单位数"],
    categories: ["优秀", "良好", "合格", "不合格"],
    // 003: 25 at 90 or above, 9 at 89, the four vetoes 不合格.
    values: ["25", "9", "0", "4"],
  });
  expect(host.workbook.sheet(ROSTER)!.charts).toHaveLength(0);
});

test("the meeting's edit re-ranks and re-charts: 区气象局 −10 → 79 (合格), 33 at or above 80", () => {
  const r = rowOf("区气象局");
  expect(host.workbook.userEdit(ROSTER, `E${r}`, -10)).toEqual({ ok: true });
  expect([value(ROSTER, `H${r}`), value(ROSTER, `J${r}`), value(ROSTER, `K${r}`)]).toEqual([79, "合格", 0]);
  expect(value(ROSTER, "A2")).toBe("在被考核的38个单位中，考核分数在80分以上的有33个，占86.84%");
  const chart = host.workbook.sheet("汇总 (2)")!.charts[0];
  expect(host.workbook.chartData(chart).series[0].values).toEqual([25, 8, 1, 4]);
  // The 调整 cell refuses text as Excel's validation would.
  expect(host.workbook.userEdit(ROSTER, `E${r}`, "很多")).toMatchObject({ ok: false, title: "输入有误" });
});

test("a second roster in the same workbook gets its own names, and its formulas follow its own 设置", async () => {
  const again = await host.Excel.run((ctx) => writeRoster(ctx, consolidation003()));
  expect(again.sheets).toEqual([`${ROSTER} (2)`, "汇总 (3)", "问题清单 (2)", "扣分明细-2014年全区安全生产目标管理 (2)", "设置 (2)"]);
  expect(host.workbook.get(`${ROSTER} (2)`, "H4").formula).toContain("'设置 (2)'!$B$4");
  expect(value(`${ROSTER} (2)`, "A2")).toBe(SENTENCE_003);
});
