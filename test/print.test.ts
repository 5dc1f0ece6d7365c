/** src/layout/print.ts: sheet names, the print setup and the validation texts, as plain data. */
import { findRubric, shippedRubrics } from "../src/rubric/library";
import { variantIds } from "../src/rubric/model";
import { plan } from "../src/layout/plan";
import {
  PAGE_NUMBER_FOOTER, SHEET_NAME_MAX, VALIDATION_TITLES, headerText, printSetup, sheetNameFor, uniqueSheetName, withValidationTexts,
} from "../src/layout/print";

describe("sheet names", () => {
  test("自评表 for a scored table, 巡查表 for the checklist; the plan uses the same rule", () => {
    expect(sheetNameFor(findRubric("lw2015-dept")!, "jyj")).toBe("自评表");
    expect(sheetNameFor(findRubric("county2023")!)).toBe("自评表");
    expect(sheetNameFor(findRubric("xc2018-checklist")!)).toBe("巡查表");
    for (const r of shippedRubrics()) for (const v of variantIds(r)) expect(plan(r, v).sheetName).toBe(sheetNameFor(r, v));
    expect(plan(findRubric("xc2018-checklist")!, undefined, undefined, { sheetName: "Mine" }).sheetName).toBe("Mine");
  });

  test("a free name: the base, else base (2), (3)…, compared as Excel does (ignoring case)", () => {
    expect(uniqueSheetName(new Set(), "自评表")).toBe("自评表");
    expect(uniqueSheetName(new Set(["自评表"]), "自评表")).toBe("自评表 (2)");
    expect(uniqueSheetName(new Set(["自评表", "自评表 (2)"]), "自评表")).toBe("自评表 (3)");
    expect(uniqueSheetName(new Set(["SHEET"]), "Sheet")).toBe("Sheet (2)");
  });

  test("a legal name: no \\ / ? * [ ] :, no apostrophe at either end, at most 31 characters, suffix included", () => {
    expect(uniqueSheetName(new Set(), "a\\b/c?d*e[f]g:h")).toBe("a_b_c_d_e_f_g_h");
    expect(uniqueSheetName(new Set(), "'引号'")).toBe("引号");
    expect(uniqueSheetName(new Set(), "")).toBe("工作表");
    const long = "龙湾区2015年度区有关单位安全生产目标管理责任制考核自评表（2015.1版）";
    const once = uniqueSheetName(new Set(), long);
    expect(once).toBe(long.slice(0, SHEET_NAME_MAX));
    const twice = uniqueSheetName(new Set([once]), long);
    expect(twice.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
    expect(twice.endsWith(" (2)")).toBe(true);
    expect(once.startsWith(twice.slice(0, -4))).toBe(true);
    // A character outside the BMP is never split in half.
    expect(uniqueSheetName(new Set(), "x".repeat(30) + "😀")).toBe("x".repeat(30));
  });
});

describe("print setup", () => {
  const lw = plan(findRubric("lw2015-dept")!, "jyj", "区教育局");

  test("formats 1 and 2 fit the sheet one page wide", () => {
    for (const format of [1, 2] as const) {
      const p = plan(findRubric("lw2015-dept")!, "jyj", "区教育局", { format });
      expect(p.print.fitTo).toEqual({ width: 1, height: 0 });
      expect(p.print.scale).toBeUndefined();
      expect(p.print.rowBreaks).toBeUndefined();
    }
  });

  test("format 3: a fixed scale (80 %: 10 pt prints at 8 pt; 72 % for county2023's eleven columns) and page breaks", () => {
    expect(lw.print.fitTo).toBeNull();
    expect(lw.print.scale).toBe(80);
    expect(plan(findRubric("county2023")!).print.scale).toBe(72);
    // The checklist's five columns print at 100 %.
    expect(plan(findRubric("xc2018-checklist")!).print.scale).toBe(100);
    expect(lw.print.rowBreaks!.length).toBeGreaterThan(2);
  });

  test("A4 landscape, centred, no gridlines, title rows repeated, page numbers, SimSun", () => {
    expect(lw.print).toMatchObject({
      paper: "A4",
      orientation: "landscape",
      titleRows: [1, 3],
      centerHorizontally: true,
      gridlines: false,
      header: { left: "龙湾区2015区有关单位自评表", center: "", right: "区教育局" },
      footer: { left: "", center: "第 &P 页，共 &N 页", right: "" },
      font: { name: "宋体", size: 10 },
    });
    expect(PAGE_NUMBER_FOOTER).toBe("第 &P 页，共 &N 页");
    const m = lw.print.margins;
    for (const v of Object.values(m)) expect(v).toBeGreaterThan(0);
    expect(m.top).toBeGreaterThan(m.header);
    expect(m.bottom).toBeGreaterThan(m.footer);
  });

  test("the print area is A1 to the column before 状态 × the last row: 状态 and the hidden helper columns do not print", () => {
    const hidden = lw.columns.filter((c) => c.hidden).map((c) => c.key);
    expect(hidden).toEqual(["flags", "invalid", "id", "helper1", "helper2", "helper3"]);
    const status = lw.columns.findIndex((c) => c.key === "status");
    expect(lw.columns.map((c) => !c.hidden).lastIndexOf(true)).toBe(status);
    expect(lw.print.area).toBe(`A1:${String.fromCharCode(64 + status)}${lw.lastRow}`);
    // Hidden columns in the middle would still be left out of the print by Excel; the area ends at the last visible one.
    const cols = [{ key: "label", header: "", width: 1 }, { key: "id", header: "", width: 1, hidden: true }, { key: "note", header: "", width: 1 }, { key: "flags", header: "", width: 1, hidden: true }] as const;
    expect(printSetup({ rubric: { title: "T" }, columns: [...cols], lastRow: 9, titleRows: [1, 1] }).area).toBe("A1:C9");
  });

  test("the header: short title left (the full title without one), unit right when known, & escaped as &&", () => {
    const base = { columns: lw.columns, lastRow: 10, titleRows: [1, 3] as [number, number] };
    expect(printSetup({ ...base, rubric: { title: "Full & long" } }).header).toEqual({ left: "Full && long", center: "", right: "" });
    expect(printSetup({ ...base, rubric: { title: "Full", shortTitle: "S&P" }, unit: " R&D 部 " }).header).toEqual({ left: "S&&P", center: "", right: "R&&D 部" });
    expect(headerText("&P")).toBe("&&P");
    expect(plan(findRubric("xc2018-checklist")!).print.header.right).toBe("");
  });
});

describe("validation texts", () => {
  test("every validation carries its own titles and messages, from the plan", () => {
    for (const r of shippedRubrics()) {
      for (const v of variantIds(r)) {
        for (const dv of plan(r, v).validations) {
          expect(dv.errorTitle).toBe(VALIDATION_TITLES.error);
          expect(dv.error).toMatch(/\S/);
          if (dv.prompt) expect(dv.promptTitle).toBe(VALIDATION_TITLES.prompt);
          else expect(dv.promptTitle).toBeUndefined();
        }
      }
    }
  });

  test("withValidationTexts keeps the rule and adds the titles", () => {
    expect(withValidationTexts([{ range: "A1", type: "whole", min: 0, max: 3, error: "e" }])).toEqual([{ range: "A1", type: "whole", min: 0, max: 3, error: "e", errorTitle: "输入有误" }]);
    expect(withValidationTexts([{ range: "A1", type: "list", list: ["是"], prompt: "p", error: "e" }])[0]).toMatchObject({ promptTitle: "填写说明", prompt: "p" });
  });
});
