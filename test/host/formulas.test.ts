/** The formula evaluator and recalculation, on the kinds of formulas the add-in's sheet uses. */
import { createHost, type Host } from "../../src/host";
import type { CellValue } from "../../src/host";
import { entryRules, type HelperKind, type SheetFormat } from "../../src/layout/entries";

let host: Host;
beforeEach(() => {
  host = createHost();
});

const put = (a: string, v: string | number | boolean | null, sheet = "Sheet1") => expect(host.workbook.userEdit(sheet, a, v)).toEqual({ ok: true });
/** The value as Office.js hands it back: errors as their text. */
const val = (a: string, sheet = "Sheet1"): CellValue | string => {
  const v = host.workbook.get(sheet, a).value;
  return v !== null && typeof v === "object" ? v.error : v;
};
const calc = (formula: string) => {
  put("Z100", formula);
  return val("Z100");
};

describe("the add-in's formulas", () => {
  const TICK = '=IF(OR(E5=TRUE(),E5=1,TRIM(E5)="√",TRIM(E5)="x"),0,3)';
  test.each<[string, string | number | boolean | null, number]>([
    ["TRUE", true, 0],
    ["1", 1, 0],
    ["√", "√", 0],
    ["' x ' (trimmed)", " x ", 0],
    ["X (case-insensitive)", "X", 0],
    ["FALSE", false, 3],
    ["blank", null, 3],
    ["maybe", "maybe", 3],
    ["0", 0, 3],
    ["'TRUE' typed as text", "'TRUE", 3],
  ])("tick formula with E5 = %s → %d", (_name, e5, expected) => {
    put("A1", TICK);
    put("E5", e5);
    expect(val("A1")).toBe(expected);
  });

  const COUNT_VALID = "=IF(ISNUMBER(F5),AND(F5>=0,F5=INT(F5),F5<=1000000),FALSE())";
  test.each<[string, string | number | null, boolean]>([
    ["3", 3, true],
    ["2.5", 2.5, false],
    ["-1", -1, false],
    ["三", "三", false],
    ["blank", null, false],
    ["1000001", 1000001, false],
  ])("count validity with F5 = %s → %s", (_name, f5, expected) => {
    put("A2", COUNT_VALID);
    put("F5", f5);
    expect(val("A2")).toBe(expected);
  });

  test("percentage of the maximum, rounded twice like the sheet: =ROUND(ROUND(H30*100,0)*10000/20000,0)/100", () => {
    put("A3", "=ROUND(ROUND(H30*100,0)*10000/20000,0)/100");
    const cases: [number, number][] = [[200, 100], [199, 99.5], [187.5, 93.75], [133.335, 66.67], [0, 0], [1.005, 0.51]];
    for (const [h30, expected] of cases) {
      put("H30", h30);
      expect(val("A3")).toBe(expected);
    }
  });

  test("an &-joined status text with CJK literals", () => {
    put("B1", '=IF(LEN(TRIM(C1))=0,"缺少自评情况；","")&IF(AND(ISNUMBER(D1),D1>5),"次数超出；","")&IF(E1=TRUE(),"已勾选","")');
    expect(val("B1")).toBe("缺少自评情况；");
    put("C1", "  ");
    put("D1", 6);
    put("E1", true);
    expect(val("B1")).toBe("缺少自评情况；次数超出；已勾选");
    put("C1", "有材料");
    put("D1", "'6"); // text, not a number
    expect(val("B1")).toBe("已勾选");
  });

  test("SUM, MIN and MAX over a range skip text and booleans; literal arguments are coerced", () => {
    put("C1", 1);
    put("C2", "x");
    put("C3", true);
    put("C4", 2.5);
    put("C5", "'3");
    expect(calc("=SUM(C1:C6)")).toBe(3.5);
    expect(calc("=MIN(C1:C6)")).toBe(1);
    expect(calc("=MAX(C1:C6)")).toBe(2.5);
    expect(calc('=SUM(C1,"3",TRUE)')).toBe(5);
    expect(calc("=MAX(C2:C3)")).toBe(0);
    expect(calc('=SUM("x")')).toBe("#VALUE!");
    expect(calc("=C1+C2")).toBe("#VALUE!");
    expect(calc("=C1+C5")).toBe(4); // numeric text is coerced by arithmetic
  });

  test("SUMPRODUCT: element-wise over ranges, non-numbers count 0, a single value spreads, shapes must agree", () => {
    put("C1", 95);
    put("C2", "");
    put("C3", 80);
    put("C4", "x");
    put("D1", 2);
    put("D2", 3);
    put("D3", 4);
    put("D4", 5);
    expect(calc("=SUMPRODUCT(C1:C4,D1:D4)")).toBe(95 * 2 + 80 * 4);
    expect(calc("=SUMPRODUCT(C1:C4)")).toBe(175);
    expect(calc("=SUMPRODUCT(ISNUMBER(C1:C4)*(C1:C4>80))")).toBe(1);
    expect(calc("=SUMPRODUCT(ISNUMBER(C1:C4)*(C1:C4>=80))")).toBe(2);
    expect(calc('=SUMPRODUCT((C1:C5<>"")*1)')).toBe(3); // C2 is cleared by typing nothing, C5 was never written
    expect(calc("=SUMPRODUCT(-(C1:C3>90))")).toBe(-1);
    expect(calc("=SUMPRODUCT(C1:C4,D1:D3)")).toBe("#VALUE!");
  });

  test("VLOOKUP exact (case-insensitive, #N/A when absent) and approximate; FIXED; MEDIAN", () => {
    put("F1", "镇街");
    put("G1", 400);
    put("F2", "部门");
    put("G2", 100);
    put("F3", "abc");
    put("G3", 7);
    expect(calc('=VLOOKUP("部门",F1:G5,2,FALSE)')).toBe(100);
    expect(calc('=VLOOKUP("ABC",F1:G5,2,FALSE)')).toBe(7);
    expect(calc('=VLOOKUP("村",F1:G5,2,FALSE)')).toBe("#N/A");
    expect(calc('=IFERROR(VLOOKUP(H9,F1:G5,2,FALSE),0)')).toBe(0);
    expect(calc('=VLOOKUP("部门",F1:G5,3,FALSE)')).toBe("#REF!");
    put("F10", 0);
    put("G10", "不合格");
    put("F11", 60);
    put("G11", "合格");
    put("F12", 90);
    put("G12", "优秀");
    expect(calc("=VLOOKUP(75,F10:G12,2)")).toBe("合格");
    expect(calc("=VLOOKUP(90,F10:G12,2,TRUE)")).toBe("优秀");
    expect(calc("=FIXED(89.4736,2)")).toBe("89.47");
    expect(calc("=FIXED(100,2)")).toBe("100.00");
    expect(calc("=FIXED(1234567.891,1)")).toBe("1,234,567.9");
    expect(calc("=FIXED(1234567.891,1,TRUE)")).toBe("1234567.9");
    expect(calc("=FIXED(-2.5,0)")).toBe("-3");
    expect(calc("=FIXED(1250,-2)")).toBe("1,300");
    expect(calc("=MEDIAN(G1:G3)")).toBe(100);
    expect(calc("=MEDIAN(1,4,2,3)")).toBe(2.5);
    expect(calc("=MEDIAN(F1:F3)")).toBe("#NUM!");
  });

  test("COUNTIF: exact, case-insensitive, blanks, numbers and operators", () => {
    ["是", "否", "是", "不适用", "  ", "", "是"].forEach((v, i) => put(`D${i + 1}`, v || null));
    put("D8", 5);
    expect(calc('=COUNTIF(D1:D8,"是")')).toBe(3);
    expect(calc('=COUNTIF(D1:D8,"否")')).toBe(1);
    expect(calc('=COUNTIF(D1:D8,"不适用")')).toBe(1);
    expect(calc('=COUNTIF(D1:D8,"")')).toBe(1);
    expect(calc('=COUNTIF(D1:D8,">4")')).toBe(1);
    expect(calc("=COUNTIF(D1:D8,5)")).toBe(1);
    put("D9", "ABC");
    expect(calc('=COUNTIF(D1:D9,"abc")')).toBe(1);
  });
});

describe.each<SheetFormat>([2, 3])("sheet format %s's entry formulas (src/layout/entries.ts)", (format) => {
  // Format 3 tests E5 (a tick) and F5 (a count) in helper cells Q5 and R5, written here as the plan writes them.
  const rules = entryRules(format);
  const helperCells: Record<string, { cell: string; kind: HelperKind }> = { E5: { cell: "Q5", kind: "tick" }, F5: { cell: "R5", kind: "entry" } };
  const f2 = rules.formulas({ helperOf: (ref) => helperCells[ref] });
  beforeEach(() => {
    if (rules.helperFormula) for (const [ref, h] of Object.entries(helperCells)) put(h.cell, `=${rules.helperFormula(h.kind, ref)}`);
  });
  test.each<[string, string | number | boolean | null, "ticked" | "unticked" | "invalid"]>([
    ["TRUE", true, "ticked"],
    ["1", 1, "ticked"],
    ["√ with an ideographic space", "√\u3000", "ticked"],
    ["☑ after a no-break space", "\u00a0☑", "ticked"],
    ["是 with a tab and a line feed", "\t是\n", "ticked"],
    ["✓ after a carriage return", "\r✓", "ticked"],
    ["blank", null, "unticked"],
    ["spaces of every kind", " \t\u00a0\u3000", "unticked"],
    ["FALSE", false, "unticked"],
    ["0", 0, "unticked"],
    ["否 with spaces", " 否\u3000", "unticked"],
    ["x", "x", "invalid"],
    ["X", "X", "invalid"],
    ["×", "×", "invalid"],
    ["two marks", "√\u3000√", "invalid"],
    ["'TRUE' typed as text", "'TRUE", "invalid"],
    ["a formula =TRUE() (a Boolean result is taken by value: LibreOffice stores a TRUE so)", "=TRUE()", "ticked"],
    ["a formula =1=2", "=1=2", "unticked"],
    ["a formula =1", "=1", "invalid"],
    ["a formula giving blank text", '=""', "invalid"],
  ])("tick %s → %s", (_name, e5, expected) => {
    put("A1", `=${f2.ticked("E5")}`);
    put("A2", `=${f2.unticked("E5")}`);
    put("E5", e5);
    expect([val("A1"), val("A2")]).toEqual([expected === "ticked", expected === "unticked"]);
  });

  test("a formula with an error result in a tick cell: format 2 passes the error on, format 3 calls the tick invalid (as the engine does)", () => {
    put("A1", `=${f2.ticked("E5")}`);
    put("A2", `=${f2.unticked("E5")}`);
    put("E5", "=1/0");
    expect([val("A1"), val("A2")]).toEqual(format === 2 ? ["#DIV/0!", "#DIV/0!"] : [false, false]);
  });

  test.each<[string, string | number | boolean | null, boolean, boolean]>([
    ["3", 3, true, false],
    ["0", 0, true, false],
    ["2.5", 2.5, false, false],
    ["-1", -1, false, false],
    ["TRUE", true, false, false],
    ["FALSE", false, false, false],
    ["'3' as text", "'3", false, false],
    ["full-width ３", "３", false, false],
    ["a formula =2+3", "=2+3", false, false],
    ["blank", null, false, true],
    ["a tab", "\t", false, true],
  ])("count %s: valid %s, blank %s", (_name, f5, valid, blank) => {
    put("A1", `=${f2.countValid("F5")}`);
    put("A2", `=${f2.blank("F5")}`);
    put("F5", f5);
    expect([val("A1"), val("A2")]).toEqual([valid, blank]);
  });
});

describe("Excel's rules", () => {
  test.each<[string, CellValue | string]>([
    ["=ROUND(2.675,2)", 2.68],
    ["=ROUND(1.005,2)", 1.01],
    ["=ROUND(-2.5,0)", -3],
    ["=ROUND(0.5,0)", 1],
    ["=ROUND(1234.5,-2)", 1200],
    ["=INT(-2.5)", -3],
    ["=TRUE=1", false],
    ["=TRUE()=TRUE()", true],
    ["=FALSE()=0", false],
    ['="a"<1', false],
    ['=1<"a"', true],
    ['="z"<TRUE', true],
    ['="A"="a"', true],
    ['="abc"<"ABD"', true],
    ["=Z1=0", true],
    ['=Z1=""', true],
    ["=Z1=FALSE()", true],
    ["=LEN(Z1)", 0],
    ['=Z1&"x"', "x"],
    ["=Z1+1", 1],
    ["=Z1", 0],
    ['=LEN("自评表")', 3],
    ['=TRIM("  a   b  ")', "a b"],
    ['=TRIM("　a　")', "　a　"], // ideographic spaces are not trimmed by Excel
    ['=1&"x"', "1x"],
    ['=1/3&""', "0.333333333333333"],
    ['=0.1+0.2&""', "0.3"],
    ["=0.1+0.2=0.3", true],
    ["=-2^2", 4],
    ["=2+3*4", 14],
    ['=1+2&"x"', "3x"],
    ["=1<2=TRUE", true],
    ["=50%", 0.5],
    ["=1/0", "#DIV/0!"],
    ["=IF(1/0,1,2)", "#DIV/0!"],
    ["=IF(TRUE,1,1/0)", 1],
    ["=IF(FALSE,1)", false],
    ["=AND(TRUE,1/0)", "#DIV/0!"],
    ['=IF("x",1,2)', "#VALUE!"],
    ["=NOT(0)", true],
    ["=OR(FALSE,0)", false],
    ["=ISNUMBER(\"3\")", false],
    ["=UNKNOWNFN(1)", "#NAME?"],
    ["=someName+1", "#NAME?"],
    ["=#N/A", "#N/A"],
    ["=IFERROR(1/0,\"-\")", "-"],
    ['=SUBSTITUTE("a b a","a","x")', "x b x"],
    ['=SUBSTITUTE("a b a","a","x",2)', "a b x"],
    ['=SUBSTITUTE("a b a","a","x",3)', "a b a"],
    ['=SUBSTITUTE("abc","","x")', "abc"],
    ['=SUBSTITUTE("abc","b","x",0)', "#VALUE!"],
    ['=SUBSTITUTE(12.5,".",",")', "12,5"],
    ['=SUBSTITUTE(TRUE,"T","t")', "tRUE"],
    ['=LEN(TRIM(SUBSTITUTE(SUBSTITUTE("\u3000√\u00a0","\u3000"," "),"\u00a0"," ")))', 1],
    ['=CHAR(9)="\t"', true],
    ['=LEN(CHAR(10)&CHAR(13))', 2],
    ["=CHAR(0)", "#VALUE!"],
    ["=CHAR(256)", "#VALUE!"],
    ['=FIND("b","abcb")', 2],
    ['=FIND("b","abcb",3)', 4],
    ['=FIND("B","abc")', "#VALUE!"], // case-sensitive
    ['=FIND("","abc")', 1],
    ['=FIND("a","abc",5)', "#VALUE!"],
    ['=FIND("?","a?c")', 2], // no wildcards
    ['=ISNUMBER(FIND("\u3000√\u3000","\u3000√\u3000✓\u3000"))', true],
    ["=ISLOGICAL(TRUE())", true],
    ["=ISLOGICAL(1)", false],
    ["=ISFORMULA(1)", "#VALUE!"],
  ])("%s → %p", (formula, expected) => {
    expect(calc(formula)).toEqual(expected);
  });

  test("ISFORMULA is true for a cell holding a formula, false for a value or a blank", () => {
    put("C1", "=1+1");
    put("C2", 2);
    put("C3", '=""');
    put("C4", "'=1+1");
    expect([calc("=ISFORMULA(C1)"), calc("=ISFORMULA(C2)"), calc("=ISFORMULA(C3)"), calc("=ISFORMULA(C4)"), calc("=ISFORMULA(C9)")]).toEqual([true, false, true, false, false]);
    expect(calc("=_xlfn.ISFORMULA(C1)")).toBe(true); // as an .xlsx file spells it
    expect(calc("=ISFORMULA(Nope!C1)")).toBe("#REF!");
  });

  test("a range used as one value is intersected with the formula's row", () => {
    put("A1", 10);
    put("A2", 20);
    put("B2", "=A1:A3*2");
    put("B5", "=A1:A3*2");
    expect(val("B2")).toBe(40);
    expect(val("B5")).toBe("#VALUE!");
  });

  test("references to other sheets, quoted names, renames and deletions", async () => {
    await host.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add("自评表");
      await ctx.sync();
    });
    put("B2", 7, "自评表");
    put("A1", "='自评表'!B2*2");
    expect(val("A1")).toBe(14);
    host.workbook.renameSheet("自评表", "My Sheet");
    expect(host.workbook.get("Sheet1", "A1").formula).toBe("='My Sheet'!B2*2");
    expect(val("A1")).toBe(14);
    host.workbook.deleteSheet("My Sheet");
    expect(host.workbook.get("Sheet1", "A1").formula).toBe("=#REF!*2");
    expect(val("A1")).toBe("#REF!");
  });

  test("a cycle is reported, not looped on; cells that depend on it too", () => {
    put("A1", "=A2+1");
    put("A2", "=A1+1");
    put("A3", "=A1*2");
    put("A4", "=1+1");
    expect([val("A1"), val("A2"), val("A3"), val("A4")]).toEqual(["#CYCLE!", "#CYCLE!", "#CYCLE!", 2]);
    expect(host.workbook.get("Sheet1", "A1").valueType).toBe("Error");
    put("A2", 5);
    expect([val("A1"), val("A3")]).toEqual([6, 12]);
  });
});

describe("recalculation", () => {
  test("after a write through Excel.run, in the same sync as a later read", async () => {
    put("B1", "=A1*2");
    await host.Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1").values = [[21]];
      const b = s.getRange("B1").load("values");
      await ctx.sync();
      expect(b.values).toEqual([[42]]);
    });
    expect(val("B1")).toBe(42);
  });

  test("after a user edit", () => {
    put("B1", "=SUM(A1:A3)");
    put("A2", 5);
    expect(val("B1")).toBe(5);
    put("A3", "7");
    expect(val("B1")).toBe(12);
  });

  test("1,000 chained formulas recalculate after one edit", () => {
    const sheet = host.workbook;
    // A column of 1,000 formulas, each reading the one above and a constant, plus a total over all.
    host.workbook.transaction("Unknown", () => {
      for (let r = 1; r <= 1000; r++) {
        sheet.userEdit("Sheet1", `A${r}`, r);
        sheet.userEdit("Sheet1", `B${r}`, r === 1 ? "=A1" : `=IF(ISNUMBER(A${r}),ROUND(B${r - 1}+A${r}*1.5,2),B${r - 1})`);
      }
    });
    put("C1", "=SUM(B1:B1000)");
    expect(val("B1000")).toBe(750749.5); // 1 + 1.5 × (2 + … + 1000)
    put("A1", 2);
    // The chain is followed to its end (its speed is measured by `npm run bench`, not asserted here).
    expect(val("B1000")).toBe(750750.5);
  });
});
