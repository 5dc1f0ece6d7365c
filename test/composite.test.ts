/**
 * The 千分制 composite of 001_… (三、考核记分（一）县区考核按千分计算): real returns of 附件2 (qhd2016-party, 100)
 * and 附件3 (qhd2016-gov, 300) — made by plan + fillInputs + planToXlsx with chosen losses, read back by
 * readReturn — plus the office's scores sheet (行政执法100, 行业专项200 in 20 sectors of 10, 日常考核300), ranked
 * by the composite. Every expected figure is computed by hand below from the ticks and the sheet.
 */
import iconv from "iconv-lite";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { plan } from "../src/layout/plan";
import { findRubric } from "../src/rubric/library";
import { readReturn } from "../src/consolidate/from-read";
import { compositePolicy, consolidateComposite } from "../src/consolidate/composite";
import { parseScoreSheet } from "../src/consolidate/scores";
import { parseUnitList } from "../src/consolidate/units";
import { DEFAULT_POLICY } from "../src/consolidate/policy";
import { rosterToXlsx, rosterCol, ROSTER_ROWS } from "../src/consolidate/xlsx";
import { rosterWorkbookPlan } from "../src/consolidate/sheets";
import { findScheme } from "../src/scheme/shipped";
import { parseScheme } from "../src/scheme/load";
import type { Consolidation, ReadOutcome, RosterRow } from "../src/consolidate/types";
import type { Responses } from "../src/scoring";
import { workbookFor } from "./helpers/workbooks";
import { cli } from "./helpers/cli";
import { disposeProfile, readValues, recalcMany } from "./helpers/libreoffice";
import { describeWithTool } from "./helpers/tools";

const scheme = findScheme("qhd2016-county")!;
const enc = (s: string) => new TextEncoder().encode(s);

/** A filled return: the header and footer, a note on every item, the given losses (ticks and counts) and vetoes. */
function responses(rubricId: string, unit: string, clauses: Record<string, { ticked?: boolean; count?: number }>, vetoes: Record<string, boolean> = {}): Responses {
  const p = plan(findRubric(rubricId)!);
  return {
    fields: { unitName: unit, date: "2017-01-10", head: "张三", filler: "李四", phone: "0335-3000000" },
    items: Object.fromEntries(p.map.items.map((i) => [i.id, { note: "已落实，见台账" }])),
    clauses,
    vetoes,
  };
}

/*
 * 附件2 (党委层面, 满分100, deductions):
 *   海港区   s1.i1 “未落实扣10分” ticked −10; s1.i2 “每发现1地扣2分” × 2 −4           → 100 − 14 = 86
 *   山海关区 s1.i6 “…扣5分” ticked −5                                             → 95
 *   抚宁区   s1.i9 “…扣3分” × 1 −3                                                → 97
 *   卢龙县   s1.i1 ticked −10, and the 一票否决 “发生较大以上安全生产（含职业病危害）事故” ticked → 90, vetoed
 * 附件3 (政府层面, 满分300):
 *   海港区   s5.i1 “…扣5分” ticked −5; s3.i1 “…扣4分” × 1 −4                        → 291
 *   山海关区 s9.i1 “…扣10分” ticked −10; s1.i1 “…扣2分” × 3 −6                       → 284
 *   抚宁区   s4.i1 “…扣4分” × 2 −8                                                 → 292
 *   卢龙县   s2.i1 “…扣2分” × 1 −2                                                 → 298
 * Each table's maximum equals its weight in the scheme (100, 300): the parts are the totals as they are.
 */
const RETURNS: [string, string, Responses][] = [
  ["海港区-党委.xlsx", "qhd2016-party", responses("qhd2016-party", "海港区", { "s1.i1.c1": { ticked: true }, "s1.i2.c1": { count: 2 } })],
  ["山海关区-党委.xlsx", "qhd2016-party", responses("qhd2016-party", "山海关区", { "s1.i6.c1": { ticked: true } })],
  ["抚宁区-党委.xlsx", "qhd2016-party", responses("qhd2016-party", "抚宁区", { "s1.i9.c1": { count: 1 } })],
  ["卢龙县-党委.xlsx", "qhd2016-party", responses("qhd2016-party", "卢龙县", { "s1.i1.c1": { ticked: true } }, { "v.fail1": true })],
  ["海港区-政府.xlsx", "qhd2016-gov", responses("qhd2016-gov", "海港区", { "s5.i1.c1": { ticked: true }, "s3.i1.c1": { count: 1 } })],
  ["山海关区-政府.xlsx", "qhd2016-gov", responses("qhd2016-gov", "山海关区", { "s9.i1.c1": { ticked: true }, "s1.i1.c1": { count: 3 } })],
  ["抚宁区-政府.xlsx", "qhd2016-gov", responses("qhd2016-gov", "抚宁区", { "s4.i1.c1": { count: 2 } })],
  ["卢龙县-政府.xlsx", "qhd2016-gov", responses("qhd2016-gov", "卢龙县", { "s2.i1.c1": { count: 1 } })],
];

/** 附件1: 青龙县、海港区、开发区 were assessed by the province; here 青龙县 stands for them (免考, not missing). */
const UNITS_CSV = "单位,类别,否决原因,优秀否决原因,免考原因\n海港区,县区,,,\n山海关区,县区,,,\n抚宁区,县区,,,\n卢龙县,县区,,,\n青龙县,县区,,,已由省考核组考核（附件1）\n";

const SAFETY = ["非煤矿山", "五大行业", "危险化学品和烟花爆竹", "冶金建材", "职业卫生", "应急救援", "人事培训", "宣传教育", "两体一化", "智慧安监", "事故调查"];
const OTHER = ["交通运输", "建筑施工", "道路交通", "消防", "特种设备", "旅游", "教育", "卫生", "城管"];

/*
 * The scores sheet (行政执法 “由安全生产监察支队制定细则”; 行业专项 “由各行业主管打分报安委办，记入总分”; 日常考核):
 *   海港区   行政执法 92
 *            市安监局 sectors: 非煤矿山 8 with 煤矿 7 → (8 + 7) / 2 = 7.5 (“海港区煤矿考核同非煤矿山相加取平均值”),
 *            五大行业 9, 危险化学品和烟花爆竹 10, 冶金建材 9, 职业卫生 8, 应急救援 10, 人事培训 10, 宣传教育 9,
 *            两体一化 10, 智慧安监 9, 事故调查 10 → 7.5 + 94 = 101.5 (of 110)
 *            other departments: 交通运输 9, 建筑施工 8, 道路交通 10, 消防 9, 特种设备 10, 旅游 10, 教育 9, 卫生 10,
 *            城管 8 → 83 (of 90);  行业专项 = 101.5 + 83 = 184.5
 *            日常考核 270
 *            composite = 86 + 291 + 92 + 184.5 + 270 = 923.5
 *   山海关区 行政执法 85; 行业专项: the 11 市安监局 sectors 9 each = 99, the 9 others 8 each = 72 → 171; 日常考核 255
 *            composite = 95 + 284 + 85 + 171 + 255 = 890
 *   抚宁区   行政执法 90; 行业专项 entered as one line, 180; no 日常考核 → missing a part, not ranked (its partial
 *            sum 97 + 292 + 90 + 180 = 659 is never shown as a score)
 *   卢龙县   行政执法 80; 行业专项 160; 日常考核 240 → all parts, but vetoed by its 党委层面 return
 */
const HAIGANG_SECTORS: [string, number][] = [
  ["非煤矿山", 8], ["煤矿", 7], ["五大行业", 9], ["危险化学品和烟花爆竹", 10], ["冶金建材", 9], ["职业卫生", 8], ["应急救援", 10], ["人事培训", 10],
  ["宣传教育", 9], ["两体一化", 10], ["智慧安监", 9], ["事故调查", 10],
  ["交通运输", 9], ["建筑施工", 8], ["道路交通", 10], ["消防", 9], ["特种设备", 10], ["旅游", 10], ["教育", 9], ["卫生", 10], ["城管", 8],
];
const SCORE_LINES: [string, string, number][] = [
  ["海港区", "行政执法", 92],
  ...HAIGANG_SECTORS.map(([s, v]): [string, string, number] => ["海港区", s, v]),
  ["海港区", "日常考核", 270],
  ["山海关区", "行政执法", 85],
  ...SAFETY.map((s): [string, string, number] => ["山海关区", s, 9]),
  ...OTHER.map((s): [string, string, number] => ["山海关区", s, 8]),
  ["山海关区", "日常考核", 255],
  ["抚宁区", "行政执法", 90],
  ["抚宁区", "行业专项", 180],
  ["卢龙县", "行政执法", 80],
  ["卢龙县", "行业专项", 160],
  ["卢龙县", "日常考核", 240],
];
const SCORES_CSV = "单位,组成部分,分数\n" + SCORE_LINES.map((l) => l.join(",")).join("\n") + "\n";

/** [序号, 单位, 考核分数, 等次, 备注] and parts, as the roster holds them. */
const printed = (rows: RosterRow[]) => rows.map((r) => [r.rank, r.unit, r.score, r.tier, r.note]);

/*
 * Ranked: 海港区 923.5 → 92.35% ≥ 90 → 优秀; 山海关区 890 → 89% ≥ 80 → 良好 (default tiers 90/80/60 percent, applied
 * to composite / 1000 × 100). Then 卢龙县 vetoed (序号 3, no score, 不合格, the reason from its return in 备注).
 * 抚宁区 last, not ranked. Summary: 3 units assessed (2 ranked + 1 vetoed), 2 at or above 80% = 800 points,
 * 2 / 3 = 66.67%.
 */
const EXPECTED = [
  [1, "海港区", 923.5, "excellent", ""],
  [2, "山海关区", 890, "good", ""],
  [3, "卢龙县", null, "fail", "自评表申报一票否决：党委层面：发生较大以上安全生产（含职业病危害）事故"],
  [null, "抚宁区", null, null, "缺少日常考核，未排名"],
];
const SENTENCE = "在被考核的3个单位中，考核分数在800分以上的有2个，占66.67%";

let outcomes: ReadOutcome[];
const files = new Map<string, Uint8Array>();

beforeAll(async () => {
  outcomes = await Promise.all(
    RETURNS.map(async ([file, rubric, resp]) => {
      const bytes = await workbookFor(rubric, resp);
      files.set(file, bytes);
      return readReturn(bytes, file);
    }),
  );
}, 60_000);

const run = (scoresCsv: string = SCORES_CSV, unitsCsv: string | null = UNITS_CSV, policy = DEFAULT_POLICY): Consolidation =>
  consolidateComposite(outcomes, unitsCsv === null ? null : parseUnitList(enc(unitsCsv), "units.csv").units, policy, scheme, parseScoreSheet(enc(scoresCsv), "scores.csv"));

describe("two counties from party and government returns plus the scores sheet", () => {
  test("every return re-scores to the hand-computed total", () => {
    const totals = outcomes.map((o) => (o.ok ? [o.ret.unit, o.ret.rubric.id, o.ret.total, o.ret.veto.fail] : o.error.message));
    expect(totals).toEqual([
      ["海港区", "qhd2016-party", 86, false],
      ["山海关区", "qhd2016-party", 95, false],
      ["抚宁区", "qhd2016-party", 97, false],
      ["卢龙县", "qhd2016-party", 90, true],
      ["海港区", "qhd2016-gov", 291, false],
      ["山海关区", "qhd2016-gov", 284, false],
      ["抚宁区", "qhd2016-gov", 292, false],
      ["卢龙县", "qhd2016-gov", 298, false],
    ]);
  });

  test("composite, ranks, tiers and notes; the summary in points of 1000", () => {
    const c = run();
    expect(c.groups).toHaveLength(1);
    const g = c.groups[0];
    expect(g.rubric).toEqual({ id: "qhd2016-county", version: "2016.1", title: "秦皇岛市2016年度县区安全生产目标考核方案" });
    expect(printed(g.rows)).toEqual(EXPECTED);
    expect(g.summary.sentence).toBe(SENTENCE);
    expect([g.summary.units, g.summary.atOrAbove, g.summary.share]).toEqual([3, 2, 66.67]);
    expect(g.summary.tiers).toEqual({ excellent: 1, good: 1, pass: 0, fail: 1 });
    expect(g.exempt).toEqual([{ unit: "青龙县", reason: "已由省考核组考核（附件1）", file: null }]);
  });

  test("parts: each component's points, 行业专项 with 煤矿 averaged into 非煤矿山; null where missing", () => {
    const rows = Object.fromEntries(run().groups[0].rows.map((r) => [r.unit, r.parts]));
    expect(rows["海港区"]).toEqual({ 党委层面: 86, 政府层面: 291, 行政执法: 92, 行业专项: 184.5, 日常考核: 270 });
    expect(rows["山海关区"]).toEqual({ 党委层面: 95, 政府层面: 284, 行政执法: 85, 行业专项: 171, 日常考核: 255 });
    expect(rows["抚宁区"]).toEqual({ 党委层面: 97, 政府层面: 292, 行政执法: 90, 行业专项: 180, 日常考核: null });
    expect(rows["卢龙县"]).toEqual({ 党委层面: 90, 政府层面: 298, 行政执法: 80, 行业专项: 160, 日常考核: 240 });
  });

  test("the unit missing a part has a problem line naming it, and is kept out of the ranking", () => {
    const c = run();
    expect(c.problems.map((p) => [p.kind, p.unit, p.message])).toEqual([
      ["missing-part", "抚宁区", "单位“抚宁区”缺少组成部分：日常考核（分数表中没有），不按部分分数排名 / \"抚宁区\" lacks 日常考核 (not in the scores sheet); not ranked on a partial sum"],
    ]);
  });

  test("a reviewed return counts by its 核定 under basis review, by the unit's own under basis self", () => {
    // 山海关区's party return as reviewed: the assessors found 81 where the unit claimed 95 (a ReviewedScore as
    // the reader gives it). Basis review: 党委层面 81 → 81 + 284 + 85 + 171 + 255 = 876 → 87.6% → 良好, still 2nd.
    // Basis self: the unit's 95 → 890, as without the review.
    const reviewed = outcomes.map((o) =>
      o.ok && o.ret.unit === "山海关区" && o.ret.rubric.id === "qhd2016-party"
        ? { ...o, ret: { ...o.ret, review: { total: 81, percent: 81, tier: "good" as const, veto: o.ret.veto, complete: true, state: "final" as const, deductions: o.ret.items.map(() => 0), differences: [] } } }
        : o,
    );
    const by = (basis: "review" | "self") => {
      const g = consolidateComposite(reviewed, parseUnitList(enc(UNITS_CSV), "units.csv").units, { ...DEFAULT_POLICY, basis }, scheme, parseScoreSheet(enc(SCORES_CSV), "scores.csv")).groups[0];
      return g.rows.find((r) => r.unit === "山海关区")!;
    };
    expect([by("review").parts!["党委层面"], by("review").score, by("review").rank, by("review").basis]).toEqual([81, 876, 2, "review"]);
    expect([by("self").parts!["党委层面"], by("self").score, by("self").basis]).toEqual([95, 890, "self"]);
  });

  test("设置 names the composite's scale, not 原始分", () => {
    const settings = rosterWorkbookPlan(run()).sheets.find((x) => x.role === "settings")!;
    expect(settings.cells.find((x) => x.a === "B5")?.v).toBe("1000分制（考核方案）");
  });

  test("without 煤矿, 非煤矿山 counts alone (the average is 海港区's, where it has coal mines)", () => {
    const c = run(SCORES_CSV.replace("海港区,煤矿,7\n", ""));
    // 行业专项 = 8 + 94 + 83 = 185 → composite 924.
    const hg = c.groups[0].rows.find((r) => r.unit === "海港区")!;
    expect([hg.parts!["行业专项"], hg.score]).toEqual([185, 924]);
  });

  test("a missing sector is named; a 一票否决 on the unit list vetoes with the office's words", () => {
    const c = run(SCORES_CSV.replace("山海关区,教育,8\n", ""), UNITS_CSV.replace("海港区,县区,,,", "海港区,县区,发生较大事故,,"));
    expect(printed(c.groups[0].rows)).toEqual([
      [1, "海港区", null, "fail", "发生较大事故"],
      [2, "卢龙县", null, "fail", "自评表申报一票否决：党委层面：发生较大以上安全生产（含职业病危害）事故"],
      [null, "山海关区", null, null, "缺少行业专项，未排名"],
      [null, "抚宁区", null, null, "缺少日常考核，未排名"],
    ]);
    expect(c.problems.find((p) => p.unit === "山海关区")!.message).toMatch(/^单位“山海关区”缺少组成部分：行业专项（分数表中没有：教育）/);
  });

  test("a 优秀否决 on the list caps 海港区 at 良好; the office's thresholds (percent) apply to the composite", () => {
    const c = run(SCORES_CSV, UNITS_CSV.replace("海港区,县区,,,", "海港区,县区,,瞒报事故,"));
    expect(printed(c.groups[0].rows)[0]).toEqual([1, "海港区", 923.5, "good", "优秀否决：瞒报事故"]);
    // 95 / 90 / 80 percent → 950 / 900 / 800 points: 923.5 良好 (900 ≤ 923.5 < 950), 890 合格 (800 ≤ 890 < 900).
    const strict = run(SCORES_CSV, UNITS_CSV, { ...DEFAULT_POLICY, tiers: { excellent: 95, good: 90, pass: 80 } });
    expect(strict.groups[0].rows.slice(0, 2).map((r) => r.tier)).toEqual(["good", "pass"]);
    expect(compositePolicy({ ...DEFAULT_POLICY, tiers: { excellent: 95, good: 90, pass: 80 } }, 1000)).toMatchObject({ threshold: 800, tiers: { excellent: 950, good: 900, pass: 800 } });
  });

  test("a line for a unit exempt on the list (免考) is not counted and makes no row", () => {
    const c = run(SCORES_CSV + "青龙县,日常考核,250\n");
    expect(printed(c.groups[0].rows)).toEqual(EXPECTED);
    expect(c.problems.map((p) => p.unit)).toEqual(["抚宁区"]);
    expect(c.groups[0].exempt.map((e) => e.unit)).toEqual(["青龙县"]);
  });

  test("without a unit list, units are the returns' and the sheet's names", () => {
    const c = run(SCORES_CSV, null);
    expect(printed(c.groups[0].rows)).toEqual(EXPECTED);
  });
});

describe("rubric parts: scaled where the table's maximum differs; unusable returns", () => {
  test("a scheme giving 附件2 (满分100) a weight of 30 takes total × 30 / 100", () => {
    const small = parseScheme(
      { id: "test-small", version: "1", title: "测试考核方案", max: 100, components: [{ name: "党委层面", weight: 30, rubric: "qhd2016-party" }, { name: "其他", weight: 70 }] },
      "small.json",
    );
    const sheet = parseScoreSheet(enc("单位,组成部分,分数\n海港区,其他,60\n山海关区,其他,55.5\n"), "s.csv");
    const c = consolidateComposite(outcomes.filter((o) => o.ok && o.ret.rubric.id === "qhd2016-party" && ["海港区", "山海关区"].includes(o.ret.unit!)), null, DEFAULT_POLICY, small, sheet);
    // 海港区 86 × 30 / 100 = 25.8, + 60 = 85.8; 山海关区 95 × 30 / 100 = 28.5, + 55.5 = 84 (both 良好: 80 ≤ x < 90 of 100).
    expect(c.groups[0].rows.map((r) => [r.rank, r.unit, r.parts, r.score, r.tier])).toEqual([
      [1, "海港区", { 党委层面: 25.8, 其他: 60 }, 85.8, "good"],
      [2, "山海关区", { 党委层面: 28.5, 其他: 55.5 }, 84, "good"],
    ]);
    // The sentence's threshold in points of this scheme's 100: 80.
    expect(c.groups[0].summary.sentence).toBe("在被考核的2个单位中，考核分数在80分以上的有2个，占100.00%");
  });

  test("two 党委层面 returns from 海港区: neither counts, the part 待核实, not ranked", async () => {
    const again = await readReturn(files.get("海港区-党委.xlsx")!, "海港区-党委-第二份.xlsx");
    const c = consolidateComposite([...outcomes, again], parseUnitList(enc(UNITS_CSV), "units.csv").units, DEFAULT_POLICY, scheme, parseScoreSheet(enc(SCORES_CSV), "scores.csv"));
    const hg = c.groups[0].rows.find((r) => r.unit === "海港区")!;
    expect([hg.rank, hg.score, hg.parts!["党委层面"], hg.note]).toEqual([null, null, null, "党委层面待核实，未排名"]);
    expect(c.problems.filter((p) => p.unit === "海港区").map((p) => p.kind)).toEqual(["duplicate-unit", "duplicate-unit", "missing-part"]);
    expect(printed(c.groups[0].rows).slice(0, 2)).toEqual([EXPECTED[1].map((x) => (x === 2 ? 1 : x)), [2, ...EXPECTED[2].slice(1)]]);
  });

  test("市直部门 (001 三（二）): 年终考核500 from 附件4 + 安委办日常考核300 + 综合监管日常考核200", async () => {
    /*
     * 附件4 (满分500): 考核项 1 (150) and 2 (50) by deduction, 3 (200) as a sum of four activity rows of 40 and the
     * bonus row “每开展1项活动加20分，最高可加40分” (so 160 without a bonus), 4 (100) by deduction.
     * 市交通运输局: s1.i2 “未落实的，扣30分” ticked → 120; 50; s3.i1 “1项扣10分” × 2 and the bonus × 2 →
     *   160 − 20 + 40 = 180; 100 → 450. Entered 安委办日常考核 280, 综合监管日常考核 185 → 915 (91.5% → 优秀)
     * 市住建局: 150; s2.i1 “未制定的，扣20分” ticked → 30; the bonus × 1 → 180; 100 → 460. Entered 260 + 170 →
     *   890 (89% → 良好)
     */
    const city = findScheme("qhd2016-city-dept")!;
    const rets = await Promise.all([
      readReturn(await workbookFor("qhd2016-dept", responses("qhd2016-dept", "市交通运输局", { "s1.i2.c1": { ticked: true }, "s3.i1.c1": { count: 2 }, "s3.i5.c1": { count: 2 } })), "交通.xlsx"),
      readReturn(await workbookFor("qhd2016-dept", responses("qhd2016-dept", "市住建局", { "s2.i1.c1": { ticked: true }, "s3.i5.c1": { count: 1 } })), "住建.xlsx"),
    ]);
    const sheet = parseScoreSheet(enc("单位,组成部分,分数\n市交通运输局,安委办日常考核,280\n市交通运输局,综合监管日常考核,185\n市住建局,安委办日常考核,260\n市住建局,综合监管日常考核,170\n"), "s.csv");
    const c = consolidateComposite(rets, null, DEFAULT_POLICY, city, sheet);
    expect(c.groups[0].rows.map((r) => [r.rank, r.unit, r.parts, r.score, r.tier])).toEqual([
      [1, "市交通运输局", { 年终考核: 450, 安委办日常考核: 280, 综合监管日常考核: 185 }, 915, "excellent"],
      [2, "市住建局", { 年终考核: 460, 安委办日常考核: 260, 综合监管日常考核: 170 }, 890, "good"],
    ]);
    expect(c.problems).toEqual([]);
  }, 60_000);
});

describe("the shipped example (examples/qhd2016/)", () => {
  test("its scores sheet fits the county scheme; units with no return lack their parts and are not ranked", () => {
    const dir = join(__dirname, "..", "examples", "qhd2016");
    const units = parseUnitList(new Uint8Array(readFileSync(join(dir, "units.csv"))), "units.csv").units;
    const c = consolidateComposite(outcomes, units, DEFAULT_POLICY, scheme, parseScoreSheet(new Uint8Array(readFileSync(join(dir, "scores.csv"))), "scores.csv"));
    // The example's lines are this test's for 海港区 and 山海关区; 抚宁区 adds 日常考核 262: 97 + 292 + 90 + 180 + 262 = 921.
    expect(printed(c.groups[0].rows).slice(0, 3)).toEqual([
      [1, "海港区", 923.5, "excellent", ""],
      [2, "抚宁区", 921, "excellent", ""],
      [3, "山海关区", 890, "good", ""],
    ]);
    expect(c.problems.filter((p) => p.kind !== "missing-part")).toEqual([]);
    // 昌黎县, 北戴河区, 北戴河新区 sent nothing; 卢龙县 (vetoed by its return) has no lines in the example.
    expect(c.problems.map((p) => p.unit)).toEqual(["昌黎县", "卢龙县", "北戴河区", "北戴河新区"]);
    expect(c.groups[0].exempt.map((e) => e.unit)).toEqual(["青龙县", "开发区"]);
  });
});

describe("the scores sheet: unusable lines are problem lines with file and row, never a silent zero", () => {
  test("not a number, negative, above the part's points, unknown unit, unknown part, a rubric part, a line twice", () => {
    const csv =
      SCORES_CSV +
      ["海港区,消防,九", "海港区,旅游,-1", "山海关区,事故调查,12", "北戴河区,行政执法,90", "海港区,安全文化,5", "海港区,党委层面,100", "卢龙县,日常考核,230"].join("\n") +
      "\n";
    const c = run(csv);
    const lines = 2 + SCORE_LINES.length; // the header is line 1
    expect(c.problems.map((p) => [p.kind, p.file, p.message.split(" / ")[0]])).toEqual([
      ["invalid-score", "scores.csv", `scores.csv 第${lines}行：“消防”的分数“九”不是数字，未计入`],
      ["invalid-score", "scores.csv", `scores.csv 第${lines + 1}行：“旅游”的分数 -1 为负数，未计入`],
      ["invalid-score", "scores.csv", `scores.csv 第${lines + 2}行：“事故调查”的分数 12 超过该部分分值 10，未计入`],
      ["invalid-score", "scores.csv", `scores.csv 第${lines + 3}行：单位“北戴河区”不在考核对象名单中，未计入`],
      ["invalid-score", "scores.csv", expect.stringMatching(new RegExp(`^scores\\.csv 第${lines + 4}行：组成部分“安全文化”不在考核方案中（可填：行政执法、行业专项、非煤矿山、煤矿、`))],
      ["invalid-score", "scores.csv", `scores.csv 第${lines + 5}行：“党委层面”按 qhd2016-party 自评表计分，不在分数表中填写，未计入`],
      ["invalid-score", "scores.csv", `scores.csv 第${lines - 1}、${lines + 6}行：单位“卢龙县”的“日常考核”有2行分数，均未计入`],
      ["missing-part", null, "单位“抚宁区”缺少组成部分：日常考核（分数表中没有），不按部分分数排名"],
      ["missing-part", null, "单位“卢龙县”缺少组成部分：日常考核（分数表中有重复的行），不按部分分数排名"],
    ]);
    // The well-formed lines of 海港区 and 山海关区 still stand (their bad extra lines were not counted).
    expect(printed(c.groups[0].rows).slice(0, 2)).toEqual(EXPECTED.slice(0, 2));
  });

  test("a sheet without its header columns is refused with one line", () => {
    expect(() => parseScoreSheet(enc("单位,分数\n海港区,92\n"), "s.csv")).toThrow("s.csv：分数表缺少“组成部分”列（第一行须为表头：单位,组成部分,分数） / s.csv: the scores sheet has no 组成部分 column (the first row must be the header: 单位,组成部分,分数)");
  });

  test("a GBK sheet (Excel's CSV on a Chinese Windows) and an .xlsx sheet read the same", async () => {
    const gbk = parseScoreSheet(new Uint8Array(iconv.encode(SCORES_CSV, "gbk")), "scores-gbk.csv");
    expect(gbk.encoding).toBe("gb18030");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("分数");
    ws.addRow(["单位", "组成部分", "分数"]);
    for (const l of SCORE_LINES) ws.addRow(l);
    const xlsx = parseScoreSheet(new Uint8Array(await wb.xlsx.writeBuffer()), "scores.xlsx");
    expect(xlsx.encoding).toBe("xlsx");
    const utf8 = parseScoreSheet(enc(SCORES_CSV), "scores.csv");
    const strip = (s: typeof utf8) => s.lines.map((l) => [l.unit, l.part, l.score]);
    expect(strip(gbk)).toEqual(SCORE_LINES);
    expect(strip(xlsx)).toEqual(SCORE_LINES);
    expect(strip(utf8)).toEqual(SCORE_LINES);
  });
});

describe("the command line", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "safescore-composite-"));
    mkdirSync(join(dir, "returns"));
    for (const [name, bytes] of files) writeFileSync(join(dir, "returns", name), bytes);
    writeFileSync(join(dir, "units.csv"), UNITS_CSV);
    writeFileSync(join(dir, "scores-gbk.csv"), iconv.encode(SCORES_CSV, "gbk"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("schemes --json: [{id, title, components: [{name, weight, rubric?}]}]", async () => {
    const r = await cli(["schemes", "--json"]);
    expect([r.code, r.err]).toEqual([0, ""]);
    const json = JSON.parse(r.out);
    expect(json.map((s: { id: string }) => s.id)).toEqual(["qhd2016-county", "qhd2016-city-dept"]);
    expect(json[1]).toEqual({
      id: "qhd2016-city-dept",
      title: "秦皇岛市2016年度市直部门安全生产目标考核方案",
      components: [
        { name: "年终考核", weight: 500, rubric: "qhd2016-dept" },
        { name: "安委办日常考核", weight: 300 },
        { name: "综合监管日常考核", weight: 200 },
      ],
    });
    expect(Object.keys(json[0].components[3])).toEqual(["name", "weight"]);
    const text = await cli(["schemes"]);
    expect(text.out).toContain("组成部分");
    expect(text.out).toContain("党委层面\u3000\u3000\u3000\u3000 100  自评表 qhd2016-party");
  });

  test("consolidate --scheme --scores (GBK) --units --json: rows with parts; --notice lists the composite as 考核分数", async () => {
    const out = join(dir, "roster.xlsx");
    const r = await cli(["consolidate", join(dir, "returns"), "--units", join(dir, "units.csv"), "--scheme", "qhd2016-county", "--scores", join(dir, "scores-gbk.csv"), "-o", out, "--notice", join(dir, "notice.docx"), "--json"]);
    expect([r.code, r.err]).toEqual([0, ""]);
    const json = JSON.parse(r.out);
    expect(json.rubric.id).toBe("qhd2016-county");
    expect(json.rows.map((x: { rank: number; unit: string; score: number | null; tier: string | null }) => [x.rank, x.unit, x.score, x.tier])).toEqual([
      [1, "海港区", 923.5, "优秀"],
      [2, "山海关区", 890, "良好"],
      [3, "卢龙县", null, "不合格"],
      [null, "抚宁区", null, null],
    ]);
    expect(json.rows[0].parts).toEqual({ 党委层面: 86, 政府层面: 291, 行政执法: 92, 行业专项: 184.5, 日常考核: 270 });
    expect(json.summary.sentence).toBe(SENTENCE);
    expect(json.problems.map((p: { kind: string; unit: string }) => [p.kind, p.unit])).toEqual([["missing-part", "抚宁区"]]);
    const JSZip = (await import("jszip")).default;
    const doc = await (await JSZip.loadAsync(readFileSync(join(dir, "notice.docx")))).file("word/document.xml")!.async("string");
    const text = doc.replace(/<[^>]+>/g, "");
    expect(text).toContain("秦皇岛市2016年度县区安全生产目标考核成绩表");
    expect(text).toContain("考核分数");
    expect(text).toContain("海港区923.5");
  }, 60_000);

  test("the text table shows each part before 考核分数", async () => {
    const r = await cli(["consolidate", join(dir, "returns"), "--units", join(dir, "units.csv"), "--scheme", "qhd2016-county", "--scores", join(dir, "scores-gbk.csv"), "-o", join(dir, "t.xlsx")]);
    expect(r.code).toBe(0);
    const lines = r.out.split("\n");
    expect(lines[2].split(/\s+/)).toEqual(["序号", "单位", "类别", "党委层面", "政府层面", "行政执法", "行业专项", "日常考核", "考核分数", "等次", "奖励金额（元）", "问题数", "备注"]);
    expect(lines[3].trim().split(/\s+/)).toEqual(["1", "海港区", "县区", "86.00", "291.00", "92.00", "184.50", "270.00", "923.50", "优秀", "0.00", "0"]);
  }, 60_000);

  test("usage: --scores without --scheme; an unknown scheme; a broken scheme file names the path", async () => {
    const a = await cli(["consolidate", join(dir, "returns"), "--scores", join(dir, "scores-gbk.csv"), "-o", join(dir, "x.xlsx")]);
    expect([a.code, a.err.split("\n")[0]]).toEqual([1, "--scores 须与 --scheme 一起使用 / --scores needs --scheme"]);
    const b = await cli(["consolidate", join(dir, "returns"), "--scheme", "qhd2099", "-o", join(dir, "x.xlsx")]);
    expect([b.code, b.err.split("\n")[0]]).toEqual([1, "未知的考核方案 qhd2099；可选：qhd2016-county, qhd2016-city-dept，或考核方案文件（.json） / unknown scheme qhd2099: give a shipped id or a scheme file (.json)"]);
    const bad = JSON.parse(JSON.stringify(scheme));
    bad.components[4].weight = 30;
    writeFileSync(join(dir, "bad.json"), JSON.stringify(bad));
    const c = await cli(["consolidate", join(dir, "returns"), "--scheme", join(dir, "bad.json"), "-o", join(dir, "x.xlsx")]);
    expect([c.code, c.err]).toEqual([2, `${join(dir, "bad.json")}: components: 各组成部分分值合计 730，与满分 1000 不符 / the components' weights add up to 730, not max 1000\n`]);
    // A scheme file is refused by its size before it is read.
    writeFileSync(join(dir, "huge.json"), " ".repeat(300 * 1024));
    const d = await cli(["consolidate", join(dir, "returns"), "--scheme", join(dir, "huge.json"), "-o", join(dir, "x.xlsx")]);
    expect([d.code, d.err]).toEqual([2, `${join(dir, "huge.json")}: 文件过大（307200 字节，上限 256 KB） / too large (307200 bytes; at most 256 KB)\n`]);
  }, 60_000);
});

describeWithTool("libreoffice", "roster.xlsx of a composite, recalculated by LibreOffice", () => {
  const OUT = join(__dirname, "..", "test-results", "composite");
  const SHEET = "秦皇岛市2016年度县区安全生产目标成绩表";
  const FIRST = ROSTER_ROWS.first;
  /** Part columns follow the 16 ordinary ones (A 序号 … P 来源文件): Q 党委层面 … U 日常考核. */
  const PART = { 党委层面: "Q", 政府层面: "R", 行政执法: "S", 行业专项: "T", 日常考核: "U" } as const;
  let before: Map<string, unknown>;
  let after: Map<string, unknown>;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const buf = await rosterToXlsx(run());
    const original = join(OUT, "roster-county.xlsx");
    writeFileSync(original, buf);
    // The meeting raises 山海关区's 日常考核 from 255 to 290: 890 + 35 = 925 > 923.5, so it goes first;
    // and fills in 抚宁区's missing 日常考核 with 250: 659 + 250 = 909 (优秀, 909 ≥ 900), ranked between them.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SHEET)!;
    ws.getCell(`${PART.日常考核}${FIRST + 1}`).value = 290;
    ws.getCell(`${PART.日常考核}${FIRST + 3}`).value = 250;
    const edited = join(OUT, "roster-county-edited.xlsx");
    await wb.xlsx.writeFile(edited);
    const [r0, r1] = await recalcMany([original, edited], join(OUT, "recalc"));
    [before, after] = await Promise.all([r0, r1].map((p) => readValues(p, SHEET)));
  }, 180_000);
  afterAll(() => disposeProfile());

  const table = (v: Map<string, unknown>) =>
    [0, 1, 2, 3].map((i) => {
      const r = FIRST + i;
      return [v.get(`${rosterCol("seq")}${r}`), v.get(`${rosterCol("unit")}${r}`), v.get(`${rosterCol("self")}${r}`), v.get(`${rosterCol("score")}${r}`), v.get(`${rosterCol("tier")}${r}`)];
    });

  test("as exported: one column per component, 各部分合计 = SUM of the parts, the composite ranked", () => {
    expect(before.get(`${rosterCol("self")}${ROSTER_ROWS.header}`)).toBe("各部分合计");
    expect(Object.values(PART).map((c) => before.get(`${c}${ROSTER_ROWS.header}`))).toEqual(["党委层面（100）", "政府层面（300）", "行政执法（100）", "行业专项（200）", "日常考核（300）"]);
    expect(Object.values(PART).map((c) => before.get(`${c}${FIRST}`))).toEqual([86, 291, 92, 184.5, 270]);
    expect(table(before)).toEqual([
      [1, "海港区", 923.5, 923.5, "优秀"],
      [2, "山海关区", 890, 890, "良好"],
      [3, "卢龙县", 868, "", "不合格"],
      ["", "抚宁区", "", "", ""],
    ]);
    expect(before.get("A2")).toBe(SENTENCE);
  });

  test("after the meeting edits two parts: re-summed, re-ranked, re-tiered", () => {
    expect(table(after)).toEqual([
      [2, "海港区", 923.5, 923.5, "优秀"],
      [1, "山海关区", 925, 925, "优秀"],
      [4, "卢龙县", 868, "", "不合格"],
      [3, "抚宁区", 909, 909, "优秀"],
    ]);
    expect(after.get("A2")).toBe("在被考核的4个单位中，考核分数在800分以上的有3个，占75.00%");
  });
});
