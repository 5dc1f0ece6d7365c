/** Worksheets: add, find, rename, hide, delete, activate; merges, freeze panes, page layout, addresses. */
import { createHost, type Host } from "../../src/host";

let host: Host;
let run: typeof Excel.run;
beforeEach(() => {
  host = createHost();
  run = host.Excel.run;
});

describe("the worksheet collection", () => {
  test("add (at the end, not activated), items, getCount and getItem by name or id", async () => {
    await run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const added = sheets.add("自评表");
      const unnamed = sheets.add();
      added.load("name,id,position,visibility");
      unnamed.load("name");
      sheets.load("items/name");
      const count = sheets.getCount();
      const active = sheets.getActiveWorksheet().load("name");
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Sheet1", "自评表", "Sheet3"]);
      expect([added.name, added.position, added.visibility, unnamed.name, count.value, active.name]).toEqual(["自评表", 1, "Visible", "Sheet3", 3, "Sheet1"]);
      const byId = sheets.getItem(added.id).load("name");
      await ctx.sync();
      expect(byId.name).toBe("自评表");
      sheets.add("自评表");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
      sheets.add("bad/name");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  test("a proxy keeps its sheet through a rename in the same batch", async () => {
    await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.name = "Renamed";
      s.getRange("A1").values = [["still here"]];
      s.load("name");
      await ctx.sync();
      expect(s.name).toBe("Renamed");
    });
    expect(host.workbook.get("Renamed", "A1").value).toBe("still here");
  });

  test("VeryHidden sheets; the last visible sheet can be neither hidden nor deleted", async () => {
    await run(async (ctx) => {
      const meta = ctx.workbook.worksheets.add("_meta");
      meta.visibility = "VeryHidden";
      await ctx.sync();
      const first = ctx.workbook.worksheets.getItem("Sheet1");
      first.visibility = "Hidden";
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      first.delete();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
      const visible = ctx.workbook.worksheets.getCount(true);
      await ctx.sync();
      expect(visible.value).toBe(1);
    });
    expect(host.workbook.sheets.map((s) => [s.name, s.visibility])).toEqual([["Sheet1", "Visible"], ["_meta", "VeryHidden"]]);
  });

  test("activate and select record the selection; a hidden sheet cannot be activated", async () => {
    await run(async (ctx) => {
      const b = ctx.workbook.worksheets.add("B");
      b.activate();
      b.getRange("C3:D4").select();
      await ctx.sync();
      const sel = ctx.workbook.getSelectedRange().load("address");
      await ctx.sync();
      expect(sel.address).toBe("B!C3:D4");
      b.visibility = "Hidden";
      await ctx.sync();
      b.activate();
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    });
    expect(host.workbook.selection).toEqual({ sheet: "Sheet1", address: "A1" });
  });

  test("a sheet deleted by the user: later calls find nothing", async () => {
    await run(async (ctx) => {
      ctx.workbook.worksheets.add("Gone");
      await ctx.sync();
    });
    host.workbook.deleteSheet("Gone");
    await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItemOrNullObject("Gone");
      await ctx.sync();
      expect(s.isNullObject).toBe(true);
    });
  });
});

describe("addresses", () => {
  test.each([
    ["Sheet1", "Sheet1!B2"],
    ["自评表", "'自评表'!B2"],
    ["My Sheet", "'My Sheet'!B2"],
    ["O'Brien", "'O''Brien'!B2"],
    ["A1", "'A1'!B2"],
    ["2024", "'2024'!B2"],
  ])("a sheet named %s gives %s", async (name, expected) => {
    await run(async (ctx) => {
      if (name !== "Sheet1") ctx.workbook.worksheets.add(name);
      const r = ctx.workbook.worksheets.getItem(name).getRange("b2").load("address");
      await ctx.sync();
      expect(r.address).toBe(expected);
    });
  });

  test("getRange accepts its own sheet's prefix and refuses another's", async () => {
    await run(async (ctx) => {
      ctx.workbook.worksheets.add("自评表");
      const ok = ctx.workbook.worksheets.getItem("自评表").getRange("'自评表'!A1:B2").load("address");
      await ctx.sync();
      expect(ok.address).toBe("'自评表'!A1:B2");
      ctx.workbook.worksheets.getItem("自评表").getRange("Sheet1!A1").load("address");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });
});

describe("merge, freeze panes and page layout", () => {
  test("merge keeps the top-left value; merge(true) merges each row; unmerge", async () => {
    await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:C1").values = [["title", "x", "y"]];
      s.getRange("A1:C1").merge();
      s.getRange("A3:B4").merge(true);
      const areas = s.getRange("A1:D5").getMergedAreasOrNullObject().load("address,areaCount");
      const none = s.getRange("F1").getMergedAreasOrNullObject();
      await ctx.sync();
      expect(areas.areaCount).toBe(3);
      expect(areas.address).toBe("Sheet1!A1:C1,Sheet1!A3:B3,Sheet1!A4:B4");
      expect(none.isNullObject).toBe(true);
      s.getRange("A3:B4").unmerge();
      await ctx.sync();
    });
    expect(host.workbook.get("Sheet1", "A1")).toMatchObject({ value: "title", mergedArea: "A1:C1" });
    expect(host.workbook.get("Sheet1", "B1")).toMatchObject({ value: null, mergedArea: "A1:C1" });
    expect(host.workbook.sheets[0].merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 2 }]);
  });

  test("freezeRows and the frozen location", async () => {
    await run(async (ctx) => {
      const panes = ctx.workbook.worksheets.getItem("Sheet1").freezePanes;
      const before = panes.getLocationOrNullObject();
      await ctx.sync();
      expect(before.isNullObject).toBe(true);
      panes.freezeRows(4);
      const after = panes.getLocationOrNullObject().load("address");
      await ctx.sync();
      expect(after.address).toBe("Sheet1!1:4");
      panes.freezeAt("B2");
      const corner = panes.getLocationOrNullObject().load("address");
      await ctx.sync();
      expect(corner.address).toBe("Sheet1!A1:B2");
    });
    expect(host.workbook.sheets[0]).toMatchObject({ frozenRows: 2, frozenColumns: 2 });
  });

  test("page layout: orientation, paper, fit to pages, centring, margins and print titles", async () => {
    await run(async (ctx) => {
      const page = ctx.workbook.worksheets.getItem("Sheet1").pageLayout;
      page.load("orientation,paperSize,zoom,leftMargin");
      await ctx.sync();
      expect([page.orientation, page.paperSize, page.zoom, page.leftMargin]).toEqual(["Portrait", "Letter", { scale: 100 }, 50.4]);
      page.orientation = "Landscape";
      page.paperSize = "A4";
      page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      page.centerHorizontally = true;
      page.topMargin = 36;
      page.setPrintTitleRows("$1:$3");
      const titles = page.getPrintTitleRowsOrNullObject().load("address");
      page.load("orientation,paperSize,zoom,centerHorizontally,topMargin");
      await ctx.sync();
      expect(page.toJSON()).toMatchObject({ orientation: "Landscape", paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, centerHorizontally: true, topMargin: 36 });
      expect(titles.address).toBe("Sheet1!1:3");
      page.paperSize = "A17" as never;
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(host.workbook.sheets[0].pageLayout).toMatchObject({ orientation: "Landscape", printTitleRows: { r0: 0, r1: 2 } });
  });

  test("page layout: margins in inches or centimetres, print area, gridlines", async () => {
    await run(async (ctx) => {
      const page = ctx.workbook.worksheets.getItem("Sheet1").pageLayout;
      page.setPrintMargins("Inches", { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 });
      page.setPrintArea("A1:K40");
      page.printGridlines = false;
      page.load("leftMargin,rightMargin,topMargin,bottomMargin,headerMargin,footerMargin,printGridlines");
      await ctx.sync();
      expect(page.toJSON()).toMatchObject({ leftMargin: 43.2, rightMargin: 28.8, topMargin: 43.2, bottomMargin: 43.2, printGridlines: false });
      expect(page.headerMargin).toBeCloseTo(21.6);
      page.setPrintMargins("Centimeters", { left: 2.54 });
      page.load("leftMargin,rightMargin");
      await ctx.sync();
      expect([page.leftMargin, page.rightMargin]).toEqual([72, 28.8]);
      page.setPrintMargins("Inches", { left: -1 });
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      page.setPrintMargins("Furlongs" as never, { left: 1 });
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    expect(host.workbook.sheets[0].pageLayout).toMatchObject({ printArea: "A1:K40", leftMargin: 72 });
  });

  test("headers and footers: the default set, loaded through the page layout; other sets apart", async () => {
    await run(async (ctx) => {
      const page = ctx.workbook.worksheets.getItem("Sheet1").pageLayout;
      const hf = page.headersFooters.defaultForAllPages;
      hf.leftHeader = "R&&D 自评表";
      hf.rightHeader = "区教育局";
      hf.centerFooter = "第 &P 页，共 &N 页";
      page.headersFooters.firstPage.centerFooter = "first";
      page.load("headersFooters/state,headersFooters/defaultForAllPages");
      await ctx.sync();
      expect(page.headersFooters.state).toBe("Default");
      expect(hf.toJSON()).toEqual({ leftHeader: "R&&D 自评表", centerHeader: "", rightHeader: "区教育局", leftFooter: "", centerFooter: "第 &P 页，共 &N 页", rightFooter: "" });
      const first = page.headersFooters.firstPage.load("centerFooter");
      await ctx.sync();
      expect(first.centerFooter).toBe("first");
      page.headersFooters.state = "FirstAndDefault";
      hf.leftFooter = "x".repeat(256);
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
    const model = host.workbook.sheets[0].pageLayout.headersFooters;
    expect(model.state).toBe("FirstAndDefault");
    expect(model.defaultForAllPages).toMatchObject({ leftHeader: "R&&D 自评表", centerFooter: "第 &P 页，共 &N 页" });
    expect(model.oddPages.centerFooter).toBe("");
  });

  test("page layout needs ExcelApi 1.9", async () => {
    const old = createHost({ apiVersion: "1.8" });
    await old.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").pageLayout.headersFooters.defaultForAllPages.centerFooter = "x";
      await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
    });
  });
});
