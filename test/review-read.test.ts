/**
 * A review (核定) read back: the reviewed workbook's 自评 equals the original return's score as read by its own
 * format (formats 1, 2 and 3, invalid entries and format 1's x included), the 核定 starts equal, and the
 * assessors' changes come back as differences with both scores and their note. Through .xlsx (ExcelJS) both ways.
 */
import ExcelJS from "exceljs";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook, type ReadResult } from "../src/layout/read";
import { reviewPlan } from "../src/layout/review";
import { scoreRead } from "../src/layout/scored";
import { toScoredReturn } from "../src/consolidate/from-read";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import type { SheetFormat } from "../src/layout/entries";
import type { Responses } from "../src/scoring";
import { REVIEW_MARK } from "../src/layout/plan/rows";

const rubric = findRubric("qhd2016-dept")!;
const lookup = () => rubric;
const all = (r: ReadResult) => [...r.map.items, ...r.map.penalties];
const clausesOf = (p: { map: ReadResult["map"] }) => p.map.items.flatMap((i) => i.clauses);

/** A return in `format`, typed as a unit might: ticks, a count, an invalid count, a veto, notes; format 1 also x and "√" + U+3000. */
async function returnIn(format: SheetFormat): Promise<Uint8Array> {
  const p = plan(rubric, undefined, "某单位", { format });
  const fixed = clausesOf(p).filter((c) => c.kind === "fixed");
  const counted = clausesOf(p).filter((c) => c.kind === "counted");
  const typed: Responses = {
    fields: { unitName: "某单位" },
    items: Object.fromEntries(p.map.items.slice(0, 3).map((i) => [i.id, { note: "见台账" }])),
    clauses: {
      [fixed[0].id]: { ticked: "√" },
      [fixed[1].id]: { ticked: format === 1 ? "x" : " √ " },
      [fixed[2].id]: { ticked: format === 1 ? "√\u3000" : "×" },
      [counted[0].id]: { ticked: "√", count: 2 },
      [counted[1].id]: { count: "三" },
    },
    vetoes: { [p.map.vetoes[6].id]: "√" },
  };
  return planToXlsx(p, fillInputs(p, typed));
}

const read = async (bytes: Uint8Array) => readWorkbook(await xlsxToGrid(bytes), lookup);
async function reviewed(bytes: Uint8Array, edit?: (ws: ExcelJS.Worksheet, r: ReadResult) => void): Promise<ReadResult> {
  const { plan: p, inputs } = reviewPlan(await read(bytes));
  let out = await planToXlsx(p, inputs);
  if (edit) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out as never);
    edit(wb.getWorksheet(p.sheetName)!, await read(out));
    out = new Uint8Array(await wb.xlsx.writeBuffer());
  }
  return read(out);
}

describe.each([1, 2, 3] as const)("a format-%s return", (format) => {
  test("reviewed: its 自评 scores as the return did, the 核定 starts equal, no difference", async () => {
    const bytes = await returnIn(format);
    const original = scoreRead(await read(bytes));
    const r = await reviewed(bytes);
    expect(r.format).toBe(4);
    const s = scoreRead(r);
    expect(s.report.total).toBe(original.report.total);
    expect(s.report.state).toBe(original.report.state);
    expect(s.report.veto).toEqual(original.report.veto);
    expect(s.review!.report.total).toBe(original.report.total);
    expect(s.review!.differences).toEqual([]);
    // The invalid entries stay invalid (the return is provisional, and so is the 核定).
    expect(original.report.complete).toBe(false);
    expect(s.report.complete).toBe(false);
    expect(s.review!.report.complete).toBe(false);
  });
});

test("format 1: x is written √ (format 1 counts it), and an invalid √ + ideographic space stays invalid", async () => {
  const r = await reviewed(await returnIn(1));
  const fixed = clausesOf(r).filter((c) => c.kind === "fixed");
  expect(r.responses.clauses?.[fixed[1].id]?.ticked).toBe(true);
  expect(r.responses.clauses?.[fixed[2].id]?.ticked).toBe("无效：√\u3000");
  expect(r.review!.responses.clauses?.[fixed[2].id]?.ticked).toBe("无效：√\u3000");
});

test("the assessors' changes: differences with both scores and the note; the unit's entries unchanged", async () => {
  const bytes = await returnIn(3);
  const original = scoreRead(await read(bytes));
  let item = "";
  let vetoId = "";
  const r = await reviewed(bytes, (ws, before) => {
    const fixed = clausesOf(before).filter((c) => c.kind === "fixed");
    // Un-tick the first fixed clause; note why; tick the veto's 核定 off.
    ws.getCell(fixed[0].review!.inputCell).value = null;
    ws.getCell(fixed[0].review!.noteCell).value = "已补台账";
    item = all(before).find((i) => i.clauses.some((c) => c.id === fixed[0].id))!.id;
    const v = before.map.vetoes[6];
    vetoId = v.id;
    ws.getCell(v.review!.inputCell).value = null;
  });
  const s = scoreRead(r);
  expect(s.report.total).toBe(original.report.total);
  const fixed0 = rubric.sections.flatMap((x) => x.items ?? []).flatMap((i) => i.clauses).find((c) => c.kind === "fixed")! as { amount: number };
  expect(s.review!.report.total).toBe(original.report.total + fixed0.amount);
  expect(s.review!.differences.map((d) => d.id)).toEqual([item, vetoId]);
  const d = s.review!.differences[0];
  expect(d.note).toBe("已补台账");
  expect(d.review! - d.self!).toBe(fixed0.amount);
  expect(d.cell).toMatch(/^自评表!/);
  expect(s.review!.differences[1]).toMatchObject({ self: null, review: null, label: "优秀否决" });
  // The consolidation's view: 核定 total and deductions in the order of the items.
  const ret = toScoredReturn(s, "x.xlsx");
  expect(ret.review).toMatchObject({ total: s.review!.report.total, differences: [{ id: item, note: "已补台账" }, { id: vetoId }] });
  expect(ret.review!.deductions).toHaveLength(ret.items.length);
});

test("a tampered 核定 total is flagged like the 自评's", async () => {
  const r = await reviewed(await returnIn(3));
  const s = scoreRead({ ...r, review: { ...r.review!, cached: { total: 1, tier: null } } });
  expect(s.review!.flags.map((f) => f.kind)).toContain("cached-total");
  expect(s.flags.map((f) => f.kind)).not.toContain("cached-total");
});

test("a reviewed return reviewed again keeps the 核定 entries and notes", async () => {
  const first = await reviewed(await returnIn(3), (ws, before) => {
    const c = clausesOf(before).filter((x) => x.kind === "fixed")[0];
    ws.getCell(c.review!.inputCell).value = null;
    ws.getCell(c.review!.noteCell).value = "已补台账";
  });
  const { plan: p, inputs } = reviewPlan(first);
  const again = scoreRead(await read(await planToXlsx(p, inputs)));
  expect(again.review!.differences).toEqual(scoreRead(first).review!.differences);
  expect(REVIEW_MARK).toBe("◆ 核定不同");
});

test("a return made with local points and without its reference tier is reviewed with both (recorded, read back alike)", async () => {
  const county = findRubric("county2023")!;
  const points = { "s2.i1": 3, "s2.i2": 5 };
  const p = plan(county, undefined, "某县", { format: 3, points, tiers: null });
  const fixed = p.map.items.flatMap((i) => i.clauses).find((c) => c.kind === "fixed")!;
  const bytes = await planToXlsx(p, fillInputs(p, { clauses: { [fixed.id]: { ticked: "√" } } }));
  const countyLookup = () => county;
  const original = readWorkbook(await xlsxToGrid(bytes), countyLookup);
  const { plan: p4, inputs } = reviewPlan(original);
  expect(p4.meta).toEqual(expect.arrayContaining([["referenceTier", "off"], ["points", JSON.stringify(points)], ["planVersion", "4"]]));
  expect(p4.map.tierCell).toBeNull();
  const r = readWorkbook(await xlsxToGrid(await planToXlsx(p4, inputs)), countyLookup);
  expect([r.localPoints, r.tiersOff]).toEqual([points, true]);
  const s = scoreRead(r);
  expect(s.report.total).toBe(scoreRead(original).report.total);
  expect(s.review!.report.total).toBe(s.report.total);
  expect(s.review!.report.tier).toBeNull();
  expect([...s.flags, ...s.review!.flags].filter((f) => f.kind === "cached-total")).toEqual([]);
});

test("the unit's locked entries edited after the review began are reported (given-changed); a blank 单位名称 stays blank", async () => {
  const p = plan(rubric, undefined, "某单位", { format: 3 });
  const fixed = clausesOf(p).find((c) => c.kind === "fixed")!;
  // The unit cleared the 单位名称 the template was made with.
  const bytes = await planToXlsx(p, new Map([[p.map.fields.unitName, null], [fixed.inputCell, "√"]]));
  const untouched = await reviewed(bytes);
  expect(untouched.problems).toEqual([]);
  expect(untouched.responses.fields?.unitName).toBeUndefined();
  const edited = await reviewed(bytes, (ws, before) => {
    ws.getCell(before.map.items.flatMap((i) => i.clauses).find((c) => c.id === fixed.id)!.inputCell).value = null;
  });
  expect(edited.problems.map((x) => x.kind)).toEqual(["given-changed"]);
  expect(scoreRead(edited).flags.map((f) => f.kind)).toContain("given-changed");
});

test("the given digest is format 4's only, and 64 hex digits", async () => {
  const { parseMeta } = await import("../src/layout/format");
  const p3 = plan(rubric, undefined, undefined, { format: 3 });
  const p4 = plan(rubric, undefined, undefined, { format: 4 });
  const digest = "a".repeat(64);
  expect(parseMeta([...p4.meta, ["given", digest]]).given).toBe(digest);
  expect(() => parseMeta([...p3.meta, ["given", digest]])).toThrow(/“given”无效.*invalid "given"/);
  expect(() => parseMeta([...p4.meta, ["given", "xyz"]])).toThrow(/invalid "given"/);
});
