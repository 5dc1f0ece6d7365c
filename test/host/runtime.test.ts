/** The host itself: counters, latency, failure hooks, requirement sets, the Office object and install(). */
import { createHost } from "../../src/host";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("counting requests", () => {
  test("only syncs with something to send count; the payload estimate grows with what is sent", async () => {
    const host = createHost();
    await host.Excel.run(async (ctx) => {
      await ctx.sync(); // nothing queued: no round trip
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await ctx.sync();
      const small = host.lastRequestBytes;
      const rows = Array.from({ length: 500 }, (_, i) => [i, `第${i}项`, `=A${i + 1}*2`]);
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:C500").formulas = rows;
      await ctx.sync();
      expect(host.lastRequestBytes).toBeGreaterThan(JSON.stringify(rows).length);
      expect(small).toBeLessThan(200);
    });
    expect(host.syncCount).toBe(2);
    expect(host.requestBytes).toBeGreaterThan(host.lastRequestBytes);
    host.resetCounters();
    expect([host.syncCount, host.requestBytes, host.lastRequestBytes]).toEqual([0, 0, 0]);
  });

  test("a 500-row table (values, formulas, formats, validation) goes in one sync, well under 5 MB", async () => {
    const host = createHost();
    const t0 = performance.now();
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.add("表");
      const rows = Array.from({ length: 500 }, (_, i) => {
        const r = i + 2;
        return [`${i + 1}`, `考核内容 ${i + 1}`, 5, "", "", `=IF(OR(D${r}=TRUE(),D${r}=1,TRIM(D${r})="√"),0,C${r})`, `=IF(LEN(TRIM(E${r}))=0,"缺少自评情况；","")`];
      });
      const body = s.getRange("A2:G501");
      body.formulas = rows;
      body.numberFormat = rows.map(() => ["@", "General", "0.00", "General", "General", "0.00", "General"]);
      body.format.wrapText = true;
      body.format.borders.getItem("InsideHorizontal").style = "Continuous";
      s.getRange("D2:D501").format.protection.locked = false;
      s.getRange("D2:D501").dataValidation.rule = { list: { inCellDropDown: true, source: "√,是,否" } };
      s.getRange("H2").formulas = [["=SUM(F2:F501)"]];
      s.protection.protect();
      await ctx.sync();
    });
    const ms = performance.now() - t0;
    expect(host.syncCount).toBe(1);
    expect(host.requestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(host.workbook.get("表", "H2").value).toBe(2500);
    expect(ms).toBeLessThan(1000);
  });
});

describe("latency and failures", () => {
  test("latencyMs delays every sync", async () => {
    const host = createHost({ latencyMs: 40 });
    const t0 = Date.now();
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await ctx.sync();
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [[1]];
      await ctx.sync();
    });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(75);
  });

  test("failNextRun fails the next Excel.run at its first sync, once, and changes nothing", async () => {
    const host = createHost();
    host.failNextRun("InvalidOperationInCellEditMode");
    const err = await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await ctx.sync();
    }).catch((e) => e);
    expect(err).toBeInstanceOf(host.OfficeExtension.Error);
    expect(err).toMatchObject({ code: "InvalidOperationInCellEditMode", name: "RichApi.Error" });
    expect(host.workbook.get("Sheet1", "A1").value).toBeNull();
    await expect(host.Excel.run(async (ctx) => ctx.sync())).resolves.toBeUndefined();
  });

  test("hangNextSync: that sync never resolves; the next ones do", async () => {
    const host = createHost();
    let settled = false;
    host.hangNextSync();
    void host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await ctx.sync();
      settled = true;
    });
    await wait(30);
    expect(settled).toBe(false);
    expect(host.workbook.get("Sheet1", "A1").value).toBeNull();
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A2").values = [[2]];
      await ctx.sync();
    });
    expect(host.workbook.get("Sheet1", "A2").value).toBe(2);
  });
});

describe("requirement sets", () => {
  const addCheckbox = (host: ReturnType<typeof createHost>) =>
    host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("B2:B3").control = { type: host.Excel.CellControlType.checkbox } as Excel.CellControl;
      await ctx.sync();
    });

  test("Range.control (ExcelApi 1.18): a checkbox makes blanks FALSE; the user toggles it", async () => {
    const host = createHost({ apiVersion: "1.18" });
    await addCheckbox(host);
    expect(host.workbook.get("Sheet1", "B2")).toMatchObject({ value: false, control: { type: "Checkbox" } });
    expect(host.workbook.toggleCheckbox("Sheet1", "B2")).toEqual({ ok: true });
    expect(host.workbook.get("Sheet1", "B2").value).toBe(true);
    await host.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("B2:C2").load("control");
      const one = ctx.workbook.worksheets.getItem("Sheet1").getRange("B3").load("control");
      await ctx.sync();
      expect([r.control, one.control]).toEqual([{ type: "Mixed" }, { type: "Checkbox" }]);
    });
  });

  test("below 1.18, setting or loading control fails with ApiNotFound, and load() of everything skips it", async () => {
    const host = createHost({ apiVersion: "1.14" });
    await expect(addCheckbox(host)).rejects.toMatchObject({ code: "ApiNotFound" });
    await host.Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").load();
      await ctx.sync();
      expect(Object.keys(r.toJSON())).not.toContain("control");
    });
    expect(host.Office.context.requirements.isSetSupported("ExcelApi", "1.14")).toBe(true);
    expect(host.Office.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(false);
  });

  test("older Excel: page layout (1.9) is not there on 1.8", async () => {
    const host = createHost({ apiVersion: "1.8" });
    await expect(host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").pageLayout.orientation = "Landscape";
      await ctx.sync();
    })).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});

describe("the Office object and install()", () => {
  test("context: language, theme, requirement sets; onReady resolves with the host", async () => {
    const host = createHost({ apiVersion: "1.9", displayLanguage: "en-US", theme: { bodyBackgroundColor: "#1F1F1F", bodyForegroundColor: "#FFFFFF" }, requirementSets: { DialogApi: "1.2" } });
    const o = host.Office;
    expect(o.context.displayLanguage).toBe("en-US");
    expect(o.context.officeTheme).toEqual({ bodyBackgroundColor: "#1F1F1F", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#000000" });
    expect(o.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
    expect(o.context.requirements.isSetSupported("excelapi", "1.10")).toBe(false);
    expect(o.context.requirements.isSetSupported("DialogApi", "1.1")).toBe(true);
    expect(o.context.requirements.isSetSupported("WordApi", "1.1")).toBe(false);
    expect(await o.onReady()).toEqual({ host: o.HostType.Excel, platform: "PC" });
    expect(o.EventType.DocumentSelectionChanged).toBe("documentSelectionChanged");
  });

  test("install() sets the globals and returns a restore function", async () => {
    const g: Record<string, unknown> = { Excel: "old" };
    const host = createHost();
    const restore = host.install(g);
    expect(g.Excel).toBe(host.Excel);
    expect(g.Office).toBe(host.Office);
    expect(g.OfficeExtension).toBe(host.OfficeExtension);
    restore();
    expect(g.Excel).toBe("old");
  });

  test("add-in code written against the globals runs unchanged", async () => {
    const host = createHost();
    const restore = host.install();
    try {
      // What adapter code looks like: globals only.
      const total = await Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        sheet.getRange("A1:A3").values = [[1], [2], [3]];
        sheet.getRange("A4").formulas = [["=SUM(A1:A3)"]];
        const r = sheet.getRange("A4").load("values");
        await context.sync();
        return r.values[0][0] as number;
      });
      expect(total).toBe(6);
      expect(Office.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(true);
      expect(Excel.CellControlType.checkbox).toBe("Checkbox");
    } finally {
      restore();
    }
  });
});
