/**
 * `safescore import` measured (issue 10): each seed imported and compared, clause by clause, with its shipped
 * hand transcription (kind, amount, unit, cap: src/import/measure.ts), and the time one import takes.
 * Run: `npx tsx bench/import.ts` (also part of `npm run bench`). Prints lines; exits 0 whatever they show.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importTable } from "../src/import";
import { compareRubrics } from "../src/import/measure";
import { findRubric } from "../src/rubric/library";
import { SHARED_DIR } from "../test/helpers/shared";
import { medianMs } from "./scoring";

/** Each shipped rubric, the seed it comes from and the part of it (001 holds three tables). */
const PAIRS: [string, string, string | undefined][] = [
  ["county2023", "004_97df8b5eb248e478.txt", undefined],
  ["lw2015-dept", "000_ed67351beb0f2bf5.txt", "附件"],
  ["qhd2016-party", "001_d5e24379da0f7918.txt", "附件2"],
  ["qhd2016-gov", "001_d5e24379da0f7918.txt", "附件3"],
  ["qhd2016-dept", "001_d5e24379da0f7918.txt", "附件4"],
  ["xc2018-checklist", "002_039a0a9f8bce45c8.txt", "附件"],
];

export async function importBench(): Promise<{ title: string; lines: string[] }> {
  const lines: string[] = [];
  for (const [id, file, part] of PAIRS) {
    const bytes = new Uint8Array(readFileSync(join(SHARED_DIR, "seeds", file)));
    const drafts = importTable(bytes, file);
    const draft = drafts.find((d) => d.part === part) ?? drafts[0];
    const m = compareRubrics(draft.rubric, findRubric(id)!);
    const low = draft.review.filter((e) => e.confidence === "低").length;
    const what = m.shipped
      ? `${m.exact}/${m.shipped} clauses drafted exactly (${(m.share * 100).toFixed(1)}%), ${m.sameText} with the shipped text`
      : `${m.checks.found}/${m.checks.shipped} checks with the printed text`;
    const target = id === "county2023" ? ` (target ≥ 80% — ${m.share >= 0.8 ? "met" : "NOT met"})` : "";
    lines.push(`${file.slice(0, 3)}${part ? ` ${part}` : ""} → ${id}: ${what}${target}; ${draft.review.length} review entries (${low} low)`);
  }
  const seed004 = new Uint8Array(readFileSync(join(SHARED_DIR, "seeds", PAIRS[0][1])));
  const ms = await medianMs(() => importTable(seed004, PAIRS[0][1]), 20, 3);
  lines.push(`one import of 004 (137 KB of text, 66 要点): ${ms.toFixed(0)} ms (median of 20)`);
  return { title: "Importing a scoring table (safescore import, issue 10)", lines };
}

if (require.main === module) {
  importBench().then((r) => console.log([`## ${r.title}`, ...r.lines].join("\n")));
}
