/**
 * Issue 10: the shipped county2023 is `safescore import 004` + the decisions files in rubrics/decisions/county2023/
 * (applied in file-name order), nothing else. The pipeline is run here step by step, as test/import-seeds.test.ts
 * imports a seed; `npm run rubric:county2023` (scripts/county2023.ts) writes the same result. A stale shipped file
 * (a decisions file changed, the script not re-run) fails here.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { importTable } from "../src/import";
import { applyDecisions, loadDecisions } from "../src/import/decisions";
import { parseRubric } from "../src/rubric/load";
import { findRubric } from "../src/rubric/library";
import { buildCounty2023, COUNTY2023_DECISIONS, COUNTY2023_FILE } from "../scripts/county2023";
import { SHARED_DIR } from "./helpers/shared";

const SEED = "004_97df8b5eb248e478.txt";
const shipped = () => JSON.parse(readFileSync(COUNTY2023_FILE, "utf8")) as Record<string, unknown>;

describe("county2023 = import 004 + rubrics/decisions/county2023/*.json", () => {
  const decisionFiles = readdirSync(COUNTY2023_DECISIONS)
    .filter((f) => f.endsWith(".json"))
    .sort();

  test("the decisions files: helper A's rubric-level file comes first", () => {
    expect(decisionFiles[0]).toBe("1-general-and-1-19.json");
  });

  test("importing the seed and applying every decisions file in order gives the shipped rubric exactly", () => {
    const drafts = importTable(new Uint8Array(readFileSync(join(SHARED_DIR, "seeds", SEED))), SEED);
    expect(drafts).toHaveLength(1);
    let rubric: unknown = JSON.parse(JSON.stringify(drafts[0].rubric));
    for (const f of decisionFiles) rubric = applyDecisions(rubric, loadDecisions(readFileSync(join(COUNTY2023_DECISIONS, f), "utf8"), f), f);
    expect(() => parseRubric(JSON.parse(JSON.stringify(rubric)), "county2023.json")).not.toThrow();
    expect(rubric).toEqual(shipped());
  });

  test("the script's pipeline is the same one", () => {
    expect(buildCounty2023(join(SHARED_DIR, "seeds"))).toEqual(shipped());
  });

  test("the shipped version is the complete 2023.2: 37 sections, the 65 考核要点 of 004 and the 减分项 39", () => {
    const r = findRubric("county2023")!;
    expect(r.version).toBe("2023.2");
    expect(r.sections.map((s) => s.id)).toEqual(Array.from({ length: 37 }, (_, k) => `s${k + 1}`));
    // 序号 1 … 37.2 as printed (38 does not exist), counted in the document: 65 rows, plus 39.
    expect(r.sections.flatMap((s) => s.items ?? [])).toHaveLength(65);
    expect(r.penalties?.map((p) => p.label)).toEqual(["39"]);
  });
});
