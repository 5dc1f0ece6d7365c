/**
 * Formula truth, by a formula engine: random fills of every shipped rubric, the plan's formulas evaluated
 * by HyperFormula, must equal the scoring engine's report — every clause, item, section, the total, the
 * percent, the veto, the tier and the number of open flags. The fills are what people type (marks in every
 * kind of whitespace, numbers as text, Booleans in count cells, formulas in input cells), read for the
 * engine by the sheet format's own entry rules; every format is checked.
 */
import fc from "fast-check";
import { basename } from "node:path";
import { loadRubricFile, rubricFiles } from "../src/rubric/files";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import type { SheetFormat } from "../src/layout/entries";
import { variantIds } from "../src/rubric/model";
import { responsesArb } from "./helpers/arbitrary";
import { evaluatePlan } from "./helpers/hyperformula";
import { compareSheetWithEngine } from "./helpers/compare";
import { engineResponses } from "./helpers/typed";

const RUNS = Number(process.env.FORMULA_RUNS ?? 40);
const shipped = rubricFiles().map((f) => [basename(f), loadRubricFile(f)] as const);
const FORMATS: SheetFormat[] = [1, 2, 3];

describe.each(shipped)("%s: the sheet's formulas equal the engine (HyperFormula)", (_file, rubric) => {
  test.each(FORMATS)("format %s: blank table", (format) => {
    for (const variant of variantIds(rubric)) {
      const p = plan(rubric, variant, undefined, { format });
      const ev = evaluatePlan(p, new Map());
      expect(compareSheetWithEngine(rubric, { variant }, ev.get, p)).toEqual([]);
      ev.destroy();
    }
  });

  test.each(FORMATS)("format %s: random fills of what people type, valid and invalid", (format) => {
    fc.assert(
      fc.property(responsesArb(rubric, { typed: true }), (typed) => {
        const p = plan(rubric, typed.variant, undefined, { format });
        const ev = evaluatePlan(p, fillInputs(p, typed));
        const mismatches = compareSheetWithEngine(rubric, engineResponses(typed, format), ev.get, p);
        ev.destroy();
        expect(mismatches).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
