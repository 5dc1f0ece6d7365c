/** Sheet format 4 (核定): the plan's layout, what is locked, the prefill from a return, the formulas written. */
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook } from "../src/layout/read";
import { reviewPlan } from "../src/layout/review";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import { CURRENT_FORMAT, READABLE_FORMATS } from "../src/layout/format";
import type { SheetPlan } from "../src/layout/types";

const rubric = findRubric("lw2015-dept")!;
const variant = rubric.variants![0].id;
const p4 = plan(rubric, variant, "某单位", { format: 4 });
const cellAt = (p: SheetPlan, a: string) => p.cells.find((c) => c.a === a);

test("new templates stay format 3; format 4 is readable", () => {
  expect(CURRENT_FORMAT).toBe(3);
  expect(plan(rubric, variant).planVersion).toBe(3);
  expect(READABLE_FORMATS).toEqual([1, 2, 3, 4]);
  expect(p4.planVersion).toBe(4);
  expect(p4.meta).toContainEqual(["planVersion", "4"]);
});

test("the assessors' columns come after the unit's, before 状态; 核定状态 on screen; their counts hidden", () => {
  const keys = p4.columns.map((c) => c.key);
  const at = (k: string) => keys.indexOf(k as never);
  expect(keys.slice(at("tick"), at("note") + 1)).toEqual(["tick", "count", "value", "score", "note"]);
  expect(keys.slice(at("note") + 1, at("status"))).toEqual(["rtick", "rcount", "rvalue", "rscore", "rnote", "rmark"]);
  expect(keys[at("status") + 1]).toBe("rstatus");
  expect(p4.columns.find((c) => c.key === "rinvalid")?.hidden).toBe(true);
  expect(p4.columns.find((c) => c.key === "rstatus")?.hidden).toBeFalsy();
  // The 核定 columns print (the print area runs to 核定对比), 状态 and 核定状态 do not.
  expect(p4.print.area).toBe(`A1:${p4.map.columns.rmark}${p4.lastRow}`);
  expect(p4.print.orientation).toBe("landscape");
  expect(p4.print.paper).toBe("A4");
  expect(p4.columns.map((c) => c.header)).toEqual(expect.arrayContaining(["核定（勾选）", "核定次数/扣分值", "核定得分", "核定说明", "核定对比"]));
});

test("the unit's input cells are locked; the assessors' unlocked, with the unit's validation", () => {
  // qhd2016-dept (001 annex 4): fixed and counted clauses, vetoes.
  const dept = findRubric("qhd2016-dept")!;
  const p4 = plan(dept, undefined, undefined, { format: 4 });
  const i1 = p4.map.items.find((i) => i.clauses.length > 0)!;
  const c1 = i1.clauses[0];
  const style = (a: string) => p4.styles[cellAt(p4, a)!.s];
  for (const a of [c1.inputCell, i1.noteCell, ...Object.values(p4.map.fields), p4.map.vetoes[0].inputCell]) expect(style(a).locked).toBe(true);
  // Every header and footer field cell (merged ones too, wherever they fall) is the unit's, locked.
  for (const c of p4.cells.filter((x) => x.s.startsWith("field") || x.s === "givenField")) expect([c.a, p4.styles[c.s].locked]).toEqual([c.a, true]);
  // Of the input styles, only the 核定 columns' cells remain.
  const reviewColumns = ["rtick", "rcount", "rnote"].map((k) => p4.map.columns[k as "rtick"]);
  for (const c of p4.cells.filter((x) => !p4.styles[x.s].locked)) expect(reviewColumns).toContain(c.a.replace(/\d+$/, ""));
  for (const a of [c1.review!.inputCell, c1.review!.noteCell, p4.map.vetoes[0].review!.inputCell]) expect(style(a).locked).toBe(false);
  const counted = p4.map.items.flatMap((i) => i.clauses).find((c) => c.countCell !== null)!;
  expect(style(counted.countCell!).locked).toBe(true);
  expect(style(counted.review!.countCell).locked).toBe(false);
  const validation = (a: string) => p4.validations.find((v) => v.range === a);
  expect(validation(c1.review!.inputCell)).toMatchObject({ type: "list", list: ["√"] });
  expect(validation(counted.review!.countCell)).toMatchObject({ ...validation(counted.countCell!), range: counted.review!.countCell });
  // Format 3 leaves the unit's cells open.
  const p3 = plan(rubric, variant, undefined, { format: 3 });
  expect(p3.styles[cellAt(p3, p3.map.items[0].clauses[0].inputCell)!.s].locked).toBe(false);
  expect(p4.protect).toBe(true);
});

test("the 核定 formulas exist: clause values, item scores, markers, subtotals and every total row", () => {
  for (const i of [...p4.map.items, ...p4.map.penalties]) {
    expect(cellAt(p4, i.review!.scoreCell)?.f).toMatch(/^ROUND\(/);
    expect(cellAt(p4, i.review!.markCell)?.f).toContain("核定不同");
    for (const c of i.clauses) expect(cellAt(p4, c.review!.valueCell)?.f).toBeDefined();
  }
  for (const v of p4.map.vetoes) expect(cellAt(p4, v.review!.markCell)?.f).toContain("核定不同");
  const r = p4.map.review!;
  for (const a of [r.totalCell, r.percentCell, r.vetoCell, r.tierCell!, r.invalidCell]) expect(cellAt(p4, a)?.f).toBeDefined();
  // On the unit's total rows, in the 核定得分 column.
  expect(r.totalCell.replace(/\d+$/, "")).toBe(p4.map.columns.rscore);
  expect(r.totalCell.replace(/^[A-Z]+/, "")).toBe(p4.map.totalCell!.replace(/^[A-Z]+/, ""));
  // The 核定 cells are tested in their own helper columns (辅助4 on): the unit's tier counts the unit's entries only.
  expect(cellAt(p4, p4.map.tierCell!)?.f).not.toMatch(new RegExp(`COUNTIF\\(${p4.map.columns.helper4}`));
});

test("a checklist cannot be reviewed", () => {
  const checklist = findRubric("xc2018-checklist")!;
  expect(() => plan(checklist, checklist.variants?.[0]?.id, undefined, { format: 4 })).toThrow(/巡查表没有可核定的得分.*checklist has no scores/);
});

test("reviewPlan: the unit's entries as read, the 核定 prefilled with them, 核定说明 empty", async () => {
  const rubric = findRubric("qhd2016-dept")!;
  const p3 = plan(rubric, undefined, "某单位", { format: 3 });
  const i1 = p3.map.items.find((i) => i.clauses.some((c) => c.kind === "fixed"))!;
  const [fixed1, fixed2] = p3.map.items.flatMap((i) => i.clauses).filter((c) => c.kind === "fixed");
  const counted = p3.map.items.flatMap((i) => i.clauses).find((c) => c.kind === "counted")!;
  const bytes = await planToXlsx(p3, fillInputs(p3, {
    fields: { unitName: "某单位" },
    items: { [i1.id]: { note: "见台账" } },
    clauses: { [fixed1.id]: { ticked: "√" }, [fixed2.id]: { ticked: "否" }, [counted.id]: { ticked: "√", count: 2 } },
  }));
  const { plan: p, inputs } = reviewPlan(readWorkbook(await xlsxToGrid(bytes), () => rubric));
  expect(p.planVersion).toBe(4);
  const c = (id: string) => p.map.items.flatMap((i) => i.clauses).find((x) => x.id === id)!;
  const c1 = c(fixed1.id);
  expect([inputs.get(c1.inputCell), inputs.get(c1.review!.inputCell)]).toEqual(["√", "√"]);
  // A valid "not ticked" (否) is written blank on both sides.
  expect(inputs.get(c(fixed2.id).inputCell) ?? null).toBeNull();
  expect(inputs.get(c(fixed2.id).review!.inputCell) ?? null).toBeNull();
  expect([inputs.get(c(counted.id).countCell!), inputs.get(c(counted.id).review!.countCell)]).toEqual([2, 2]);
  const item = p.map.items.find((i) => i.id === i1.id)!;
  expect(inputs.get(item.noteCell)).toBe("见台账");
  expect(item.review!.noteCells.some((a) => inputs.has(a))).toBe(false);
  expect(inputs.get(p.map.fields.unitName)).toBe("某单位");
});
