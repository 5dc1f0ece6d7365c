/** `npm run rubrics:lock`: pins new rubric versions in rubrics/rubrics.lock.json; never changes a pinned one. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { archivedRubricFiles, loadRubricFile, LOCK_FILE, rubricFiles } from "./files";
import { lockEntry, lockKey, lockProblems, type Lock } from "./lock";

const lock: Lock = existsSync(LOCK_FILE) ? JSON.parse(readFileSync(LOCK_FILE, "utf8")) : {};
const shipped = [...rubricFiles(), ...archivedRubricFiles()].map((file) => ({
  file: relative(process.cwd(), file),
  rubric: loadRubricFile(file),
  raw: JSON.parse(readFileSync(file, "utf8")) as unknown,
}));
let added = 0;
for (const s of shipped) {
  const key = lockKey(s.rubric);
  if (!lock[key]) {
    lock[key] = lockEntry(s.rubric, s.raw);
    added++;
    console.log(`pinned ${key}`);
  }
}
const problems = lockProblems(lock, shipped);
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(LOCK_FILE, JSON.stringify(sorted, null, 2) + "\n");
console.log(added ? `${added} version(s) pinned` : "lock up to date");
