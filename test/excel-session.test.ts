/**
 * The add-in's Excel adapter (src/excel/session.ts) against the in-memory Excel host: inserting, live
 * reading, events, selection, updates, and Excel misbehaving.
 */
import { createHost } from "../src/host";
import { createSession } from "../src/excel/session";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { META_SHEET } from "../src/layout/types";
import { TABLE_MARK } from "../src/layout/format";

type Host = ReturnType<typeof createHost>;
let host: Host;
const lw = findRubric("lw2015-dept")!;
const jyjPlan = plan(lw, "jyj", "区教育局");
const clauseCell = (id: string) => jyjPlan.map.items.flatMap((i) => i.clauses).find((c) => c.id === id)!.inputCell;
const noteCell = (id: string) => jyjPlan.map.items.find((i) => i.id === id)!.noteCell;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  host = createHost({ apiVersion: "1.18" });
  host.install(globalThis);
});

test("inserting the largest table takes at most 3 syncs and stays under the 5 MB request limit", async () => {
  const session = createSession();
  const rubric = findRubric("county2023")!;
  host.resetCounters();
  const r = await session.insert(rubric, undefined, "某县");
  expect(r.syncs).toBeLessThanOrEqual(3);
  expect(host.syncCount).toBeLessThanOrEqual(3);
  expect(host.requestBytes).toBeLessThan(5 * 1024 * 1024);
  expect(host.workbook.sheets.map((s) => [s.name, s.visibility])).toEqual(expect.arrayContaining([["自评表", "Visible"], [META_SHEET, "VeryHidden"]]));
});

test("the inserted sheet scores itself: total, tier, and checkboxes where Excel has them", async () => {
  const session = createSession();
  await session.insert(lw, "jyj", "区教育局");
  const total = host.workbook.get("自评表", jyjPlan.map.totalCell!);
  expect(total.value).toBe(200);
  // Nothing entered yet: the headline says so instead of 优秀 (sheet format 3).
  expect(host.workbook.get("自评表", jyjPlan.map.tierCell!).value).toBe("未填写");
  expect(host.workbook.get("自评表", clauseCell("i3.c6b")).control).toMatchObject({ type: "Checkbox" });
  expect(host.workbook.get("自评表", clauseCell("i3.c6b")).value).toBe(false);
});

test("without ExcelApi 1.18 the ticks are plain Boolean cells", async () => {
  host = createHost({ apiVersion: "1.14" });
  host.install(globalThis);
  await createSession().insert(lw, "jyj", undefined);
  expect(host.workbook.get("自评表", clauseCell("i3.c6b")).control ?? null).toBeNull();
});

test("one read sync per recalculation; the pane's numbers follow the user's ticks, counts and notes", async () => {
  const session = createSession();
  await session.insert(lw, "jyj", "区教育局");
  expect(host.workbook.userEdit("自评表", clauseCell("i3.c6b"), true)).toMatchObject({ ok: true });
  host.workbook.userEdit("自评表", noteCell("i3"), "录用3条");
  host.resetCounters();
  const scored = await session.read();
  expect(host.syncCount).toBe(1);
  expect(scored.report.total).toBe(199);
  expect(host.workbook.get("自评表", jyjPlan.map.totalCell!).value).toBe(199);
  expect(scored.flags.find((f) => f.kind === "missing-evidence")?.cell).toBe(`自评表!${noteCell("i1")}`);
});

test("watch: user edits (debounced) trigger a read; the add-in's own writes do not", async () => {
  const session = createSession({ debounceMs: 20 });
  await session.insert(lw, "jyj", "区教育局");
  const results: number[] = [];
  const stop = await session.watch((r) => results.push(r.report.total), (e) => results.push(-1 * Number(Boolean(e))));
  host.workbook.userEdit("自评表", clauseCell("i3.c6b"), true);
  host.workbook.userEdit("自评表", clauseCell("i3.c5"), true);
  await wait(150);
  expect(results).toEqual([194]);
  // The add-in writes to the watched sheet through Office.js (as write-plan.ts does): a real change event
  // with triggerSource ThisLocalAddin, which must not trigger a read.
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("自评表").getRange(noteCell("i2")).values = [["由加载项写入"]];
    await ctx.sync();
  });
  expect(host.workbook.get("自评表", noteCell("i2")).value).toBe("由加载项写入");
  await wait(100);
  expect(results).toEqual([194]);
  // Selecting writes nothing and triggers nothing either.
  await session.select(`自评表!${noteCell("i2")}`);
  await wait(100);
  expect(results).toEqual([194]);
  expect(host.workbook.selection).toEqual({ sheet: "自评表", address: noteCell("i2") });
  // The watch is still alive: the next user edit is read.
  host.workbook.userEdit("自评表", clauseCell("i3.c6b"), false);
  await wait(150);
  expect(results).toEqual([194, 197]);
  await stop();
});

test("watch without triggerSource (Excel before 1.14): a change within a second of insert/update is the add-in's own", async () => {
  host = createHost({ apiVersion: "1.9" });
  host.install(globalThis);
  const session = createSession({ debounceMs: 20 });
  await session.insert(lw, "jyj", "区教育局");
  const results: number[] = [];
  const stop = await session.watch((r) => results.push(r.report.total), () => results.push(-1));
  // A late change event from the add-in's own write (Excel delivers events after the sync returns).
  await Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("自评表").getRange(noteCell("i2")).values = [["由加载项写入"]];
    await ctx.sync();
  });
  await wait(100);
  expect(results).toEqual([]);
  await stop();
});

test("a renamed sheet is found again; a deleted one is reported", async () => {
  const session = createSession({ debounceMs: 10 });
  await session.insert(lw, "jyj", "区教育局");
  const errors: string[] = [];
  const stop = await session.watch(() => undefined, (e) => errors.push(e.message));
  host.workbook.renameSheet("自评表", "教育局自评");
  expect((await session.read()).result.sheetName).toBe("教育局自评");
  host.workbook.deleteSheet("教育局自评");
  await wait(50);
  expect(errors.join()).toContain("自评表工作表已被删除");
  await expect(session.read()).rejects.toMatchObject({ code: "deleted" });
  await stop();
});

test("never a second table over the first; an older version is updated keeping every entry", async () => {
  const session = createSession();
  await session.insert(lw, "jyj", "区教育局");
  await expect(session.insert(lw, "jyj", "区教育局")).rejects.toMatchObject({ code: "has-table" });
  host.workbook.userEdit("自评表", clauseCell("i3.c6b"), true);
  host.workbook.userEdit("自评表", noteCell("i3"), "录用3条");
  // Pretend the table was made from an older version of the rubric (its fingerprint differs).
  const fpRow = jyjPlan.meta.findIndex(([k]) => k === "fingerprint") + 1;
  const verRow = jyjPlan.meta.findIndex(([k]) => k === "rubricVersion") + 1;
  host.workbook.userEdit(META_SHEET, `B${fpRow}`, "0".repeat(64));
  host.workbook.userEdit(META_SHEET, `B${verRow}`, "2015.0");
  expect(await session.inspect()).toMatchObject({ kind: "table", current: false, rubricVersion: "2015.0" });
  const r = await session.update();
  expect(r).toMatchObject({ sheetName: "自评表", oldSheetName: "自评表（2015.0版）", lost: [] });
  expect(r.carried).toBe(3); // the tick, the note and 单位名称
  expect(await session.inspect()).toMatchObject({ kind: "table", current: true });
  const scored = await session.read();
  expect(scored.report.total).toBe(199);
  expect(scored.result.responses.items?.i3).toEqual({ note: "录用3条" });
  expect(host.workbook.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["自评表", "自评表（2015.0版）"]));
  // The kept copy no longer carries the table mark: the workbook holds exactly one table.
  const idCol = jyjPlan.map.columns.id!;
  expect(host.workbook.get("自评表", `${idCol}1`).value).toBe(TABLE_MARK);
  expect(host.workbook.get("自评表（2015.0版）", `${idCol}1`).value).not.toBe(TABLE_MARK);
});

test("Excel busy in cell-edit mode, and a sync that never returns, become messages", async () => {
  const session = createSession({ syncTimeoutMs: 100 });
  await session.insert(lw, "jyj", undefined);
  host.failNextRun("InvalidOperationInCellEditMode");
  await expect(session.read()).rejects.toMatchObject({ code: "editing" });
  host.hangNextSync();
  await expect(session.read()).rejects.toMatchObject({ code: "timeout", message: expect.stringContaining("没有响应") });
});

test("a checklist is inserted as 巡查表, the name the command line's template gives it", async () => {
  const checklist = findRubric("xc2018-checklist")!;
  const r = await createSession().insert(checklist, undefined, "某镇");
  expect(r.sheetName).toBe("巡查表");
  expect(r.sheetName).toBe(plan(checklist).sheetName);
  expect(host.workbook.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["巡查表", META_SHEET]));
  expect((await createSession().read()).result.sheetName).toBe("巡查表");
});

test("a sheet already named 自评表 is left alone: the table goes to 自评表 (2)", async () => {
  host.workbook.addSheet("自评表");
  const r = await createSession().insert(lw, "jyj", "区教育局");
  expect(r.sheetName).toBe("自评表 (2)");
});

test("the inserted sheet prints as the plan says: A4 landscape, its scale and page breaks, margins, titles, area, header, page numbers", async () => {
  await createSession().insert(lw, "jyj", "区教育局");
  const page = host.workbook.sheets.find((s) => s.name === "自评表")!.pageLayout;
  const pr = jyjPlan.print;
  const pt = (inches: number) => Math.round(inches * 72 * 1e6) / 1e6;
  expect(page).toMatchObject({
    orientation: "Landscape",
    paperSize: "A4",
    zoom: { scale: pr.scale },
    centerHorizontally: true,
    printGridlines: false,
    leftMargin: pt(pr.margins.left), rightMargin: pt(pr.margins.right), topMargin: pt(pr.margins.top),
    bottomMargin: pt(pr.margins.bottom), headerMargin: pt(pr.margins.header), footerMargin: pt(pr.margins.footer),
    printTitleRows: { r0: 0, r1: 2 },
    printArea: pr.area,
  });
  expect(host.workbook.sheets.find((s) => s.name === "自评表")!.rowBreaks).toEqual(pr.rowBreaks!.map((r) => r - 1));
  expect(page.headersFooters.defaultForAllPages).toEqual({
    leftHeader: "龙湾区2015区有关单位自评表", centerHeader: "", rightHeader: "区教育局",
    leftFooter: "", centerFooter: "第 &P 页，共 &N 页", rightFooter: "",
  });
  expect(host.workbook.get("自评表", "B5").format.font).toMatchObject({ name: "宋体", size: 10 });
  expect(host.workbook.get("自评表", "A1").format.font).toMatchObject({ name: "宋体", size: 16, bold: true });
});
