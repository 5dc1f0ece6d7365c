/**
 * Sheet format 2 is the current format and will be frozen once it is released: from then on returns made
 * by that release are read by its rules, and plan(…, { format: 2 }) must emit them character for character,
 * as test/plan-format1.test.ts holds format 1. Until the release, the fixture also proves that refactors of
 * plan() change nothing. It holds a SHA-256 digest of every part of the format-2 plan of every shipped and
 * archived rubric version and variant (cells and formulas, validations, merges, rows, map, meta, print,
 * styles …), made by `npx tsx scripts/snapshot-plans.ts --format 2`. Re-make it only for a deliberate change
 * of format 2 before its release, and say so in the commit.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatDigests } from "../scripts/snapshot-plans";

const frozen = JSON.parse(readFileSync(join(__dirname, "fixtures", "format2-plans.json"), "utf8")) as Record<string, Record<string, string>>;

test("format-2 plans of every shipped and archived rubric version and variant are unchanged, every part", () => {
  const now = formatDigests(2);
  expect(Object.keys(now).sort()).toEqual(Object.keys(frozen).sort());
  expect(Object.keys(frozen)).toHaveLength(40);
  for (const [name, parts] of Object.entries(frozen)) {
    expect(Object.keys(now[name]).sort()).toEqual(Object.keys(parts).sort());
    for (const [part, digest] of Object.entries(parts)) expect([name, part, now[name][part]]).toEqual([name, part, digest]);
  }
});
