/**
 * End to end in Chromium: the workbench (real task pane + in-memory Excel). Insert the 000 教育局 table,
 * tick and type in the grid, watch the pane follow, click a flag and land on its cell.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describeWithTool } from "../helpers/tools";
import { browserFixture, typeInto } from "../helpers/browser";
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

  test("000 教育局: insert, tick, write notes, follow the score, click a flag", async () => {
    const p = plan(findRubric("lw2015-dept")!, "jyj", "区教育局");
    const clause = (id: string) => p.map.items.flatMap((i) => i.clauses).find((c) => c.id === id)!;
    const page = await open();
    await pane(page).getByRole("combobox").first().click();
    await page.getByRole("option", { name: /龙湾区2015/ }).click();
    await pane(page).getByRole("textbox").fill("区教育局");
    await pane(page).getByRole("button", { name: "插入自评表" }).click();
    // A blank table is not 200/200 优秀: the headline says 未填写 and shows no tier; the fill hint sits above.
    await expect(pane(page).getByTestId("total").textContent()).resolves.toBe("未填写");
    expect(await pane(page).getByTestId("tier").count()).toBe(0);
    await expect(pane(page).getByTestId("fill-hint").textContent()).resolves.toBe("填表：勾选（√、是 或 1）表示扣分/未落实；“…，得3分”的项勾选没有做到的；每项都要填写自评情况。");
    await page.screenshot({ path: join(fx.artifacts, "workbench-000-blank.png") });

    // Tick two 未落实 sub-items of indicator 3 (in-cell checkboxes) and see 24 → 18, total 194.
    await page.getByLabel(`勾选 ${clause("i3.c6b").inputCell}`).check();
    await page.getByLabel(`勾选 ${clause("i3.c5").inputCell}`).check();
    await page.waitForFunction(() => document.querySelector("[data-testid=total]")?.textContent === "194");
    // 194 / 200 = 97% ≥ 90: the reference tier with its thresholds.
    await expect(pane(page).getByTestId("tier").textContent()).resolves.toBe("优秀");
    await expect(pane(page).getByTestId("tier-note").textContent()).resolves.toBe("（优秀≥90%，良好≥80%，合格≥60%）");
    await page.locator(`#grid td[data-address="${clause("i3.c5").inputCell}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(fx.artifacts, "workbench-000-ticked.png") });
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
    await expect(pane(page).getByTestId("total").textContent()).resolves.toBe("未填写");

    await typeInto(page, c("s1.i4.c1").countCell!, "5");
    await page.waitForFunction(() => document.querySelector("[data-testid=total]")?.textContent === "420");
    // Data validation stops a fractional count, as Excel's stop alert does; zh-CN punctuation (：).
    await typeInto(page, c("s1.i5.c1").countCell!, "2.5");
    const alert = (await page.getByTestId("grid-message").textContent())!;
    expect(alert).toContain("：次数须为不小于0的整数");
    expect(alert).not.toContain(": ");

    await page.getByLabel(`勾选 ${p.map.vetoes.find((v) => v.id === "v.fail1")!.inputCell}`).check();
    await page.waitForFunction(() => document.querySelector("[data-testid=tier]")?.textContent === "不合格");
    await expect(pane(page).getByTestId("veto").textContent()).resolves.toContain("一票否决");
    await page.screenshot({ path: join(fx.artifacts, "workbench-001.png") });
    await page.close();
  }, 90_000);

  test("an invalid entry: the tier shows as 待更正, never 优秀 first", async () => {
    const p = plan(findRubric("qhd2016-gov")!, undefined, "某县");
    const c = (id: string) => p.map.items.flatMap((i) => i.clauses).find((x) => x.id === id)!;
    const page = await open();
    await pane(page).getByRole("combobox").first().click();
    await page.getByRole("option", { name: /县区政府层面/ }).click();
    await pane(page).getByRole("button", { name: "插入自评表" }).click();
    await expect(pane(page).getByTestId("total").textContent()).resolves.toBe("未填写");
    // 3 × 2 = 6 off: 294 / 300 = 98%.
    await typeInto(page, c("s1.i1.c1").countCell!, "3");
    await page.waitForFunction(() => document.querySelector("[data-testid=total]")?.textContent === "294");
    await expect(pane(page).getByTestId("tier").textContent()).resolves.toBe("优秀");
    // Ticked with no 次数: an invalid entry the sheet's validation lets through and the engine flags.
    await page.getByLabel(`勾选 ${c("s1.i3.c1").inputCell}`, { exact: true }).check();
    await page.waitForFunction(() => document.querySelector("[data-testid=tier]")?.textContent === "待更正");
    await expect(pane(page).getByTestId("tier-note").textContent()).resolves.toBe("（修正无效填写后再定；按现有有效填写暂为优秀；优秀≥90%，良好≥80%，合格≥60%）");
    await page.screenshot({ path: join(fx.artifacts, "workbench-provisional.png") });
    await page.close();
  }, 90_000);

  test("en-US: the header, the fill hint and the reference tier in English", async () => {
    const page = await fx.browser.newPage({ locale: "en-US", viewport: { width: 1400, height: 900 } });
    await page.goto(`${fx.url}/workbench.html?lang=en-US`);
    await page.getByRole("button", { name: "Insert the table" }).waitFor();
    await expect(page.locator("#grid").textContent()).resolves.toContain("An in-memory Excel workbook");
    await pane(page).getByRole("combobox").first().click();
    await page.getByRole("option", { name: /县区政府层面/ }).click();
    await pane(page).getByRole("button", { name: "Insert the table" }).click();
    await expect(pane(page).getByTestId("total").textContent()).resolves.toBe("Not filled in");
    const p = plan(findRubric("qhd2016-gov")!, undefined, undefined);
    await typeInto(page, p.map.items.flatMap((i) => i.clauses).find((x) => x.id === "s1.i1.c1")!.countCell!, "3");
    await page.waitForFunction(() => document.querySelector("[data-testid=total]")?.textContent === "294");
    await expect(pane(page).getByTestId("tier").textContent()).resolves.toBe("Excellent");
    await expect(pane(page).getByTestId("tier-note").textContent()).resolves.toBe("(Excellent ≥ 90%, Good ≥ 80%, Pass ≥ 60%)");
    await expect(pane(page).getByTestId("fill-hint").textContent()).resolves.toContain("How to fill: a tick (√, 是 or 1) means a deduction / not done");
    await page.screenshot({ path: join(fx.artifacts, "workbench-en.png") });
    await page.close();
  }, 90_000);

  test("the workbench itself: a favicon (no 404), a zh-CN header, and a locked cell says why it cannot change", async () => {
    const missing: string[] = [];
    const page = await fx.browser.newPage({ locale: "zh-CN", viewport: { width: 1400, height: 900 } });
    page.on("response", (r) => {
      if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${fx.url}/workbench.html`);
    await page.getByRole("button", { name: "插入自评表" }).waitFor();
    await expect(page.locator("link[rel=icon]").getAttribute("href")).resolves.toBe("assets/icon-32.png");
    await page.waitForFunction(() => fetch("assets/icon-32.png").then((r) => r.ok));
    expect(await page.locator("#grid").textContent()).not.toMatch(/in-memory|workbook/i);
    await expect(page.locator("#grid").textContent()).resolves.toContain("内存中的 Excel 工作簿");

    await pane(page).getByRole("combobox").first().click();
    await page.getByRole("option", { name: /市直部门/ }).click();
    await pane(page).getByRole("button", { name: "插入自评表" }).click();
    await pane(page).getByTestId("total").waitFor();
    const p = plan(findRubric("qhd2016-dept")!, undefined, undefined);
    // The item's score is a formula in a locked cell.
    await page.locator(`#grid td[data-address="${p.map.items[0].scoreCell}"]`).click();
    await expect(page.getByTestId("grid-message").textContent()).resolves.toContain("您试图更改的单元格位于受保护的工作表中");
    expect(await page.getByLabel(`编辑 ${p.map.items[0].scoreCell}`).count()).toBe(0);
    await page.screenshot({ path: join(fx.artifacts, "workbench-locked.png") });
    // An input cell clears the message and opens for typing.
    await page.locator(`#grid td[data-address="${p.map.items[0].noteCell}"]`).click();
    await expect(page.getByTestId("grid-message").textContent()).resolves.toBe("");
    expect(missing).toEqual([]);
    await page.close();
  }, 90_000);
});
