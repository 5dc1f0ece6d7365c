/**
 * The constructs of 004 (issue 10) in the engine, with values computed by hand from test/helpers/rubric004.ts:
 * parts scored above (9.1 "日常工作占15分，由国务院安委会办公室直接评分"), clauses aimed at another level,
 * exemptions, alternatives for one fact, selectable items (选查). Also the rubric checks that keep them sound,
 * and where the sheet puts their flags.
 */
import { score, type Responses } from "../src/scoring";
import { checkConsistency } from "../src/rubric/consistency";
import { parseRubric } from "../src/rubric/load";
import { plan } from "../src/layout/plan";
import { cellForFlag } from "../src/layout/read";
import { fingerprint } from "../src/rubric/fingerprint";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook } from "../src/layout/read";
import { scoreRead } from "../src/layout/scored";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import { inspectJson, scoreJson, scoreText } from "../src/cli/workbook";
import { RUBRIC_004_RAW, rubric004 } from "./helpers/rubric004";

const rubric = rubric004();
const run = (r: Responses) => score(rubric, r);
const item = (rep: ReturnType<typeof run>, id: string) => rep.sections.flatMap((s) => s.items).find((i) => i.id === id)!;
const section = (rep: ReturnType<typeof run>, id: string) => rep.sections.find((s) => s.id === id)!;
const invalid = (rep: ReturnType<typeof run>) => rep.flags.filter((f) => f.kind === "invalid-input").map((f) => `${f.target.id}/${f.target.input}`).sort();
const raw = () => JSON.parse(JSON.stringify(RUBRIC_004_RAW));

describe("a blank return", () => {
  const rep = run({});
  test("parts scored above are out of the self-assessable maximum and in scoredAboveMax", () => {
    // 9.1: 19 points, 15 scored above → 4 self-assessed.
    expect(item(rep, "s9.i1")).toMatchObject({ points: 19, score: 4, scoredAbovePoints: 15 });
    // 11.1 (earning): 4 points, 2 scored above → min(2, 1 + 1) = 2.
    expect(item(rep, "s9.i4")).toMatchObject({ points: 4, score: 2, scoredAbovePoints: 2 });
    // s9: 4 + 3 + 2 + 2 = 11 of 28; s14 4; s19 3 + 3 + 2 (not inspected: full); s20 (deduct) 5.
    expect(section(rep, "s9")).toMatchObject({ max: 28, selfMax: 11, score: 11 });
    expect(rep).toMatchObject({ subtotal: 28, total: 28, max: 45, selfMax: 28, scoredAboveMax: 17, percent: 100 });
  });

  test("clauses aimed at another level are listed as not applicable", () => {
    expect(rep.notApplicable).toEqual([
      { id: "s9.i2.c2", itemId: "s9.i2", level: "省级", note: "推动省级主流电视媒体开设专题栏目是省级的工作，县级不填" },
      { id: "s19.i5.c2", itemId: "s19.i5", level: "省份", note: "针对获批项目的省份，县级不填" },
      { id: "p39.c2", itemId: "p39", level: "省级", note: "测试：减分项中不适用于本级的条款" },
    ]);
    expect(item(rep, "s9.i2").clauses.find((c) => c.id === "s9.i2.c2")).toEqual({ id: "s9.i2.c2", kind: "fixed", value: 0, entered: false, notApplicable: true });
  });

  test("items not inspected ask for no evidence; the others do", () => {
    expect(rep.flags.filter((f) => f.kind === "missing-evidence").map((f) => f.target.id)).toEqual(["s9.i1", "s9.i2", "s9.i3", "s9.i4", "s14.i1"]);
    expect(item(rep, "s19.i2")).toMatchObject({ selected: false, score: 3 });
    expect(rep.state).toBe("unfilled");
  });
});

describe("parts scored above and other levels", () => {
  test("deductions are capped by the self-assessed part: 4 − min(4, 1 + 1 + min(5×1, 2)) = 0", () => {
    const rep = run({ clauses: { "s9.i1.c1": { ticked: true }, "s9.i1.c2": { ticked: true }, "s9.i1.c3": { count: 5 } }, items: { "s9.i1": { note: "见附件" } } });
    expect(item(rep, "s9.i1")).toMatchObject({ score: 0, deduction: 4, scoredAbovePoints: 15 });
    expect(rep.flags.filter((f) => f.target.id === "s9.i1")).toEqual([]);
  });

  test("a discretionary entry is bounded by the self-assessed part, not the item's points", () => {
    // test004's 9.1 has no discretionary clause: give it one (self part 4, item 19).
    const r = raw();
    r.sections[0].items[0].clauses.push({ id: "s9.i1.c5", kind: "discretionary", text: "酌情扣分" });
    const rub = parseRubric(r, "x.json");
    expect(invalid(score(rub, { clauses: { "s9.i1.c5": { amount: 5 } } }))).toEqual(["s9.i1.c5/amount"]);
    expect(score(rub, { clauses: { "s9.i1.c5": { amount: 4 } } }).sections[0].items[0].score).toBe(0);
  });

  test("entries on a part scored above or a clause for another level are invalid and not scored", () => {
    const rep = run({ clauses: { "s9.i1.c4": { ticked: true }, "s9.i2.c2": { ticked: true }, "s9.i2.c3": { amount: 1 }, "p39.c2": { count: 1 } } });
    expect(invalid(rep)).toEqual(["p39.c2/tick", "s9.i1.c4/tick", "s9.i2.c2/tick"]);
    // 10.1: 3 − 1 (酌情, cap 1); the 省级 clause deducts nothing.
    expect(item(rep, "s9.i2").score).toBe(2);
    expect(rep.penaltyTotal).toBe(0);
    expect(rep.state).toBe("provisional");
  });

  test("a part scored above without points changes no maximum", () => {
    const rep = run({ clauses: { "s9.i3.c1": { ticked: true } }, items: { "s9.i3": { note: "未建库" } } });
    expect(item(rep, "s9.i3")).toMatchObject({ points: 2, score: 1 });
    expect(item(rep, "s9.i3").scoredAbovePoints).toBeUndefined();
  });
});

describe("alternatives for one fact (exclusive groups)", () => {
  test("one alternative entered deducts as usual", () => {
    expect(item(run({ clauses: { "s14.i1.c2": { ticked: true } } }), "s14.i1").score).toBe(2);
    // An amount of 0 is no entry: no conflict.
    expect(item(run({ clauses: { "s14.i1.c1": { ticked: true }, "s14.i1.c4": { amount: 0 } } }), "s14.i1").score).toBe(3);
  });

  test("two entered: each is an invalid entry at its own input, and neither deducts", () => {
    const rep = run({ clauses: { "s14.i1.c1": { ticked: true }, "s14.i1.c4": { amount: 1.5 }, "s14.i1.c3": { count: 1 } }, items: { "s14.i1": { note: "x" } } });
    expect(invalid(rep)).toEqual(["s14.i1.c1/tick", "s14.i1.c4/amount"]);
    // Only the 重大隐患 count (1) deducts: 4 − 1.
    expect(item(rep, "s14.i1").score).toBe(3);
    expect(rep.state).toBe("provisional");
  });

  test("the sheet takes each flag to the cell where that alternative was entered", () => {
    const p = plan(rubric);
    const rep = run({ clauses: { "s14.i1.c1": { ticked: true }, "s14.i1.c4": { amount: 1.5 } } });
    const clause = (id: string) => p.map.items.flatMap((i) => i.clauses).find((c) => c.id === id)!;
    const cells = rep.flags.filter((f) => f.kind === "invalid-input").map((f) => cellForFlag(p.map, f));
    expect(cells).toEqual([clause("s14.i1.c1").inputCell, clause("s14.i1.c4").countCell]);
  });

  test("a group across an item and the 减分项 (39 against 14)", () => {
    const both = run({ clauses: { "s14.i1.c3": { count: 2 }, "p39.c1": { count: 1 } } });
    expect(invalid(both)).toEqual(["p39.c1/count", "s14.i1.c3/count"]);
    expect(both.penaltyTotal).toBe(0);
    expect(item(both, "s14.i1").score).toBe(4);
    const one = run({ clauses: { "p39.c1": { count: 3 } } });
    expect(one.penaltyTotal).toBe(1.5);
    expect(one.total).toBe(26.5);
  });

  test("a group of scope \"finding\" (each finding in one place): entries in several of its clauses all deduct, none is flagged", () => {
    const rep = run({ clauses: { "s9.i2.c1": { ticked: true }, "s9.i1.c3": { count: 3 } } });
    expect(invalid(rep)).toEqual([]);
    // s9.i2.c1: ticked, 1; s9.i1.c3: 3 × 1, at most 2.
    expect(item(rep, "s9.i2").deduction).toBe(1);
    expect(item(rep, "s9.i1").deduction).toBe(2);
    // The sheet shows the note beside each clause and writes no "more than one entered" test for it.
    const p = plan(rubric);
    const texts = p.cells.filter((c) => typeof c.v === "string" && c.v.includes("〖分处扣分：测试")).length;
    expect(texts).toBe(2);
    // Their value cells count as usual: no "more than one entered" test (an alternative's value is IF(test>1,0,…)).
    const valueOf = (id: string) => p.cells.find((c) => c.a === p.map.items.flatMap((i) => i.clauses).find((x) => x.id === id)!.valueCell)!.f!;
    expect(valueOf("s9.i2.c1")).not.toMatch(/>1,0,/);
    expect(valueOf("s9.i1.c3")).not.toMatch(/>1,0,/);
    expect(valueOf("s14.i1.c1")).toMatch(/>1,0,/);
    expect(p.cells.some((c) => typeof c.v === "string" && c.v.includes("标〖分处扣分〗的条款"))).toBe(true);
  });

  test("an invalid entry is not an entry of the group (it is flagged on its own)", () => {
    const rep = run({ clauses: { "s14.i1.c1": { ticked: true }, "s14.i1.c4": { amount: "两分" } } });
    expect(invalid(rep)).toEqual(["s14.i1.c4/amount"]);
    expect(item(rep, "s14.i1").score).toBe(3);
  });
});

describe("selectable items (选查)", () => {
  test("inspected: scored as usual; not inspected: full points, entries invalid, no evidence asked", () => {
    const rep = run({
      items: { "s19.i2": { selected: true } },
      clauses: { "s19.i2.c1": { count: 2 }, "s19.i5.c1": { ticked: true } },
    });
    expect(item(rep, "s19.i2")).toMatchObject({ selected: true, score: 1 });
    expect(item(rep, "s19.i5")).toMatchObject({ selected: false, score: 3, deduction: 0 });
    expect(invalid(rep)).toEqual(["s19.i5.c1/tick"]);
    expect(rep.flags.filter((f) => f.target.id === "s19.i2").map((f) => f.kind)).toEqual(["unexplained-entry"]);
    expect(rep.flags.some((f) => f.target.id === "s19.i5" && f.kind !== "invalid-input")).toBe(false);
    // 19.2 1 + 19.5 3 + 19.7 (not inspected) 2.
    expect(section(rep, "s19").score).toBe(6);
  });

  test("an earning item: not inspected keeps its points whatever is ticked; inspected, 未落实 loses the sub-item", () => {
    const tick = { clauses: { "s19.i7.c1": { ticked: true }, "s19.i7.c2": { count: 1 } } };
    expect(item(run(tick), "s19.i7")).toMatchObject({ selected: false, score: 2 });
    // Inspected: min(2, 0 + min(1 × 0.5, 1)) = 0.5.
    expect(item(run({ ...tick, items: { "s19.i7": { selected: true, note: "部分开展" } } }), "s19.i7")).toMatchObject({ selected: true, score: 0.5, deduction: 1.5 });
  });

  test("in a deduct section: inspected 5 − (2 + min(5, 3)) = 0; an invalid 抽查 tick reads as not inspected", () => {
    expect(section(run({ items: { "s20.i1": { selected: true } }, clauses: { "s20.i1.c1": { ticked: true }, "s20.i1.c2": { count: 5 } } }), "s20").score).toBe(0);
    const bad = run({ items: { "s20.i1": { selected: "×" } }, clauses: { "s20.i1.c1": { ticked: true } } });
    expect(section(bad, "s20").score).toBe(5);
    expect(invalid(bad)).toEqual(["s20.i1.c1/tick", "s20.i1/tick"]);
  });

  test("a 抽查 tick alone is an entry (the headline is no longer 未填写)", () => {
    expect(run({ items: { "s19.i2": { selected: true } } }).state).toBe("final");
  });

  test("the sheet takes the 抽查 flag to the 抽查 cell, a clause's to its own cell", () => {
    const p = plan(rubric);
    const rep = run({ items: { "s20.i1": { selected: "×" } } });
    const flag = rep.flags.find((f) => f.target.id === "s20.i1")!;
    const m = p.map.items.find((i) => i.id === "s20.i1")!;
    expect(m.selectCell).toBeDefined();
    expect(cellForFlag(p.map, flag)).toBe(m.selectCell);
    expect(m.selectCell).toBe(`${p.map.columns.tick}${m.clauses[0].row - 1}`);
  });
});

describe("the sheet shows them", () => {
  const p = plan(rubric);
  const text = (a: string) => p.cells.find((c) => c.a === a)?.v;
  const clause = (id: string) => p.map.items.flatMap((i) => i.clauses).find((c) => c.id === id)!;
  const clauseCell = (id: string) => `${p.map.columns.clause}${clause(id).row}`;

  test("exemptions, other levels and alternatives beside the clause, in 〖〗; no input where none is taken", () => {
    expect(text(clauseCell("s9.i2.c3"))).toBe("未落实举报奖励制度的，酌情扣分\n〖注：因不能联系到举报人或举报人拒绝领取奖励的，不扣分〗");
    expect(text(clauseCell("s9.i2.c2"))).toBe("未推动在省级主流电视媒体开设安全生产专题栏目的，扣1分\n〖不适用：推动省级主流电视媒体开设专题栏目是省级的工作，县级不填〗");
    expect(String(text(clauseCell("s14.i1.c1")))).toContain("〖择一扣分：检查要求重述评分要点");
    for (const id of ["s9.i2.c2", "s9.i1.c4"]) {
      const c = clause(id);
      expect(c.locked).toBe(true);
      expect(p.cells.find((x) => x.a === c.inputCell)?.s).toBe("computed");
    }
    expect(text(clause("s9.i1.c4").valueCell)).toBe("上级评分15分");
    expect(text(clause("s9.i2.c2").valueCell)).toBe("不适用");
  });

  test("the 填表说明 explains each construct", () => {
    const notes = p.cells.filter((c) => c.s === "noteText" && typeof c.v === "string").map((c) => c.v as string).join("\n");
    for (const words of ["上级评分", "不适用", "〖注〗", "〖择一扣分〗", "〖抽查〗"]) expect(notes).toContain(words);
  });
});

describe("rubric checks", () => {
  const errors = (r: unknown) => checkConsistency(r as never).filter((f) => f.severity === "error").map((f) => `${f.path}: ${f.message}`);

  test("the test rubric is sound", () => {
    expect(errors(rubric)).toEqual([]);
  });

  test("a group of unknown, earning, locked or twice-grouped clauses", () => {
    const r = raw();
    r.exclusive.push({ id: "x1", clauses: ["nope", "s9.i3.c1"], note: "n" });
    r.exclusive.push({ id: "x2", clauses: ["s9.i2.c2", "s19.i2.c2", "s14.i1.c1"], note: "n" });
    expect(errors(r)).toEqual([
      'exclusive[3].clauses[0]: unknown clause "nope"',
      'exclusive[3].clauses[1]: "s9.i3.c1" is not a deduction (fixed, counted or discretionary)',
      'exclusive[4].clauses[0]: "s9.i2.c2" takes no entry or may be left unassessed (scored above, another level, a selectable item)',
      'exclusive[4].clauses[1]: "s19.i2.c2" takes no entry or may be left unassessed (scored above, another level, a selectable item)',
      'exclusive[4].clauses[2]: "s14.i1.c1" is already in exclusive[0]',
    ]);
  });

  test("parts scored above worth more than the item, or in a deduct section; other levels on an award", () => {
    const r = raw();
    r.sections[0].items[0].clauses[3].points = 20;
    r.sections[3].items[0].clauses.push({ id: "s20.i1.c9", kind: "scoredAbove", by: "应急管理部", text: "由应急管理部直接评分。" });
    r.sections[0].items[2].clauses[1].notApplicable = { level: "市级", note: "n" };
    expect(errors(r)).toEqual([
      "sections[0].items[0].clauses: its parts scored above are worth 20, more than the item's 19",
      "sections[0].items[2].clauses[1].notApplicable: only a deduction can be aimed at another level",
      'sections[3].items[0].clauses: parts scored above belong to items of a "sum" section',
    ]);
  });
});

describe("the fingerprint (what a return records) follows the constructs' scoring, not their wording", () => {
  const fp = (edit: (r: ReturnType<typeof raw>) => void) => {
    const r = raw();
    edit(r);
    return fingerprint(parseRubric(r, "x.json"));
  };
  const base = fingerprint(rubric);
  test.each([
    ["a group dropped", (r: ReturnType<typeof raw>) => r.exclusive.pop()],
    ["a clause moved out of a group", (r: ReturnType<typeof raw>) => r.exclusive[0].clauses.pop()],
    ["a group's scope (one fact checked → each finding in one place)", (r: ReturnType<typeof raw>) => (r.exclusive[0].scope = "finding")],
    ["another level dropped", (r: ReturnType<typeof raw>) => delete r.sections[0].items[1].clauses[1].notApplicable],
    ["选查 dropped", (r: ReturnType<typeof raw>) => delete r.sections[2].items[0].selectable],
    ["points scored above changed", (r: ReturnType<typeof raw>) => (r.sections[0].items[0].clauses[3].points = 14)],
  ])("%s: changed", (_what, edit) => expect(fp(edit)).not.toBe(base));
  test.each([
    ["a group's note", (r: ReturnType<typeof raw>) => (r.exclusive[0].note = "另一说明")],
    ["the level's note", (r: ReturnType<typeof raw>) => (r.sections[0].items[1].clauses[1].notApplicable.note = "另一说明")],
    ["an exemption", (r: ReturnType<typeof raw>) => (r.sections[0].items[1].clauses[2].exemptions = ["另一情形，不扣分"])],
    ["who scores above", (r: ReturnType<typeof raw>) => (r.sections[0].items[0].clauses[3].by = "应急管理部")],
  ])("%s: unchanged", (_what, edit) => expect(fp(edit)).toBe(base));
});

describe("the command line's report says which items were inspected and which clauses do not apply", () => {
  test("score text and --json", async () => {
    const p = plan(rubric);
    const entries: Responses = { fields: { unitName: "临泽县" }, items: { "s19.i2": { selected: true, note: "已抽查" } }, clauses: { "s19.i2.c1": { count: 1 } } };
    const grid = await xlsxToGrid(await planToXlsx(p, fillInputs(p, entries)));
    const scored = scoreRead(readWorkbook(grid, () => rubric));
    const text = scoreText(scored);
    expect(text).toContain("选查项目：已抽查 1 项（第19.2项），未抽查 3 项（得满分）");
    expect(text).toContain("不适用于本级的条款（不计分）：第10.1项（省级）、第19.5项（省份）、第39项（省级）");
    // 45 in all, 17 of it scored above; 19.2 loses 1 (19.3, 19.5, 19.7 not inspected: full).
    expect(text).toContain("总分：27 / 45（可自评满分 28，上级直接评分 17）");
    expect(scoreJson(scored).notApplicable.map((n) => n.id)).toEqual(["s9.i2.c2", "s19.i5.c2", "p39.c2"]);
  });
});

/**
 * "分别扣 / 各扣" over a closed list (004 2.2 "未将安全生产、消防工作作为党政正职应急管理培训的重要内容的，各扣2分"):
 * test004's 10.1 (3 points) holds it as c4 (安全生产, the sentence) and c5 (消防工作, sameText c4).
 */
describe("a closed list: one clause per listed thing, the sentence once", () => {
  const SENTENCE = "未将安全生产、消防工作作为党政正职应急管理培训的重要内容的，各扣2分";
  const EXEMPTION = "〖注：在县级党政负责人有关培训中，包含安全生产、消防内容的，不扣分。〗";

  test("each thing deducts its amount; together at most the item's points", () => {
    // 10.1 is worth 3: 消防工作 alone 3 − 2 = 1; both things 3 − min(3, 2 + 2) = 0.
    expect(item(run({ clauses: { "s9.i2.c5": { ticked: true } } }), "s9.i2")).toMatchObject({ deduction: 2, score: 1 });
    expect(item(run({ clauses: { "s9.i2.c4": { ticked: true }, "s9.i2.c5": { ticked: true } } }), "s9.i2")).toMatchObject({ deduction: 3, score: 0 });
  });

  test("the sheet prints the sentence and its exemption once, then each thing on its own tick row", () => {
    const p = plan(rubric);
    const clause = (id: string) => p.map.items.flatMap((i) => i.clauses).find((c) => c.id === id)!;
    const text = (id: string) => p.cells.find((c) => c.a === `${p.map.columns.clause}${clause(id).row}`)?.v;
    expect(text("s9.i2.c4")).toBe(`${SENTENCE}\n${EXEMPTION}\n· 安全生产`);
    expect(text("s9.i2.c5")).toBe("· 消防工作");
    expect(clause("s9.i2.c5").row).toBe(clause("s9.i2.c4").row + 1);
    // The map (inspect --json, the reader's messages) gives every thing the sentence and names the thing.
    expect(clause("s9.i2.c5")).toMatchObject({ text: SENTENCE, listed: "消防工作", amount: 2 });
  });

  test("formats 1 and 2 (frozen) refuse it, like the other constructs only format 3 shows", () => {
    const r = raw();
    // Keep only the closed list of 004's constructs: test004 without the others.
    r.sections = [{ id: "s1", label: "1", title: "组织领导", points: 4, items: [{ id: "s1.i1", label: "2.2", text: "培训。", points: 4, clauses: [
      { id: "s1.i1.c1", kind: "fixed", amount: 2, listed: "安全生产", text: SENTENCE },
      { id: "s1.i1.c2", kind: "fixed", amount: 2, listed: "消防工作", sameText: "s1.i1.c1" },
    ] }] }];
    delete r.penalties;
    delete r.exclusive;
    const only = parseRubric(r, "x.json");
    for (const format of [1, 2] as const) {
      expect(() => plan(only, undefined, undefined, { format })).toThrow(`自评表格式 ${format} 不能表示分别扣分的所列事项，请用格式 3 / sheet format ${format} cannot show closed lists (listed things); use format 3`);
    }
    expect(() => plan(only, undefined, undefined, { format: 3 })).not.toThrow();
  });

  test("the report names the thing after the shared sentence (score text and --json)", async () => {
    const p = plan(rubric);
    const grid = await xlsxToGrid(await planToXlsx(p, fillInputs(p, { fields: { unitName: "临泽县" }, clauses: { "s9.i2.c5": { ticked: true } } })));
    const scored = scoreRead(readWorkbook(grid, () => rubric));
    expect(scoreText(scored)).toContain("“未将安全生产、消防工作作为党政正职应急管理培训的…”（消防工作），已勾选：扣 2 分");
    const c5 = scoreJson(scored).items.find((i) => i.id === "s9.i2")!.clauses.find((c) => c.id === "s9.i2.c5");
    expect(c5).toMatchObject({ text: SENTENCE, listed: "消防工作", value: 2, entered: true });
    const inspected = inspectJson(scored.result).items.find((i) => i.id === "s9.i2")!.clauses.find((c) => c.id === "s9.i2.c5");
    expect(inspected).toMatchObject({ text: SENTENCE, listed: "消防工作", kind: "fixed", amount: 2 });
  });

  test("rubric checks: text or sameText; the same item, before, with text; same kind and amount; the thing in the sentence", () => {
    const errors = (edit: (cs: Record<string, unknown>[]) => void) => {
      const r = raw();
      edit(r.sections[0].items[1].clauses);
      return checkConsistency(r).filter((f) => f.severity === "error").map((f) => `${f.path.replace("sections[0].items[1].", "")}: ${f.message}`);
    };
    expect(errors(() => undefined)).toEqual([]);
    expect(errors((cs) => delete cs[3].text)).toContain("clauses[3].text: missing (a clause needs its text, or sameText naming the clause that carries it)");
    expect(errors((cs) => (cs[4].text = SENTENCE))).toEqual(["clauses[4].sameText: a clause has either its own text or sameText, not both"]);
    expect(errors((cs) => delete cs[4].listed)).toEqual(["clauses[4].listed: missing (a clause with sameText names its listed thing)"]);
    expect(errors((cs) => (cs[4].sameText = "s9.i1.c1"))).toEqual(['clauses[4].sameText: "s9.i1.c1" is not a clause before this one in the same item']);
    expect(errors((cs) => cs.reverse())).toContain('clauses[0].sameText: "s9.i2.c4" is not a clause before this one in the same item');
    // c1 "未开展……公开曝光的，扣1分": no listed thing, another amount, and 消防工作 is not in its sentence.
    expect(errors((cs) => (cs[4].sameText = "s9.i2.c1"))).toEqual([
      'clauses[4].sameText: "s9.i2.c1" names no listed thing (the first thing of the list needs listed)',
      'clauses[4].sameText: a listed thing deducts like "s9.i2.c1" (same kind, amount, unit and cap)',
      'clauses[4].listed: "消防工作" does not occur in the sentence',
    ]);
    expect(errors((cs) => (cs[4].amount = 1))).toEqual(['clauses[4].sameText: a listed thing deducts like "s9.i2.c4" (same kind, amount, unit and cap)']);
    expect(errors((cs) => (cs[4].listed = "安全生产"))).toEqual(['clauses[4].listed: "安全生产" is listed twice in the same list']);
    expect(errors((cs) => (cs[4].listed = "消防救援"))).toEqual(['clauses[4].listed: "消防救援" does not occur in the sentence']);
  });
});
