/** Charts: add from a range, count, items with name/type/title, series read from the source cells, errors. */
import { createHost, type Host } from "../../src/host";

let host: Host;
let run: typeof Excel.run;
beforeEach(() => {
  host = createHost({ sheets: ["数据", "图"] });
  run = host.Excel.run;
  const rows: [string, string | number][] = [["等次", "单位数"], ["优秀", 3], ["良好", 5], ["合格", 1]];
  rows.forEach(([a, b], i) => {
    host.workbook.userEdit("数据", `A${i + 1}`, a);
    host.workbook.userEdit("数据", `B${i + 1}`, b);
  });
  host.workbook.userEdit("数据", "C2", "=B2*2");
});

test("add a column chart of a range on another sheet: queued until sync, then counted and loadable", async () => {
  await run(async (ctx) => {
    const charts = ctx.workbook.worksheets.getItem("图").charts;
    const chart = charts.add("ColumnClustered", ctx.workbook.worksheets.getItem("数据").getRange("A1:B4"), "Columns");
    chart.title.text = "等次分布";
    chart.setPosition("C2", "J16");
    expect(host.workbook.sheet("图")!.charts).toHaveLength(0);
    const count = charts.getCount();
    chart.load("name,chartType,title/text");
    await ctx.sync();
    expect([count.value, chart.name, chart.chartType, chart.title.text]).toEqual([1, "Chart 1", "ColumnClustered", "等次分布"]);
    expect(() => chart.legend.visible).toThrow(/not available/);
  });
  const [model] = host.workbook.sheet("图")!.charts;
  expect(model.position).toEqual({ from: "C2", to: "J16" });
  expect(host.workbook.chartData(model)).toEqual({ categories: ["优秀", "良好", "合格"], series: [{ name: "单位数", values: [3, 5, 1] }] });
});

test("series follow the cells: a user edit changes the values; several columns give several series", async () => {
  await run(async (ctx) => {
    const data = ctx.workbook.worksheets.getItem("数据");
    data.charts.add("ColumnClustered", data.getRange("A1:C4"), "Auto");
    await ctx.sync();
  });
  const chart = host.workbook.sheet("数据")!.charts[0];
  host.workbook.userEdit("数据", "B3", 7);
  // C1 is blank: row 1 is not all labels, so it is data (a gap in each series), and the series are numbered.
  expect(host.workbook.chartData(chart).series).toEqual([
    { name: "系列1", values: [null, 3, 7, 1] },
    { name: "系列2", values: [null, 6, null, null] },
  ]);
  host.workbook.userEdit("数据", "C1", "两倍");
  expect(host.workbook.chartData(chart)).toEqual({
    categories: ["优秀", "良好", "合格"],
    series: [
      { name: "单位数", values: [3, 7, 1] },
      { name: "两倍", values: [6, null, null] },
    ],
  });
  const names = await run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("数据").charts.getItemAt(0).series;
    s.load("items/name");
    const n = s.getCount();
    await ctx.sync();
    return [n.value, s.items.map((x) => x.name)];
  });
  expect(names).toEqual([2, ["单位数", "两倍"]]);
});

test("items, getItem by name, rename and delete", async () => {
  await run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem("数据");
    sheet.charts.add("Pie", sheet.getRange("A1:B4"), "Columns");
    sheet.charts.add("Line", sheet.getRange("A1:B4"), "Columns").name = "趋势";
    await ctx.sync();
    sheet.charts.load("items/name,items/chartType");
    await ctx.sync();
    expect(sheet.charts.items.map((c) => [c.name, c.chartType])).toEqual([["Chart 1", "Pie"], ["趋势", "Line"]]);
    sheet.charts.getItem("趋势").delete();
    const count = sheet.charts.getCount();
    await ctx.sync();
    expect(count.value).toBe(1);
    sheet.charts.getItem("趋势").load("name");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });
});

test("errors: an unknown chart type or series layout, a source that is not a Range, an older Excel for getDimensionValues", async () => {
  await run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem("数据");
    sheet.charts.add("Sparkly" as Excel.ChartType, sheet.getRange("A1:B4"), "Columns");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    sheet.charts.add("ColumnClustered", sheet.getRange("A1:B4"), "Diagonally" as Excel.ChartSeriesBy);
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(() => sheet.charts.add("ColumnClustered", "A1:B4" as unknown as Excel.Range)).toThrow(expect.objectContaining({ code: "InvalidArgument" }));
  });
  const old = createHost({ apiVersion: "1.9", sheets: ["S"] });
  await old.Excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.getItem("S");
    s.getRange("A1:B2").values = [["a", "b"], ["x", 1]];
    const chart = s.charts.add("ColumnClustered", s.getRange("A1:B2"), "Columns");
    await ctx.sync();
    chart.series.getItemAt(0).getDimensionValues("Values");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ApiNotFound" });
  });
});

test("a chart goes with its sheet", async () => {
  await run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem("图");
    sheet.charts.add("ColumnClustered", ctx.workbook.worksheets.getItem("数据").getRange("A1:B4"), "Columns");
    await ctx.sync();
    sheet.delete();
    await ctx.sync();
  });
  expect(host.workbook.sheets.map((s) => s.name)).toEqual(["数据"]);
  expect(host.workbook.sheets[0].charts).toHaveLength(0);
});
