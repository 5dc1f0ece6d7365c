/** Properties of the engine over random responses, for every shipped rubric. */
import fc from "fast-check";
import { loadRubricFile, rubricFiles } from "../src/rubric/files";
import { score, type Report, type Responses } from "../src/scoring";
import { isCountedKind } from "../src/rubric/model";
import type { ClauseKind } from "../src/rubric/schema";
import { inputsOf, responsesArb } from "./helpers/arbitrary";
import { basename } from "node:path";
import { rubric004 } from "./helpers/rubric004";

// With the shipped rubrics, the test rubric of 004's constructs (parts scored above, other levels, alternatives, 选查).
const shipped = [...rubricFiles().map((f) => [basename(f), loadRubricFile(f)] as const), ["test004 (constructs of 004)", rubric004()] as const];
const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

const isHundredths = (x: number) => Number.isInteger(Math.round(x * 100)) && Math.abs(Math.round(x * 100) - x * 100) < 1e-9 && String(x).replace(/^-?\d+\.?/, "").length <= 2;

/** Every figure a report holds. */
function figures(rep: Report): number[] {
  return [
    rep.total, rep.max, rep.selfMax, rep.subtotal, rep.penaltyTotal,
    ...rep.sections.flatMap((s) => [s.score, s.raw, s.max, ...s.items.flatMap((i) => [i.score ?? 0, i.deduction, ...i.clauses.map((c) => c.value)])]),
  ];
}

/** Whether one more loss can be recorded for this clause: an unticked tick, or a valid count. */
function canLoseMore(resp: Responses, c: { id: string; kind: string }): boolean {
  const current = resp.clauses?.[c.id] ?? {};
  if (isCountedKind(c.kind as ClauseKind)) return current.count === undefined || (typeof current.count === "number" && Number.isInteger(current.count) && current.count >= 0);
  return current.ticked === undefined || current.ticked === false;
}

/** Clauses that deduct (not bonus or discretionary). */
const deducting = (rubric: Parameters<typeof score>[0], variant: string | undefined) => inputsOf(rubric, variant).clauses.filter((c) => c.kind !== "bonus" && c.kind !== "discretionary");

/** A response with one more loss, on a clause where one is possible: a tick added, or a count raised by one. */
function oneMoreLoss(rubric: Parameters<typeof score>[0], resp: Responses, pick: number): Responses | null {
  // Not beside an alternative already entered: two alternatives entered are invalid, and then neither deducts.
  const entered = (id: string) => Object.values(resp.clauses?.[id] ?? {}).some((v) => v !== undefined && v !== false && v !== 0);
  const besideAlternative = (id: string) => (rubric.exclusive ?? []).some((g) => g.clauses.includes(id) && g.clauses.some((o) => o !== id && entered(o)));
  const candidates = deducting(rubric, resp.variant).filter((c) => canLoseMore(resp, c) && !besideAlternative(c.id));
  if (!candidates.length) return null;
  const c = candidates[pick % candidates.length];
  const current = resp.clauses?.[c.id] ?? {};
  const next = isCountedKind(c.kind as ClauseKind) ? { ...current, count: ((current.count as number | undefined) ?? 0) + 1 } : { ...current, ticked: true };
  return { ...resp, clauses: { ...resp.clauses, [c.id]: next } };
}

describe.each(shipped)("%s", (_file, rubric) => {
  test("scores stay within their bounds and are exact hundredths", () => {
    fc.assert(
      fc.property(responsesArb(rubric), (resp) => {
        const rep = score(rubric, resp);
        for (const s of rep.sections) {
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(s.max);
          for (const i of s.items) {
            if (i.score !== undefined) {
              expect(i.score).toBeGreaterThanOrEqual(0);
              expect(i.score).toBeLessThanOrEqual(i.points!);
            }
          }
        }
        expect(rep.total).toBeGreaterThanOrEqual(0);
        expect(rep.total).toBeLessThanOrEqual(rep.selfMax);
        expect(rep.selfMax).toBeLessThanOrEqual(rep.max);
        for (const x of figures(rep)) expect(isHundredths(x)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  // A checklist has no deducting clauses: the property would hold vacuously, so it is not claimed there.
  const deducts = (rubric.variants?.length ? rubric.variants.map((v) => v.id) : [undefined]).some((v) => deducting(rubric, v).length > 0);
  (deducts ? test : test.skip)("one more deduction never raises a score", () => {
    let checked = 0;
    fc.assert(
      fc.property(responsesArb(rubric), fc.nat(), (resp, pick) => {
        const worse = oneMoreLoss(rubric, resp, pick);
        fc.pre(worse !== null);
        checked++;
        const before = score(rubric, resp);
        const after = score(rubric, worse!);
        expect(after.total).toBeLessThanOrEqual(before.total);
        after.sections.forEach((s, k) => expect(s.score).toBeLessThanOrEqual(before.sections[k].score));
      }),
      { numRuns: RUNS },
    );
    // fc.pre skips do not count as runs: every one of the RUNS checked a real extra deduction.
    expect(checked).toBe(RUNS);
  });

  test("a fail veto always gives 不合格; a no-excellent veto never gives 优秀", () => {
    fc.assert(
      fc.property(responsesArb(rubric), (resp) => {
        const rep = score(rubric, resp);
        if (rep.veto.fail) expect(rep.tier).toBe("fail");
        if (rep.veto.noExcellent) expect(rep.tier).not.toBe("excellent");
      }),
      { numRuns: RUNS },
    );
  });

  test("valid entries never produce invalid-input flags", () => {
    fc.assert(
      fc.property(responsesArb(rubric, { validOnly: true }), (resp) => {
        const rep = score(rubric, resp);
        expect(rep.flags.filter((f) => f.kind === "invalid-input")).toEqual([]);
        expect(rep.complete).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

test("the deduction property is claimed for every scored rubric: only the checklist has nothing to deduct", () => {
  const none = shipped.filter(([, r]) => (r.variants?.length ? r.variants.map((v) => v.id) : [undefined]).every((v) => deducting(r, v).length === 0)).map(([f]) => f);
  expect(none).toEqual(["xc2018-checklist.json"]);
  expect(shipped.length).toBe(rubricFiles().length + 1);
});
