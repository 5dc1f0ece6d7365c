/**
 * Formula truth, by a formula engine: random fills of every shipped rubric, the plan's formulas evaluated
 * by HyperFormula, must equal the scoring engine's report — every clause, item, section, the total, the
 * percent, the veto, the tier and the number of open flags.
 */
import fc from "fast-check";
import { basename } from "node:path";
import { loadRubricFile, rubricFiles } from "../src/rubric/files";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { variantIds } from "../src/rubric/model";
import { responsesArb } from "./helpers/arbitrary";
import { evaluatePlan } from "./helpers/hyperformula";
import { compareSheetWithEngine } from "./helpers/compare";

const RUNS = Number(process.env.FORMULA_RUNS ?? 40);
const shipped = rubricFiles().map((f) => [basename(f), loadRubricFile(f)] as const);

describe.each(shipped)("%s: the sheet's formulas equal the engine (HyperFormula)", (_file, rubric) => {
  test("blank table", () => {
    for (const variant of variantIds(rubric)) {
      const p = plan(rubric, variant);
      const ev = evaluatePlan(p, new Map());
      expect(compareSheetWithEngine(rubric, { variant }, ev.get, p)).toEqual([]);
      ev.destroy();
    }
  });

  test("random fills, valid and invalid entries", () => {
    fc.assert(
      fc.property(responsesArb(rubric), (resp) => {
        const p = plan(rubric, resp.variant);
        const ev = evaluatePlan(p, fillInputs(p, resp));
        const mismatches = compareSheetWithEngine(rubric, resp, ev.get, p);
        ev.destroy();
        expect(mismatches).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
