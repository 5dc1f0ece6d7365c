/**
 * Sheet format 3's paper (src/layout/plan/paper.ts, plan/sheet.ts cutFields): column widths and scale, page
 * breaks and field labels, with expected values worked by hand. That LibreOffice prints them so is
 * test/print-forms.test.ts's.
 */
import { fitColumns, pageBreaks, paperAt, printedWidthPt, scaleFor } from "../src/layout/plan/paper";
import { cutFields } from "../src/layout/plan/sheet";
import { PRINT_MARGINS } from "../src/layout/print";
import type { ColumnKey, ColumnSpec } from "../src/layout/types";

const col = (key: ColumnKey, width: number): ColumnSpec => ({ key, header: key, width });

describe("fitColumns and scaleFor", () => {
  test("the printable width: A4 landscape less 0.6\" and 0.4\" margins, 3 % slack, over the scale", () => {
    expect(paperAt(100, PRINT_MARGINS).widthPt).toBeCloseTo((841.89 - 72) * 0.97, 6);
    expect(paperAt(80, PRINT_MARGINS).widthPt).toBeCloseTo(((841.89 - 72) * 0.97) / 0.8, 6);
    // 9 px a character and 5 px a cell, 0.75 pt a pixel.
    expect(printedWidthPt([10, 20])).toBe((95 + 185) * 0.75);
  });

  test("000's nine printed columns (format 2's widths) need 68 %; at 80 % the text columns share what is left", () => {
    const cols = [col("label", 6), col("item", 34), col("points", 7), col("clause", 40), col("tick", 10), col("count", 10), col("value", 9), col("score", 9), col("note", 32), col("status", 18)];
    // Σ(9w + 5) × 0.75 = (9 × 157 + 45) × 0.75 = 1093.5 pt against 746.8 pt: 68 %, under 80.
    expect(scaleFor(cols.slice(0, 9).map((c) => c.width), PRINT_MARGINS)).toBe(68);
    const { widths, scale } = fitColumns(cols, 9, PRINT_MARGINS);
    // At 80 %: 933.5 pt → 1244.7 px − 45 → 133.3 characters; narrow ones 38; item : clause : note = 3 : 4 : 3 of 95.3.
    expect(scale).toBe(80);
    expect(widths).toEqual([5, 28, 5, 38, 7, 7, 7, 7, 28]);
    // (9 × 132 + 45) × 0.75 = 924.75 pt: 80 % (80.75).
    expect(scaleFor(widths, PRINT_MARGINS)).toBe(80);
  });

  test("columns that fit keep their widths, at up to 100 %", () => {
    const cols = [col("label", 6), col("item", 34), col("clause", 12), col("tick", 14), col("note", 32)];
    expect(fitColumns(cols, 5, PRINT_MARGINS)).toEqual({ widths: [6, 34, 12, 14, 32], scale: 100 });
  });
});

describe("pageBreaks", () => {
  const h100 = () => 100;

  test("a new page before a unit that would not fit; kept rows go together", () => {
    // Page 1: row 4 (100), rows 5–6 together (200) do not fit in 250 → break before 5; then 5–6, and 7 does not fit → 7; 7–8, then 9.
    expect(pageBreaks(4, 9, h100, [[4, 4], [5, 6], [7, 7], [8, 8], [9, 9]], 250)).toEqual([5, 7, 9]);
  });

  test("a unit taller than a page starts a page and runs over; what follows fills the rest", () => {
    // Rows 4–9 kept (600 in 250): no break inside; 100 run over onto a third page, where row 10 still fits.
    expect(pageBreaks(2, 10, h100, [[4, 9]], 250)).toEqual([4]);
  });
});

describe("cutFields", () => {
  const widths = [5, 28, 5, 38, 7, 7, 7, 7, 28];

  test("two fields: labels as wide as they need, the most even inputs", () => {
    // 单位负责人：(13) over A–B (33), its input C–D (43); 填表人：(9) over E–F (14), its input G–I (42).
    expect(cutFields(widths, [13, 9])).toEqual([1, 2, 4, 5, 6, 9]);
  });

  test("three fields that cannot all fit: null (the plan puts the last on a second row)", () => {
    expect(cutFields(widths, [13, 9, 11])).toBeNull();
    expect(cutFields(widths, [11])).toEqual([1, 2, 9]);
  });
});
