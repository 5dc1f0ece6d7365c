import { z } from "zod";
import { RubricSchema } from "./schema";

/** The rubric format as JSON Schema text (what `rubrics/rubric.schema.json` must contain). */
export function rubricJsonSchema(): string {
  const schema = z.toJSONSchema(RubricSchema, { unrepresentable: "any" });
  return JSON.stringify({ ...schema, title: "SafeScore rubric", description: "See docs/rubric-format.md" }, null, 2) + "\n";
}
