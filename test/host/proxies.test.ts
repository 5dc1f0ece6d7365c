/** Proxy semantics: queued writes, load + sync, PropertyNotLoaded, null objects, values vs formulas. */
import { createHost, type Host } from "../../src/host";

let host: Host;
let run: typeof Excel.run;
beforeEach(() => {
  host = createHost();
  run = host.Excel.run;
});

describe("load and sync", () => {
  test("a property can be read only after load() and sync(), with Office's message", async () => {
    await run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("B2:C3");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      let message = "";
      try {
        void r.address;
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toBe(
        `The property 'address' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
      r.load("address,values");
      expect(() => r.values).toThrow(/not available/); // queued, not yet synced
      await ctx.sync();
      expect(r.address).toBe("Sheet1!B2:C3");
      expect(r.values).toEqual([["", ""], ["", ""]]);
      expect(() => r.formulas).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("writes are queued: the workbook changes only at sync", async () => {
    await run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().getRange("A1").values = [[42]];
      expect(host.workbook.get("Sheet1", "A1").value).toBeNull();
      await ctx.sync();
      expect(host.workbook.get("Sheet1", "A1").value).toBe(42);
    });
  });

  test("load accepts a string, an array, an object, $all and nested paths; toJSON shows what was loaded", async () => {
    host.workbook.userEdit("Sheet1", "A1", 5);
    await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      const a = s.getRange("A1").load(["values", "rowIndex"]);
      const b = s.getRange("A1").load({ select: "address" });
      const c = s.getRange("A1").load({ $all: true });
      const d = s.getRange("A1").load({ format: { font: { bold: true } } } as Excel.Interfaces.RangeLoadOptions);
      s.load("name,protection/protected");
      await ctx.sync();
      expect(a.toJSON()).toEqual({ values: [[5]], rowIndex: 0 });
      expect(b.address).toBe("Sheet1!A1");
      expect(c.toJSON()).toMatchObject({ address: "Sheet1!A1", values: [[5]], formulas: [[5]], text: [["5"]], valueTypes: [["Double"]], rowCount: 1 });
      expect(d.format.font.bold).toBe(false);
      expect(s.protection.protected).toBe(false);
      expect(s.toJSON()).toEqual({ name: "Sheet1", protection: { protected: false } });
    });
  });

  test("a set value reads back locally before the sync, as Office caches it", async () => {
    await run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      r.values = [["=1+1"]];
      expect(r.values).toEqual([["=1+1"]]);
      r.load("values");
      await ctx.sync();
      expect(r.values).toEqual([[2]]);
    });
  });

  test("Excel.run resolves with the batch's value, makes a final sync, and requires a promise", async () => {
    const v = await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C3").values = [["late"]];
      return "done";
    });
    expect(v).toBe("done");
    expect(host.workbook.get("Sheet1", "C3").value).toBe("late");
    await expect(run((() => 1) as never)).rejects.toMatchObject({ code: "RunMustReturnPromise", name: "RichApi.Error" });
    await expect(run([] as never, async () => 1)).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("ItemNotFound at sync for a missing sheet, with the error location", async () => {
    const err = await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Nope");
      s.load("name");
      await ctx.sync();
    }).catch((e) => e);
    expect(err).toBeInstanceOf(host.OfficeExtension.Error);
    expect(err).toMatchObject({ code: "ItemNotFound", message: "The requested resource doesn't exist.", debugInfo: { errorLocation: "Worksheet.load" } });
  });

  test("an unused getItem of a missing sheet is harmless, as Office sends paths only when used", async () => {
    await expect(run(async (ctx) => void ctx.workbook.worksheets.getItem("Nope"))).resolves.toBeUndefined();
  });

  test("a bad address, a wrongly sized array and an unknown property fail with InvalidArgument", async () => {
    const fail = (batch: (ctx: Excel.RequestContext) => void) =>
      run(async (ctx) => {
        batch(ctx);
        await ctx.sync();
      }).catch((e) => e.code);
    expect(await fail((ctx) => ctx.workbook.worksheets.getItem("Sheet1").getRange("A0").load("values"))).toBe("InvalidArgument");
    expect(await fail((ctx) => (ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]]))).toBe("InvalidArgument");
    expect(await fail((ctx) => ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").load("colour"))).toBe("InvalidArgument");
    expect(await fail((ctx) => (ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").format.horizontalAlignment = "middle" as never))).toBe("InvalidArgument");
  });

  test("setting a property the host does not implement throws instead of being silently dropped", async () => {
    await run(async (ctx) => {
      const font = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").format.font as unknown as Record<string, unknown>;
      expect(() => (font.tintAndShade = 0.5)).toThrow(TypeError);
    });
  });

  test("a range kept past its Excel.run is invalid unless tracked", async () => {
    let kept: Excel.Range | undefined, tracked: Excel.Range | undefined;
    await run(async (ctx) => {
      kept = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      tracked = ctx.workbook.worksheets.getItem("Sheet1").getRange("A2");
      ctx.trackedObjects.add(tracked);
    });
    await expect(run(kept!, async (ctx) => {
      kept!.values = [[1]];
      await ctx.sync();
    })).rejects.toMatchObject({ code: "InvalidObjectPath" });
    await run(tracked!, async (ctx) => {
      tracked!.values = [[2]];
      await ctx.sync();
    });
    expect(host.workbook.get("Sheet1", "A2").value).toBe(2);
  });

  test("getCount returns a ClientResult readable after sync", async () => {
    await run(async (ctx) => {
      const n = ctx.workbook.worksheets.getCount();
      expect(() => n.value).toThrow(expect.objectContaining({ code: "ValueNotLoaded" }));
      await ctx.sync();
      expect(n.value).toBe(1);
    });
  });
});

describe("null objects", () => {
  test("getItemOrNullObject: isNullObject after sync, no load needed", async () => {
    await run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const there = ctx.workbook.worksheets.getItemOrNullObject("sheet1"); // names are case-insensitive
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(there.isNullObject).toBe(false);
    });
  });

  test("a null object's children are null too, and writes through them do nothing", async () => {
    await run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const used = missing.getUsedRangeOrNullObject();
      used.load("values");
      missing.getRange("A1").values = [[1]];
      await ctx.sync();
      expect(used.isNullObject).toBe(true);
      expect(used.values).toBeNull();
    });
  });

  test("getUsedRangeOrNullObject is null on an empty sheet; getUsedRange answers A1", async () => {
    await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      const none = s.getUsedRangeOrNullObject(true);
      const a1 = s.getUsedRange().load("address");
      await ctx.sync();
      expect(none.isNullObject).toBe(true);
      expect(a1.address).toBe("Sheet1!A1");
      s.getRange("C2").values = [["x"]];
      s.getRange("E4").format.fill.color = "#FFEE00";
      const valuesOnly = s.getUsedRangeOrNullObject(true).load("address");
      const all = s.getUsedRange(false).load("address");
      await ctx.sync();
      expect(valuesOnly.address).toBe("Sheet1!C2");
      expect(all.address).toBe("Sheet1!C2:E4");
    });
  });
});

describe("values and formulas", () => {
  test("writing values: '=' makes a formula, numbers and booleans stay, '' clears, null leaves a cell alone", async () => {
    host.workbook.userEdit("Sheet1", "D1", "keep");
    await run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:D1");
      r.values = [["=1+2", 7, true, null]];
      await ctx.sync();
      r.load("values,formulas,valueTypes,text");
      await ctx.sync();
      expect(r.values).toEqual([[3, 7, true, "keep"]]);
      expect(r.formulas).toEqual([["=1+2", 7, true, "keep"]]);
      expect(r.valueTypes).toEqual([["Double", "Double", "Boolean", "String"]]);
      expect(r.text).toEqual([["3", "7", "TRUE", "keep"]]);
      r.values = [["", "", "", ""]];
      r.load("values,valueTypes");
      await ctx.sync();
      expect(r.values).toEqual([["", "", "", ""]]);
      expect(r.valueTypes).toEqual([["Empty", "Empty", "Empty", "Empty"]]);
    });
  });

  test("writing formulas: constants are stored as constants, formulas are normalised", async () => {
    await run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:C1");
      r.formulas = [[5, "text", "=sum(a1, 1)"]];
      r.load("values,formulas");
      await ctx.sync();
      expect(r.formulas).toEqual([[5, "text", "=SUM(A1, 1)"]]);
      expect(r.values).toEqual([[5, "text", 6]]);
    });
  });

  test("typed text: numbers and TRUE become values, an apostrophe or a text format keeps text", async () => {
    await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("B1").numberFormat = [["@"]];
      s.getRange("A1:B1").values = [["12", "12"]];
      s.getRange("A2:B2").values = [["TRUE", "'12"]];
      const r = s.getRange("A1:B2").load("values");
      await ctx.sync();
      expect(r.values).toEqual([[12, "12"], [true, "12"]]);
    });
  });

  test("one formula written to a range moves with each cell; $ references stay", async () => {
    await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1:A3").values = [[1], [2], [3]];
      s.getRange("B1:B3").formulas = "=A1*$A$1*10" as never;
      const r = s.getRange("B1:B3").load("formulas,values");
      await ctx.sync();
      expect(r.formulas).toEqual([["=A1*$A$1*10"], ["=A2*$A$1*10"], ["=A3*$A$1*10"]]);
      expect(r.values).toEqual([[10], [20], [30]]);
    });
  });

  test("a formula with a syntax error is refused", async () => {
    await expect(run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").formulas = [["=SUM(1,"]];
      await ctx.sync();
    })).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("number formats drive text", async () => {
    await run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:E1");
      r.values = [[1234.5, 0.256, 3, -2, 7]];
      r.numberFormat = [["#,##0.00", "0%", '0"次"', "0.0;(0.0)", "General"]];
      r.load("text,numberFormat");
      await ctx.sync();
      expect(r.text).toEqual([["1,234.50", "26%", "3次", "(2.0)", "7"]]);
      expect(r.numberFormat).toEqual([["#,##0.00", "0%", '0"次"', "0.0;(0.0)", "General"]]);
    });
  });

  test("getCell, getOffsetRange, getResizedRange, getRangeByIndexes and the geometry properties", async () => {
    await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      const base = s.getRange("B2:C3");
      const cell = base.getCell(1, 1).load("address");
      const off = base.getOffsetRange(1, 2).load("address");
      const big = base.getResizedRange(2, 0).load("address,rowIndex,columnIndex,rowCount,columnCount");
      const idx = s.getRangeByIndexes(4, 0, 2, 3).load("address");
      const col = s.getRange("B:B").load("address");
      await ctx.sync();
      expect([cell.address, off.address, big.address, idx.address, col.address]).toEqual(["Sheet1!C3", "Sheet1!D3:E4", "Sheet1!B2:C5", "Sheet1!A5:C6", "Sheet1!B:B"]);
      expect([big.rowIndex, big.columnIndex, big.rowCount, big.columnCount]).toEqual([1, 1, 4, 2]);
      base.getOffsetRange(-5, 0).load("address");
      await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    });
  });

  test("clear() removes contents and formats; clear('Contents') keeps formats", async () => {
    await run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      r.values = [[1, 2]];
      r.format.font.bold = true;
      await ctx.sync();
      r.getCell(0, 0).clear("Contents");
      r.getCell(0, 1).clear();
      await ctx.sync();
    });
    expect(host.workbook.get("Sheet1", "A1")).toMatchObject({ value: null, format: { font: { bold: true } } });
    expect(host.workbook.get("Sheet1", "B1")).toMatchObject({ value: null, format: { font: { bold: false } } });
  });
});

describe("formatting", () => {
  test("font, fill, alignment, wrap, widths, borders and locked read back; mixed cells read null", async () => {
    await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      const r = s.getRange("A1:B2");
      r.format.font.set({ bold: true, size: 14, color: "red", name: "等线" });
      r.format.fill.color = "#eff6fc";
      r.format.horizontalAlignment = "Center";
      r.format.verticalAlignment = "Top";
      r.format.wrapText = true;
      r.format.columnWidth = 120;
      r.format.rowHeight = 30;
      r.format.borders.getItem("EdgeTop").style = "Continuous";
      r.format.borders.getItem("InsideHorizontal").color = "#7F7F7F";
      r.format.protection.locked = false;
      s.getRange("A1").format.font.italic = true;
      r.load("format/font,format/fill/color,format/horizontalAlignment,format/verticalAlignment,format/wrapText,format/columnWidth,format/rowHeight,format/protection/locked");
      const top = r.format.borders.getItem("EdgeTop").load("style,color");
      const left = r.format.borders.getItem("EdgeLeft").load("style");
      const above = s.getRange("A3").format.borders.getItem("EdgeTop").load("style");
      const other = s.getRange("C1").format.load("columnWidth");
      await ctx.sync();
      expect(r.format.font.toJSON()).toMatchObject({ bold: true, size: 14, color: "#FF0000", name: "等线", italic: null });
      expect(r.format.fill.color).toBe("#EFF6FC");
      expect([r.format.horizontalAlignment, r.format.verticalAlignment, r.format.wrapText]).toEqual(["Center", "Top", true]);
      expect([r.format.columnWidth, r.format.rowHeight, other.columnWidth]).toEqual([120, 30, 48]);
      expect(r.format.protection.locked).toBe(false);
      expect([top.style, top.color, left.style, above.style]).toEqual(["Continuous", "#000000", "None", "None"]);
    });
    expect(host.workbook.sheets[0].columnWidths.get(0)).toBe(120);
  });

  test("RangeAreas from getRanges formats several areas at once", async () => {
    await run(async (ctx) => {
      const areas = ctx.workbook.worksheets.getItem("Sheet1").getRanges("A1:B1,D3");
      areas.format.font.bold = true;
      areas.load("address,areaCount,cellCount");
      await ctx.sync();
      expect([areas.address, areas.areaCount, areas.cellCount]).toEqual(["Sheet1!A1:B1,Sheet1!D3", 2, 3]);
    });
    expect(["A1", "B1", "D3", "C1"].map((a) => host.workbook.get("Sheet1", a).format.font.bold)).toEqual([true, true, true, false]);
  });

  test("whole columns and rows: widths, heights and hidden", async () => {
    await run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("C:D").format.columnWidth = 90;
      s.getRange("M:M").columnHidden = true;
      s.getRange("3:3").format.rowHeight = 40;
      await ctx.sync();
    });
    const sheet = host.workbook.sheets[0];
    expect([sheet.columnWidth(2), sheet.columnWidth(3), sheet.columnWidth(12), sheet.rowHeight(2), sheet.rowHeight(3)]).toEqual([90, 90, 0, 40, 15]);
  });
});
