/**
 * Writes test/fixtures/format<N>-plans.json: a SHA-256 digest of every part of every shipped and archived
 * rubric version's plan in sheet format N (cells with their formulas, validations, merges, map, meta …),
 * per variant, keyed `id@version/variant`. Run: `npx tsx scripts/snapshot-plans.ts --format N`.
 *
 * test/plan-format1.test.ts proves plan(…, { format: 1 }) still emits what the releases before format 2
 * emitted (its fixture was made once, from the commit before format 2 existed; re-running it only makes
 * sense for a new shipped rubric). test/plan-format2.test.ts does the same for format 2, and
 * test/plan-format3.test.ts for format 3, the current format.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { archivedRubrics, registerArchivedRubrics, shippedRubrics } from "../src/rubric/library";
import { ARCHIVE } from "../src/rubric/archive";
import { format3Construct, plan } from "../src/layout/plan";
import type { SheetFormat } from "../src/layout/entries";
import { variantIds } from "../src/rubric/model";

export function planDigests(
  build: (r: ReturnType<typeof shippedRubrics>[number], v: string | undefined) => object,
  shows: (r: ReturnType<typeof shippedRubrics>[number]) => boolean = () => true,
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const r of [...shippedRubrics(), ...archivedRubrics()].filter(shows)) {
    for (const v of variantIds(r)) {
      const p = build(r, v) as Record<string, unknown>;
      out[`${r.id}@${r.version}${v ? "/" + v : ""}`] = Object.fromEntries(
        Object.keys(p).sort().map((k) => [k, createHash("sha256").update(JSON.stringify(p[k])).digest("hex")]),
      );
    }
  }
  return out;
}

/**
 * The digests of every rubric version's plan in one sheet format — of every version that format can show: formats 1
 * and 2 (frozen) cannot show 004's constructs (format3Construct), so a later version that uses one has no plan there.
 */
export const formatDigests = (format: SheetFormat) =>
  planDigests((r, v) => plan(r, v, undefined, { format }), (r) => format >= 3 || format3Construct(r) === null);

if (require.main === module) {
  const at = process.argv.indexOf("--format");
  const format = Number(process.argv[at + 1]) as SheetFormat;
  if (at < 0 || ![1, 2, 3].includes(format)) throw new Error("usage: tsx scripts/snapshot-plans.ts --format <1|2|3>");
  registerArchivedRubrics(ARCHIVE);
  const file = join(__dirname, "..", "test", "fixtures", `format${format}-plans.json`);
  const digests = formatDigests(format);
  writeFileSync(file, JSON.stringify(digests, null, 1) + "\n");
  console.log(`wrote ${Object.keys(digests).length} plans to ${file}`);
}
