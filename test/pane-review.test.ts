/** What the pane shows of a reviewed table (核定): both sides' figures, the differences, and when 开始核定 applies. */
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook } from "../src/layout/read";
import { reviewPlan } from "../src/layout/review";
import { scoreRead } from "../src/layout/scored";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import { canStartReview, comparisonRows, offersUpdate, readsTable, reviewSummary, summarize } from "../src/taskpane/model";
import { ExcelProblem } from "../src/excel/session";
import { errorText } from "../src/taskpane/errors";
import type { CellValue } from "../src/layout/types";

const qhd = findRubric("qhd2016-dept")!;
const read = async (bytes: Uint8Array) => readWorkbook(await xlsxToGrid(bytes), findRubric);

/**
 * 001 市直部门 (500, deduct sections): the unit counts s1.i4.c1 ("每少落实1次，扣10分。最高可扣40分") twice;
 * the assessors count it 4 times, tick s1.i2.c1 ("未落实的，扣30分") and the 优秀否决 v.ne4, with notes.
 */
async function reviewed(change = true) {
  const p3 = plan(qhd, undefined, "市教育局");
  const unit = await read(await planToXlsx(p3, fillInputs(p3, { fields: { unitName: "市教育局" }, items: { "s1.i4": { note: "少落实2次" } }, clauses: { "s1.i4.c1": { count: 2 } } })));
  const { plan: p4, inputs } = reviewPlan(unit);
  const clause = (id: string) => p4.map.items.flatMap((i) => i.clauses).find((c) => c.id === id)!.review!;
  const veto = p4.map.vetoes.find((v) => v.id === "v.ne4")!.review!;
  const edits: [string, CellValue][] = change
    ? [[clause("s1.i4.c1").countCell, 4], [clause("s1.i4.c1").noteCell, "查实少落实4次"], [clause("s1.i2.c1").inputCell, "√"], [veto.inputCell, "√"], [veto.noteCell, "漏报1起"]]
    : [];
  for (const [a, v] of edits) inputs.set(a, v);
  return { scored: scoreRead(await read(await planToXlsx(p4, inputs))), p4 };
}

// By hand: a blank 001 市直部门 scores 460 (s3's bonus s3.i5.c1 "每开展1项活动加20分，最高可加40分" earns nothing unentered).
test("自评 and 核定 side by side: total, percent, tier, veto — by hand: 460 − 20 = 440 (88%, 良好); 460 − 40 − 30 = 390 (78%, 合格, 优秀否决)", async () => {
  const { scored } = await reviewed();
  const m = reviewSummary(scored, "zh-CN")!;
  expect(m.unit).toBe("市教育局");
  expect(comparisonRows(m, "zh-CN")).toEqual([
    { key: "total", label: "总分（满分 500）", self: "440", review: "390", differs: true },
    { key: "percent", label: "得分率", self: "88%", review: "78%", differs: true },
    { key: "tier", label: "参考等次", self: "良好", review: "合格", differs: true },
    { key: "veto", label: "否决项", self: "无", review: "优秀否决", differs: true },
  ]);
  expect(comparisonRows(m, "en-US").map((r) => r.label)).toEqual(["Total (of 500)", "Percent", "Reference tier", "Vetoes"]);
});

test("the differences, in table order, with both values, the 核定说明 and the cell a click goes to", async () => {
  const { scored, p4 } = await reviewed();
  const item = (id: string) => p4.map.items.find((i) => i.id === id)!;
  const m = reviewSummary(scored, "zh-CN")!;
  // A deduct section's row shows minus its deduction, as its cell does.
  expect(m.differences).toEqual([
    expect.objectContaining({ id: "s1.i2", self: "0", review: "-30", note: "", cell: `自评表!${item("s1.i2").review!.scoreCell}` }),
    expect.objectContaining({ id: "s1.i4", self: "-20", review: "-40", note: "查实少落实4次", cell: `自评表!${item("s1.i4").review!.scoreCell}` }),
    expect.objectContaining({ id: "v.ne4", label: "优秀否决", self: "无", review: "否决", note: "漏报1起" }),
  ]);
  expect(reviewSummary(scored, "en-US")!.differences[2]).toMatchObject({ self: "none", review: "vetoed" });
});

test("right after 开始核定 the 核定 equals the 自评: no difference, every row the same", async () => {
  const { scored } = await reviewed(false);
  const m = reviewSummary(scored, "zh-CN")!;
  expect(m.differences).toEqual([]);
  expect(comparisonRows(m, "zh-CN").every((r) => !r.differs && r.self === r.review)).toBe(true);
  // The unit's figures are the same through summarize (the pane's one headline for 自评).
  expect(summarize(scored, "zh-CN")).toMatchObject({ total: 440, percent: 88, tier: "良好" });
});

test("a table not reviewed has no review model; 开始核定 applies to a return of formats 1–3 with scores only", async () => {
  const p3 = plan(qhd, undefined, undefined);
  expect(reviewSummary(scoreRead(await read(await planToXlsx(p3, new Map()))), "zh-CN")).toBeNull();
  expect(canStartReview({ kind: "table", format: 3, rubric: qhd })).toBe(true);
  expect(canStartReview({ kind: "table", format: 1, rubric: findRubric("lw2015-dept")! })).toBe(true);
  expect(canStartReview({ kind: "table", format: 4, rubric: qhd })).toBe(false);
  expect(canStartReview({ kind: "table", format: 3, rubric: findRubric("xc2018-checklist")! })).toBe(false);
  expect(canStartReview({ kind: "table", format: 3 })).toBe(false);
  expect(canStartReview({ kind: "empty" })).toBe(false);
});

test("a reviewed table is read whatever its rubric version and never offered 更新为新版; an older unreviewed one is offered it", () => {
  const older = { kind: "table", rubric: qhd, current: false };
  expect([readsTable({ ...older, format: 4 }), offersUpdate({ ...older, format: 4 })]).toEqual([true, false]);
  expect([readsTable({ ...older, format: 3 }), offersUpdate({ ...older, format: 3 })]).toEqual([false, true]);
  expect([readsTable({ ...older, format: 3, current: true }), offersUpdate({ ...older, format: 3, current: true })]).toEqual([true, false]);
  // A rubric this release does not hold: neither (the pane asks for the rubric file).
  expect([readsTable({ kind: "table", format: 4, current: false }), offersUpdate({ kind: "table", format: 3, current: false })]).toEqual([false, false]);
});

test("开始核定's refusals in the pane's words, zh-CN first, en-US second", () => {
  expect(errorText(new ExcelProblem("reviewed", "x"), "zh-CN")).toEqual({ intent: "error", text: "此表已经核定过，不能再次开始核定。" });
  expect(errorText(new ExcelProblem("reviewed", "x"), "en-US").text).toBe("This table has already been reviewed.");
  expect(errorText(new ExcelProblem("not-reviewable", "巡查表没有得分，不能核定 / a checklist has no scores to review"), "zh-CN").text).toBe("此表不能核定：巡查表没有得分，不能核定 / a checklist has no scores to review");
});
