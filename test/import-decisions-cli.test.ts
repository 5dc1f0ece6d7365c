/**
 * `safescore import <table> -o <rubric.json> --decisions <file> [--part <附件>]`: the decisions file applied on
 * the command line. The expected rubric is the shipped hand transcription (rubrics/qhd2016-party.json), the
 * expected problem lines are the decisions' own targets; the settled review entries are those whose id a
 * decision of the file names (checked by reading the fixture: v1 split, v2–v6 set, s1 noted).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { SHARED_DIR } from "./helpers/shared";
import { settle } from "../src/import/settled";
import type { ReviewEntry } from "../src/import/draft";

const SEEDS = join(SHARED_DIR, "seeds");
const S001 = join(SEEDS, readdirSync(SEEDS).find((f) => f.startsWith("001"))!);
const DECISIONS = join(__dirname, "fixtures", "decisions", "qhd2016-party.import.decisions.json");
const SHIPPED = join(__dirname, "..", "rubrics", "qhd2016-party.json");

const dir = mkdtempSync(join(tmpdir(), "safescore-decide-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const decisionsFile = (name: string, decisions: unknown[]) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ format: 1, decisions }));
  return path;
};

describe("import --decisions", () => {
  test("001 附件2 + its decisions file: the shipped qhd2016-party, and a review of what the decisions left open", async () => {
    const out = join(dir, "party.json");
    const report = join(dir, "review.md");
    const r = await cli(["import", S001, "-o", out, "--report", report, "--decisions", DECISIONS, "--part", "附件2"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(JSON.parse(readFileSync(SHIPPED, "utf8")));
    // The fixture's decisions name s1 (note), v1 (split) and v2–v6 (set): seven entries of the draft's review.
    expect(r.out).toMatch(/应用决定 12 条；已决定 7 项，仍待定 1 项/);
    const md = readFileSync(report, "utf8");
    const [open, settledPart] = md.split("## 已决定（7）");
    expect(open).toMatch(/### 表头表尾（1）/); // about the whole table (no id): no decision names it
    expect(open).not.toMatch(/`v[1-6]`|`s1`/);
    for (const id of ["s1", "v1", "v2", "v3", "v4", "v5", "v6"]) expect(settledPart).toContain(`\`${id}\``);
    expect(settledPart).toMatch(/decisions\\\[2\\\] \(split v1\)/);
    // The written rubric makes a workbook: the third command.
    const xlsx = join(dir, "party.xlsx");
    expect((await cli(["template", "--rubric", out, "-o", xlsx])).code).toBe(0);
  });

  test("a stale decision: one bilingual line per problem, exit 2, nothing written", async () => {
    const out = join(dir, "stale-out.json");
    const file = decisionsFile("stale.json", [
      { op: "set", at: "s1.i99", set: { points: 5 }, why: "按原文" },
      { op: "remove", at: "nope", why: "按原文" },
    ]);
    const r = await cli(["import", S001, "-o", out, "--decisions", file, "--part", "附件2"]);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.trimEnd().split("\n")).toEqual([
      "决定文件 / decisions file stale.json: decisions[0] (set s1.i99): 草稿中没有 id “s1.i99” / no id \"s1.i99\" in the draft",
      "决定文件 / decisions file stale.json: decisions[1] (remove nope): 草稿中没有 id “nope” / no id \"nope\" in the draft",
    ]);
    expect(() => readFileSync(out)).toThrow();
  });

  test("decisions that make an invalid rubric: the loader's JSON path, exit 2", async () => {
    const file = decisionsFile("bad.json", [{ op: "set", at: "s1.i1.c1", set: { amount: -1 }, why: "按原文" }]);
    const r = await cli(["import", S001, "-o", join(dir, "bad-out.json"), "--decisions", file, "--part", "附件2"]);
    expect(r.code).toBe(2);
    const lines = r.err.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toMatch(/^应用决定后的考核细则无效 \/ the rubric the decisions make is invalid: .*sections\[0\]\.items\[0\]\.clauses\[0\]\.amount: expected a number > 0, got number -1$/);
  });

  test("a decisions file that is not one: its format problems, exit 2, before the table is read", async () => {
    const path = join(dir, "broken.json");
    writeFileSync(path, '{"format": 1, "decisions": [{"op": "set", "at": "s1", "set": {"points": 5}, "why": "because"}]}');
    const r = await cli(["import", join(dir, "no-such-table.txt"), "-o", join(dir, "x.json"), "--decisions", path]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^决定文件 \/ decisions file broken\.json: decisions\[0\]\.why: 决定文件格式错误 \/ expected the reason in Chinese/);
  });

  test("several tables in the file: --part is needed, and must name one; --part alone is a usage error", async () => {
    const out = join(dir, "p.json");
    const none = await cli(["import", S001, "-o", out, "--decisions", DECISIONS]);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/含 3 份评分表（附件2、附件3、附件4），请用 --part 指定/);
    const wrong = await cli(["import", S001, "-o", out, "--decisions", DECISIONS, "--part", "附件9"]);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/没有“附件9”/);
    expect((await cli(["import", S001, "-o", out, "--part", "附件2"])).code).toBe(1);
  });
});

describe("settle: by id only", () => {
  const entry = (where: string): ReviewEntry => ({ group: "分值", confidence: "中", where, line: 1, source: "", decision: "d" });
  test("an entry is settled by a decision naming its id; the whole table's entries and other ids stay open", () => {
    const { open, settled } = settle([entry("s1.i1"), entry(""), entry("s1.i1.c1"), entry("s2")], [
      { op: "set", at: "s1.i1", set: { points: 3 }, why: "按原文" },
      { op: "setRubric", set: { title: "表" }, why: "按原文" },
      { op: "insert", node: { id: "s2.i9" }, into: "s2", why: "按原文" },
      { op: "insert", node: { id: "s1.i0" }, before: "s1.i1", why: "按原文" },
    ]);
    expect(open.map((e) => e.where)).toEqual(["", "s1.i1.c1"]);
    expect(settled.map((s) => [s.entry.where, s.by])).toEqual([
      ["s1.i1", ["decisions[0] (set s1.i1)"]],
      ["s2", ["decisions[2] (insert s2.i9)"]],
    ]);
  });
});
