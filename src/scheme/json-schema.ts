import { z } from "zod";
import { SchemeSchema } from "./schema";

/** The scheme format as JSON Schema text (what `schemes/scheme.schema.json` must contain). */
export function schemeJsonSchema(): string {
  const schema = z.toJSONSchema(SchemeSchema, { unrepresentable: "any" });
  return JSON.stringify({ ...schema, title: "SafeScore scheme", description: "See README (考核方案 / schemes)" }, null, 2) + "\n";
}
