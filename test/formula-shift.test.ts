/** Translating a shared formula from its master cell to a dependent: only relative A1 parts move. */
import { shiftFormula } from "../src/xlsx/formula-shift";

describe("shiftFormula", () => {
  test.each([
    // [formula, dRow, dCol, expected]
    ["A1+B2", 1, 0, "A2+B3"],
    ["A1+B2", 0, 2, "C1+D2"],
    ["$A$1+$A1+A$1", 3, 3, "$A$1+$A4+D$1"],
    ["SUM(E5:E40)", 2, 1, "SUM(F7:F42)"],
    ["SUM($E$5:E5)", 1, 0, "SUM($E$5:E6)"],
    ["SUM(A:A)+SUM($B:C)", 5, 1, "SUM(B:B)+SUM($B:D)"],
    ["SUM(2:2)+SUM($3:4)", 1, 7, "SUM(3:3)+SUM($3:5)"],
    ["LOG10(A1)+ATAN2(B1,C1)", 1, 0, "LOG10(A2)+ATAN2(B2,C2)"],
    ['IF(A1="B2","C3 "&D4,"")', 1, 0, 'IF(A2="B2","C3 "&D5,"")'],
    ['"say ""A1"""&A1', 1, 0, '"say ""A1"""&A2'],
    ["'Sheet A1'!B2+Sheet2!C3", 1, 1, "'Sheet A1'!C3+Sheet2!D4"],
    ["'it''s'!A1", 2, 0, "'it''s'!A3"],
    ["自评表!H4*2", 1, 0, "自评表!H5*2"],
    ["Sheet1:Sheet3!A1", 1, 0, "Sheet1:Sheet3!A2"],
    ["1.5E3+A1*2", 1, 0, "1.5E3+A2*2"],
    ["TRUE+IFERROR(A1,#N/A)+#REF!", 1, 0, "TRUE+IFERROR(A2,#N/A)+#REF!"],
    ["Table1[Col1]+A1", 1, 0, "Table1[Col1]+A2"],
    ["_xlfn.STDEV.S(A1:A3)", 1, 0, "_xlfn.STDEV.S(A2:A4)"],
    ["A1:INDEX(B:B,3)", 1, 1, "B2:INDEX(C:C,3)"],
    ["XFD1+A1", 0, 1, "#REF!+B1"],
    ["A1", -1, 0, "#REF!"],
    ["SUM(A1:B2)", 0, -1, "SUM(#REF!)"],
    ["TAX2020", 1, 0, "TAX2021"], // looks like a cell (column TAX), and is one
    ["ABCD1+NAME", 1, 0, "ABCD1+NAME"], // four letters: a name, not a cell
    ["A1", 0, 0, "A1"],
  ])("%s moved by (%i, %i) → %s", (formula, dRow, dCol, expected) => {
    expect(shiftFormula(formula, dRow, dCol)).toBe(expected);
  });

  test("a long formula is handled in linear time", () => {
    const f = Array.from({ length: 2000 }, (_, i) => `A${i + 1}`).join("+");
    const t0 = Date.now();
    const out = shiftFormula(f, 1, 0);
    expect(Date.now() - t0).toBeLessThan(500);
    expect(out.startsWith("A2+A3+")).toBe(true);
  });
});
