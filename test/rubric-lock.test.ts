/** Published rubric versions are pinned, kept and never edited in place. */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { archivedRubricFiles, loadRubricFile, LOCK_FILE, rubricFiles } from "../src/rubric/files";
import { archivedFileNames, archivedRubrics, findRubric, shippedRubrics } from "../src/rubric/library";
import { fingerprint } from "../src/rubric/fingerprint";
import { lockKey, lockProblems, type Lock } from "../src/rubric/lock";

const lock: Lock = JSON.parse(readFileSync(LOCK_FILE, "utf8"));
const shipped = [...rubricFiles(), ...archivedRubricFiles()].map((file) => ({
  file,
  rubric: loadRubricFile(file),
  raw: JSON.parse(readFileSync(file, "utf8")) as unknown,
}));

test("every shipped version, current or archived, matches its pinned fingerprint and content", () => {
  expect(lockProblems(lock, shipped)).toEqual([]);
});

test("an edit to a published version is caught, in wording as in points", () => {
  const [first] = shipped;
  const reworded = structuredClone(first.raw) as { title: string };
  reworded.title += "（改）";
  expect(lockProblems(lock, [{ ...first, raw: reworded }, ...shipped.slice(1)]).join("\n")).toMatch(/edited after it was published/);
  const dropped = shipped.slice(1);
  expect(lockProblems(lock, dropped).join("\n")).toMatch(/no longer shipped/);
});

test("archived files are named <id>@<version>.json and the bundle holds exactly them", () => {
  for (const f of archivedRubricFiles()) {
    const r = loadRubricFile(f);
    expect(basename(f)).toBe(`${lockKey(r)}.json`);
  }
  expect(archivedFileNames().sort()).toEqual(archivedRubricFiles().map((f) => basename(f)).sort());
});

test("each id's current version is not also archived, and every archived id still has a current version", () => {
  const current = new Set(shippedRubrics().map(lockKey));
  for (const r of archivedRubrics()) {
    expect(current.has(lockKey(r))).toBe(false);
    expect(findRubric(r.id)).toBeDefined();
  }
});

test("findRubric finds a version only by its exact id, version and fingerprint", () => {
  for (const r of [...shippedRubrics(), ...archivedRubrics()]) {
    expect(findRubric(r.id, r.version, fingerprint(r))).toBe(r);
    expect(findRubric(r.id, r.version, "0".repeat(64))).toBeUndefined();
    expect(findRubric(r.id, r.version + "x", fingerprint(r))).toBeUndefined();
  }
});
