/**
 * 开始核定 in the add-in's Excel adapter (session.startReview) against the in-memory Excel host: a returned table
 * becomes a review table (sheet format 4) in place, the unit's entries unchanged and locked, the 核定 equal to the
 * 自评 until the assessors change it; the return's own sheet kept and archived; refusals.
 */
import { createHost } from "../src/host";
import { createSession } from "../src/excel/session";
import { queueMeta, queuePlan } from "../src/excel/write-plan";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { META_SHEET } from "../src/layout/types";
import { TABLE_MARK } from "../src/layout/format";
import type { SheetPlan } from "../src/layout/types";
import type { Responses } from "../src/scoring";

type Host = ReturnType<typeof createHost>;
let host: Host;
const lw = findRubric("lw2015-dept")!;
const qhd = findRubric("qhd2016-dept")!;

function install(apiVersion = "1.18") {
  host = createHost({ apiVersion });
  host.install(globalThis);
}
beforeEach(() => install());

/** The table of a review plan (format 4) for the same rubric, variant and unit: where its cells are. */
const reviewMap = (rubricId: string, variant?: string, unit?: string) => plan(findRubric(rubricId)!, variant, unit, { format: 4 }).map;
const clauseOf = (p: SheetPlan["map"], id: string) => p.items.flatMap((i) => i.clauses).find((c) => c.id === id)!;

/** The entries a unit made: an unticked checkbox (FALSE) and a blank tick cell are the same entry. */
const entries = (r: Responses): Responses => ({
  ...r,
  clauses: Object.fromEntries(Object.entries(r.clauses ?? {}).filter(([, c]) => c.ticked !== false || c.count !== undefined || c.amount !== undefined)),
});

/** A return made by an older release (formats 1 and 2 are no longer inserted): written as that format's plan, filled. */
async function writeReturn(p: SheetPlan, resp: Responses) {
  await Excel.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.add(p.sheetName);
    queuePlan(sheet, p, { checkboxes: false, inputs: fillInputs(p, resp) });
    queueMeta(ctx, p);
    await ctx.sync();
  });
}

test("000 教育局 (format 3): the 核定 equals the 自评 at the start, the unit's entries unchanged and locked, the original kept", async () => {
  const session = createSession();
  await session.insert(lw, "jyj", "区教育局");
  const p3 = plan(lw, "jyj", "区教育局");
  const c3 = (id: string) => clauseOf(p3.map, id);
  // Indicator 3 (24, award): two sub-items not achieved, 3 + 5 points → 18; 200 − 6 = 194 (SCORING.md worked example).
  host.workbook.userEdit("自评表", c3("i3.c6b").inputCell, true);
  host.workbook.userEdit("自评表", c3("i3.c5").inputCell, true);
  host.workbook.userEdit("自评表", p3.map.items.find((i) => i.id === "i3")!.noteCell, "录用3条，未开展安康杯");
  const before = await session.read();
  expect(before.report.total).toBe(194);
  expect(before.review ?? null).toBeNull();
  expect(await session.inspect()).toMatchObject({ kind: "table", format: 3 });

  const r = await session.startReview();
  expect(r).toMatchObject({ sheetName: "自评表", oldSheetName: "自评表（自评原件）" });
  expect(r.syncs).toBeLessThanOrEqual(5);
  expect(await session.inspect()).toMatchObject({ kind: "table", format: 4, current: true });

  const after = await session.read();
  expect(after.result.format).toBe(4);
  expect(entries(after.result.responses)).toEqual(entries(before.result.responses));
  expect(after.report.total).toBe(194);
  expect(after.review).toBeTruthy();
  expect(after.review!.report.total).toBe(194);
  expect(after.review!.report.tier).toBe(before.report.tier);
  expect(after.review!.differences).toEqual([]);

  // The unit's entries are locked; the assessors' cells are open (a checkbox where Excel has them, ticked as the unit did).
  const m = reviewMap("lw2015-dept", "jyj", "区教育局");
  const c = (id: string) => clauseOf(m, id);
  expect(host.workbook.userEdit("自评表", c("i3.c6b").inputCell, false)).toMatchObject({ ok: false });
  expect(host.workbook.userEdit("自评表", m.items.find((i) => i.id === "i3")!.noteCell, "改")).toMatchObject({ ok: false });
  expect(host.workbook.get("自评表", c("i3.c6b").review!.inputCell)).toMatchObject({ value: true, locked: false, control: { type: "Checkbox" } });
  expect(host.workbook.get("自评表", c("i3.c1").review!.inputCell).value).toBe(false);

  // The return's own sheet stays, no longer a table (a workbook holds exactly one).
  const idCol = m.columns.id!;
  expect(host.workbook.get("自评表", `${idCol}1`).value).toBe(TABLE_MARK);
  expect(host.workbook.get("自评表（自评原件）", `${idCol}1`).value).not.toBe(TABLE_MARK);
  expect(host.workbook.get("自评表（自评原件）", c3("i3.c6b").inputCell).value).toBe(true);
  expect(host.workbook.sheets.filter((s) => s.name === META_SHEET)).toHaveLength(1);

  // The assessors achieve 3 more points (they untick c6b, 3 points): 核定 197, one difference, 18 → 21, with their note.
  expect(host.workbook.userEdit("自评表", c("i3.c6b").review!.inputCell, false)).toMatchObject({ ok: true });
  expect(host.workbook.userEdit("自评表", c("i3.c6b").review!.noteCell, "查见录用4条")).toMatchObject({ ok: true });
  const reviewed = await session.read();
  expect(reviewed.report.total).toBe(194);
  expect(reviewed.review!.report.total).toBe(197);
  expect(reviewed.review!.differences).toEqual([
    expect.objectContaining({ id: "i3", self: 18, review: 21, note: "查见录用4条", cell: `自评表!${m.items.find((i) => i.id === "i3")!.review!.scoreCell}` }),
  ]);
});

test("reviewing the largest table (county2023) stays within 5 syncs and under the 5 MB request limit", async () => {
  const session = createSession();
  await session.insert(findRubric("county2023")!, undefined, "某县");
  host.resetCounters();
  const r = await session.startReview();
  expect(r.syncs).toBeLessThanOrEqual(5);
  expect(host.syncCount).toBeLessThanOrEqual(5);
  expect(host.requestBytes).toBeLessThan(5 * 1024 * 1024);
  const scored = await session.read();
  expect(scored.review!.report.total).toBe(scored.report.total);
}, 60_000);

test("a return of format 1 (made by an older release): every entry comes over, read the same", async () => {
  const p1 = plan(qhd, undefined, "市教育局", { format: 1 });
  // s1.i4.c1 counted ×5, s1.i2.c1 ticked with format 1's "x", a note, a veto (优秀否决) and the unit's name.
  const resp: Responses = {
    fields: { unitName: "市教育局", filledBy: "张三" },
    items: { "s1.i4": { note: "少落实5次" } },
    clauses: { "s1.i4.c1": { count: 5 }, "s1.i2.c1": { ticked: "x" } },
    vetoes: { "v.ne4": true },
  };
  await writeReturn(p1, resp);
  const session = createSession();
  const before = await session.read();
  expect(before.result.format).toBe(1);
  await session.startReview();
  const after = await session.read();
  expect(after.result.format).toBe(4);
  // Format 1's "x" is a tick there and is written as √: the same reading, so the same 自评.
  expect(after.report.total).toBe(before.report.total);
  expect(after.report.veto).toEqual(before.report.veto);
  expect(after.result.responses.fields).toEqual(before.result.responses.fields);
  expect(after.result.responses.items).toEqual(before.result.responses.items);
  expect(after.review!.report.total).toBe(before.report.total);
  expect(after.review!.report.veto).toEqual(before.report.veto);
  expect(after.review!.differences).toEqual([]);
});

test("without in-cell checkboxes (Excel before 1.18) the 核定 ticks are √ as the sheet's list offers", async () => {
  install("1.14");
  const session = createSession();
  await session.insert(lw, "jyj", "区教育局");
  const c3 = clauseOf(plan(lw, "jyj", "区教育局").map, "i3.c5");
  host.workbook.userEdit("自评表", c3.inputCell, "√");
  await session.startReview();
  const cell = clauseOf(reviewMap("lw2015-dept", "jyj", "区教育局"), "i3.c5").review!.inputCell;
  expect(host.workbook.get("自评表", cell)).toMatchObject({ value: "√", control: null });
  // 26 points of sub-items under 24: without c5's 5 → min(24, 21) = 21, 200 − 3 = 197.
  expect((await session.read()).review!.report.total).toBe(197);
});

test("refused: a workbook already reviewed, one without a table, and a checklist; a reviewed table is not 'updated'", async () => {
  const session = createSession();
  await expect(session.startReview()).rejects.toMatchObject({ code: "no-table" });
  await session.insert(lw, "jyj", "区教育局");
  await session.startReview();
  const sheets = () => host.workbook.sheets.map((s) => s.name).sort();
  const reviewed = sheets();
  await expect(session.startReview()).rejects.toMatchObject({ code: "reviewed" });
  await expect(session.update()).rejects.toMatchObject({ code: "reviewed" });
  expect(sheets()).toEqual(reviewed);

  install();
  const checklist = createSession();
  await checklist.insert(findRubric("xc2018-checklist")!, undefined, "某镇");
  const before = sheets();
  await expect(checklist.startReview()).rejects.toMatchObject({ code: "not-reviewable" });
  expect(sheets()).toEqual(before);
});
