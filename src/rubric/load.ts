/**
 * Loading a rubric: JSON text → validated `Rubric`, with precise messages.
 * Schema problems and consistency errors both become a `RubricError` naming the file and JSON path.
 */
import type { core } from "zod";
import { RubricSchema, type Rubric } from "./schema";
import { RubricError, formatPath, type RubricProblem } from "./errors";
import { checkConsistency } from "./consistency";

function describeInput(input: unknown): string {
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (Array.isArray(input)) return "an array";
  if (typeof input === "string") return `the string ${JSON.stringify(input.length > 40 ? input.slice(0, 40) + "…" : input)}`;
  if (typeof input === "object") return "an object";
  return `${typeof input} ${String(input)}`;
}

const ARTICLE: Record<string, string> = { array: "an array", object: "an object", integer: "an integer" };

/** Turns one zod issue into a plain English sentence without zod's wording (decisions files use it too). */
export function issueMessage(issue: core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return `missing (expected ${ARTICLE[issue.expected] ?? "a " + issue.expected})`;
      return `expected ${ARTICLE[issue.expected] ?? "a " + issue.expected}, got ${describeInput(input)}`;
    case "too_small": {
      const op = issue.inclusive ? "≥" : ">";
      if (issue.origin === "number") return `expected a number ${op} ${issue.minimum}, got ${describeInput(input)}`;
      if (issue.origin === "string") return "expected a non-empty string";
      if (issue.origin === "array") return `expected at least ${issue.minimum} entr${Number(issue.minimum) === 1 ? "y" : "ies"}`;
      return issue.message;
    }
    case "too_big":
      return `expected a number ≤ ${issue.maximum}, got ${describeInput(input)}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
    case "invalid_value":
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, got ${describeInput(input)}`;
    case "invalid_union": {
      const disc = (issue as { discriminator?: string; options?: unknown[] }).options;
      if (disc) return `expected one of ${disc.map((v) => JSON.stringify(v)).join(", ")}, got ${describeInput((input as Record<string, unknown> | undefined)?.[(issue as { discriminator?: string }).discriminator ?? ""] ?? input)}`;
      return "matches none of the allowed shapes";
    }
    case "invalid_format":
      return `expected a string of format ${issue.format}`;
    default:
      return issue.message;
  }
}

/** Validates already-parsed JSON. `file` is used only in messages. */
export function parseRubric(json: unknown, file: string): Rubric {
  const result = RubricSchema.safeParse(json, { reportInput: true });
  if (!result.success) {
    const problems: RubricProblem[] = result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      message: issueMessage(issue),
    }));
    throw new RubricError(file, problems);
  }
  const errors = checkConsistency(result.data).filter((f) => f.severity === "error");
  if (errors.length) throw new RubricError(file, errors);
  return result.data;
}

/** Line and column (1-based) of a character offset, for JSON syntax errors. */
function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/** JSON text → its value, or the syntax error as "not valid JSON at line 3, column 5: …" (rubrics and decisions files). */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? ` at ${lineAndColumn(text, Number(pos[1]))}` : "";
    return { ok: false, message: `not valid JSON${where}: ${msg.replace(/ in JSON at position \d+.*$/, "")}` };
  }
}

/** Parses and validates rubric JSON text. */
export function parseRubricText(text: string, file: string): Rubric {
  const json = parseJsonText(text);
  if (!json.ok) throw new RubricError(file, [{ path: "", message: json.message }]);
  return parseRubric(json.value, file);
}
