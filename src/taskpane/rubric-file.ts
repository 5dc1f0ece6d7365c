/**
 * The pane's rubric file (载入考核细则文件): a .json the office chose → a rubric to insert, or its problems,
 * each `file: JSON path: problem` as the command line gives them (rubric/given.ts validates both). Pure.
 *
 * In the pane a file may not take a shipped rubric's id unless it is one of that rubric's shipped versions
 * (then the shipped one is used): the pane offers 更新为新版 by id, which must never swap an office's own
 * table for a shipped one.
 */
import { RubricError } from "../rubric/errors";
import { fingerprint } from "../rubric/fingerprint";
import { MAX_RUBRIC_BYTES, parseGivenRubric, tooLarge } from "../rubric/given";
import { archivedRubrics, shippedRubrics } from "../rubric/library";
import type { Rubric } from "../rubric/schema";

export type RubricFileOutcome = { ok: true; rubric: Rubric; shipped: boolean } | { ok: false; problems: string[] };

/** Problems shown at most; the rest are counted. */
export const MAX_SHOWN = 20;

function problemsOf(e: RubricError): string[] {
  const lines = e.problems.map((p) => `${e.file}: ${p.path ? p.path + ": " : ""}${p.message}`);
  return lines.length > MAX_SHOWN ? [...lines.slice(0, MAX_SHOWN), `…另有 ${lines.length - MAX_SHOWN} 处 / ${lines.length - MAX_SHOWN} more`] : lines;
}

/** Refused before the file is read: too large (null when the size is fine). */
export function rubricFileSizeProblem(name: string, size: number): RubricFileOutcome | null {
  return size > MAX_RUBRIC_BYTES ? { ok: false, problems: problemsOf(tooLarge(name, size)) } : null;
}

/** The file's text → its rubric (or the shipped version it is), or every problem. */
export function rubricFromText(name: string, text: string): RubricFileOutcome {
  let rubric: Rubric;
  try {
    rubric = parseGivenRubric(text, name);
  } catch (e) {
    if (e instanceof RubricError) return { ok: false, problems: problemsOf(e) };
    throw e;
  }
  const versions = [...shippedRubrics(), ...archivedRubrics()].filter((r) => r.id === rubric.id);
  if (!versions.length) return { ok: true, rubric, shipped: false };
  const same = versions.find((r) => r.version === rubric.version && fingerprint(r) === fingerprint(rubric));
  const current = shippedRubrics().find((r) => r.id === rubric.id);
  if (same && same === current) return { ok: true, rubric: same, shipped: true };
  if (same) {
    return {
      ok: false,
      problems: [`${name}: version: 此文件是内置考核细则 ${rubric.id} 的旧版 ${rubric.version}，新表请用现行 ${current?.version ?? "—"} 版 / this file is the superseded version ${rubric.version} of the shipped rubric ${rubric.id}: new tables use the current version ${current?.version ?? "—"}`],
    };
  }
  return {
    ok: false,
    problems: [
      `${name}: id: 本程序已内置考核细则 ${rubric.id}，此文件的 ${rubric.version} 版不是其已发布的版本；请给此文件另定 id / SafeScore ships rubric ${rubric.id} and this file's version ${rubric.version} is not one of its published versions: give the file its own id`,
    ],
  };
}
