/**
 * End to end in Chromium: a reviewed set consolidated in the workbench's 汇总 page. Three 001 市直部门 returns are
 * reviewed the way the add-in and `safescore review` do it (layout/review.ts reviewPlan, written with planToXlsx
 * from the format-4 plan), the assessors changing two of them; the roster ranks by 核定 and shows 自评分 and 核定分.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeWithTool } from "../helpers/tools";
import { browserFixture } from "../helpers/browser";
import { findRubric } from "../../src/rubric/library";
import { plan } from "../../src/layout/plan";
import { fillInputs } from "../../src/layout/fill";
import { readWorkbook } from "../../src/layout/read";
import { reviewPlan } from "../../src/layout/review";
import { planToXlsx } from "../../src/xlsx/write";
import { xlsxToGrid } from "../../src/xlsx/read";
import { rosterCol } from "../../src/consolidate/sheets";

const qhd = findRubric("qhd2016-dept")!;

/**
 * A unit's return with s1.i4.c1 ("每少落实1次，扣10分。最高可扣40分") counted `self` times, reviewed with `review` times.
 * A blank 001 市直部门 scores 460 of 500 (s3's bonus earns nothing unentered): 460 − 10 × n, as a percent of 500.
 */
async function reviewedReturn(unit: string, self: number, review: number): Promise<Uint8Array> {
  const p3 = plan(qhd, undefined, unit);
  const fill = fillInputs(p3, { fields: { unitName: unit }, items: { "s1.i4": { note: `少落实${self}次` } }, clauses: self ? { "s1.i4.c1": { count: self } } : {} });
  const { plan: p4, inputs } = reviewPlan(readWorkbook(await xlsxToGrid(await planToXlsx(p3, fill)), findRubric));
  const c = p4.map.items.flatMap((i) => i.clauses).find((x) => x.id === "s1.i4.c1")!.review!;
  inputs.set(c.countCell, review || null);
  if (review !== self) inputs.set(c.noteCell, `查实少落实${review}次`);
  return planToXlsx(p4, inputs);
}

describeWithTool("chromium", "a reviewed set in the workbench's 汇总 page", () => {
  const fx = browserFixture();
  let dir = "";
  const files: string[] = [];
  // unit, 自评 count, 核定 count → 自评 % and 核定 %: 甲局 440 → 420 (88 → 84), 乙局 460 (92), 丙局 430 → 450 (86 → 90).
  const UNITS: [string, number, number][] = [["市甲局", 2, 4], ["市乙局", 0, 0], ["市丙局", 3, 1]];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "safescore-reviewed-"));
    for (const [unit, self, review] of UNITS) {
      const file = join(dir, `${unit}-核定.xlsx`);
      writeFileSync(file, await reviewedReturn(unit, self, review));
      files.push(file);
    }
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("ranked by 核定 (92, 90, 84 — by 自评 it would be 92, 88, 86), 自评分 and 核定分 side by side", async () => {
    const page = await fx.browser.newPage({ locale: "zh-CN", viewport: { width: 1500, height: 950 } });
    page.on("pageerror", (e) => {
      throw e;
    });
    await page.goto(`${fx.url}/workbench.html`);
    await page.getByRole("tab", { name: "汇总" }).click();
    const pane = page.locator("#pane");
    await pane.getByTestId("returns-input").setInputFiles(files);
    await pane.getByRole("button", { name: "开始汇总" }).click();
    await pane.getByTestId("problem-count").waitFor({ timeout: 60_000 });
    await expect(pane.getByTestId("both-scores").allTextContents()).resolves.toEqual(["自评 92 · 核定 92", "自评 86 · 核定 90", "自评 88 · 核定 84"]);

    // The roster in the grid: one row per unit, in 核定 order, with both scores and the ranked one.
    const grid = page.locator("#grid");
    const rowOf = async (unit: string) => (await grid.locator("td", { hasText: new RegExp(`^${unit}$`) }).first().getAttribute("data-address"))!.replace(/^[A-Z]+/, "");
    await grid.locator("td", { hasText: /^市甲局$/ }).first().waitFor();
    const cell = (k: Parameters<typeof rosterCol>[0], row: string) => grid.locator(`td[data-address="${rosterCol(k)}${row}"]`).textContent();
    const rows = await Promise.all(UNITS.map(([u]) => rowOf(u)));
    const table = await Promise.all(rows.map(async (r) => [await cell("unit", r), await cell("self", r), await cell("review", r), await cell("score", r), await cell("seq", r)]));
    expect(table).toEqual([
      ["市甲局", "88", "84", "84", "3"],
      ["市乙局", "92", "92", "92", "1"],
      ["市丙局", "86", "90", "90", "2"],
    ]);
    await page.screenshot({ path: join(fx.artifacts, "review-consolidate.png") });
    await page.close();
  }, 120_000);
});
