/** A problem found in a rubric file: where (a JSON path like `sections[2].items[4].amount`) and what. */
export interface RubricProblem {
  path: string;
  message: string;
}

/** Thrown when a rubric file cannot be used. Its message names the file, each JSON path and the problem. */
export class RubricError extends Error {
  constructor(
    readonly file: string,
    readonly problems: RubricProblem[],
  ) {
    super(problems.map((p) => `${file}: ${p.path ? p.path + ": " : ""}${p.message}`).join("\n"));
    this.name = "RubricError";
  }
}

/** `["sections", 2, "items", 4]` → `sections[2].items[4]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += (out ? "." : "") + String(key);
  }
  return out;
}
