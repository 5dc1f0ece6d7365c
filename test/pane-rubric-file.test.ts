/** The pane's rubric file (载入考核细则文件): text → a rubric, or the same precise problems the command line gives. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rubricFileSizeProblem, rubricFromText, MAX_SHOWN } from "../src/taskpane/rubric-file";
import { findRubricOrLoaded, rememberRubric } from "../src/rubric/given";
import { findRubric } from "../src/rubric/library";
import { fingerprint } from "../src/rubric/fingerprint";
import { plan } from "../src/layout/plan";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import { readWorkbook } from "../src/layout/read";

const shippedText = readFileSync(join(__dirname, "..", "rubrics", "qhd2016-party.json"), "utf8");
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a rubric's JSON, edited freely to break it
const own = (edit: (r: any) => void = () => undefined) => {
  const r = JSON.parse(shippedText);
  r.id = "my-party";
  r.version = "1";
  edit(r);
  return JSON.stringify(r);
};

test("a valid file of the office's own rubric", () => {
  const out = rubricFromText("my.json", own());
  expect(out).toMatchObject({ ok: true, shipped: false, rubric: { id: "my-party", version: "1", title: "2016年度县区党委层面安全生产工作考核评价实施细则" } });
});

test("an invalid file: every problem as file: JSON path: problem", () => {
  const out = rubricFromText("my.json", own((r) => {
    r.sections[0].items[4].clauses[0].amount = -1;
    r.sections[0].items[0].clauses[0].kind = "fixd";
  }));
  expect(out.ok).toBe(false);
  expect(!out.ok && out.problems).toEqual([
    'my.json: sections[0].items[0].clauses[0].kind: expected one of "fixed", "counted", "award", "bonus", "discretionary", "scoredAbove", got the string "fixd"',
    "my.json: sections[0].items[4].clauses[0].amount: expected a number > 0, got number -1",
  ]);
});

test("not JSON, and too large (refused from its size, before reading)", () => {
  const out = rubricFromText("my.json", "{");
  expect(!out.ok && out.problems[0]).toMatch(/^my\.json: not valid JSON/);
  expect(rubricFileSizeProblem("big.json", 4 * 1024 * 1024)).toBeNull();
  expect(rubricFileSizeProblem("big.json", 4 * 1024 * 1024 + 1)).toEqual({ ok: false, problems: ["big.json: 文件过大（4194305 字节，上限 4 MB） / too large (4194305 bytes; at most 4 MB)"] });
});

test("at most MAX_SHOWN problems, the rest counted", () => {
  // 30 items, each with a negative amount: 30 problems.
  const out = rubricFromText("my.json", own((r) => {
    const first = r.sections[0].items[0];
    r.sections[0].items = Array.from({ length: 30 }, (_, k) => ({ ...first, id: `s1.i${k}`, clauses: [{ ...first.clauses[0], id: `s1.i${k}.c1`, amount: -1 }] }));
  }));
  expect(!out.ok && out.problems).toHaveLength(MAX_SHOWN + 1);
  expect(!out.ok && out.problems[MAX_SHOWN]).toBe("…另有 10 处 / 10 more");
});

test("the shipped rubric's own file is that shipped rubric; another version under a shipped id is refused", () => {
  expect(rubricFromText("qhd2016-party.json", shippedText)).toEqual({ ok: true, rubric: findRubric("qhd2016-party"), shipped: true });
  const v2 = JSON.parse(shippedText);
  v2.version = "2099.1";
  const out = rubricFromText("v2.json", JSON.stringify(v2));
  expect(!out.ok && out.problems[0]).toContain("SafeScore ships rubric qhd2016-party and this file's version 2099.1 is not one of its published versions");
  const changed = JSON.parse(shippedText);
  changed.sections[0].items[0].clauses[0].amount = 9;
  const out2 = rubricFromText("changed.json", JSON.stringify(changed));
  expect(!out2.ok && out2.problems[0]).toContain("version 2016.1 is shipped with different scoring content");
});

test("a loaded rubric is found like a shipped one: the table inserted from it reads back", async () => {
  const out = rubricFromText("my.json", own());
  if (!out.ok) throw new Error("expected the file to load");
  expect(findRubricOrLoaded("my-party")).toBeUndefined();
  rememberRubric(out.rubric);
  expect(findRubricOrLoaded("my-party", "1", fingerprint(out.rubric))).toBe(out.rubric);
  expect(findRubricOrLoaded("my-party", "1", "0".repeat(64))).toBeUndefined();
  const result = readWorkbook(await xlsxToGrid(await planToXlsx(plan(out.rubric, undefined))), findRubricOrLoaded);
  expect(result.rubric).toBe(out.rubric);
});
