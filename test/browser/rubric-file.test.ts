/**
 * In Chromium, the workbench: 载入考核细则文件 — a bad file lists its problems (file: JSON path: problem); a good
 * one is offered, inserted like a shipped rubric, and the pane scores the table made from it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describeWithTool } from "../helpers/tools";
import { browserFixture } from "../helpers/browser";

const own = (amount: number) => {
  const r = JSON.parse(readFileSync(join(__dirname, "..", "..", "rubrics", "qhd2016-party.json"), "utf8"));
  r.id = "my-party";
  r.version = "1";
  r.shortTitle = "本区党委层面考核";
  r.sections[0].items[4].clauses[0].amount = amount;
  return Buffer.from(JSON.stringify(r));
};

describeWithTool("chromium", "a rubric file in the workbench's pane", () => {
  const fx = browserFixture();

  test("a bad file lists its problems; a good one is inserted and scored", async () => {
    const page: Page = await fx.browser.newPage({ locale: "zh-CN", viewport: { width: 1400, height: 900 } });
    page.on("pageerror", (e) => {
      throw e;
    });
    // Validating a rubric file runs zod, whose eval probe the CSP (no 'unsafe-eval') would report: it is jitless.
    await page.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.goto(`${fx.url}/workbench.html`);
    const pane = page.locator("#pane");
    await pane.getByRole("button", { name: "插入自评表" }).waitFor();

    await pane.getByTestId("rubric-file-input").setInputFiles({ name: "bad.json", mimeType: "application/json", buffer: own(-1) });
    await expect(pane.getByTestId("rubric-file-problems").textContent()).resolves.toContain(
      "bad.json: sections[0].items[4].clauses[0].amount: expected a number > 0, got number -1",
    );

    await pane.getByTestId("rubric-file-input").setInputFiles({ name: "my.json", mimeType: "application/json", buffer: own(1) });
    await pane.getByTestId("rubric-file-loaded").waitFor();
    expect(await pane.getByTestId("rubric-file-problems").count()).toBe(0);
    await expect(pane.getByRole("combobox").first().textContent()).resolves.toContain("本区党委层面考核");
    await pane.getByRole("button", { name: "插入自评表" }).click();
    // The table made from the file is read back: a blank table says 未填写 out of the file's 100.
    await expect(pane.getByTestId("total").textContent()).resolves.toBe("未填写");
    await page.screenshot({ path: join(fx.artifacts, "workbench-rubric-file.png") });
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    await page.close();
  }, 90_000);
});
