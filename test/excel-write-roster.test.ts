/**
 * The roster plan written into an open workbook through Office.js (src/excel/write-roster.ts), run against
 * the in-memory host: new sheets beside the user's (never over them), the 003 table recalculated by the
 * host as the district office published it, formula-looking names kept as text, and a real column chart of
 * the 等次 counts that follows the meeting's edits; a roster of reviewed returns with 自评分 and 核定分 side by side.
 */
import { createHost, type Host } from "../src/host";
import { writeRoster, type RosterWritten } from "../src/excel/write-roster";
import { ROSTER_ROWS, rosterCol } from "../src/consolidate/sheets";
import { HOSTILE_NAMES, RANKED_003, SENTENCE_003, VETOED_003, consolidation003, rewardOf } from "./helpers/roster003";
import { consolidate } from "../src/consolidate/roster";
import { REVIEW_POLICY, REVIEW_UNITS, reviewedOutcomes } from "./helpers/reviewed";

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
    return (["seq", "unit", "score", "reward", "note"] as const).map((k) => value(ROSTER, `${rosterCol(k)}${r}`));
  });
  expect(table).toEqual([
    ...RANKED_003.map(([u, s], i) => [i + 1, HOSTILE_NAMES[u] ?? u, s, rewardOf(u, s), ""]),
    ...VETOED_003.map(([u, note], i) => [35 + i, u, "", "", note]),
  ]);
  expect(value(ROSTER, "A2")).toBe(SENTENCE_003);
  expect(host.workbook.get(ROSTER, `${rosterCol("score")}4`).formula).toBe(`=IF(OR($I4<>"",IF($F4="核定",$E4,$D4)=""),"",ROUND(IF($F4="核定",$E4,$D4)+$G4,'设置'!$B$4))`);
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
  expect(host.workbook.userEdit(ROSTER, `${rosterCol("adjust")}${r}`, -10)).toEqual({ ok: true });
  expect((["score", "tier", "reward"] as const).map((k) => value(ROSTER, `${rosterCol(k)}${r}`))).toEqual([79, "合格", 0]);
  expect(value(ROSTER, "A2")).toBe("在被考核的38个单位中，考核分数在80分以上的有33个，占86.84%");
  const chart = host.workbook.sheet("汇总 (2)")!.charts[0];
  expect(host.workbook.chartData(chart).series[0].values).toEqual([25, 8, 1, 4]);
  // The 调整 cell refuses text as Excel's validation would.
  expect(host.workbook.userEdit(ROSTER, `${rosterCol("adjust")}${r}`, "很多")).toMatchObject({ ok: false, title: "输入有误" });
});

test("a second roster in the same workbook gets its own names, and its formulas follow its own 设置", async () => {
  const again = await host.Excel.run((ctx) => writeRoster(ctx, consolidation003()));
  expect(again.sheets).toEqual([`${ROSTER} (2)`, "汇总 (3)", "问题清单 (2)", "扣分明细-2014年全区安全生产目标管理 (2)", "设置 (2)"]);
  expect(host.workbook.get(`${ROSTER} (2)`, `${rosterCol("score")}4`).formula).toContain("'设置 (2)'!$B$4");
  expect(value(`${ROSTER} (2)`, "A2")).toBe(SENTENCE_003);
});

describe("a roster of reviewed returns (test/helpers/reviewed.ts), written into a new workbook", () => {
  let h: Host;
  const SHEET = "考核表成绩表";
  /** Rows ranked by 核定: 区丁局 95 (自评, not reviewed), 区乙局 88, 区戊局 86, 甲镇 78, 丙镇 vetoed by the assessors. */
  const ROW = { 区丁局: 4, 区乙局: 5, 区戊局: 6, 甲镇: 7, 丙镇: 8 } as const;
  const v = (a: string) => {
    const x = h.workbook.get(SHEET, a).value;
    return x !== null && typeof x === "object" ? x.error : x;
  };
  const row = (unit: keyof typeof ROW) => (["seq", "self", "review", "basis", "score", "tier", "reward", "note"] as const).map((k) => v(`${rosterCol(k)}${ROW[unit]}`));
  beforeAll(async () => {
    h = createHost({ sheets: ["Sheet1"] });
    await h.Excel.run((ctx) => writeRoster(ctx, consolidate(reviewedOutcomes(), REVIEW_UNITS, REVIEW_POLICY)));
  });

  test("自评分 and 核定分 side by side; 考核分数 is the 核定分 where 依据 is 核定", () => {
    expect(["self", "review", "basis", "score"].map((k) => v(`${rosterCol(k as "self")}3`))).toEqual(["自评分", "核定分", "依据", "考核分数"]);
    expect(row("区丁局")).toEqual([1, 95, null, "自评", 95, "优秀", 1500, ""]);
    // (88 − 80) × 100 = 800.
    expect(row("区乙局")).toEqual([2, 91, 88, "核定", 88, "良好", 800, ""]);
    expect(row("甲镇")).toEqual([4, 81, 78, "核定", 78, "合格", 0, ""]);
    expect(row("丙镇")).toEqual([5, null, null, "核定", "", "不合格", "", "核定一票否决：发生较大事故"]);
    expect(v("A2")).toBe("在被考核的5个单位中，考核分数在80分以上的有3个，占60.00%");
    expect(h.workbook.get("汇总", "A16").value).toBe("4个单位经核定，核定改变了2个单位的80分线归属、3个单位的等次（导出时）");
  });

  test("the meeting's +3 on 甲镇's 核定 78 gives 81 and (81 − 80) × 400 = 400; 4 of 5 at or above 80", () => {
    expect(h.workbook.userEdit(SHEET, `${rosterCol("adjust")}${ROW.甲镇}`, 3)).toEqual({ ok: true });
    expect(row("甲镇")).toEqual([4, 81, 78, "核定", 81, "良好", 400, ""]);
    expect(v("A2")).toBe("在被考核的5个单位中，考核分数在80分以上的有4个，占80.00%");
  });
});
