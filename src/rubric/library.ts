/**
 * The shipped rubrics, bundled as data so the task pane (browser) and the command line share them.
 * Each is validated on first use; a bad file fails loudly with its path and the JSON path.
 * A test keeps this list equal to the files in rubrics/.
 */
import { parseRubric } from "./load";
import type { Rubric } from "./schema";
import county2023 from "../../rubrics/county2023.json";
import lw2015Dept from "../../rubrics/lw2015-dept.json";
import qhd2016Dept from "../../rubrics/qhd2016-dept.json";
import qhd2016Gov from "../../rubrics/qhd2016-gov.json";
import qhd2016Party from "../../rubrics/qhd2016-party.json";
import xc2018Checklist from "../../rubrics/xc2018-checklist.json";

const SOURCES: Record<string, unknown> = {
  "county2023.json": county2023,
  "lw2015-dept.json": lw2015Dept,
  "qhd2016-dept.json": qhd2016Dept,
  "qhd2016-gov.json": qhd2016Gov,
  "qhd2016-party.json": qhd2016Party,
  "xc2018-checklist.json": xc2018Checklist,
};

let cache: Rubric[] | undefined;

/** All shipped rubrics, in file-name order. */
export function shippedRubrics(): Rubric[] {
  cache ??= Object.entries(SOURCES).map(([file, json]) => parseRubric(json, `rubrics/${file}`));
  return cache;
}

export function shippedFileNames(): string[] {
  return Object.keys(SOURCES);
}

export function findRubric(id: string): Rubric | undefined {
  return shippedRubrics().find((r) => r.id === id);
}
