/**
 * The host's evaluator on the real thing: random fills of every shipped rubric, the sheet plan's
 * formulas written through Excel.run and recalculated by the host, must equal the scoring engine's
 * report (the same check test/formula-truth-hyperformula.test.ts makes with another engine).
 */
import fc from "fast-check";
import { basename } from "node:path";
import { createHost, type Host } from "../../src/host";
import { loadRubricFile, rubricFiles } from "../../src/rubric/files";
import { plan } from "../../src/layout/plan";
import type { SheetFormat } from "../../src/layout/entries";
import { fillInputs } from "../../src/layout/fill";
import { parseAddr } from "../../src/layout/a1";
import type { CellValue, SheetPlan } from "../../src/layout/types";
import { variantIds } from "../../src/rubric/model";
import { responsesArb } from "../helpers/arbitrary";
import { compareSheetWithEngine } from "../helpers/compare";
import { engineResponses, isTypedFormula } from "../helpers/typed";

const RUNS = Number(process.env.FORMULA_RUNS ?? 40);
const shipped = rubricFiles().map((f) => [basename(f), loadRubricFile(f)] as const);

/** Text stays text (as in a saved workbook), so a typed "TRUE" or "1" is not turned into a value. */
const asWritten = (v: CellValue | undefined) => (typeof v === "string" ? `'${v}` : (v ?? ""));
/** An input as typed: text stays text, except a formula typed into the input cell (test/helpers/typed.ts). */
const asTyped = (v: CellValue | undefined) => (isTypedFormula(v) ? v : asWritten(v));

async function evaluate(p: SheetPlan, inputs: Map<string, CellValue>): Promise<{ host: Host; get: (a: string) => unknown }> {
  const host = createHost();
  const grid: (string | number | boolean)[][] = Array.from({ length: p.lastRow }, () => Array(p.lastCol).fill(""));
  for (const c of p.cells) {
    const { row, col } = parseAddr(c.a);
    grid[row - 1][col - 1] = c.f !== undefined ? `=${c.f}` : asWritten(inputs.has(c.a) ? inputs.get(c.a) : c.v);
  }
  for (const [a, v] of inputs) {
    const { row, col } = parseAddr(a);
    grid[row - 1][col - 1] = asTyped(v);
  }
  await host.Excel.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.add(p.sheetName);
    sheet.getRangeByIndexes(0, 0, p.lastRow, p.lastCol).formulas = grid;
    await ctx.sync();
  });
  return {
    host,
    get: (a) => {
      const v = host.workbook.get(p.sheetName, a).value;
      return v !== null && typeof v === "object" ? `#ERROR ${v.error} at ${a}` : v;
    },
  };
}

describe.each(shipped)("%s: the host computes the sheet as the engine scores it", (_file, rubric) => {
  test("blank table", async () => {
    for (const variant of variantIds(rubric)) {
      const p = plan(rubric, variant);
      const { get } = await evaluate(p, new Map());
      expect(compareSheetWithEngine(rubric, { variant }, get, p)).toEqual([]);
    }
  });

  test("random fills of what people type (current format), valid and invalid entries", async () => {
    await fc.assert(
      fc.asyncProperty(responsesArb(rubric, { typed: true }), async (typed) => {
        const p = plan(rubric, typed.variant);
        const { get } = await evaluate(p, fillInputs(p, typed));
        expect(compareSheetWithEngine(rubric, engineResponses(typed, p.planVersion as SheetFormat), get, p)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
