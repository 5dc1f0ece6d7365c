/** plan → xlsx → grid → responses reproduces what was entered, and scores the same, for every rubric. */
import fc from "fast-check";
import { basename } from "node:path";
import { loadRubricFile, rubricFiles } from "../src/rubric/files";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook } from "../src/layout/read";
import { readTickValue } from "../src/layout/ticks";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import { score, type InputValue, type Responses } from "../src/scoring";
import { isBlank } from "../src/scoring/inputs";
import { responsesArb } from "./helpers/arbitrary";
import { rubric004 } from "./helpers/rubric004";

const RUNS = Number(process.env.ROUNDTRIP_RUNS ?? 12);
// With the shipped rubrics, the test rubric of 004's constructs (parts scored above, other levels, alternatives, 选查).
const shipped = [...rubricFiles().map((f) => [basename(f), loadRubricFile(f)] as const), ["test004 (constructs of 004)", rubric004()] as const];

/** Drops blanks, so that "typed nothing" looks the same however it was expressed. */
function canonical(r: Responses): Responses {
  const keep = (v: InputValue) => !isBlank(v);
  const obj = <T>(entries: [string, T][]) => Object.fromEntries(entries.filter(([, v]) => v !== undefined && (typeof v !== "object" || v === null || Object.keys(v).length > 0)));
  const tick = (v: InputValue) => (v === undefined || !keep(v) ? undefined : readTickValue(v) === "ticked" ? true : readTickValue(v) === "unticked" ? false : v);
  return {
    variant: r.variant,
    fields: obj(Object.entries(r.fields ?? {}).map(([k, v]) => [k, keep(v) ? v : undefined])),
    items: obj(Object.entries(r.items ?? {}).map(([k, v]) => [k, obj([["note", keep(v.note) ? v.note : undefined], ["answer", keep(v.answer) ? v.answer : undefined], ["selected", tick(v.selected)]])])),
    clauses: obj(Object.entries(r.clauses ?? {}).map(([k, v]) => [k, obj([["ticked", tick(v.ticked)], ["count", keep(v.count) ? v.count : undefined], ["amount", keep(v.amount) ? v.amount : undefined]])])),
    vetoes: obj(Object.entries(r.vetoes ?? {}).map(([k, v]) => [k, tick(v)])),
  } as Responses;
}

describe.each(shipped)("%s", (_file, rubric) => {
  test("random fills survive the round trip through .xlsx", async () => {
    await fc.assert(
      fc.asyncProperty(responsesArb(rubric), async (resp) => {
        const p = plan(rubric, resp.variant);
        const grid = await xlsxToGrid(await planToXlsx(p, fillInputs(p, resp)));
        const read = readWorkbook(grid, () => rubric);
        expect(read.problems).toEqual([]);
        expect(canonical(read.responses)).toEqual(canonical(resp));
        expect(score(rubric, read.responses)).toEqual(score(rubric, resp));
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
