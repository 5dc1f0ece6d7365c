/** Workbook speed: template generation and scoring one returned workbook, for the largest rubric. */
import fc from "fast-check";
import { shippedRubrics, findRubric } from "../src/rubric/library";
import { variantIds } from "../src/rubric/model";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook } from "../src/layout/read";
import { planToXlsx } from "../src/xlsx/write";
import { openWorkbook } from "../src/xlsx/open";
import { score } from "../src/scoring";
import { responsesArb } from "../test/helpers/arbitrary";
import { medianMs } from "./scoring";

export async function workbookBench() {
  let largest = { rubric: shippedRubrics()[0], variant: undefined as string | undefined, rows: 0 };
  for (const rubric of shippedRubrics()) {
    for (const variant of variantIds(rubric)) {
      const rows = plan(rubric, variant).lastRow;
      if (rows > largest.rows) largest = { rubric, variant, rows };
    }
  }
  const { rubric, variant } = largest;
  const templateMs = await medianMs(async () => planToXlsx(plan(rubric, variant)), 15);
  const [resp] = fc.sample(responsesArb(rubric, { validOnly: true }).filter((r) => r.variant === variant), { numRuns: 1, seed: 7 });
  const p = plan(rubric, variant);
  const returned = await planToXlsx(p, fillInputs(p, resp));
  const scoreMs = await medianMs(async () => score(rubric, readWorkbook(await openWorkbook(returned), findRubric).responses), 15);
  return {
    title: "Workbook (largest sheet)",
    lines: [
      `largest sheet: ${rubric.id}${variant ? ` (variant ${variant})` : ""}, ${largest.rows} rows, ${p.cells.filter((c) => c.f).length} formulas, ${(returned.length / 1024).toFixed(0)} KB`,
      `template (plan + .xlsx): median ${templateMs.toFixed(0)} ms (target < 1000 ms) — ${templateMs < 1000 ? "met" : "NOT met"}`,
      `score a returned workbook (open + read + score): median ${scoreMs.toFixed(0)} ms (target < 150 ms) — ${scoreMs < 150 ? "met" : "NOT met"}`,
    ],
  };
}
