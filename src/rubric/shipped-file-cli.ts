/**
 * The bundled command line's shipped-file.ts (scripts/build-cli.ts maps it). Its build writes each shipped
 * rubric beside the bundle (dist-cli/rubrics/) as the JSON text of what parseRubric returns for the file, and
 * fails unless that equals the file (nothing trimmed, no default filled in): parsing the text here gives the
 * rubric validating the file would, without loading zod (~450 KB, in the command and in each worker of the
 * pool) or validating at every start. `file` is its path relative to the bundle (esbuild's file loader); only
 * the file asked for is read and parsed (the whole set as JSON text in the bundle still cost each worker ~20 ms
 * to load).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Rubric } from "./schema";

export function shippedFile(file: unknown): Rubric {
  return JSON.parse(readFileSync(join(__dirname, file as string), "utf8")) as Rubric;
}
