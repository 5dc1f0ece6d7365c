/**
 * Sheet format 1 is frozen: returns made by earlier releases are read by its rules, so plan(…, { format: 1 })
 * must emit, character for character, what the releases before format 2 emitted. The fixture holds a
 * SHA-256 digest of every part of every shipped rubric's plan (cells and formulas, validations, merges,
 * map, meta …), made by scripts/snapshot-plans.ts (--format 1) from the commit before format 2 existed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatDigests } from "../scripts/snapshot-plans";

const frozen = JSON.parse(readFileSync(join(__dirname, "fixtures", "format1-plans.json"), "utf8")) as Record<string, Record<string, string>>;

/**
 * What a format-1 return is read by: its cells (texts, points, formulas), rows and ids, the map, columns,
 * merges, metadata and sheet name. Presentation (print setup, validation texts, styles) may improve.
 */
const CONTRACT = ["cells", "columns", "map", "merges", "meta", "planVersion", "rows", "sheetName"];

test("format-1 plans of every rubric version that format 1 was made from are unchanged", () => {
  const now = formatDigests(1);
  // Those versions are all still shipped (current or archived); later versions were never format 1.
  expect(Object.keys(frozen).filter((k) => !now[k])).toEqual([]);
  expect(Object.keys(frozen)).toHaveLength(21);
  for (const [name, parts] of Object.entries(frozen)) {
    for (const part of CONTRACT) expect([name, part, now[name][part]]).toEqual([name, part, parts[part]]);
  }
});
