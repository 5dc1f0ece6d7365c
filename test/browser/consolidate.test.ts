/**
 * End to end in Chromium: the workbench's 汇总 page. Forty generated returns (lw2015-dept, variant jyj,
 * random fills, distinct unit names) are uploaded, read in the pane's Web Worker and written as new sheets
 * of the in-memory workbook: the roster shows in the grid with the engine's own score for a return, the
 * 等次 chart exists on 汇总 (host state) and is drawn. A second run is cancelled half way: the pane says
 * so, and no sheet is added.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { Page } from "playwright-core";
import { describeWithTool } from "../helpers/tools";
import { browserFixture } from "../helpers/browser";
import { responsesArb } from "../helpers/arbitrary";
import { findRubric } from "../../src/rubric/library";
import { plan } from "../../src/layout/plan";
import { fillInputs } from "../../src/layout/fill";
import { planToXlsx } from "../../src/xlsx/write";
import { readReturn } from "../../src/consolidate/from-read";
import { consolidate } from "../../src/consolidate/roster";
import { DEFAULT_POLICY } from "../../src/consolidate/policy";
import { rosterTitle } from "../../src/consolidate/labels";
import { rosterCol } from "../../src/consolidate/sheets";

const N = 40;
const TOWNS = ["王村", "北郊", "南郊", "萌水", "商家", "大街", "丝绸路", "青年路", "永安街", "城北路"];
const unitName = (k: number) => `${TOWNS[k % TOWNS.length]}${["镇政府", "安监站", "派出所", "卫生院"][Math.floor(k / TOWNS.length)]}`;

interface HostWindow {
  safescoreHost: {
    workbook: {
      sheets: { name: string; charts: { name: string; chartType: string; title: { text: string } }[] }[];
      chartData(c: unknown): { categories: string[]; series: { name: string; values: (number | null)[] }[] };
    };
  };
}

describeWithTool("chromium", "workbench 汇总 page in Chromium", () => {
  const fx = browserFixture();
  let dir = "";
  const files: string[] = [];
  let probe: { file: string; unit: string; score: number };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "safescore-returns-"));
    const rubric = findRubric("lw2015-dept")!;
    const p = plan(rubric, "jyj", "区教育局");
    const fills = fc.sample(responsesArb(rubric).filter((r) => r.variant === "jyj"), { numRuns: N, seed: 15 });
    for (const [k, r] of fills.entries()) {
      const bytes = await planToXlsx(p, fillInputs(p, { ...r, fields: { ...r.fields, unitName: unitName(k) } }));
      const file = join(dir, `${String(k + 1).padStart(2, "0")}-${unitName(k)}.xlsx`);
      writeFileSync(file, bytes);
      files.push(file);
    }
    // The engine's own score for one return (read and consolidated in Node, not by the page).
    const k = 7;
    const outcome = await readReturn(new Uint8Array(await planToXlsx(p, fillInputs(p, { ...fills[k], fields: { ...fills[k].fields, unitName: unitName(k) } }))), "x.xlsx");
    const row = consolidate([outcome], null, DEFAULT_POLICY).groups[0].rows[0];
    probe = { file: files[k], unit: unitName(k), score: row.score ?? Number.NaN };
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function open(): Promise<Page> {
    // Each file waits 150 ms in the worker (the workbench's test hook), so a run is cancellable half way.
    const page = await fx.browser.newPage({ locale: "zh-CN", viewport: { width: 1500, height: 950 } });
    page.on("pageerror", (e) => {
      throw e;
    });
    await page.goto(`${fx.url}/workbench.html?readDelay=150`);
    await page.getByRole("tab", { name: "汇总" }).click();
    await page.getByRole("button", { name: "开始汇总" }).waitFor();
    return page;
  }
  const sheetNames = (page: Page) => page.evaluate(() => (window as unknown as HostWindow).safescoreHost.workbook.sheets.map((s) => s.name));

  test("40 returns → roster, summary, problems, 扣分明细 and the 等次 chart; a second run cancelled half way writes nothing", async () => {
    const page = await open();
    const pane = page.locator("#pane");
    await pane.getByTestId("returns-input").setInputFiles(files);
    await expect(pane.getByTestId("returns-input-chosen").textContent()).resolves.toBe(`已选择 ${N} 个文件`);
    await pane.getByRole("button", { name: "开始汇总" }).click();
    await pane.getByTestId("progress").waitFor();
    await pane.getByTestId("sheets-written").waitFor({ timeout: 90_000 });

    const title = rosterTitle({ rubric: { title: findRubric("lw2015-dept")!.title } as never });
    const names = await sheetNames(page);
    expect(names.length).toBe(6);
    const [roster, summary] = names.slice(1);
    expect(names.slice(2)).toEqual(["汇总", "问题清单", expect.stringMatching(/^扣分明细-/), "设置"]);
    await expect(pane.getByTestId("sheets-written").textContent()).resolves.toContain(roster);
    await expect(pane.getByTestId("group-result").first().textContent()).resolves.toContain(title);
    await expect(pane.getByTestId("top-ranked").locator("li").count()).resolves.toBe(5);

    // The grid shows the roster (the writer activates it): unit names, and the engine's score for one return.
    const grid = page.locator("#grid");
    await expect(grid.getByRole("tab", { name: roster }).getAttribute("aria-selected")).resolves.toBe("true");
    const unitCell = grid.locator("td", { hasText: new RegExp(`^${probe.unit}$`) });
    await unitCell.waitFor();
    const address = (await unitCell.getAttribute("data-address"))!;
    const row = address.replace(/^[A-Z]+/, "");
    await expect(grid.locator(`td[data-address="${rosterCol("self")}${row}"]`).textContent()).resolves.toBe(String(probe.score));
    await expect(grid.locator(`td[data-address="${rosterCol("score")}${row}"]`).textContent()).resolves.toBe(String(probe.score));
    await expect(grid.locator(`td[data-address="${rosterCol("file")}${row}"]`).textContent()).resolves.toBe(probe.file.split("/").pop());
    expect(await grid.locator("td", { hasText: "#NAME?" }).count()).toBe(0);
    await page.screenshot({ path: join(fx.artifacts, "workbench-consolidate-roster.png") });

    // The chart: in the host's model on 汇总, four 等次 counting every unit, and drawn by the workbench.
    const chart = await page.evaluate((name) => {
      const wb = (window as unknown as HostWindow).safescoreHost.workbook;
      const c = wb.sheets.find((s) => s.name === name)!.charts;
      return { charts: c.map((x) => [x.name, x.chartType, x.title.text]), data: c.length ? wb.chartData(c[0]) : null };
    }, summary);
    expect(chart.charts).toEqual([["Chart 1", "ColumnClustered", "等次分布（单位数）"]]);
    expect(chart.data!.categories).toEqual(["优秀", "良好", "合格", "不合格"]);
    const counted = chart.data!.series[0].values.reduce<number>((s, v) => s + (v ?? 0), 0);
    const tiers = await Promise.all(["excellent", "good", "pass", "fail"].map(async (t) => Number((await pane.getByTestId(`tier-${t}`).textContent())!.replace(/\D/g, ""))));
    expect(chart.data!.series[0].values).toEqual(tiers);
    expect(counted).toBeGreaterThan(0);
    await grid.getByRole("tab", { name: summary }).click();
    await page.locator("figure[data-chart='Chart 1']").waitFor();
    await page.screenshot({ path: join(fx.artifacts, "workbench-consolidate-chart.png") });

    // A second run, cancelled once at least 10 of 40 are read: the pane says so, and no sheet is added.
    await pane.getByRole("button", { name: "开始汇总" }).click();
    await page.waitForFunction(() => {
      const m = /已读取 (\d+) \/ 40/.exec(document.querySelector("[data-testid=progress]")?.textContent ?? "");
      return m !== null && Number(m[1]) >= 10;
    });
    await pane.getByRole("button", { name: "取消" }).click();
    const cancelled = pane.getByTestId("cancelled");
    await cancelled.waitFor();
    const said = (await cancelled.textContent())!;
    expect(said).toMatch(/^已取消：已读取 (\d+) \/ 40 份，未写入工作簿。$/);
    const readBeforeCancel = Number(/已读取 (\d+)/.exec(said)![1]);
    expect(readBeforeCancel).toBeGreaterThanOrEqual(10);
    expect(readBeforeCancel).toBeLessThan(40);
    // Long enough for the rest of the run, had the worker survived: still nothing new.
    await page.waitForTimeout(40 * 150 + 1000);
    expect(await sheetNames(page)).toEqual(names);
    await expect(pane.getByTestId("sheets-written").count()).resolves.toBe(0);
    await page.screenshot({ path: join(fx.artifacts, "workbench-consolidate-cancelled.png") });
    await page.close();
  }, 180_000);

  test("a policy that is not valid JSON: a message naming the file, no stack trace, nothing written", async () => {
    const page = await open();
    const pane = page.locator("#pane");
    const bad = join(dir, "考核办法.json");
    writeFileSync(bad, "{ threshold: 80 ");
    await pane.getByTestId("returns-input").setInputFiles(files.slice(0, 2));
    await pane.getByTestId("policy-input").setInputFiles(bad);
    await pane.getByRole("button", { name: "开始汇总" }).click();
    const error = pane.getByTestId("consolidate-error");
    await error.waitFor();
    const text = (await error.textContent())!;
    expect(text).toContain("无法读取考核办法设置（考核办法.json）");
    expect(text).not.toMatch(/\bat \w+ \(|\.ts:\d+|Error:/);
    expect(await sheetNames(page)).toEqual(["Sheet1"]);
    await page.screenshot({ path: join(fx.artifacts, "workbench-consolidate-policy-error.png") });
    await page.close();
  }, 60_000);
});
