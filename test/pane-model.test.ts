/** What the pane shows, from a scored workbook. */
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook, WorkbookError } from "../src/layout/read";
import { ExcelProblem } from "../src/excel/session";
import { PaneError, errorText, paneErrorCode, withCodes } from "../src/taskpane/errors";
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

describe("typed error codes on the pane's actions", () => {

  test("codes come from ExcelProblem's code and WorkbookError's reason, never from the message", () => {
    expect(paneErrorCode(new ExcelProblem("timeout", "正在编辑单元格 editing"))).toBe("timeout");
    expect(paneErrorCode(new ExcelProblem("has-table", "x"))).toBe("has-table");
    expect(paneErrorCode(new WorkbookError("not-safescore", "x"))).toBe("not-safescore");
    expect(paneErrorCode(new WorkbookError("rubric-version", "x"))).toBe("old-version");
    expect(paneErrorCode(new WorkbookError("encrypted", "x"))).toBe("damaged");
    expect(paneErrorCode(new Error("已被删除"))).toBe("internal");
  });

  test("the pane's words are chosen by code, in its locale; details only where they help", () => {
    expect(errorText(new ExcelProblem("editing", "whatever"), "zh-CN")).toEqual({ intent: "info", text: "正在编辑单元格：完成编辑（按 Enter）后会自动更新。" });
    expect(errorText(new ExcelProblem("deleted", "自评表工作表已被删除 / the assessment sheet was deleted"), "en-US")).toEqual({ intent: "error", text: "The assessment sheet was deleted." });
    expect(errorText(new ExcelProblem("excel", "GeneralException"), "zh-CN").text).toBe("Excel 出错：GeneralException");
  });

  test("withCodes: whatever an action throws, or watch reports, arrives as a PaneError with a code", async () => {
    const seen: unknown[] = [];
    const actions = withCodes({
      inspect: async () => {
        throw new WorkbookError("unknown-rubric", "x");
      },
      insert: async () => {
        throw new ExcelProblem("has-table", "x");
      },
      update: async () => ({ oldSheetName: "", lost: [] }),
      read: async () => {
        throw new TypeError("boom");
      },
      select: async () => undefined,
      watch: async (_r, onError) => {
        onError(new WorkbookError("damaged", "x"));
        return async () => undefined;
      },
    });
    await expect(actions.inspect()).rejects.toMatchObject({ code: "unknown-rubric" });
    await expect(actions.insert(findRubric("qhd2016-dept")!, undefined, undefined)).rejects.toBeInstanceOf(PaneError);
    await expect(actions.read()).rejects.toMatchObject({ code: "internal", message: "boom" });
    await actions.watch(() => undefined, (e) => seen.push(e));
    expect(seen).toEqual([expect.objectContaining({ code: "damaged" })]);
    expect(seen[0]).toBeInstanceOf(PaneError);
  });
});

describe("the headline never flatters, and the pane says how to fill", () => {
  test("a blank table is 未填写 with no tier; an invalid entry makes the tier 待更正; else 参考等次 with thresholds", async () => {
    const blank = summarize(await scored("qhd2016-gov", {}), "zh-CN");
    expect(blank).toMatchObject({ state: "unfilled", tierHeadline: null });
    const invalid = summarize(await scored("qhd2016-gov", { clauses: { "s1.i1.c1": { count: "三" } } }), "zh-CN");
    expect(invalid.tierHeadline).toEqual({ label: "参考等次", value: "待更正", note: "修正无效填写后再定；按现有有效填写暂为优秀；优秀≥90%，良好≥80%，合格≥60%", state: "provisional" });
    // s3.i1.c1 "每项扣4分，最多扣20分", count 5 → min(20, 20) = 20: 280 / 300 = 93.33% ≥ 90.
    const filled = summarize(await scored("qhd2016-gov", { clauses: { "s3.i1.c1": { count: 5 } } }), "en-US");
    expect(filled.total).toBe(280);
    expect(filled.tierHeadline).toEqual({ label: "Reference tier", value: "Excellent", note: "Excellent ≥ 90%, Good ≥ 80%, Pass ≥ 60%", state: "final" });
  });

  test("one line on how to fill, with only the parts the table has", async () => {
    // 000: award sub-items, no counts.
    expect(summarize(await scored("lw2015-dept", { variant: "jyj" }), "zh-CN").fillHint).toBe(
      "填表：勾选（√、是 或 1）表示扣分/未落实；“…，得3分”的项勾选没有做到的；每项都要填写自评情况。",
    );
    // 001: counted deductions, no award items.
    expect(summarize(await scored("qhd2016-gov", {}), "zh-CN").fillHint).toBe("填表：勾选（√、是 或 1）表示扣分/未落实；“次数/扣分值”栏填次数；每项都要填写自评情况。");
    expect(summarize(await scored("qhd2016-gov", {}), "en-US").fillHint).toBe(
      "How to fill: a tick (√, 是 or 1) means a deduction / not done; put the number of times in 次数/扣分值; every item needs its 自评情况 note.",
    );
    expect(summarize(await scored("xc2018-checklist", {}), "zh-CN").fillHint).toBe("填表：每条巡查要点填“是”“否”或“不适用”；答“否”须在说明栏写明情况。");
  });
});
