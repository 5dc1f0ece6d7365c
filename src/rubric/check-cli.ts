/**
 * `npm run rubrics:check [files…]`: validates rubric files and lists consistency warnings.
 * Exit 1 on any error or on a warning the rubric does not acknowledge with a note.
 */
import { loadRubricFile, rubricFiles } from "./files";
import { RubricError } from "./errors";
import { checkConsistency, isAcknowledged } from "./consistency";

let failed = false;
const files = process.argv.slice(2).length ? process.argv.slice(2) : rubricFiles();
for (const file of files) {
  try {
    const rubric = loadRubricFile(file);
    const warnings = checkConsistency(rubric).filter((f) => f.severity === "warning");
    const itemCount = rubric.sections.reduce((n, s) => n + (s.items?.length ?? 0) + (s.checks?.length ?? 0), 0);
    console.log(`ok   ${file}: ${rubric.id} v${rubric.version}, ${rubric.sections.length} sections, ${itemCount} items/checks`);
    for (const w of warnings) {
      const ack = isAcknowledged(rubric, w);
      if (!ack) failed = true;
      console.log(`  ${ack ? "note" : "UNACKNOWLEDGED"} ${w.path}: ${w.message}`);
    }
  } catch (e) {
    failed = true;
    if (e instanceof RubricError) console.log(`FAIL ${e.message}`);
    else throw e;
  }
}
process.exit(failed ? 1 : 0);
