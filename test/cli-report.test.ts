/**
 * The readable `score` report and its JSON (issue 9): a headline that never flatters (未填写, 待更正), the
 * tier as 参考等次 with its thresholds, the open problems right under the total, then per section and item
 * the points lost and why. Expected figures worked by hand from the rubrics' texts.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { workbookFor } from "./helpers/workbooks";
import { readFile, scoreText } from "../src/cli/workbook";
import { scoreRead } from "../src/layout/scored";
import { plan } from "../src/layout/plan";
import { findRubric } from "../src/rubric/library";
import type { Responses } from "../src/scoring";

const dir = mkdtempSync(join(tmpdir(), "safescore-report-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function returnOf(name: string, rubric: string, responses: Responses, unit: string): Promise<string> {
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, await workbookFor(rubric, responses, unit));
  return file;
}

const lines = (s: string) => s.split("\n");

describe("the headline never flatters", () => {
  test("a return with no entry at all is 未填写: no total, no tier", async () => {
    const f = await returnOf("blank", "lw2015-dept", { variant: "jyj" }, "区教育局");
    const text = (await cli(["score", f])).out;
    expect(lines(text)).toContain("总分：未填写（满分 200）");
    expect(text).not.toContain("200 / 200");
    expect(text).not.toContain("优秀");
    expect(text).not.toContain("得分率");
    expect(JSON.parse((await cli(["score", f, "--json"])).out).state).toBe("unfilled");
  });

  test("a return with an invalid entry shows its tier as 待更正, never leading with 优秀", async () => {
    // 001 s1.i1: a count of "三" is invalid and scored as blank, so every point stands: 300 / 300.
    const f = await returnOf("invalid", "qhd2016-gov", { clauses: { "s1.i1.c1": { count: "三" } } }, "某县");
    const text = (await cli(["score", f])).out;
    const tier = lines(text).find((l) => l.startsWith("参考等次："))!;
    expect(tier.startsWith("参考等次：待更正（")).toBe(true);
    expect(tier).toContain("暂为优秀");
    expect(lines(text)).toContain("总分：300 / 300（待更正：无效填写按空白计分）");
    // What to correct comes first among the open problems (then what is missing, as the pane groups them).
    const first = lines(text)[lines(text).findIndex((l) => l.startsWith("待处理问题")) + 1];
    const countCell = plan(findRubric("qhd2016-gov")!, undefined).map.items.flatMap((i) => i.clauses).find((c) => c.id === "s1.i1.c1")!.countCell;
    expect(first).toMatch(new RegExp(`^ {2}自评表!${countCell} {2}.*次数须为不小于0的整数，当前为“三”$`));
    expect(JSON.parse((await cli(["score", f, "--json"])).out)).toMatchObject({ state: "provisional", tier: "优秀" });
  });

  test("a filled return: 参考等次 with its thresholds; problems right under the total, then the losses", async () => {
    const f = await returnOf("gov", "qhd2016-gov", { clauses: { "s1.i1.c1": { count: 7 }, "s3.i1.c1": { count: 2 } }, items: { "s1.i1": { note: "7地未落实" } } }, "某县");
    const text = (await cli(["score", f])).out;
    // 300 − min(7 × 2, 10) − 2 × 4 = 282 → 94% ≥ 90.
    expect(lines(text)).toContain("总分：282 / 300");
    expect(lines(text)).toContain("参考等次：优秀（优秀≥90%，良好≥80%，合格≥60%）");
    const at = (prefix: string) => lines(text).findIndex((l) => l.startsWith(prefix));
    expect(at("否决：")).toBeLessThan(at("待处理问题"));
    expect(at("待处理问题")).toBeLessThan(at("各考核项得分及失分原因"));
    const json = JSON.parse((await cli(["score", f, "--json"])).out);
    expect(json).toMatchObject({ state: "final", tier: "优秀", tierPolicy: { excellent: 90, good: 80, pass: 60 } });
  });

  test("tiers off (a null policy) or an unscored checklist: no tier line at all", async () => {
    const scored = scoreRead(await readFile(await returnOf("gov-off", "qhd2016-gov", { clauses: { "s3.i1.c1": { count: 1 } } }, "某县")));
    expect(scoreText(scored)).toContain("参考等次：优秀");
    // What the engine gives once a policy turns tiers off.
    Object.assign(scored.report, { tier: null, tierPolicy: null });
    const text = scoreText(scored);
    expect(text).not.toContain("等次");
    expect(lines(text)).toContain("总分：296 / 300");
    const check = (await cli(["score", await returnOf("check", "xc2018-checklist", { items: {} }, "某乡镇")])).out;
    expect(check).not.toContain("等次");
  });
});

describe("the losses, per section and item, with titles and reasons", () => {
  test("000 (award items): the items that lost points, and which sub-items were ticked 未落实", async () => {
    const f = await returnOf("lw", "lw2015-dept", { variant: "jyj", clauses: { "i3.c6b": { ticked: true }, "i1.c1": { ticked: true } }, items: { i3: { note: "录用3条" } } }, "区教育局");
    const text = (await cli(["score", f])).out;
    const body = text.slice(text.indexOf("各考核项得分及失分原因："));
    // Item 1: 30 points of award sub-items, 3 not achieved → 27. Item 3: 26 points listed under 24, the
    // 3-point sub-item not achieved → min(24, 23) = 23 (SCORING.md's worked example).
    expect(lines(body)).toEqual([
      "各考核项得分及失分原因：",
      "  龙湾区2015年度区有关单位安全生产目标管理责任制考核自评表：196 / 200（失分 4）",
      "    第1项 1.深入贯彻落实十八届三中、四中全会、习近平总书记关于安全生…：27 / 30，失分 3",
      "      · “1.认真贯彻落实区委、区政府关于安全生产工作的部…”，勾选为未落实：不得这 3 分",
      "    第3项 3.按要求组织开展新《安全生产法》宣贯工作，加强安全生产培训…：23 / 24，失分 1",
      "      · “全年有4条以上信息被区级及以上安委办录用的，得3…”，勾选为未落实：不得这 3 分",
      "",
    ]);
  });

  test("001 (counted deductions): each section's score, the count entered and the cap reached", async () => {
    const f = await returnOf("gov2", "qhd2016-gov", { clauses: { "s1.i1.c1": { count: 7 }, "s3.i1.c1": { count: 2 } }, items: { "s1.i1": { note: "7地未落实" } } }, "某县");
    const text = (await cli(["score", f])).out;
    expect(text).toContain(
      [
        "  《秦皇岛市安全生产“党政同责、一岗双责”实施办法》落实以及政…：30 / 40（失分 10）",
        "    县乡两级政府将安全生产和职业卫生工作（以下安全生产工作均含职…：扣 10 分",
        "      · “未落实的，每发现一地扣2分，最高扣10分”，次数 7：扣 10 分（已到上限 10 分）",
        "  安全生产责任体系建立情况：20 / 20",
        "  专项行动开展情况：12 / 20（失分 8）",
        "    安全生产攻坚行动、“强化责任严执法、打牢基础保暑期”活动、安…：扣 8 分",
        "      · “未落实的每项扣4分，最多扣20分”，次数 2：扣 8 分",
      ].join("\n"),
    );
  });

  test("004 (a discretionary entry and the 减分项 outside every section)", async () => {
    const f = await returnOf("county", "county2023", { clauses: { "p39.c1": { count: 2 }, "s1.i1.c8": { ticked: true, amount: 1.5 } }, items: { p39: { note: "两项" }, "s1.i1": { note: "学习不全" } } }, "某县");
    const text = (await cli(["score", f])).out;
    // The table's derived points (the sections' sum), of which the parts printed as scored above (9.1's 15, 12.2's 2 …)
    // are not self-assessed: self − 1.5 (酌情) − 2 × 0.5 (每项扣0.5分).
    const county = findRubric("county2023")!;
    const h = (n: number) => Math.round(n * 100);
    const maxH = county.sections.reduce((a, s) => a + h(s.points!), 0);
    const aboveH = county.sections.flatMap((s) => s.items ?? []).flatMap((i) => i.clauses).reduce((a, c) => a + (c.kind === "scoredAbove" ? h(c.points ?? 0) : 0), 0);
    expect(aboveH).toBeGreaterThanOrEqual(1700);
    const self = (maxH - aboveH) / 100;
    expect(lines(text)).toContain(`总分：${(maxH - aboveH - 250) / 100} / ${maxH / 100}（可自评满分 ${self}，上级直接评分 ${aboveH / 100}）`);
    expect(text).toContain("    第1项 全面贯彻落实党的二十大精神，深入学习传达习近平总书记关于安全…：10.5 / 12，失分 1.5\n      · “学习内容仅限于与本地区相关的，酌情扣除一定分值”，酌情扣 1.5 分\n");
    expect(text).toContain("  第39项 减分项：扣 1 分\n      · “明查暗访发现企业单位存在重大事故隐患的，每项扣0…”，次数 2：扣 1 分\n");
  });

  test("JSON items carry their section, label, title and clauses", async () => {
    const f = await returnOf("lw-json", "lw2015-dept", { variant: "jyj", clauses: { "i3.c6b": { ticked: true } } }, "区教育局");
    const json = JSON.parse((await cli(["score", f, "--json"])).out);
    const i3 = json.items.find((i: { id: string }) => i.id === "i3");
    expect(i3).toMatchObject({ id: "i3", sectionId: "all", label: "3", score: 23, max: 24, deduction: 1, hasNote: false });
    expect(i3.title.startsWith("3.按要求组织开展新《安全生产法》宣贯工作")).toBe(true);
    expect(i3.clauses.find((c: { id: string }) => c.id === "i3.c6b")).toEqual({
      id: "i3.c6b", kind: "award", text: "全年有4条以上信息被区级及以上安委办录用的，得3分。", value: 0, entered: true,
    });
  });
});
