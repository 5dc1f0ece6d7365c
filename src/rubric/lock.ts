/**
 * The rubric lock: every published rubric version's scoring fingerprint and content hash, pinned.
 * A correction makes a new version (a new file); a published version is never edited in place. The lock
 * only ever grows: `npm run rubrics:lock` adds entries for new versions and refuses to change one.
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { Rubric } from "./schema";
import { fingerprint } from "./fingerprint";

export interface LockEntry {
  /** Scoring content (what a return records). */
  fingerprint: string;
  /** Everything, wording and notes included, as canonical JSON. */
  content: string;
}
export type Lock = Record<string, LockEntry>;

export const lockKey = (r: { id: string; version: string }) => `${r.id}@${r.version}`;

/** JSON with object keys sorted, so formatting and key order do not change the hash. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function lockEntry(rubric: Rubric, raw: unknown): LockEntry {
  return { fingerprint: fingerprint(rubric), content: bytesToHex(sha256(utf8ToBytes(canonical(raw)))) };
}

/** Differences between the lock and the shipped versions, as sentences; empty when they agree. */
export function lockProblems(lock: Lock, shipped: { rubric: Rubric; raw: unknown; file: string }[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const { rubric, raw, file } of shipped) {
    const key = lockKey(rubric);
    if (seen.has(key)) problems.push(`${file}: version ${key} is shipped twice`);
    seen.add(key);
    const pinned = lock[key];
    const actual = lockEntry(rubric, raw);
    if (!pinned) problems.push(`${file}: ${key} is not in rubrics/rubrics.lock.json (run npm run rubrics:lock)`);
    else if (pinned.fingerprint !== actual.fingerprint || pinned.content !== actual.content) {
      problems.push(`${file}: ${key} was edited after it was published — make a new version instead (archive this one unchanged)`);
    }
  }
  for (const key of Object.keys(lock)) if (!seen.has(key)) problems.push(`${key} is in the lock but no longer shipped — published versions must stay readable`);
  return problems;
}
