/**
 * The bundled command line's shipped-file.ts (scripts/build-cli.ts maps it). Its build bundles each shipped
 * rubric as the JSON text of what parseRubric returns for the file, and fails unless that equals the file
 * (nothing trimmed, no default filled in): parsing the text here gives the rubric validating the file would,
 * without loading zod (~450 KB, in the command and in each worker of the pool) or validating at every start.
 * Text, parsed only when its file is asked for: V8 parses JSON text far faster than the same object literal.
 */
import type { Rubric } from "./schema";

export function shippedFile(text: unknown): Rubric {
  return JSON.parse(text as string) as Rubric;
}
