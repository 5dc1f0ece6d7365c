/**
 * `npm run rubric:county2023`: rubrics/county2023.json is `import 004 + rubrics/decisions/county2023/*.json`
 * (issue 10). The draft comes from the importer, every decisions file is applied in file-name order, the result
 * is validated by the rubric loader and written. test/county2023-import.test.ts runs the same pipeline
 * (`buildCounty2023`) and fails when the shipped file is stale: re-run this script after changing a decisions file.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { importTable } from "../src/import";
import { applyDecisions, loadDecisions } from "../src/import/decisions";
import { parseRubric } from "../src/rubric/load";

const ROOT = resolve(__dirname, "..");
export const COUNTY2023_FILE = join(ROOT, "rubrics", "county2023.json");
export const COUNTY2023_DECISIONS = join(ROOT, "rubrics", "decisions", "county2023");
const SEED_NAME = "004_97df8b5eb248e478.txt";

/** The seeds' folder, as the tests find it (SAFESCORE_SHARED overrides). */
const sharedDir = () => process.env.SAFESCORE_SHARED ?? resolve(ROOT, "..", "shared");

/** The rubric JSON the pipeline gives: the 004 draft with every decisions file applied, validated. */
export function buildCounty2023(seedsDir = join(sharedDir(), "seeds")): unknown {
  const drafts = importTable(new Uint8Array(readFileSync(join(seedsDir, SEED_NAME))), SEED_NAME);
  if (drafts.length !== 1) throw new Error(`004: expected one draft, got ${drafts.length}`);
  let rubric: unknown = JSON.parse(JSON.stringify(drafts[0].rubric));
  const files = readdirSync(COUNTY2023_DECISIONS)
    .filter((f) => f.endsWith(".json"))
    .sort();
  for (const f of files) rubric = applyDecisions(rubric, loadDecisions(readFileSync(join(COUNTY2023_DECISIONS, f), "utf8"), f), f);
  parseRubric(JSON.parse(JSON.stringify(rubric)), "county2023.json");
  return rubric;
}

/** The file's text, as written: two-space JSON with a final line break. */
export const county2023Text = (rubric: unknown) => JSON.stringify(rubric, null, 2) + "\n";

if (require.main === module) {
  writeFileSync(COUNTY2023_FILE, county2023Text(buildCounty2023()));
  console.log(`已写入 / written: ${COUNTY2023_FILE}`);
}
