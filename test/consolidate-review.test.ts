/**
 * Consolidation by 核定 or 自评 (policy.basis), over returns built by hand (test/helpers/reviewed.ts: the
 * assessors' scores chosen so one unit crosses the 80 line, one a tier, one is vetoed only by the assessors,
 * one is not reviewed): ranks, rewards, notes, both scores per row, the moved counts, the 扣分明细 and the CLI's JSON.
 * Every expected figure is worked out in the comments, not read from the implementation.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { consolidate } from "../src/consolidate/roster";
import { rankedFigures } from "../src/consolidate/basis";
import { noticeCells, noticeRows } from "../src/consolidate/docx";
import { consolidateCommand, consolidationText, type ConsolidateDeps } from "../src/cli/consolidate";
import type { RosterRow } from "../src/consolidate/types";
import { scoredReturn } from "./helpers/zhoucun";
import { ACCIDENT, REVIEW_POLICY, REVIEW_UNITS, REVIEWED_RETURNS, SELF_POLICY, review, reviewedOutcomes } from "./helpers/reviewed";

const POLICY = REVIEW_POLICY;
const SELF = SELF_POLICY;
const UNITS = REVIEW_UNITS;
const RETURNS = REVIEWED_RETURNS;
const outcomes = reviewedOutcomes;

/** [序号, 单位, 自评分, 核定分, 依据, 考核分数, 等次, 奖励金额, 备注]. */
const table = (rows: RosterRow[]) => rows.map((r) => [r.rank, r.unit, r.selfScore, r.reviewScore, r.basis, r.score, r.tier, r.reward, r.note]);

describe("rankedFigures: the one choice of figures", () => {
  test("核定 under basis review for a reviewed return; the unit's own otherwise", () => {
    const [jia, , , ding] = RETURNS;
    expect(rankedFigures(jia, POLICY)).toMatchObject({ basis: "review", percent: 78, total: 156, tier: "pass", deductions: [40, 4] });
    expect(rankedFigures(jia, SELF)).toMatchObject({ basis: "self", percent: 81, total: 162, tier: "good", deductions: [38, 0] });
    expect(rankedFigures(ding, POLICY)).toMatchObject({ basis: "self", percent: 95, deductions: [10, 0] });
  });
});

describe("consolidate by 核定 (basis review, the default)", () => {
  const c = consolidate(outcomes(), UNITS, POLICY);
  const g = c.groups[0];

  test("ranked by 核定 where there is one: 区丁局 95, 区乙局 88, 区戊局 86, 甲镇 78, then 丙镇 vetoed by the assessors", () => {
    expect(table(g.rows)).toEqual([
      // (95 − 80) × 100 = 1500; not reviewed, so by its own score.
      [1, "区丁局", 95, null, "self", 95, "excellent", 1500, ""],
      // (88 − 80) × 100 = 800: 优秀 by 自评 91, 良好 by 核定 88.
      [2, "区乙局", 91, 88, "review", 88, "good", 800, ""],
      // (86 − 80) × 100 = 600.
      [3, "区戊局", 86, 86, "review", 86, "good", 600, ""],
      // 78 < 80: no reward, 合格.
      [4, "甲镇", 81, 78, "review", 78, "pass", 0, ""],
      // The assessors' veto stands whatever the unit declared; a vetoed row shows no score.
      [5, "丙镇", null, null, "review", null, "fail", null, "核定一票否决：发生较大事故"],
    ]);
    expect(g.rows[4].vetoed).toBe(true);
  });

  test("the summary counts by 核定: 3 of 5 at or above 80 (60.00%), rewards 1500 + 800 + 600 = 2900", () => {
    expect(g.summary).toMatchObject({ units: 5, atOrAbove: 3, share: 60, totalReward: 2900, tiers: { excellent: 1, good: 2, pass: 1, fail: 1 } });
    expect(g.summary.sentence).toBe("在被考核的5个单位中，考核分数在80分以上的有3个，占60.00%");
  });

  test("moved: 4 reviewed; 甲镇 and 丙镇 across the 80 line, 甲镇, 区乙局 and 丙镇 across a tier (区戊局 unchanged)", () => {
    expect(g.summary.moved).toEqual({
      reviewed: 4,
      threshold: 2,
      tier: 3,
      units: ["区乙局", "甲镇", "丙镇"],
      sentence: "4个单位经核定，核定改变了2个单位的80分线归属、3个单位的等次",
    });
  });

  test("the 扣分明细 itemises the 核定 deductions of reviewed rows, the unit's own of the others", () => {
    expect(g.deductions.rows).toEqual([
      { unit: "区丁局", deductions: [10, 0] },
      { unit: "区乙局", deductions: [20, 4] },
      { unit: "区戊局", deductions: [28, 0] },
      { unit: "甲镇", deductions: [40, 4] },
      { unit: "丙镇", deductions: [30, 0] },
    ]);
    // i1: 10 + 20 + 28 + 40 + 30 = 128; i2: 4 + 4 = 8.
    expect(g.deductions.items.map((i) => i.total)).toEqual([128, 8]);
  });

  test("the 通报附件 keeps its five columns, 考核分数 being the ranked (核定) score", () => {
    expect(noticeRows(g).map(noticeCells)).toEqual([
      ["1", "区丁局", "95", "1500", ""],
      ["2", "区乙局", "88", "800", ""],
      ["3", "区戊局", "86", "600", ""],
      ["4", "甲镇", "78", "0", ""],
      ["5", "丙镇", "", "", "核定一票否决：发生较大事故"],
    ]);
  });

  test("a 核定 with invalid entries is a problem line of its own", () => {
    expect(c.problems).toEqual([
      { file: "区戊局.xlsx", unit: "区戊局", kind: "review-invalid", message: "核定有无效填写（按空白计分）或与重算不符之处，请在该表的核定中核实 / the assessors' 核定 has invalid entries (scored as blank) or figures that differ from the recomputed ones; check it in the return" },
    ]);
  });

  test("the office's veto and 优秀否决 count for both scores: a vetoed unit is moved nowhere; a capped one moves by its own tiers", () => {
    const list = UNITS.map((u) => (u.name === "甲镇" ? { ...u, veto: "辖区发生较大生产安全事故" } : u.name === "区乙局" ? { ...u, noExcellent: "瞒报事故" } : u));
    const m = consolidate(outcomes(), list, POLICY).groups[0].summary.moved;
    // 甲镇 vetoed by the office both ways; 区乙局 良好 by 自评 (capped) and by 核定: only 丙镇 is left moved.
    expect(m).toMatchObject({ reviewed: 4, threshold: 1, tier: 1, units: ["丙镇"] });
  });

  test("a 核定 that lifts the unit's own declared veto ranks the unit by 核定", () => {
    const rets = [scoredReturn("甲镇", 81, { veto: ACCIDENT, review: review(83, "good", [34, 0]) })];
    const byReview = consolidate(rets.map((ret) => ({ ok: true, ret })), UNITS.slice(0, 1), POLICY).groups[0];
    // (83 − 80) × 400 = 1200. 自评分 is null: the unit's own figures are vetoed.
    expect(table(byReview.rows)).toEqual([[1, "甲镇", null, 83, "review", 83, "good", 1200, ""]]);
    const bySelf = consolidate(rets.map((ret) => ({ ok: true, ret })), UNITS.slice(0, 1), SELF).groups[0];
    expect(table(bySelf.rows)).toEqual([[1, "甲镇", null, null, "self", null, "fail", null, "自评表申报一票否决：发生较大事故"]]);
  });
});

describe("consolidate by 自评 (basis self)", () => {
  const c = consolidate(outcomes(), UNITS, SELF);
  const g = c.groups[0];

  test("everything is the unit's: 95, 91, 86, 85, 81, with 核定分 shown beside", () => {
    expect(table(g.rows)).toEqual([
      [1, "区丁局", 95, null, "self", 95, "excellent", 1500, ""],
      // (91 − 80) × 100 = 1100.
      [2, "区乙局", 91, 88, "self", 91, "excellent", 1100, ""],
      [3, "区戊局", 86, 86, "self", 86, "good", 600, ""],
      // (85 − 80) × 400 = 2000; its 核定 is vetoed, so no 核定分.
      [4, "丙镇", 85, null, "self", 85, "good", 2000, ""],
      // (81 − 80) × 400 = 400.
      [5, "甲镇", 81, 78, "self", 81, "good", 400, ""],
    ]);
    expect(g.summary).toMatchObject({ units: 5, atOrAbove: 5, share: 100, totalReward: 5600 });
    expect(g.deductions.rows.map((r) => r.deductions)).toEqual([[10, 0], [18, 0], [28, 0], [30, 0], [38, 0]]);
  });

  test("the review's moves are counted the same, in this roster's order; the invalid 核定 is still a line", () => {
    expect(g.summary.moved).toMatchObject({ reviewed: 4, threshold: 2, tier: 3, units: ["区乙局", "丙镇", "甲镇"] });
    expect(c.problems.map((p) => p.kind)).toEqual(["review-invalid"]);
  });
});

describe("no return reviewed", () => {
  test("moved is all zero with no sentence; every row by 自评", () => {
    const plain = RETURNS.map((r) => ({ ok: true as const, ret: { ...r, review: null } }));
    const g = consolidate(plain, UNITS, POLICY).groups[0];
    expect(g.summary.moved).toEqual({ reviewed: 0, threshold: 0, tier: 0, units: [], sentence: null });
    expect(g.rows.every((r) => r.basis === "self" && r.reviewScore === null)).toBe(true);
  });
});

describe("the command line (the real core behind fake file reading)", () => {
  const deps = (): ConsolidateDeps => ({
    readMany: async () => outcomes(),
    parseUnitList: async () => ({ units: UNITS, problems: [], encoding: "utf-8" }),
    parsePolicy: async () => POLICY,
    consolidate,
    rosterToXlsx: async () => new Uint8Array([1]),
    noticeToDocx: async () => new Uint8Array([2]),
  });

  // The command expands real paths: one empty .xlsx stands in for the returns (the fake readMany ignores it).
  const dir = mkdtempSync(join(tmpdir(), "safescore-review-"));
  const stand = join(dir, "a.xlsx");
  beforeAll(() => writeFileSync(stand, ""));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(json: boolean): Promise<string> {
    let out = "";
    await consolidateCommand([stand], { out: join(dir, "roster.xlsx"), units: stand, policy: stand, json }, { out: (s) => (out += s), note: () => undefined, env: {} }, deps());
    return out;
  }

  test("--json rows carry selfScore, reviewScore and basis; summary.moved its counts and sentence", async () => {
    const j = JSON.parse(await run(true));
    expect(j.rows.map((r: Record<string, unknown>) => [r.unit, r.selfScore, r.reviewScore, r.basis, r.score, r.tier, r.reward])).toEqual([
      ["区丁局", 95, null, "self", 95, "优秀", 1500],
      ["区乙局", 91, 88, "review", 88, "良好", 800],
      ["区戊局", 86, 86, "review", 86, "良好", 600],
      ["甲镇", 81, 78, "review", 78, "合格", 0],
      ["丙镇", null, null, "review", null, "不合格", null],
    ]);
    expect(Object.keys(j.rows[0])).toEqual(["rank", "unit", "category", "score", "selfScore", "reviewScore", "basis", "tier", "reward", "note", "problems", "file", "vetoed", "match"]);
    expect(j.summary.moved).toEqual({ reviewed: 4, threshold: 2, tier: 3, units: ["区乙局", "甲镇", "丙镇"], sentence: "4个单位经核定，核定改变了2个单位的80分线归属、3个单位的等次" });
    expect(j.problems.map((p: { kind: string }) => p.kind)).toEqual(["review-invalid"]);
  });

  test("text: 自评分, 核定分 and 依据 columns and the moved sentence once a unit was reviewed; not otherwise", async () => {
    const out = await run(false);
    expect(out).toMatch(/序号\s+单位\s+类别\s+自评分\s+核定分\s+依据\s+考核分数/);
    expect(out).toMatch(/甲镇\s+镇街\s+81\.00\s+78\.00\s+核定\s+78\.00\s+合格/);
    expect(out).toMatch(/区丁局\s+部门\s+95\.00\s+—\s+自评\s+95\.00/);
    expect(out).toContain("4个单位经核定，核定改变了2个单位的80分线归属、3个单位的等次\n");
    expect(out).toContain("[核定无效填写] 区戊局");
    const plain = consolidationText(consolidate(RETURNS.map((r) => ({ ok: true, ret: { ...r, review: null } })), UNITS, POLICY));
    expect(plain).not.toContain("核定");
    expect(plain).toMatch(/序号\s+单位\s+类别\s+考核分数/);
  });
});
