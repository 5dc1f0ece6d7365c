/** The shipped rubric files: valid, acknowledged, bundled, fingerprinted, and the JSON Schema current. */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { loadRubricFile, rubricFiles, RUBRICS_DIR } from "../src/rubric/files";
import { checkConsistency, isAcknowledged } from "../src/rubric/consistency";
import { fingerprint } from "../src/rubric/fingerprint";
import { shippedFileNames, shippedRubrics } from "../src/rubric/library";
import { rubricJsonSchema } from "../src/rubric/json-schema";
import { parseRubric } from "../src/rubric/load";
import { seedText } from "./helpers/shared";
import { clauseText } from "../src/rubric/model";
import { bundledRubricText } from "../scripts/build-cli";

const files = rubricFiles();

test("the bundled library holds exactly the files in rubrics/", () => {
  expect(shippedFileNames().sort()).toEqual(files.map((f) => basename(f)).sort());
  expect(shippedRubrics().map((r) => r.id)).toEqual(files.map((f) => loadRubricFile(f).id));
});

test("rubric ids are unique and match their file names", () => {
  const ids = files.map((f) => loadRubricFile(f).id);
  expect(new Set(ids).size).toBe(ids.length);
  files.forEach((f, k) => expect(basename(f, ".json")).toBe(ids[k]));
});

test("the command line bundles each file as validated, and its build refuses a file that validating would change", () => {
  for (const f of files) {
    const text = readFileSync(f, "utf8");
    expect(JSON.parse(bundledRubricText(text, basename(f)))).toStrictEqual(JSON.parse(text));
  }
  const padded = JSON.parse(readFileSync(files[0], "utf8"));
  padded.title = ` ${padded.title}`;
  expect(() => bundledRubricText(JSON.stringify(padded), "padded.json")).toThrow(/padded\.json: validating changes this rubric/);
});

test("rubrics/rubric.schema.json is what `npm run schema` writes from the zod schema", () => {
  expect(readFileSync(join(RUBRICS_DIR, "rubric.schema.json"), "utf8")).toBe(rubricJsonSchema());
});

describe.each(files.map((f) => [basename(f), f]))("%s", (_name, file) => {
  const rubric = loadRubricFile(file);

  test("every consistency warning is acknowledged by a note where it points", () => {
    const unacknowledged = checkConsistency(rubric).filter((f) => f.severity === "warning" && !isAcknowledged(rubric, f));
    expect(unacknowledged).toEqual([]);
  });

  test("names its source document and keeps official wording (full-width punctuation, no stray whitespace)", () => {
    expect(seedText(rubric.source.file).length).toBeGreaterThan(0);
    const texts = rubric.sections.flatMap((s) => [s.title, ...(s.items ?? []).flatMap((i) => [i.text, ...i.clauses.map((c) => clauseText(c, i))])]);
    for (const t of texts) expect(t).toBe(t.trim());
  });

  test("every section title and group, item, clause, penalty and veto text is found in the source document (ignoring whitespace)", () => {
    const squash = (s: string) => s.replace(/\s+/g, "");
    const source = squash(seedText(rubric.source.file));
    const missing: string[] = [];
    // A text may join fragments of one cell, one per line; 〖…〗 marks editorial text the document lacks.
    const check = (id: string, text: string | undefined) => {
      const lines = (text ?? "").split("\n").map((l) => l.replace(/〖[^〗]*〗/g, "")).filter((l) => l.trim());
      if (lines.some((l) => !source.includes(squash(l)))) missing.push(id);
    };
    for (const s of rubric.sections) {
      // Implicit sections print no title row, but their titles are shown elsewhere: editorial ones carry 〖〗 too.
      check(s.id, s.title);
      check(`${s.id}.group`, s.group);
      for (const i of s.items ?? []) {
        check(i.id, i.text);
        check(`${i.id}.guidance`, i.guidance);
        check(`${i.id}.responsible`, i.responsible);
        check(`${i.id}.basis`, i.basis);
        check(`${i.id}.selectable`, i.selectable?.text);
        for (const c of i.clauses) {
          check(c.id, c.text);
          c.exemptions?.forEach((e, k) => check(`${c.id}.exemptions[${k}]`, e));
        }
      }
      for (const c of s.checks ?? []) check(c.id, c.text);
    }
    for (const p of rubric.penalties ?? []) {
      [p, ...p.clauses].forEach((x) => check(x.id, x.text));
      check(`${p.id}.basis`, p.basis);
      check(`${p.id}.guidance`, p.guidance);
    }
    for (const v of rubric.vetoes ?? []) check(v.id, v.text);
    expect(missing).toEqual([]);
  });

  test("the fingerprint ignores wording but not a point value", () => {
    const fp = fingerprint(rubric);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    const reworded = structuredClone(rubric);
    reworded.title += "（修订）";
    reworded.notes = [...(reworded.notes ?? []), "another note"];
    expect(fingerprint(parseRubric(reworded, "x"))).toBe(fp);
    const repointed = structuredClone(rubric);
    const firstScored = repointed.sections.find((s) => s.points !== undefined);
    if (firstScored) {
      firstScored.points! += 1;
      expect(fingerprint(parseRubric(repointed, "x"))).not.toBe(fp);
    }
  });
});
