/** In a real browser: the task pane writes the official workbook with ExcelJS (loaded on demand). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describeWithTool } from "../helpers/tools";
import { browserFixture } from "../helpers/browser";
import { xlsxToGrid } from "../../src/xlsx/read";
import { readWorkbook } from "../../src/layout/read";
import { findRubric } from "../../src/rubric/library";

describeWithTool("chromium", "task pane in Chromium", () => {
  const fx = browserFixture();

  test("download a blank 000 教育局 table and read it back", async () => {
    const page = await fx.browser.newPage({ locale: "zh-CN", acceptDownloads: true });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${fx.url}/taskpane.html`);
    await page.getByText("安全生产考核自评助手").waitFor();
    // At start: the pane's script and the rubrics' (loaded on demand, rubric/shipped.ts); ExcelJS not until a file is asked for.
    const scripts = requests.filter((r) => r.startsWith(fx.url) && r.endsWith(".js")).map((r) => r.slice(r.lastIndexOf("/") + 1).replace(/\.[0-9a-f]{8}\.js$/, ""));
    expect(scripts.sort()).toEqual(["rubrics", "taskpane"]);

    await page.getByRole("combobox").first().click();
    await page.getByRole("option", { name: /龙湾区2015/ }).click();
    // A rubric with a version per unit starts with none chosen: nothing can be made yet, and the pane says why.
    const downloadButton = page.getByRole("button", { name: "下载空白自评表（.xlsx）" });
    await expect(downloadButton.isDisabled()).resolves.toBe(true);
    await page.getByText("请选择适用单位，或输入单位名称自动匹配").waitFor();
    // A name no variant lists: the nearest listed names are offered, still nothing chosen.
    await page.getByRole("textbox").fill("龙湾区教委");
    await page.getByTestId("unit-suggestions").getByRole("button", { name: "区教育局" }).waitFor();
    await expect(downloadButton.isDisabled()).resolves.toBe(true);
    // Typing the unit with its district's name picks the 区教育局 version, and says it matched by name.
    await page.getByRole("textbox").fill("龙湾区教育局");
    await expect(page.getByTestId("unit-match").textContent()).resolves.toBe("按单位名称匹配：区教育局");
    await expect(page.getByRole("combobox").nth(1).textContent()).resolves.toContain("区教育局");
    await expect(downloadButton.isDisabled()).resolves.toBe(false);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载空白自评表（.xlsx）" }).click()]);
    const file = join(fx.artifacts, "browser-template.xlsx");
    await download.saveAs(file);
    await page.screenshot({ path: join(fx.artifacts, "taskpane-download.png"), fullPage: true });

    const read = readWorkbook(await xlsxToGrid(readFileSync(file)), findRubric);
    expect(read).toMatchObject({ variant: "jyj", unit: "龙湾区教育局", problems: [] });
    expect(read.rubric.id).toBe("lw2015-dept");
    expect(read.responses.fields).toEqual({ unitName: "龙湾区教育局" });
    // Nothing but the page's own origin (and Office.js's CDN, unreachable here) is asked for.
    expect(requests.filter((r) => !r.startsWith(fx.url) && !r.startsWith("https://appsforoffice.microsoft.com/"))).toEqual([]);
    await page.close();
  }, 60_000);
});
