/**
 * Real LibreOffice Calc recalculation: formulas are written with deliberately WRONG cached results (999);
 * after recalcXlsx every value must be Calc's own. Also records where Calc's semantics differ from Excel's.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { disposeProfile, readValues, recalcMany, recalcXlsx } from "./helpers/libreoffice";
import { describeWithTool } from "./helpers/tools";

const WRONG = 999;

/** Inputs in column A. */
const INPUTS: [string, ExcelJS.CellValue][] = [
  ["A1", true],
  ["A2", false],
  ["A3", "√"],
  ["A4", 10],
  ["A5", 0.1],
  ["A6", 0.2],
  ["A7", 7],
  ["A8", "3"],
  ["A9", "\t√\u3000"],
  ["A10", "\u00a0是\n"],
];
/** A formula typed into an input cell (column D). */
const INPUT_FORMULAS: [string, string, ExcelJS.CellValue][] = [["D1", "2+3", 5], ["D2", "TRUE()", true]];
const CLEAN = (r: string) => `TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${r},CHAR(9)," "),CHAR(10)," "),CHAR(13)," "),"\u00a0"," "),"\u3000"," "))`;

/**
 * [address, formula, what LibreOffice 7.4 returns (asserted), what Excel returns (for the record)].
 * Calc has no Boolean type: TRUE/FALSE are the numbers 1/0 in a Boolean format. Hence A1=1 and A2=0 are TRUE,
 * TRIM(TRUE) and TRUE&"" are "1", ISNUMBER(TRUE) is TRUE, and SUM/MIN/MAX over ranges count Boolean cells as
 * 1/0 (Excel skips Booleans in ranges), with the result taking the Boolean format (read back as true/false).
 */
const FORMULAS: [string, string, unknown, unknown][] = [
  // arithmetic with 0.3 (LibreOffice writes 0.3, not 0.30000000000000004, into the file)
  ["B1", "A5*3", 0.3, 0.3],
  ["B2", "ROUND(A5*3,2)", 0.3, 0.3],
  ["B3", "A5+A6", 0.3, 0.3],
  ["B4", "(A5+A6)=0.3", true, true],
  ["B5", "A4*0.3", 3, 3],
  ["B6", "1-0.7", 0.3, 0.3],
  ["B7", "ROUND(1-0.7,2)", 0.3, 0.3],
  // MIN / MAX
  ["B8", "MIN(A4,A7,A5)", 0.1, 0.1],
  ["B9", "MAX(A4,A7,A5)", 10, 10],
  ["B10", "MIN(A1:A8)", false, 0.1], // Calc: min(1,0,10,0.1,0.2,7)=0 in Boolean format; Excel ignores Booleans/text → 0.1
  ["B11", "MAX(A1:A3)", true, 0], // Calc: 1 in Boolean format; Excel: no numbers → 0
  ["B12", "SUM(A1:A2)", 1, 0],
  ["B13", "A1+A1", 2, 2],
  // IF with Boolean and "√" inputs
  ["B14", 'IF(A1,"yes","no")', "yes", "yes"],
  ["B15", 'IF(A2,"yes","no")', "no", "no"],
  ["B16", 'IF(A3="√",1,0)', 1, 1],
  ["B17", 'IF(A3="x",1,0)', 0, 0],
  // Boolean comparisons and conversions
  ["B18", "A1=TRUE", true, true],
  ["B19", "A1=1", true, false], // differs from Excel
  ["B20", "A2=0", true, false], // differs from Excel
  ["B21", "TRIM(A1)", "1", "TRUE"], // differs from Excel
  ["B22", 'A1&""', "1", "TRUE"], // differs from Excel
  ["B23", "ISNUMBER(A8)", false, false],
  ["B24", "ISNUMBER(A1)", true, false], // differs from Excel
  // formula cells returning "" (C2, C3) next to text (C1, C4)
  ["C1", 'IF(A1,"x","")', "x", "x"],
  ["C2", 'IF(A2,"x","")', "", ""],
  ["C3", '""', "", ""],
  ["C4", 'A3&""', "√", "√"],
  ["B25", 'COUNTIF(C1:C4,"?*")', 2, 2],
  ["B26", 'COUNTIF(C1:C4,"*")', 4, 4], // "*" also matches "" results; "?*" needs one character
  ["B27", "SUMPRODUCT(--(LEN(C1:C4)>0))", 2, 2],
  ["B28", "COUNTA(C1:C4)", 4, 4],
  ["B29", "COUNTBLANK(C1:C4)", 2, 2],
  // falsy results
  ["B30", '""', "", ""],
  ["B31", "AND(A1,A2)", false, false],
  ["B32", "A4*0", 0, 0],
  // sheet format 2's functions (entries.ts)
  ["E1", "ISLOGICAL(A1)", true, true], // a t="b" cell is logical in Calc too
  ["E2", "ISLOGICAL(A2)", true, true],
  ["E3", "ISLOGICAL(A4)", false, false],
  ["E4", "_xlfn.ISFORMULA(D1)", true, true],
  ["E5", "_xlfn.ISFORMULA(A4)", false, false],
  ["E6", "_xlfn.ISFORMULA(A1)", true, false], // differs from Excel: Calc loads a TRUE constant as the formula TRUE()
  ["E7", "ISLOGICAL(D2)", true, true],
  ["E8", "ISFORMULA(D1)", { error: "#NAME?" }, { error: "#NAME?" }], // a file must spell it _xlfn.ISFORMULA
  ["E9", CLEAN("A9"), "√", "√"],
  ["E10", CLEAN("A10"), "是", "是"],
  ["E11", 'FIND("\u3000"&E9&"\u3000","\u3000√\u3000✓\u3000")', 1, 1],
  ["E12", 'ISNUMBER(FIND("\u3000"&"x"&"\u3000","\u3000√\u3000✓\u3000"))', false, false],
  ["E13", 'FIND("B","abc")', { error: "#VALUE!" }, { error: "#VALUE!" }], // case-sensitive
  ["E14", "ISNUMBER(A1)", true, false], // why format 2 adds NOT(ISLOGICAL(…)) to count checks
  // sheet format 3's tick helper (one lookup: not-ticked entries first, then marks; an error when in neither) and its 问题数
  ["E15", 'IFERROR(IF(FIND("\u3000"&E9&"\u3000","\u3000\u3000否\u3000√\u3000✓\u3000")<4,0,1),2)', 1, 1],
  ["E16", 'IFERROR(IF(FIND("\u3000"&""&"\u3000","\u3000\u3000否\u3000√\u3000✓\u3000")<4,0,1),2)', 0, 0],
  ["E17", 'IFERROR(IF(FIND("\u3000"&"x"&"\u3000","\u3000\u3000否\u3000√\u3000✓\u3000")<4,0,1),2)', 2, 2],
  ["E18", 'LEN("勾选栏无效；次数须为不小于0的整数；")-LEN(SUBSTITUTE("勾选栏无效；次数须为不小于0的整数；","；",""))', 2, 2],
];

async function writeWorkbook(path: string, inputs: [string, ExcelJS.CellValue][], formulas: [string, string][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Calc");
  for (const [address, value] of inputs) ws.getCell(address).value = value;
  for (const [address, formula] of formulas) ws.getCell(address).value = { formula, result: WRONG };
  if (formulas.length > 3) for (const [address, formula, result] of INPUT_FORMULAS) ws.getCell(address).value = { formula, result } as ExcelJS.CellFormulaValue;
  await wb.xlsx.writeFile(path);
}

describeWithTool("libreoffice", "LibreOffice recalculation", () => {
  jest.setTimeout(120_000);
  let dir: string;
  let recalculated: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "safescore-recalc-test-"));
    const input = join(dir, "semantics.xlsx");
    await writeWorkbook(
      input,
      INPUTS,
      FORMULAS.map(([a, f]) => [a, f]),
    );
    recalculated = await recalcXlsx(input, join(dir, "out"));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await disposeProfile();
  });

  test("the input really carries wrong cached results", async () => {
    const cached = await readValues(join(dir, "semantics.xlsx"), "Calc");
    for (const [address] of FORMULAS) expect([address, cached.get(address)]).toEqual([address, WRONG]);
  });

  test.each(FORMULAS)("%s =%s is recalculated by LibreOffice", async (address, _formula, libreoffice) => {
    const values = await readValues(recalculated, "Calc");
    expect(values.get(address)).toStrictEqual(libreoffice);
  });

  test("inputs survive the round trip (TRUE comes back as a formula TRUE() whose result is true)", async () => {
    const values = await readValues(recalculated);
    expect(values.get("A1")).toBe(true);
    expect(values.get("A2")).toBe(false);
    expect(values.get("A3")).toBe("√");
    expect(values.get("A8")).toBe("3");
  });

  test("readValues keeps false, 0 and \"\" that ExcelJS drops from cell.value", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(recalculated);
    const zero = wb.getWorksheet("Calc")!.getCell("B32");
    expect(zero.result).toBe(0);
    expect((zero.value as ExcelJS.CellFormulaValue).result).toBeUndefined(); // the pitfall readValues avoids
    const values = await readValues(recalculated, "Calc");
    expect(values.get("B31")).toBe(false);
    expect(values.get("B32")).toBe(0);
    expect(values.get("B30")).toBe("");
  });

  test("recalcMany converts three files in one soffice run", async () => {
    const inputs = [1, 2, 3].map((n) => join(dir, `many-${n}.xlsx`));
    await Promise.all(inputs.map((p, i) => writeWorkbook(p, [["A1", i + 1]], [["B1", "A1*0.3"], ["B2", "ROUND(A1*0.3,2)"], ["B3", "A1>2"]])));
    const outputs = await recalcMany(inputs, join(dir, "many-out"));
    expect(outputs).toEqual(inputs.map((p) => join(dir, "many-out", p.slice(dir.length + 1))));
    for (const [i, out] of outputs.entries()) {
      const values = await readValues(out, "Calc");
      expect(values.get("B1")).toBeCloseTo((i + 1) * 0.3, 12);
      expect(values.get("B2")).toBe(Math.round((i + 1) * 30) / 100);
      expect(values.get("B3")).toBe(i + 1 > 2);
    }
  });

  test("concurrent calls are serialised safely", async () => {
    const a = join(dir, "conc-a.xlsx");
    const b = join(dir, "conc-b.xlsx");
    await writeWorkbook(a, [["A1", 2]], [["B1", "A1*2"]]);
    await writeWorkbook(b, [["A1", 5]], [["B1", "A1*2"]]);
    const [outA, outB] = await Promise.all([recalcXlsx(a, join(dir, "conc")), recalcXlsx(b, join(dir, "conc"))]);
    expect((await readValues(outA)).get("B1")).toBe(4);
    expect((await readValues(outB)).get("B1")).toBe(10);
  });

  test("a file LibreOffice cannot load gives a clear error with its stderr", async () => {
    const bad = join(dir, "bad.xlsx");
    writeFileSync(bad, "PK\x03\x04 not really a zip");
    await expect(recalcXlsx(bad, join(dir, "bad-out"))).rejects.toThrow(/LibreOffice did not produce[\s\S]*stderr:/);
  });
});
