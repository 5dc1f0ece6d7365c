/** Worksheet.onChanged and WorksheetCollection.onDeleted: who triggered, when they arrive, removal. */
import { createHost, type Host } from "../../src/host";

let host: Host;
let run: typeof Excel.run;
beforeEach(() => {
  host = createHost();
  run = host.Excel.run;
});

async function listen(): Promise<{ events: Excel.WorksheetChangedEventArgs[]; handler: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> }> {
  const events: Excel.WorksheetChangedEventArgs[] = [];
  const handler = await run(async (ctx) => {
    const h = ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(async (e) => void events.push(e));
    await ctx.sync();
    return h;
  });
  return { events, handler };
}

test("the add-in's writes arrive as ThisLocalAddin after the sync; user edits as Unknown", async () => {
  const { events } = await listen();
  let seenInsideSync = -1;
  await run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange("E5:F6").values = [[1, 2], [3, 4]];
    await ctx.sync();
    seenInsideSync = events.length; // delivered on a later task, never inside sync()
  });
  expect(seenInsideSync).toBe(0);
  host.workbook.userEdit("Sheet1", "E5", "√");
  await host.flushEvents();
  const sheetId = host.workbook.sheets[0].id;
  expect(events.map((e) => ({ ...e }))).toEqual([
    expect.objectContaining({ type: "WorksheetChanged", worksheetId: sheetId, address: "E5:F6", changeType: "RangeEdited", source: "Local", triggerSource: "ThisLocalAddin" }),
    expect.objectContaining({ address: "E5", triggerSource: "Unknown", details: expect.objectContaining({ valueBefore: 1, valueAfter: "√" }) }),
  ]);
});

test("handlers outlive the Excel.run that added them, and getRange(context) works in a new run", async () => {
  const { events } = await listen();
  host.workbook.userEdit("Sheet1", "B2", 7);
  await host.flushEvents();
  const values = await run(async (ctx) => {
    const r = events[0].getRange(ctx).load("values,address");
    await ctx.sync();
    return [r.address, r.values];
  });
  expect(values).toEqual(["Sheet1!B2", [[7]]]);
});

test("handler.remove() in the handler's own context stops delivery", async () => {
  const { events, handler } = await listen();
  await run(handler.context, async (ctx) => {
    handler.remove();
    await ctx.sync();
  });
  host.workbook.userEdit("Sheet1", "A1", 1);
  await host.flushEvents();
  expect(events).toEqual([]);
  expect(host.workbook.events.count("WorksheetChanged")).toBe(0);
});

test("recalculated formulas and formatting do not raise onChanged", async () => {
  host.workbook.userEdit("Sheet1", "B1", "=A1*2");
  const { events } = await listen();
  await run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").getRange("C1").format.font.bold = true;
    await ctx.sync();
  });
  host.workbook.userEdit("Sheet1", "A1", 3);
  await host.flushEvents();
  expect(events.map((e) => e.address)).toEqual(["A1"]);
});

test("onDeleted fires with the sheet's id for a user deletion and for Worksheet.delete()", async () => {
  const deleted: Excel.WorksheetDeletedEventArgs[] = [];
  const ids = await run(async (ctx) => {
    ctx.workbook.worksheets.onDeleted.add(async (e) => void deleted.push(e));
    const a = ctx.workbook.worksheets.add("A").load("id");
    const b = ctx.workbook.worksheets.add("B").load("id");
    await ctx.sync();
    return [a.id, b.id];
  });
  host.workbook.deleteSheet("A");
  await run(async (ctx) => {
    ctx.workbook.worksheets.getItem("B").delete();
    await ctx.sync();
  });
  await host.flushEvents();
  expect(deleted.map((e) => ({ ...e }))).toEqual([
    { type: "WorksheetDeleted", worksheetId: ids[0], source: "Local" },
    { type: "WorksheetDeleted", worksheetId: ids[1], source: "Local" },
  ]);
});

test("a failing handler does not break the host", async () => {
  await run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(async () => {
      throw new Error("handler bug");
    });
    await ctx.sync();
  });
  host.workbook.userEdit("Sheet1", "A1", 1);
  await host.flushEvents();
  expect(host.workbook.events.errors).toEqual([new Error("handler bug")]);
});

test("selection: Range.select() and the user's clicks raise onSelectionChanged", async () => {
  const seen: string[] = [];
  await run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("Sheet1");
    s.onSelectionChanged.add(async (e) => void seen.push(e.address));
    await ctx.sync();
    s.getRange("B2").select();
    await ctx.sync();
  });
  host.workbook.select("Sheet1", "C3:D4");
  await host.flushEvents();
  expect(seen).toEqual(["B2", "C3:D4"]);
  expect(host.workbook.selection).toEqual({ sheet: "Sheet1", address: "C3:D4" });
});

test("onModelChanged tells the workbench after each batch, with who made it", async () => {
  const seen: string[] = [];
  const stop = host.workbook.onModelChanged((c) => seen.push(c.trigger));
  await run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
    r.values = [[1, 2]];
    r.format.font.bold = true;
    await ctx.sync();
    r.load("values");
    await ctx.sync(); // a read changes nothing
  });
  host.workbook.userEdit("Sheet1", "A1", 3);
  stop();
  host.workbook.userEdit("Sheet1", "A1", 4);
  expect(seen).toEqual(["ThisLocalAddin", "Unknown"]);
});

test("before ExcelApi 1.14 the change event has no triggerSource (and before 1.9 no details)", async () => {
  host = createHost({ apiVersion: "1.9" });
  const events: Excel.WorksheetChangedEventArgs[] = [];
  await host.Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(async (e) => void events.push(e));
    await ctx.sync();
  });
  host.workbook.userEdit("Sheet1", "A1", 1);
  await host.flushEvents();
  expect(events[0]).not.toHaveProperty("triggerSource");
  expect(events[0]).toHaveProperty("details");
});
