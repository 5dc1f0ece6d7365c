/**
 * Loading a scheme: JSON text → validated `Scheme`, with one bilingual line per problem naming the file and
 * the JSON path (`components[3].parts[0].weight`), as rubric files are checked (rubric/load.ts).
 */
import { formatPath } from "../rubric/errors";
import { issueMessage, parseJsonText } from "../rubric/load";
import { SchemeSchema, type Scheme } from "./schema";

/** The largest scheme file read: a scheme is a few components (the shipped ones are under 4 KB). */
export const MAX_SCHEME_BYTES = 256 * 1024;

export interface SchemeProblem {
  path: string;
  message: string;
}

/** A scheme file that cannot be used: one line per problem, "file: path: 中文 / English". */
export class SchemeError extends Error {
  constructor(
    readonly file: string,
    readonly problems: SchemeProblem[],
  ) {
    super(problems.map((p) => `${file}: ${p.path ? p.path + ": " : ""}${p.message}`).join("\n"));
    this.name = "SchemeError";
  }
}

/** Validates already-parsed JSON; `file` is used only in messages. */
export function parseScheme(json: unknown, file: string): Scheme {
  const result = SchemeSchema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  throw new SchemeError(
    file,
    result.error.issues.map((issue) => ({
      path: formatPath(issue.path),
      // Our own checks are bilingual already; zod's are put in plain English by the rubric loader's wording.
      message: issue.code === "custom" ? issue.message : `考核方案格式有误 / invalid scheme: ${issueMessage(issue)}`,
    })),
  );
}

/** Scheme file text → a validated scheme; refused unread above MAX_SCHEME_BYTES. */
export function parseSchemeText(text: string, file: string): Scheme {
  if (text.length > MAX_SCHEME_BYTES) {
    throw new SchemeError(file, [{ path: "", message: `文件过大（上限 ${MAX_SCHEME_BYTES / 1024} KB） / too large (at most ${MAX_SCHEME_BYTES / 1024} KB)` }]);
  }
  const json = parseJsonText(text.replace(/^\uFEFF/, ""));
  if (!json.ok) throw new SchemeError(file, [{ path: "", message: `不是有效的 JSON / ${json.message}` }]);
  return parseScheme(json.value, file);
}
