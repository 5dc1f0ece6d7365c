/**
 * A rubric's content fingerprint: SHA-256 over everything that affects scoring (ids, kinds, points,
 * amounts, caps, modes, variants, vetoes, required fields) and nothing that does not (wording, notes,
 * sources). A returned workbook records it, so consolidation knows the exact rubric it was made from.
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Rubric } from "./schema";

const SCORING_KEYS = new Set([
  "format", "id", "percentScale", "fields", "header", "footer", "required", "evidence", "variants",
  "sections", "points", "scoring", "appliesTo", "items", "checks", "cap", "scoredAbove", "clauses",
  "kind", "amount", "penalties", "vetoes", "effect", "tiers", "excellent", "good", "pass",
  // 004's constructs: which clauses take no entry, which items are selected, which clauses are alternatives
  // and of which kind (an exclusive group's scope: one fact checked, or each finding in one place, not checked).
  "notApplicable", "selectable", "exclusive", "scope",
]);

/** Keys that matter by presence only: who scores, which level, the document's wording are not scoring. */
const PRESENCE_KEYS = new Set(["scoredAbove", "notApplicable", "selectable"]);

/** Keeps only scoring keys, with object keys sorted, so the JSON is canonical. */
function project(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => project(v));
  if (value && typeof value === "object") {
    if (key !== undefined && PRESENCE_KEYS.has(key)) return true;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      if (SCORING_KEYS.has(k)) out[k] = project((value as Record<string, unknown>)[k], k);
    }
    return out;
  }
  return value;
}

const cache = new WeakMap<Rubric, string>();

export function fingerprint(rubric: Rubric): string {
  let fp = cache.get(rubric);
  if (!fp) {
    fp = bytesToHex(sha256(utf8ToBytes(JSON.stringify(project(rubric)))));
    cache.set(rubric, fp);
  }
  return fp;
}
