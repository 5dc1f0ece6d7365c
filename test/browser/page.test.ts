/**
 * End to end in Chromium: the offline page dist/safescore.html, built, copied ALONE to a fresh folder and
 * opened from file://. 检查回执 on a return with an invalid entry names its cell and shows the figures of
 * `safescore score --json` for the same file; 汇总 of 40 returns with the example unit list and policy
 * downloads roster.xlsx and the 通报附件, which equal the command line's for the same inputs (the xlsx
 * recalculated by LibreOffice and read with ExcelJS, the docx converted to text by LibreOffice); a run is
 * cancelled half way; 空白表 downloads a blank table that reads back as the chosen rubric, version and unit.
 * Throughout, the page makes no request but its own file:// URL and blob:/data: URLs, and the CSP reports
 * no violation. Screenshots go to test-results/page-*.png.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { describeWithTool } from "../helpers/tools";
import { launchChromium } from "../helpers/browser";
import { responsesArb } from "../helpers/arbitrary";
import { workbookFor } from "../helpers/workbooks";
import { cli } from "../helpers/cli";
import { convertDocuments, readValues, recalcMany } from "../helpers/libreoffice";
import { findRubric } from "../../src/rubric/library";
import { plan } from "../../src/layout/plan";
import { fillInputs } from "../../src/layout/fill";
import { planToXlsx } from "../../src/xlsx/write";
import { openWorkbook } from "../../src/xlsx/open";
import { readWorkbook, statedUnit } from "../../src/layout/read";
import ExcelJS from "exceljs";

const ROOT = join(__dirname, "..", "..");
const ARTIFACTS = join(ROOT, "test-results");
const EXAMPLE = join(ROOT, "examples", "zhoucun2014");
const N = 40;

/** The example's 38 units in list order (the CSV's first column). */
const LISTED = readFileSync(join(EXAMPLE, "units.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(",")[0]);

function buildPage(): string {
  const out = mkdtempSync(join(tmpdir(), "safescore-page-build-"));
  execFileSync(process.execPath, [join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production", "-c", "webpack.page.config.js", "--output-path", out], { cwd: ROOT, stdio: "pipe" });
  return out;
}

/**
 * Every value of every sheet, with the returns' folder taken out of the text: the command line gives each
 * return's path (来源文件, and in problems naming another file), the page the file's name.
 */
async function workbookValues(path: string, folder: string): Promise<Record<string, Record<string, unknown>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: Record<string, Record<string, unknown>> = {};
  for (const ws of wb.worksheets) {
    const values = await readValues(path, ws.name);
    out[ws.name] = Object.fromEntries([...values].map(([a, v]) => [a, typeof v === "string" ? v.split(`${folder}/`).join("") : v]));
  }
  return out;
}

describeWithTool(["chromium", "libreoffice", "libreoffice-writer"], "offline page safescore.html from file://", () => {
  let build = "";
  let copy = "";
  let work = "";
  let url = "";
  let browser: Browser;
  let context: BrowserContext;
  const requests: string[] = [];
  const cspConsole: string[] = [];
  const returns: string[] = [];

  beforeAll(async () => {
    build = buildPage();
    // The page must work alone: copied without anything else to a folder of its own.
    copy = mkdtempSync(join(tmpdir(), "safescore-page-copy-"));
    copyFileSync(join(build, "safescore.html"), join(copy, "safescore.html"));
    url = pathToFileURL(join(copy, "safescore.html")).href;
    work = mkdtempSync(join(tmpdir(), "safescore-page-work-"));
    mkdirSync(join(work, "returns"));
    // 40 returns of lw2015-dept (jyj), random fills: the 38 listed units, a second return of the first unit
    // (duplicate-unit) and a unit not on the list (unlisted-unit).
    const rubric = findRubric("lw2015-dept")!;
    const p = plan(rubric, "jyj", "区教育局");
    const fills = fc.sample(responsesArb(rubric).filter((r) => r.variant === "jyj"), { numRuns: N, seed: 12 });
    for (const [k, r] of fills.entries()) {
      const unit = k < LISTED.length ? LISTED[k] : k === LISTED.length ? LISTED[0] : "名单外测试单位";
      const file = join(work, "returns", `${String(k + 1).padStart(2, "0")}-${unit}.xlsx`);
      writeFileSync(file, await planToXlsx(p, fillInputs(p, { ...r, fields: { ...r.fields, unitName: unit } })));
      returns.push(file);
    }
    // Two returns reviewed by the assessors (format 4, 核定 as `safescore review` writes it): the roster then
    // shows 自评分, 核定分 and 依据.
    for (const k of [1, 2]) {
      const reviewed = join(work, `reviewed-${k}.xlsx`);
      expect((await cli(["review", returns[k], "-o", reviewed])).code).toBe(0);
      copyFileSync(reviewed, returns[k]);
    }
    browser = await launchChromium();
    context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    // Every request any page, frame or worker of the context makes.
    context.on("request", (r) => requests.push(r.url()));
    context.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspConsole.push(m.text());
    });
    await context.addInitScript(() => {
      const w = window as unknown as { cspViolations: string[] };
      w.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    for (const d of [build, copy, work]) if (d) rmSync(d, { recursive: true, force: true });
  });

  async function open(query = ""): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (e) => {
      throw e;
    });
    await page.goto(url + query);
    await page.getByRole("tab", { name: "检查回执" }).waitFor();
    return page;
  }

  async function noViolations(page: Page) {
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  }

  test("the page is one file: the script inlined and allowed by its hash, no 'unsafe-eval', nothing else in the build", () => {
    const html = readFileSync(join(build, "safescore.html"), "utf8");
    const csp = /http-equiv="?Content-Security-Policy"? content="([^"]*)"/.exec(html)![1];
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/connect-src 'none'/);
    expect(csp).toMatch(/worker-src blob:(;|$)/);
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:/);
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    // The libraries' license comments travel with it (no .LICENSE.txt beside it to point to).
    expect(html).not.toContain("For license information");
    expect(html).toContain("JSZip v3.10.1");
    const size = statSync(join(build, "safescore.html")).size;
    writeFileSync(join(ARTIFACTS, "page-size.txt"), `safescore.html ${size} bytes\n`);
  });

  test("检查回执: a return with an invalid entry names its cell; total, tier and every flagged cell as `score --json` gives them", async () => {
    // 001 s1.i1: a count of "三" is invalid (scored as blank): 300 / 300, tier 待更正 (暂为优秀).
    const invalid = join(work, "invalid.xlsx");
    writeFileSync(invalid, await workbookFor("qhd2016-gov", { clauses: { "s1.i1.c1": { count: "三" } } }, "某县"));
    const other = join(work, "not-a-return.xlsx");
    writeFileSync(other, "这不是表格");
    const json = JSON.parse((await cli(["score", invalid, "--json"])).out) as { total: number; max: number; percent: number; tier: string; state: string; flags: { cell: string | null }[] };
    expect(json.state).toBe("provisional");

    const page = await open();
    await page.getByTestId("check-drop-files").setInputFiles([invalid, other]);
    const report = page.getByTestId("check-report");
    await report.waitFor({ timeout: 60_000 });
    await expect(report.getByTestId("total").textContent()).resolves.toBe(String(json.total));
    await expect(report.getByTestId("percent").textContent()).resolves.toBe(`得分率 ${json.percent}%`);
    await expect(report.getByTestId("tier").textContent()).resolves.toBe("待更正");
    await expect(report.getByTestId("tier-note").textContent()).resolves.toContain(`暂为${json.tier}`);
    // The invalid count, by its cell: the first problem, as `score` lists it.
    const countCell = plan(findRubric("qhd2016-gov")!, undefined).map.items.flatMap((i) => i.clauses).find((c) => c.id === "s1.i1.c1")!.countCell;
    const first = report.locator("li[data-flag-cell]").first();
    await expect(first.getAttribute("data-flag-cell")).resolves.toBe(`自评表!${countCell}`);
    await expect(first.textContent()).resolves.toContain("当前为“三”");
    const cells = await report.locator("li[data-flag-cell]").evaluateAll((els) => els.map((e) => e.getAttribute("data-flag-cell")));
    // Every flagged cell (the page lists them in the report's order, `score --json` in the engine's).
    expect([...cells].sort()).toEqual(json.flags.map((f) => f.cell ?? "").sort());
    await expect(report.getByTestId("flag-count").textContent()).resolves.toBe(`待处理问题 ${json.flags.length}`);
    // The file that is not a return: named, with the reader's reason.
    const bad = page.getByTestId("check-unreadable");
    await bad.waitFor();
    await expect(bad.textContent()).resolves.toContain("not-a-return.xlsx");
    await expect(bad.textContent()).resolves.toContain("不是 .xlsx 文件");
    await page.screenshot({ path: join(ARTIFACTS, "page-check.png"), fullPage: true });
    // Printed, the drop zone and buttons are left out.
    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("check-drop").isVisible()).toBe(false);
    expect(await report.isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, "page-check-print.png"), fullPage: true });
    await noViolations(page);
    await page.close();
  }, 120_000);

  test("检查回执: a return dropped on the drop zone is read like a chosen one", async () => {
    const page = await open();
    const bytes = readFileSync(returns[0]).toString("base64");
    const data = await page.evaluateHandle((b64) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], "拖入的回执.xlsx"));
      return dt;
    }, bytes);
    await page.getByTestId("check-drop").dispatchEvent("drop", { dataTransfer: data });
    const report = page.getByTestId("check-report");
    await report.waitFor({ timeout: 60_000 });
    await expect(report.getByTestId("check-file").textContent()).resolves.toBe("拖入的回执.xlsx");
    await expect(report.getByTestId("check-unit").textContent()).resolves.toBe(LISTED[0]);
    await noViolations(page);
    await page.close();
  }, 60_000);

  test("汇总: 40 returns + unit list + policy → the tables and chart on the page; roster.xlsx and the 通报附件 equal the command line's", async () => {
    const cliOut = join(work, "cli");
    const pageOut = join(work, "page");
    mkdirSync(cliOut);
    mkdirSync(pageOut);
    const units = join(EXAMPLE, "units.csv");
    const policy = join(EXAMPLE, "policy.json");
    const run = await cli(["consolidate", join(work, "returns"), "--units", units, "--policy", policy, "-o", join(cliOut, "cli-roster.xlsx"), "--notice", join(cliOut, "cli-通报附件.docx")]);
    expect(run.code).toBe(0);

    const page = await open();
    await page.getByRole("tab", { name: "汇总" }).click();
    await page.getByTestId("returns-drop-files").setInputFiles(returns);
    await expect(page.getByTestId("returns-drop-chosen").textContent()).resolves.toBe(`已选择 ${N} 个文件`);
    await page.getByTestId("units-input").setInputFiles(units);
    await page.getByTestId("policy-input").setInputFiles(policy);
    await page.getByRole("button", { name: "开始汇总" }).click();
    const group = page.getByTestId("group-result");
    await group.waitFor({ timeout: 120_000 });

    // On the page: the summary sentence, the roster (one row per listed unit plus the unlisted one), the
    // problems (the duplicate, the unlisted unit), the 扣分明细 and the chart counting every 等次.
    const json = JSON.parse((await cli(["consolidate", join(work, "returns"), "--units", units, "--policy", policy, "-o", join(cliOut, "again.xlsx"), "--json"])).out) as {
      summary: { sentence: string; tiers: Record<string, number> };
      rows: unknown[];
      problems: { kind: string }[];
    };
    await expect(group.getByTestId("group-sentence").textContent()).resolves.toBe(json.summary.sentence);
    await expect(group.getByTestId("roster-table").locator("tbody tr").count()).resolves.toBe(json.rows.length);
    await expect(group.getByTestId("roster-table").locator("thead").textContent()).resolves.toContain("核定分");
    await expect(group.getByTestId("moved-sentence").count()).resolves.toBe(1);
    await expect(page.getByTestId("problems-table").locator("tbody tr").count()).resolves.toBe(json.problems.length);
    expect(json.problems.map((x) => x.kind)).toEqual(expect.arrayContaining(["duplicate-unit", "unlisted-unit"]));
    expect(await group.getByTestId("deductions-table").locator("tbody tr").count()).toBeGreaterThan(0);
    const tierBars = await group.getByTestId("chart-tiers").locator("g[data-units]").evaluateAll((gs) => gs.map((g) => Number(g.getAttribute("data-units"))));
    expect(tierBars).toEqual(["优秀", "良好", "合格", "不合格"].map((t) => json.summary.tiers[t] ?? 0));
    const bands = await group.getByTestId("chart-bands").locator("g[data-units]").evaluateAll((gs) => gs.reduce((s, g) => s + Number(g.getAttribute("data-units")), 0));
    expect(bands).toBe((json.rows as { score: number | null; vetoed: boolean }[]).filter((r) => !r.vetoed && r.score !== null).length);
    await page.screenshot({ path: join(ARTIFACTS, "page-consolidate.png"), fullPage: true });
    await group.getByTestId("chart-tiers").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, "page-consolidate-chart.png") });

    // The downloads.
    const download = async (testId: string, name: string) => {
      const [d] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).first().click()]);
      expect(d.suggestedFilename()).toBe(name);
      const to = join(pageOut, name);
      await d.saveAs(to);
      return to;
    };
    const pageXlsx = await download("download-roster", "roster.xlsx");
    const pageDocx = await download("download-notice", "通报附件.docx");
    await noViolations(page);
    await page.close();

    // roster.xlsx: the same values in every sheet once LibreOffice has recalculated both.
    const [pageCalc, cliCalc] = await recalcMany([pageXlsx, join(cliOut, "cli-roster.xlsx")], join(work, "calc"));
    const [fromPage, fromCli] = await Promise.all([workbookValues(pageCalc, join(work, "returns")), workbookValues(cliCalc, join(work, "returns"))]);
    expect(Object.keys(fromPage)).toEqual(Object.keys(fromCli));
    expect(Object.keys(fromPage).length).toBeGreaterThanOrEqual(4);
    expect(fromPage).toEqual(fromCli);
    // The 通报附件: the same text.
    const [pageTxt, cliTxt] = await convertDocuments([pageDocx, join(cliOut, "cli-通报附件.docx")], join(work, "txt"), "txt");
    const text = readFileSync(pageTxt, "utf8");
    expect(text).toContain(json.summary.sentence);
    expect(text).toBe(readFileSync(cliTxt, "utf8"));
  }, 300_000);

  test("汇总 of a chosen folder, cancelled half way: the page says how many were read, and shows no roster", async () => {
    const page = await open("?readDelay=150");
    await page.getByRole("tab", { name: "汇总" }).click();
    // The folder, as 选择文件夹… gives it (with a lock file the command line's rule skips and counts).
    writeFileSync(join(work, "returns", "~$01.xlsx"), "lock");
    await page.getByTestId("returns-drop-folder").setInputFiles(join(work, "returns"));
    await expect(page.getByTestId("returns-drop-chosen").textContent()).resolves.toBe(`已选择 ${N} 个文件；已跳过 1 个非 .xlsx、隐藏或 Excel 临时（~$）文件`);
    rmSync(join(work, "returns", "~$01.xlsx"));
    await page.getByRole("button", { name: "开始汇总" }).click();
    await page.waitForFunction(() => {
      const m = /已读取 (\d+) \/ 40/.exec(document.querySelector("[data-testid=progress]")?.textContent ?? "");
      return m !== null && Number(m[1]) >= 10;
    });
    await page.getByRole("button", { name: "取消" }).click();
    const said = (await page.getByTestId("cancelled").textContent())!;
    expect(said).toMatch(/^已取消：已读取 (\d+) \/ 40 份。$/);
    const read = Number(/已读取 (\d+)/.exec(said)![1]);
    expect(read).toBeGreaterThanOrEqual(10);
    expect(read).toBeLessThan(40);
    await page.waitForTimeout(40 * 150 + 500);
    expect(await page.getByTestId("group-result").count()).toBe(0);
    await noViolations(page);
    await page.close();
  }, 120_000);

  test("空白表: rubric, unit → a blank table that reads back as that rubric, version and unit", async () => {
    const page = await open();
    await page.getByRole("tab", { name: "空白表" }).click();
    await page.getByTestId("blank-rubric").click();
    const rubric = findRubric("lw2015-dept")!;
    await page.getByRole("option", { name: rubric.shortTitle ?? rubric.title }).click();
    await page.getByTestId("blank-unit").fill("区教育局");
    await expect(page.getByTestId("blank-variant").textContent()).resolves.toContain(rubric.variants!.find((v) => v.id === "jyj")!.title);
    const [d] = await Promise.all([page.waitForEvent("download"), page.getByTestId("blank-download").click()]);
    const to = join(work, d.suggestedFilename());
    await d.saveAs(to);
    await page.getByTestId("blank-status").waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "page-blank.png"), fullPage: true });
    const read = readWorkbook(await openWorkbook(new Uint8Array(readFileSync(to))), findRubric);
    expect([read.rubric.id, read.rubric.version, read.variant, statedUnit(read)]).toEqual([rubric.id, rubric.version, "jyj", "区教育局"]);
    await noViolations(page);
    await page.close();
  }, 120_000);

  test("no network: only the page's own file:// URL and blob:/data: URLs were requested; the CSP blocked nothing", () => {
    expect(requests.length).toBeGreaterThan(0);
    const own = requests.filter((r) => r.startsWith(url));
    const other = requests.filter((r) => !r.startsWith(url) && !/^(blob|data):/.test(r));
    expect(own.length).toBeGreaterThan(0);
    expect(other).toEqual([]);
    expect(cspConsole).toEqual([]);
  });
});
