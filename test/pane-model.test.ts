/** What the pane shows, from a scored workbook. */
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook } from "../src/layout/read";
import { scoreRead } from "../src/layout/scored";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import { summarize } from "../src/taskpane/model";
import { isDark } from "../src/taskpane/theme";
import type { Responses } from "../src/scoring";

async function scored(rubricId: string, resp: Responses) {
  const p = plan(findRubric(rubricId)!, resp.variant);
  return scoreRead(readWorkbook(await xlsxToGrid(await planToXlsx(p, fillInputs(p, resp))), findRubric));
}

test("total, tier, vetoes with reasons, section bars and grouped flags with cells", async () => {
  const m = summarize(
    await scored("qhd2016-dept", { fields: { unitName: "市教育局" }, clauses: { "s1.i2.c1": { ticked: true }, "s1.i4.c1": { count: "三" } }, vetoes: { "v.ne4": true } }),
    "zh-CN",
  );
  expect(m).toMatchObject({ title: expect.stringContaining("市直部门"), unit: "市教育局", total: 430, max: 500, percent: 86, tier: "良好", tierId: "good", complete: false });
  expect(m.veto).toEqual({ level: "noExcellent", reasons: ["瞒报、谎报、漏报生产安全事故的。"] });
  expect(m.sections.find((s) => s.id === "s1")).toMatchObject({ score: 120, max: 150, ratio: 0.8 });
  expect(m.groups.map((g) => g.kind)).toEqual(["invalid-input", "unexplained-entry", "missing-evidence", "missing-field"]);
  const invalid = m.groups[0].flags[0];
  expect(invalid.cell).toMatch(/^自评表!G\d+$/);
  expect(invalid.message).toContain("当前为“三”");
  expect(m.flagCount).toBe(m.groups.reduce((n, g) => n + g.flags.length, 0));
});

test("English labels, and a checklist's answers", async () => {
  const m = summarize(await scored("xc2018-checklist", { items: { "s1.k1": { answer: "是" }, "s1.k2": { answer: "否" } } }), "en-US");
  expect(m.checks).toEqual({ yes: 1, no: 1, na: 0, unanswered: 70 });
  expect(m.tier).toBeNull();
  expect(m.groups.map((g) => g.title)).toEqual(["Missing header/footer fields", "Unanswered points", "“No” without a note"]);
});

test("dark Office themes pick the dark pane", () => {
  expect([isDark("#1F1F1F"), isDark("#FFFFFF"), isDark("#F3F2F1"), isDark(undefined)]).toEqual([true, false, false, false]);
});
