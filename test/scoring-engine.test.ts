/** The engine's rules on small hand-built rubrics: every clause kind, every cap, every flag. */
import { score, ScoringError } from "../src/scoring";
import { award, bonus, counted, discretionary, fixed, item, rubric, section } from "./helpers/factory";

const flagKinds = (r: ReturnType<typeof score>) => r.flags.map((f) => `${f.kind}:${f.target.id}:${f.target.input}`);

describe("clause kinds", () => {
  const r = rubric([
    section([
      item("a", 10, [fixed("a1", 3), fixed("a2", 4)]),
      item("b", 10, [counted("b1", 2, 5)]),
      item("c", 5, [award("c1", 2), award("c2", 3)]),
      item("d", 8, [discretionary("d1")]),
    ]),
  ]);

  test("nothing entered scores full points", () => {
    const rep = score(r, {});
    expect(rep.total).toBe(33);
    expect(rep.max).toBe(33);
    expect(rep.complete).toBe(true);
  });

  test("fixed: ticked deducts its amount", () => {
    const rep = score(r, { clauses: { a1: { ticked: true } } });
    expect(rep.sections[0].items[0]).toMatchObject({ score: 7, deduction: 3 });
  });

  test("counted: count × amount up to the clause cap", () => {
    expect(score(r, { clauses: { b1: { count: 2 } } }).sections[0].items[1].score).toBe(6);
    expect(score(r, { clauses: { b1: { count: 3 } } }).sections[0].items[1].score).toBe(5);
  });

  test("award: a ticked sub-item is not achieved", () => {
    expect(score(r, { clauses: { c2: { ticked: true } } }).sections[0].items[2].score).toBe(2);
  });

  test("discretionary: the entered amount, at most the item's points", () => {
    expect(score(r, { clauses: { d1: { amount: 2.5 } } }).sections[0].items[3].score).toBe(5.5);
    const over = score(r, { clauses: { d1: { amount: 9 } } });
    expect(over.sections[0].items[3].score).toBe(8);
    expect(flagKinds(over)).toContain("invalid-input:d1:amount");
    expect(over.complete).toBe(false);
  });
});

describe("caps in order", () => {
  test("item deduction cap: four 扣3分 under 最高扣12分 on a 15-point item deduct 12", () => {
    const r = rubric([section([item("a", 15, [fixed("a1", 3), fixed("a2", 3), fixed("a3", 3), fixed("a4", 3), fixed("a5", 3)], { cap: 12 })])]);
    const all = Object.fromEntries(["a1", "a2", "a3", "a4", "a5"].map((id) => [id, { ticked: true }]));
    expect(score(r, { clauses: all }).total).toBe(3);
  });

  test("floor: deductions beyond the item's points stop at 0", () => {
    const r = rubric([section([item("a", 5, [counted("a1", 2)]), item("b", 5, [])])]);
    expect(score(r, { clauses: { a1: { count: 7 } } }).sections[0].items[0].score).toBe(0);
    expect(score(r, { clauses: { a1: { count: 7 } } }).total).toBe(5);
  });

  test("award items are capped at their points (000 indicator 3: 26 under 24)", () => {
    const r = rubric([section([item("a", 24, [award("a1", 20), award("a2", 3), award("a3", 3)])])]);
    expect(score(r, {}).total).toBe(24);
    expect(score(r, { clauses: { a2: { ticked: true } } }).total).toBe(23);
  });

  test("sum section: min(points, Σ item scores)", () => {
    const r = rubric([section([item("a", 10, []), item("b", 10, [])], { points: 15, notes: ["test"] })]);
    expect(score(r, {}).sections[0]).toMatchObject({ raw: 20, score: 15, max: 15 });
  });

  test("deduct section: points − Σ row deductions, each row capped, floored at 0", () => {
    const r = rubric([
      section([item("a", undefined, [counted("a1", 5, 10)]), item("b", undefined, [fixed("b1", 3), fixed("b2", 3)], { cap: 4 })], {
        points: 20,
        scoring: "deduct",
      }),
    ]);
    expect(score(r, { clauses: { a1: { count: 3 }, b1: { ticked: true }, b2: { ticked: true } } }).sections[0]).toMatchObject({ score: 6, raw: 6 });
    const big = rubric([section([item("a", undefined, [counted("a1", 5)])], { points: 10, scoring: "deduct" })]);
    expect(score(big, { clauses: { a1: { count: 3 } } }).sections[0]).toMatchObject({ raw: -5, score: 0 });
  });

  test("bonus: count × amount up to its cap, within the section's points", () => {
    const r = rubric([section([item("a", 40, [counted("a1", 10, 40)]), item("b", 40, [bonus("b1", 20, 40)])], { points: 80 })]);
    expect(score(r, {}).total).toBe(40);
    expect(score(r, { clauses: { b1: { count: 1 } } }).total).toBe(60);
    expect(score(r, { clauses: { b1: { count: 5 } } }).total).toBe(80);
  });

  test("penalties come off the total, which never drops below 0", () => {
    const r = rubric([section([item("a", 2, [])])], {
      penalties: [{ id: "p", label: "39", text: "减分项", clauses: [{ id: "p1", kind: "counted", text: "每项扣0.5分", amount: 0.5, unit: "项" }] }],
    });
    expect(score(r, { clauses: { p1: { count: 3 } } })).toMatchObject({ subtotal: 2, penaltyTotal: 1.5, total: 0.5 });
    expect(score(r, { clauses: { p1: { count: 9 } } }).total).toBe(0);
  });
});

describe("exact hundredths", () => {
  test("0.1 and 0.3 per unit add exactly", () => {
    const r = rubric([section([item("a", 5, [counted("a1", 0.3), counted("a2", 0.1, 1)])])]);
    const rep = score(r, { clauses: { a1: { count: 3 }, a2: { count: 7 } } });
    expect(rep.sections[0].items[0].clauses.map((c) => c.value)).toEqual([0.9, 0.7]);
    expect(rep.sections[0].items[0].score).toBe(3.4);
    expect(JSON.stringify(rep)).not.toMatch(/\d\.\d*0000000|\d\.\d*9999999/);
  });
});

describe("vetoes and tiers", () => {
  const r = rubric([section([item("a", 100, [fixed("a1", 5), fixed("a2", 15), fixed("a3", 30)])])], {
    vetoes: [
      { id: "v.fail1", effect: "fail", text: "发生较大以上安全生产事故" },
      { id: "v.ne1", effect: "noExcellent", text: "发生2起以上（含2起）一般事故的。" },
    ],
  });
  test("default thresholds 90 / 80 / 60", () => {
    expect(score(r, {}).tier).toBe("excellent");
    expect(score(r, { clauses: { a2: { ticked: true } } }).tier).toBe("good");
    expect(score(r, { clauses: { a3: { ticked: true } } }).tier).toBe("pass");
    expect(score(r, { clauses: { a2: { ticked: true }, a3: { ticked: true } } }).tier).toBe("fail");
  });
  test("a fail veto gives 不合格 whatever the score, with its reason", () => {
    const rep = score(r, { vetoes: { "v.fail1": true } });
    expect(rep.tier).toBe("fail");
    expect(rep.total).toBe(100);
    expect(rep.veto).toEqual({ fail: true, noExcellent: false, reasons: [{ id: "v.fail1", effect: "fail", text: "发生较大以上安全生产事故" }] });
  });
  test("a no-excellent veto caps the tier at 良好", () => {
    expect(score(r, { vetoes: { "v.ne1": true } }).tier).toBe("good");
    expect(score(r, { vetoes: { "v.ne1": true }, clauses: { a3: { ticked: true } } }).tier).toBe("pass");
  });
  test("the policy can be overridden per call", () => {
    expect(score(r, { clauses: { a1: { ticked: true } } }, { tiers: { excellent: 96, good: 90, pass: 80 } }).tier).toBe("good");
  });
  test("the headline state: a table with no entry is unfilled, not 100 优秀; an invalid entry makes it provisional", () => {
    expect(score(r, {}).state).toBe("unfilled");
    // Unticked checkboxes (FALSE), blank notes and header fields are not entries.
    expect(score(r, { fields: { unitName: "区教育局" }, clauses: { a1: { ticked: false }, a2: { count: "  " } }, items: { a: { note: "" } }, vetoes: { "v.ne1": false } }).state).toBe("unfilled");
    expect(score(r, { items: { a: { note: "已落实" } } }).state).toBe("final");
    expect(score(r, { clauses: { a1: { ticked: true } } }).state).toBe("final");
    expect(score(r, { clauses: { a1: { count: 0 } } }).state).not.toBe("unfilled");
    expect(score(r, { vetoes: { "v.fail1": true } }).state).toBe("final");
    const bad = score(r, { clauses: { a1: { ticked: "x" } } });
    expect([bad.state, bad.complete]).toEqual(["provisional", false]);
  });
  test("percent is rounded half up to 2 decimals and drives the tier", () => {
    const r3 = rubric([section([item("a", 3, [fixed("a1", 1)])])], { percentScale: true });
    expect(score(r3, { clauses: { a1: { ticked: true } } }).percent).toBe(66.67);
  });
});

describe("flags", () => {
  const r = rubric([section([item("a", 10, [fixed("a1", 3), counted("a2", 1)]), item("b", 5, [discretionary("b1")])])], {
    evidence: { required: true },
    fields: { header: [{ id: "unitName", label: "单位名称", required: true }], footer: [{ id: "phone", label: "联系电话", required: false }] },
  });

  test("missing evidence, unexplained entries and missing fields", () => {
    const rep = score(r, { clauses: { b1: { amount: 1 } } });
    expect(flagKinds(rep)).toEqual(["missing-field:unitName:value", "missing-evidence:a:note", "unexplained-entry:b:note"]);
    expect(rep.flags[0].message).toBe("未填写“单位名称”");
  });

  test("notes and fields silence them", () => {
    const rep = score(r, { fields: { unitName: "区教育局" }, items: { a: { note: "已落实" }, b: { note: "酌情扣1分：资料不全" } }, clauses: { b1: { amount: 1 } } });
    expect(rep.flags).toEqual([]);
  });

  test.each([
    ["negative count", { a2: { count: -1 } }, "a2:count"],
    ["fractional count", { a2: { count: 1.5 } }, "a2:count"],
    ["text count", { a2: { count: "三" } }, "a2:count"],
    ["count on a fixed clause", { a1: { count: 2 } }, "a1:count"],
    ["unreadable tick", { a1: { ticked: "maybe" } }, "a1:tick"],
    ["ticked counted clause without count", { a2: { ticked: true } }, "a2:count"],
    ["unknown clause id", { zz: { ticked: true } }, "zz:value"],
  ])("invalid input is flagged and scored as blank: %s", (_name, clauses, where) => {
    const rep = score(r, { fields: { unitName: "x" }, items: { a: { note: "n" }, b: { note: "n" } }, clauses });
    expect(rep.flags.map((f) => `${f.kind}:${f.target.id}:${f.target.input}`)).toContain(`invalid-input:${where}`);
    expect(rep.complete).toBe(false);
    expect(rep.total).toBe(15);
  });

  test("checklist points: unanswered, 否 without a note, unreadable answers", () => {
    const cl = rubric([{ id: "s1", label: "一", title: "巡查", checks: [1, 2, 3, 4].map((n) => ({ id: `k${n}`, label: String(n), text: `是否${n}` })) }]);
    const rep = score(cl, { items: { k1: { answer: "是" }, k2: { answer: "否" }, k3: { answer: "可能" } } });
    expect(flagKinds(rep)).toEqual(["check-no-note:k2:note", "invalid-input:k3:answer", "unanswered-check:k4:answer"]);
    expect(rep.checks.map((c) => c.answer)).toEqual(["yes", "no", null, null]);
    expect(rep.tier).toBeNull();
  });
});

describe("variants and scored-above items", () => {
  const r = rubric(
    [
      section([item("a", 10, []), item("v1", 5, [award("v1.c1", 5)], { appliesTo: ["x"] }), item("v2", 5, [award("v2.c1", 2), award("v2.c2", 3)], { appliesTo: ["y"] })], { points: 15 }),
      section([item("up", 6, [fixed("up.c1", 6)], { scoredAbove: { by: "应急管理部", text: "由应急管理部直接评分" } }), item("own", 4, [])], { id: "s2", points: 10 }),
    ],
    { variants: [{ id: "x", title: "甲局", units: ["甲局"] }, { id: "y", title: "乙局", units: ["乙局"] }] },
  );
  test("a variant sees its own items only", () => {
    const rep = score(r, { variant: "y", clauses: { "v2.c2": { ticked: true } } });
    expect(rep.sections[0].items.map((i) => i.id)).toEqual(["a", "v2"]);
    expect(rep.sections[0].score).toBe(12);
  });
  test("an entry for another variant's clause is flagged", () => {
    expect(score(r, { variant: "y", clauses: { "v1.c1": { ticked: true } } }).flags.map((f) => f.kind)).toContain("invalid-input");
  });
  test("a missing or unknown variant is an error, not a guess", () => {
    expect(() => score(r, {})).toThrow(ScoringError);
    expect(() => score(r, { variant: "z" })).toThrow(/no variant "z"/);
  });
  test("scored-above items are shown but excluded from the self-assessed max", () => {
    const rep = score(r, { variant: "x" });
    expect(rep).toMatchObject({ max: 25, selfMax: 19, scoredAboveMax: 6, total: 19, percent: 100 });
    expect(rep.sections[1].items[0].scoredAbove).toBe(true);
    expect(rep.sections[1].items[0].score).toBeUndefined();
  });
});
