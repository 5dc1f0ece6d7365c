/**
 * Formula truth of sheet format 4 (核定), by HyperFormula: random fills of the unit's cells and the assessors' of
 * every shipped scored rubric (and test004's constructs), the 核定 cells — clause values, item scores, subtotals,
 * total, percent, veto, tier and each item's 核定对比 marker — must equal the engine on the 核定 entries, and the
 * unit's cells must still equal it on the unit's. Plus one case by hand (lw2015-dept).
 */
import fc from "fast-check";
import { basename } from "node:path";
import { loadRubricFile, rubricFiles } from "../src/rubric/files";
import { plan } from "../src/layout/plan";
import { REVIEW_MARK } from "../src/layout/plan/rows";
import { variantIds } from "../src/rubric/model";
import { findRubric } from "../src/rubric/library";
import { evaluatePlan } from "./helpers/hyperformula";
import { engineResponses } from "./helpers/typed";
import { compareReviewWithEngine, fillReview, reviewPairArb } from "./helpers/review";
import { rubric004 } from "./helpers/rubric004";
import type { Rubric } from "../src/rubric/schema";

const RUNS = Number(process.env.FORMULA_RUNS ?? 25);
const runsFor = (rubric: Rubric) => (rubric.id === "county2023" ? Math.max(1, Math.round(RUNS / 5)) : RUNS);
const scored = [...rubricFiles().map((f) => [basename(f), loadRubricFile(f)] as const), ["test004", rubric004()] as const].filter(([, r]) =>
  r.sections.some((s) => s.items?.length),
);

describe.each(scored)("%s, format 4: the 核定 cells equal the engine (HyperFormula)", (_file, rubric) => {
  test("blank table", () => {
    for (const variant of variantIds(rubric)) {
      const p = plan(rubric, variant, undefined, { format: 4 });
      const ev = evaluatePlan(p, new Map());
      expect(compareReviewWithEngine(rubric, { variant }, { variant }, ev.get, p)).toEqual([]);
      ev.destroy();
    }
  });

  test("random fills of both sides, valid and invalid", () => {
    fc.assert(
      fc.property(reviewPairArb(rubric, { typed: true }), ([unit, review]) => {
        const p = plan(rubric, unit.variant, undefined, { format: 4 });
        const ev = evaluatePlan(p, fillReview(p, unit, review));
        const mismatches = compareReviewWithEngine(rubric, engineResponses(unit, 4), engineResponses(review, 4), ev.get, p);
        ev.destroy();
        expect(mismatches).toEqual([]);
      }),
      { numRuns: runsFor(rubric) },
    );
  });
});

describe("by hand: lw2015-dept, the assessors move a tick", () => {
  // Item 1 (30 points; ten award sub-items, 得3分, 得3分, 得4分 … summing to exactly 30; a tick = 未落实): missing c1
  // scores 30 − 3 = 27, missing c3 instead 30 − 4 = 26. Every other item full on both sides: totals 200 − 3 and 200 − 4.
  const rubric = findRubric("lw2015-dept")!;
  const variant = rubric.variants![0].id;
  const p = plan(rubric, variant, undefined, { format: 4 });
  const i1 = p.map.items.find((i) => i.id === "i1")!;
  const i2 = p.map.items.find((i) => i.id === "i2")!;
  const clause = (id: string) => i1.clauses.find((c) => c.id === id)!;
  test("the clauses' amounts are the document's, and item 1's sub-items sum to its 30 points", () => {
    expect([clause("i1.c1").amount, clause("i1.c3").amount]).toEqual([3, 4]);
    expect(i1.clauses.reduce((s, c) => s + c.amount!, 0)).toBe(30);
  });

  test("unit ticks c1 (3); 核定 unticks it and ticks c3 (4): 自评 27, 核定 26, both totals, the marker on item 1 only", () => {
    const inputs = new Map<string, string | null>([
      [clause("i1.c1").inputCell, "√"],
      [clause("i1.c1").review!.inputCell, null],
      [clause("i1.c3").review!.inputCell, "√"],
    ]);
    const ev = evaluatePlan(p, inputs);
    expect(ev.get(i1.scoreCell)).toBe(30 - 3);
    expect(ev.get(i1.review!.scoreCell)).toBe(30 - 4);
    expect(ev.get(i1.review!.markCell)).toBe(REVIEW_MARK);
    expect(ev.get(i2.review!.markCell)).toBe("");
    // Every other item is full and untouched: the totals are the maximum less each side's loss.
    const max = rubric.sections.reduce((s, x) => s + (x.points ?? 0), 0);
    expect(ev.get(p.map.totalCell!)).toBe(max - 3);
    expect(ev.get(p.map.review!.totalCell)).toBe(max - 4);
    ev.destroy();
  });

  test("the same entries on both sides: no marker, equal totals", () => {
    const ev = evaluatePlan(p, new Map([[clause("i1.c1").inputCell, "√"], [clause("i1.c1").review!.inputCell, "√"]]));
    expect(ev.get(i1.review!.markCell)).toBe("");
    expect(ev.get(p.map.review!.totalCell)).toBe(ev.get(p.map.totalCell!));
    ev.destroy();
  });
});
