/**
 * A shipped rubric file as library.ts takes it: validated like any rubric file, in the tests, under tsx and in
 * the task pane. The bundled command line maps this module to shipped-file-cli.ts (scripts/build-cli.ts).
 */
import { parseRubric } from "./load";
import type { Rubric } from "./schema";

export function shippedFile(json: unknown, path: string): Rubric {
  return parseRubric(json, path);
}
