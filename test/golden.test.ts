/**
 * Golden returns: workbooks made by earlier releases (test/golden/format-N/, see its README) must score
 * exactly as recorded when they were made. Never regenerate these files to make this test pass.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { GOLDEN_ROOT, expectedPathOf, goldenFiles, goldenReportOf } from "./helpers/golden";

/** Per format: 7 returns (six rubrics, two variants of one), each as made, re-saved by LibreOffice and by openpyxl. */
const PER_FORMAT = 21;
const FORMATS = ["format-1", "format-2", "format-3"];
const MIN_FILES = PER_FORMAT * FORMATS.length;

const files = goldenFiles();

test(`at least ${MIN_FILES} golden workbooks, each with its expected report and no orphan report`, () => {
  expect(files.length).toBeGreaterThanOrEqual(MIN_FILES);
  for (const f of FORMATS) expect(files.filter(([folder]) => folder === f).length).toBeGreaterThanOrEqual(PER_FORMAT);
  for (const [folder, name] of files) expect(existsSync(expectedPathOf(join(GOLDEN_ROOT, folder, name)))).toBe(true);
  for (const folder of new Set(files.map(([f]) => f))) {
    for (const json of readdirSync(join(GOLDEN_ROOT, folder)).filter((n) => n.endsWith(".expected.json"))) {
      expect(existsSync(join(GOLDEN_ROOT, folder, json.replace(/\.expected\.json$/, ".xlsx")))).toBe(true);
    }
  }
});

describe.each(files)("%s/%s", (folder, name) => {
  test("scores exactly as the release that made it", async () => {
    const path = join(GOLDEN_ROOT, folder, name);
    const expected = JSON.parse(readFileSync(expectedPathOf(path), "utf8"));
    expect(await goldenReportOf(path)).toEqual(expected);
  });
});
