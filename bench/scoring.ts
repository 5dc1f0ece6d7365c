/** Engine speed: one full score of the largest shipped rubric (the variant with most clauses). */
import fc from "fast-check";
import { loadRubricFile, rubricFiles } from "../src/rubric/files";
import { variantIds } from "../src/rubric/model";
import { score } from "../src/scoring";
import { inputsOf, responsesArb } from "../test/helpers/arbitrary";

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Median wall time of an (async) call in ms over `runs` runs, after `warm` unmeasured calls. */
export async function medianMs(fn: () => unknown, runs: number, warm = 1): Promise<number> {
  for (let i = 0; i < warm; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

/** Median time per call in ms, over `batches` batches of `perBatch` calls (after a warm-up). */
export function timePerCall(fn: () => unknown, batches = 60, perBatch = 100): number {
  for (let i = 0; i < perBatch * 5; i++) fn();
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6 / perBatch);
  }
  return median(samples);
}

export function scoringBench() {
  let largest = { file: "", rubric: undefined as never as ReturnType<typeof loadRubricFile>, variant: undefined as string | undefined, clauses: 0, items: 0 };
  for (const file of rubricFiles()) {
    const rubric = loadRubricFile(file);
    for (const variant of variantIds(rubric)) {
      const { clauses, items } = inputsOf(rubric, variant);
      if (clauses.length > largest.clauses) largest = { file, rubric, variant, clauses: clauses.length, items: items.length };
    }
  }
  const [sample] = fc.sample(responsesArb(largest.rubric, { validOnly: true }).filter((r) => r.variant === largest.variant), { numRuns: 1, seed: 42 });
  const ms = timePerCall(() => score(largest.rubric, sample));
  return {
    title: "Scoring engine",
    lines: [
      `largest rubric: ${largest.rubric.id}${largest.variant ? ` (variant ${largest.variant})` : ""}, ${largest.clauses} clauses, ${largest.items} items`,
      `score(): median ${(ms * 1000).toFixed(1)} µs per full score (target < 200 µs) — ${ms < 0.2 ? "met" : "NOT met"}`,
    ],
  };
}
