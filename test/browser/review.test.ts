/**
 * End to end in Chromium: 开始核定 in the workbench (real task pane + in-memory Excel). The unit fills its table;
 * the assessors start the review, change two entries in the grid (a 核定次数 and a 核定 tick, with a 核定说明),
 * see the differences with both values and the 核定 total, click one to its row, and project the compact view.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describeWithTool } from "../helpers/tools";
import { browserFixture, typeInto } from "../helpers/browser";
import { findRubric } from "../../src/rubric/library";
import { plan } from "../../src/layout/plan";

describeWithTool("chromium", "开始核定 in the workbench", () => {
  const fx = browserFixture();
  const pane = (page: Page) => page.locator("#pane");
  const selection = (page: Page) => page.evaluate(() => (window as unknown as { safescoreHost: { workbook: { selection: { sheet: string; address: string } } } }).safescoreHost.workbook.selection);
  const px = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

  test("001 市直部门: the unit fills, the assessors review, differ twice, jump to a row and project", async () => {
    // Where the cells are: the unit's table (format 3), then the review table (format 4) in the same place.
    const rubric = findRubric("qhd2016-dept")!;
    const p3 = plan(rubric, undefined, "市教育局");
    const p4 = plan(rubric, undefined, "市教育局", { format: 4 });
    const c3 = (id: string) => p3.map.items.flatMap((i) => i.clauses).find((c) => c.id === id)!;
    const c4 = (id: string) => p4.map.items.flatMap((i) => i.clauses).find((c) => c.id === id)!;
    const item4 = (id: string) => p4.map.items.find((i) => i.id === id)!;

    const page = await fx.browser.newPage({ locale: "zh-CN", viewport: { width: 1400, height: 900 } });
    page.on("pageerror", (e) => {
      throw e;
    });
    await page.goto(`${fx.url}/workbench.html`);
    await page.getByRole("button", { name: "插入自评表" }).waitFor();
    await pane(page).getByRole("combobox").first().click();
    await page.getByRole("option", { name: /市直部门/ }).click();
    await pane(page).getByRole("textbox").fill("市教育局");
    await pane(page).getByRole("button", { name: "插入自评表" }).click();
    await expect(pane(page).getByTestId("total").textContent()).resolves.toBe("未填写");

    // The unit: s1.i4.c1 "每少落实1次，扣10分" counted twice, with its note. A blank 001 市直部门 scores 460 (the
    // s3 bonus earns nothing unentered): 460 − 20 = 440.
    await typeInto(page, c3("s1.i4.c1").countCell!, "2");
    await typeInto(page, p3.map.items.find((i) => i.id === "s1.i4")!.noteCell, "少落实2次");
    await page.waitForFunction(() => document.querySelector("[data-testid=total]")?.textContent === "440");

    // 开始核定: one line of explanation, then a confirmation before anything is written.
    await expect(pane(page).getByTestId("start-review").textContent()).resolves.toContain("单位的自评填写原样保留并锁定");
    await pane(page).getByRole("button", { name: "开始核定" }).click();
    await pane(page).getByRole("button", { name: "确定" }).click();
    await pane(page).getByTestId("review-comparison").waitFor();
    await expect(pane(page).getByRole("status").textContent()).resolves.toContain("自评表（自评原件）");
    await expect(pane(page).getByTestId("self-total").textContent()).resolves.toBe("440");
    await expect(pane(page).getByTestId("review-total").textContent()).resolves.toBe("440");
    await expect(pane(page).getByTestId("difference-count").textContent()).resolves.toBe("核定与自评不同（0 项）");
    expect(await pane(page).getByTestId("start-review").count()).toBe(0);

    // The unit's entries are locked as returned.
    await page.locator(`#grid td[data-address="${c4("s1.i4.c1").countCell}"]`).click();
    await expect(page.getByTestId("grid-message").textContent()).resolves.toContain("受保护");

    // The assessors: s1.i4.c1 counted 4 times (−40) with a note; s1.i2.c1 "未落实的，扣30分" ticked. 460 − 70 = 390 (78%, 合格).
    await typeInto(page, c4("s1.i4.c1").review!.countCell, "4");
    await typeInto(page, c4("s1.i4.c1").review!.noteCell, "查实少落实4次");
    await page.getByLabel(`勾选 ${c4("s1.i2.c1").review!.inputCell}`).check();
    await page.waitForFunction(() => document.querySelector("[data-testid=review-total]")?.textContent === "390");
    await expect(pane(page).getByTestId("self-total").textContent()).resolves.toBe("440");
    await expect(pane(page).getByTestId("review-tier").textContent()).resolves.toBe("合格");
    await expect(pane(page).getByTestId("difference-count").textContent()).resolves.toBe("核定与自评不同（2 项）");
    const differences = pane(page).getByTestId("difference");
    await expect(differences.allTextContents()).resolves.toEqual([
      // 001 prints no 序号 for its items: the title, both scores (a deduct section's row: minus its deduction), the note.
      expect.stringMatching(/^部门内部建立“一岗双责”.*自评 0 → 核定 -30核定说明：（未填核定说明）$/),
      expect.stringMatching(/^部门层面至少每季度.*自评 -20 → 核定 -40核定说明：查实少落实4次$/),
    ]);
    await pane(page).evaluate((el) => (el.scrollTop = 0));
    await page.screenshot({ path: join(fx.artifacts, "review-differences.png") });

    // A click on a difference selects its row's 核定得分 cell.
    await differences.nth(1).click();
    await page.waitForFunction((a) => (window as unknown as { safescoreHost: { workbook: { selection: { address: string } } } }).safescoreHost.workbook.selection.address === a, item4("s1.i4").review!.scoreCell);
    expect(await selection(page)).toEqual({ sheet: "自评表", address: item4("s1.i4").review!.scoreCell });

    // 投屏视图: large type (totals ≥ 28px, the list ≥ 18px), black on white, still clickable.
    await pane(page).getByTestId("projection-toggle").click();
    await pane(page).getByTestId("projection").waitFor();
    await expect(pane(page).getByTestId("projection-review").textContent()).resolves.toBe("核定39078% · 合格否决项：无");
    expect(await px(page, "[data-testid=projection-self] > div:nth-child(2)")).toBeGreaterThanOrEqual(28);
    expect(await px(page, "[data-testid=projection] [data-testid=difference]")).toBeGreaterThanOrEqual(18);
    await expect(page.locator("[data-testid=projection]").evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor])).resolves.toEqual(["rgb(0, 0, 0)", "rgb(255, 255, 255)"]);
    await pane(page).getByTestId("difference").first().click();
    await page.waitForFunction((a) => (window as unknown as { safescoreHost: { workbook: { selection: { address: string } } } }).safescoreHost.workbook.selection.address === a, item4("s1.i2").review!.scoreCell);
    await page.screenshot({ path: join(fx.artifacts, "review-projection.png") });
    await pane(page).screenshot({ path: join(fx.artifacts, "review-projection-pane.png") });
    await page.close();
  }, 120_000);
});
