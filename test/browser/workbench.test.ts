/**
 * End to end in Chromium: the workbench (real task pane + in-memory Excel). Insert the 000 教育局 table,
 * tick and type in the grid, watch the pane follow, click a flag and land on its cell.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describeWithTool } from "../helpers/tools";
import { browserFixture } from "../helpers/browser";
import { findRubric } from "../../src/rubric/library";
import { plan } from "../../src/layout/plan";

describeWithTool("chromium", "workbench in Chromium", () => {
  const fx = browserFixture();

  async function open(): Promise<Page> {
    const page = await fx.browser.newPage({ locale: "zh-CN", viewport: { width: 1400, height: 900 } });
    page.on("pageerror", (e) => {
      throw e;
    });
    await page.goto(`${fx.url}/workbench.html`);
    await page.getByRole("button", { name: "插入自评表" }).waitFor();
    return page;
  }
  const pane = (page: Page) => page.locator("#pane");
  const typeInto = async (page: Page, address: string, text: string) => {
    await page.locator(`#grid td[data-address="${address}"]`).click();
    const input = page.getByLabel(`编辑 ${address}`);
    await input.fill(text);
    await input.press("Enter");
  };

  test("000 教育局: insert, tick, write notes, follow the score, click a flag", async () => {
    const p = plan(findRubric("lw2015-dept")!, "jyj", "区教育局");
    const clause = (id: string) => p.map.items.flatMap((i) => i.clauses).find((c) => c.id === id)!;
    const page = await open();
    await pane(page).getByRole("combobox").first().click();
    await page.getByRole("option", { name: /龙湾区2015/ }).click();
    await pane(page).getByRole("textbox").fill("区教育局");
    await pane(page).getByRole("button", { name: "插入自评表" }).click();
    await expect(pane(page).getByTestId("total").textContent()).resolves.toBe("200");
    await expect(pane(page).getByTestId("tier").textContent()).resolves.toBe("优秀");

    // Tick two 未落实 sub-items of indicator 3 (in-cell checkboxes) and see 24 → 18, total 194.
    await page.getByLabel(`勾选 ${clause("i3.c6b").inputCell}`).check();
    await page.getByLabel(`勾选 ${clause("i3.c5").inputCell}`).check();
    await page.waitForFunction(() => document.querySelector("[data-testid=total]")?.textContent === "194");
    const flagsBefore = Number((await pane(page).getByTestId("flag-count").textContent())!.replace(/\D/g, ""));
    expect(await pane(page).getByText("扣分未说明").count()).toBeGreaterThan(0);

    // A note for indicator 3 explains the deductions: one flag fewer.
    await typeInto(page, p.map.items.find((i) => i.id === "i3")!.noteCell, "全年录用信息3条，未开展安康杯竞赛");
    await page.waitForFunction((n) => Number(document.querySelector("[data-testid=flag-count]")?.textContent?.replace(/\D/g, "")) === n - 1, flagsBefore);

    // Click the flag for indicator 1's missing note: the grid selects that cell.
    const target = `自评表!${p.map.items[0].noteCell}`;
    await pane(page).locator(`[data-flag-cell="${target}"]`).click();
    await page.waitForFunction((a) => (window as unknown as { safescoreHost: { workbook: { selection: { address: string } } } }).safescoreHost.workbook.selection.address === a, p.map.items[0].noteCell);
    await expect(page.locator(`#grid td[data-address="${p.map.items[0].noteCell}"]`).evaluate((el) => getComputedStyle(el).outlineStyle)).resolves.toBe("solid");
    await page.screenshot({ path: join(fx.artifacts, "workbench-000.png") });
    await page.close();
  }, 90_000);

  test("001 市直部门: counts, a veto, and an invalid count", async () => {
    const p = plan(findRubric("qhd2016-dept")!, undefined, "市教育局");
    const c = (id: string) => p.map.items.flatMap((i) => i.clauses).find((x) => x.id === id)!;
    const page = await open();
    await pane(page).getByRole("combobox").first().click();
    await page.getByRole("option", { name: /市直部门/ }).click();
    await pane(page).getByRole("button", { name: "插入自评表" }).click();
    await expect(pane(page).getByTestId("total").textContent()).resolves.toBe("460");

    await typeInto(page, c("s1.i4.c1").countCell!, "5");
    await page.waitForFunction(() => document.querySelector("[data-testid=total]")?.textContent === "420");
    // Data validation stops a fractional count, as Excel's stop alert does.
    await typeInto(page, c("s1.i5.c1").countCell!, "2.5");
    await expect(page.getByRole("status").first().textContent()).resolves.toContain("次数须为不小于0的整数");

    await page.getByLabel(`勾选 ${p.map.vetoes.find((v) => v.id === "v.fail1")!.inputCell}`).check();
    await page.waitForFunction(() => document.querySelector("[data-testid=tier]")?.textContent === "不合格");
    await expect(pane(page).getByTestId("veto").textContent()).resolves.toContain("一票否决");
    await page.screenshot({ path: join(fx.artifacts, "workbench-001.png") });
    await page.close();
  }, 90_000);
});
