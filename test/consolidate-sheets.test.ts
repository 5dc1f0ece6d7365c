/**
 * The roster workbook plan (src/consolidate/sheets.ts), pure: sheet names (free ones beside a workbook's
 * own), every string from a return or the unit list a value and never inside a formula, the 等次 chart's
 * data range over the tier counts, and the 调整 validation over exactly the data rows.
 */
import { ROSTER_ROWS, rosterCol, rosterWorkbookPlan, rowFormulas, summaryFormulas, type RosterSheetPlan } from "../src/consolidate/sheets";
import { HOSTILE_NAMES, consolidation003 } from "./helpers/roster003";
import { rosterTitle } from "../src/consolidate/labels";

const c = consolidation003({ rename: HOSTILE_NAMES });
const plan = rosterWorkbookPlan(c);
const sheet = (role: RosterSheetPlan["role"]) => plan.sheets.find((s) => s.role === role)!;
const cell = (s: RosterSheetPlan, a: string) => s.cells.find((x) => x.a === a);

test("sheet names: 成绩表 from the rubric title, 汇总, 问题清单, 扣分明细, 设置 last; at most 31 characters", () => {
  expect(plan.sheets.map((s) => [s.role, s.name])).toEqual([
    ["roster", "2014年全区安全生产目标管理成绩表"],
    ["summary", "汇总"],
    ["problems", "问题清单"],
    ["deductions", "扣分明细-2014年全区安全生产目标管理"],
    ["settings", "设置"],
  ]);
  for (const s of plan.sheets) expect(s.name.length).toBeLessThanOrEqual(31);
});

test("names taken in the workbook (any case) are avoided, and every formula names the 设置 actually used", () => {
  const p = rosterWorkbookPlan(c, { taken: ["设置", "汇总", "汇总 (2)"] });
  expect(p.sheets.map((s) => s.name)).toEqual(["2014年全区安全生产目标管理成绩表", "汇总 (3)", "问题清单", "扣分明细-2014年全区安全生产目标管理", "设置 (2)"]);
  expect(p.settingsSheet).toBe("设置 (2)");
  const formulas = p.sheets.flatMap((s) => s.cells.filter((x) => x.f !== undefined).map((x) => x.f!));
  expect(formulas.some((f) => f.includes("'设置 (2)'!"))).toBe(true);
  expect(formulas.filter((f) => /'设置'!/.test(f))).toEqual([]);
});

test("every string from a return, the unit list or a problem is a constant: in no formula, anywhere", () => {
  const fromReturns = [
    ...c.groups.flatMap((g) => g.rows.flatMap((r) => [r.unit, r.note, r.file ?? "", r.category ?? ""])),
    ...c.problems.flatMap((p) => [p.unit ?? "", p.file ?? "", p.message]),
    ...c.groups.flatMap((g) => g.deductions.rows.map((r) => r.unit)),
  ].filter((t) => t.length > 1);
  const allCells = plan.sheets.flatMap((s) => s.cells);
  const formulas = allCells.filter((x) => x.f !== undefined).map((x) => x.f!);
  for (const t of fromReturns) expect([t, formulas.filter((f) => f.includes(t))]).toEqual([t, []]);
  const values = new Set(allCells.map((x) => x.v));
  for (const name of Object.values(HOSTILE_NAMES)) expect(values.has(name)).toBe(true);
  // 类别 names do appear in formulas only through VLOOKUP on cells, never as literals.
  expect(formulas.some((f) => f.includes('"镇街"'))).toBe(false);
});

test("the 等次 chart: a column chart on 汇总 of the four tier counts (header row + 4), beside the table", () => {
  const s = sheet("summary");
  expect(s.charts).toEqual([
    { type: "columnClustered", title: "等次分布（单位数）", source: "E3:F7", seriesBy: "columns", from: "H1", to: "O15" },
  ]);
  const f = summaryFormulas("2014年全区安全生产目标管理成绩表", ROSTER_ROWS.first, ROSTER_ROWS.first + 37);
  expect(["E3", "F3", "E4", "E5", "E6", "E7"].map((a) => cell(s, a)?.v)).toEqual(["等次", "单位数", "优秀", "良好", "合格", "不合格"]);
  expect(["F4", "F5", "F6", "F7"].map((a) => cell(s, a)?.f)).toEqual([f.tier("excellent"), f.tier("good"), f.tier("pass"), f.tier("fail")]);
  // The counts are the same formulas as the table's 优秀…不合格 rows (B7:B10), whose export-time figures are 003's.
  expect(["B7", "B8", "B9", "B10"].map((a) => cell(s, a)?.f)).toEqual(["F4", "F5", "F6", "F7"].map((a) => cell(s, a)?.f));
  expect(["C7", "C8", "C9", "C10"].map((a) => cell(s, a)?.v)).toEqual([25, 9, 0, 4]);
  for (const other of plan.sheets.filter((x) => x.role !== "summary")) expect(other.charts).toEqual([]);
});

test("调整 takes a number on exactly the 38 data rows; 否决 and 调整理由 are editable (filled); 自评分, 核定分 and 依据 are constants", () => {
  const r = sheet("roster");
  expect(r.validations).toEqual([{ range: "G4:G41", type: "decimal", min: -1000, max: 1000, errorTitle: "输入有误", error: "调整请填数字（加分为正，减分为负），不调整留空。" }]);
  expect([cell(r, "G4")?.s, cell(r, "H4")?.s, cell(r, "I4")?.s]).toEqual(["editCenter", "edit", "editWrap"]);
  // 003's rows are not reviewed: 自评分 is the score, 核定分 empty, 依据 自评.
  expect(cell(r, `${rosterCol("self")}4`)).toEqual({ a: "D4", v: 95, s: "bodyCenter" });
  expect(cell(r, `${rosterCol("review")}4`)).toEqual({ a: "E4", v: null, s: "bodyCenter" });
  expect(cell(r, `${rosterCol("basis")}4`)).toEqual({ a: "F4", v: "自评", s: "bodyCenter" });
  expect(r.freeze).toEqual({ rows: 3, columns: 2 });
  expect(r.print).toMatchObject({ orientation: "landscape", titleRows: "3:3", area: "$A$1:$P$41" });
});

test("考核分数 starts from the score 依据 names: 核定分 for 核定, else 自评分", () => {
  const f = rowFormulas(4, 4, 41, c.policy, "formula");
  expect(f.score).toBe(`IF(OR($I4<>"",IF($F4="核定",$E4,$D4)=""),"",ROUND(IF($F4="核定",$E4,$D4)+$G4,'设置'!$B$4))`);
});

test("设置 shows the basis; 汇总 says what the review moved only when a unit was reviewed", () => {
  const s = sheet("settings");
  expect(["A9", "B9"].map((a) => cell(s, a)?.v)).toEqual(["计分依据", "核定分"]);
  expect(rosterWorkbookPlan({ ...c, policy: { ...c.policy, basis: "self" } }).sheets.at(-1)!.cells.find((x) => x.a === "B9")?.v).toBe("自评分");
  const moved = (p: typeof plan) => p.sheets.find((x) => x.role === "summary")!.cells.filter((x) => typeof x.v === "string" && x.v.includes("经核定"));
  expect(moved(plan)).toEqual([]);
  const g = c.groups[0];
  const sentence = "4个单位经核定，核定改变了2个单位的80分线归属、3个单位的等次";
  const reviewed = rosterWorkbookPlan({ ...c, groups: [{ ...g, summary: { ...g.summary, moved: { reviewed: 4, threshold: 2, tier: 3, units: [], sentence } } }] });
  // Under the block's 免考单位数 (row 15), merged over the table's three columns.
  expect(moved(reviewed)).toEqual([{ a: "A16", v: `${sentence}（导出时）`, s: "sentenceWrap" }]);
  expect(reviewed.sheets.find((x) => x.role === "summary")!.merges).toContain("A16:C16");
});

test("the roster's title from the rubric's: 实施细则, 自评表 and 考核办法 give way to 考核成绩表", () => {
  const title = (t: string) => rosterTitle({ rubric: { id: "x", version: "1", title: t } });
  // 001 附件4's own title, "2016度" as printed there.
  expect(title("2016度市直部门层面安全生产目标管理考核实施细则")).toBe("2016度市直部门层面安全生产目标管理考核成绩表");
  expect(title("区有关单位安全生产目标管理责任制考核自评表")).toBe("区有关单位安全生产目标管理责任制考核成绩表");
  expect(title("秦皇岛市2016年度县区安全生产目标考核方案")).toBe("秦皇岛市2016年度县区安全生产目标考核成绩表");
});
