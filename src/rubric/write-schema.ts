/** `npm run schema`: writes rubrics/rubric.schema.json (JSON Schema, for editors) from the zod schema. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RUBRICS_DIR } from "./files";
import { rubricJsonSchema } from "./json-schema";

const out = join(RUBRICS_DIR, "rubric.schema.json");
writeFileSync(out, rubricJsonSchema());
console.log(`wrote ${out}`);
