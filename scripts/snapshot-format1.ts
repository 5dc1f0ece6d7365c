/**
 * Writes test/fixtures/format1-plans.json: a SHA-256 digest of every part of every shipped rubric version's
 * format-1 plan (cells with their formulas, validations, merges, map, meta …), per variant, keyed
 * `id@version/variant`. Made once,
 * from the commit before sheet format 2 existed; test/plan-format1.test.ts proves plan(…, { format: 1 })
 * still emits exactly that. Re-running it only makes sense for a new shipped rubric (pass --format 1).
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { archivedRubrics, shippedRubrics } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { variantIds } from "../src/rubric/model";

export function planDigests(build: (r: ReturnType<typeof shippedRubrics>[number], v: string | undefined) => object): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const r of [...shippedRubrics(), ...archivedRubrics()]) {
    for (const v of variantIds(r)) {
      const p = build(r, v) as Record<string, unknown>;
      out[`${r.id}@${r.version}${v ? "/" + v : ""}`] = Object.fromEntries(
        Object.keys(p).sort().map((k) => [k, createHash("sha256").update(JSON.stringify(p[k])).digest("hex")]),
      );
    }
  }
  return out;
}

if (require.main === module) {
  const file = join(__dirname, "..", "test", "fixtures", "format1-plans.json");
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const digests = planDigests((r, v) => (plan as any)(r, v, undefined, { format: 1 }));
  writeFileSync(file, JSON.stringify(digests, null, 1) + "\n");
  console.log(`wrote ${Object.keys(digests).length} plans to ${file}`);
}
