/**
 * `--rubric <id|file>`: a shipped rubric's id, or a rubric file. A value that names an existing file, or
 * ends in .json, is a file: its size is checked before it is read (MAX_RUBRIC_BYTES), then it is validated
 * exactly as the shipped rubrics are (rubric/given.ts). Any other value must be a shipped id.
 */
import { readFileSync, statSync } from "node:fs";
import { RubricError } from "../rubric/errors";
import { MAX_RUBRIC_BYTES, parseGivenRubric, rubricFileLine, tooLarge, type RubricChoice } from "../rubric/given";
import { registerArchivedRubrics, shippedRubrics } from "../rubric/library";
import { ARCHIVE } from "../rubric/archive";
import { displaySafe } from "../text/display";
import { fsErrorLine } from "../text/fs-error";
import { FileError, UsageError } from "./errors";

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** One --rubric value → the choice it makes. Errors: UsageError (unknown id), FileError (unreadable or invalid file). */
export function rubricChoice(value: string): RubricChoice {
  // A file rubric is compared with every published version, archived ones included.
  registerArchivedRubrics(ARCHIVE);
  if (!isFile(value) && !/\.json$/i.test(value)) {
    if (shippedRubrics().some((r) => r.id === value)) return { kind: "id", id: value };
    throw new UsageError(`未知的考核细则 ${displaySafe(value)}；可选：${shippedRubrics().map((r) => r.id).join(", ")}，或考核细则文件（.json） / unknown rubric ${displaySafe(value)}: give a shipped id or a rubric file (.json)`);
  }
  const name = value;
  try {
    const size = statSync(value).size;
    if (size > MAX_RUBRIC_BYTES) throw tooLarge(name, size);
    return { kind: "file", name, rubric: parseGivenRubric(readFileSync(value, "utf8"), name) };
  } catch (e) {
    if (e instanceof RubricError) throw new FileError(value, displaySafe(rubricFileLine(e), 1000));
    const line = fsErrorLine(value, e, "read");
    throw line ? new FileError(value, `考核细则文件 / rubric file: ${line}`) : e;
  }
}

/** Every --rubric value of a command (consolidate takes several). */
export function rubricChoices(values: readonly string[] | string | undefined): RubricChoice[] {
  if (values === undefined) return [];
  return (typeof values === "string" ? [values] : values).map(rubricChoice);
}
