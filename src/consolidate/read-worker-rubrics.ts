/**
 * The pool's worker when --rubric was given, and the in-process reader then (pool.ts): read-worker.ts with the
 * choices' lookup. Apart, so that a worker without choices loads neither given.ts nor zod, which validates the
 * rubric files (~65 ms of a worker's start, measured in the bundle).
 */
import { workerData } from "node:worker_threads";
import { choicesFromData, givenLookup, type RubricChoiceData } from "../rubric/given";
import { registerArchivedRubrics, type RubricLookup } from "../rubric/library";
import { ARCHIVE } from "../rubric/archive";
import { readOne as readWithout, type ReadTask } from "./read-worker";
import type { ReadOutcome } from "./types";

export interface RubricsReadTask extends ReadTask {
  /** --rubric choices; in a pool worker they come once, as workerData (pool.ts). */
  rubrics?: RubricChoiceData[];
}

/** The lookup of each choices array, validated once (per worker, or per in-process run). */
const lookups = new WeakMap<RubricChoiceData[], RubricLookup>();
function lookupFor(rubrics: RubricChoiceData[]): RubricLookup {
  let lookup = lookups.get(rubrics);
  if (!lookup) {
    registerArchivedRubrics(ARCHIVE);
    lookups.set(rubrics, (lookup = givenLookup(choicesFromData(rubrics))));
  }
  return lookup;
}

export function readOne({ rubrics = (workerData as { rubrics?: RubricChoiceData[] } | null)?.rubrics, ...task }: RubricsReadTask): Promise<ReadOutcome> {
  return readWithout(task, rubrics?.length ? () => lookupFor(rubrics) : undefined);
}

export default readOne;
