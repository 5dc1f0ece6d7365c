/** `npm run schema` (second step): writes schemes/scheme.schema.json (JSON Schema, for editors) from the zod schema. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { schemeJsonSchema } from "./json-schema";

export const SCHEMES_DIR = join(__dirname, "..", "..", "schemes");

const out = join(SCHEMES_DIR, "scheme.schema.json");
writeFileSync(out, schemeJsonSchema());
console.log(`wrote ${out}`);
