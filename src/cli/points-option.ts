/**
 * `--points <csv>` (template, consolidate): the office's local item points for one rubric, read and checked
 * against it (rubric/points-csv.ts). Every problem of the file is one line on exit 2.
 */
import { readFileSync, statSync } from "node:fs";
import { parsePointsCsv, PointsFileError } from "../rubric/points-csv";
import type { LocalPoints } from "../rubric/points";
import type { Rubric } from "../rubric/schema";
import { displaySafe } from "../text/display";
import { fsErrorLine } from "../text/fs-error";
import { FileError, FileProblems } from "./errors";

/** A points file is a few hundred short rows; anything near this is not one. */
const MAX_POINTS_BYTES = 1024 * 1024;

export function readPointsFile(path: string, rubric: Rubric): LocalPoints {
  let bytes: Uint8Array;
  try {
    if (statSync(path).size > MAX_POINTS_BYTES) throw new FileError(path, `${displaySafe(path)}：分值文件过大（超过 1 MB） / the points file is larger than 1 MB`);
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    if (e instanceof FileError) throw e;
    const line = fsErrorLine(path, e, "read");
    throw line ? new FileError(path, `分值文件 / points file: ${line}`) : e;
  }
  try {
    return parsePointsCsv(bytes, displaySafe(path.replace(/^.*[\\/]/, "")), rubric);
  } catch (e) {
    if (e instanceof PointsFileError) throw new FileProblems(path, e.lines.map((l) => displaySafe(l, 1000)));
    throw e;
  }
}
