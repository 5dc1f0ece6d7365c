/** Messages a clerk reads (issue 9): quotes that nest as Chinese text does, the sheet's words, one-line errors. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { score } from "../src/scoring";
import { quoted } from "../src/scoring/score";
import { findRubric } from "../src/rubric/library";
import { fsErrorLine } from "../src/text/fs-error";
import { award, fixed, item, rubric, section } from "./helpers/factory";

const dir = mkdtempSync(join(tmpdir(), "safescore-msg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("quotes inside quotes turn to ‘’", () => {
  test("quoted()", () => {
    expect(quoted("部门内部建立“一岗双责”安全生产责任")).toBe("“部门内部建立‘一岗双责’安全生产责任”");
    expect(quoted("无引号")).toBe("“无引号”");
  });

  test("001's flag on 部门内部建立“一岗双责”… nests no “ inside “", () => {
    const gov = findRubric("qhd2016-gov")!;
    const flags = score(gov, { clauses: { "s1.i1.c1": { count: 1 } } }).flags.map((f) => f.message);
    expect(flags).toContainEqual(expect.stringContaining("“部门内部建立‘一岗双责’安全生产责任…”未填写自评情况"));
    for (const m of flags) expect(m).not.toMatch(/“[^”]*“/);
  });
});

describe("the engine says what the sheet's 状态 column says (此条, 次数)", () => {
  const r = rubric([section([item("a", 10, [fixed("a1", 3)]), item("b", 5, [award("b1", 5)])])]);
  test.each([
    ["a1", "此条按勾选扣分，不填次数"],
    ["b1", "此条按勾选计分，不填次数"],
  ])("%s with a count", (id, text) => {
    const flags = score(r, { clauses: { [id]: { count: 2 } } }).flags;
    expect(flags.map((f) => f.message)).toContainEqual(expect.stringContaining(text));
  });
});

describe("file errors name what is missing", () => {
  const enoent = Object.assign(new Error("ENOENT"), { code: "ENOENT" });
  test("writing into a missing folder names the folder, reading a missing file the file", () => {
    expect(fsErrorLine("/no/such/dir/out.xlsx", enoent, "write")).toBe("找不到输出文件夹 / no such output folder: /no/such/dir（/no/such/dir/out.xlsx）");
    expect(fsErrorLine("/no/such/in.xlsx", enoent)).toBe("找不到文件或文件夹 / no such file or folder: /no/such/in.xlsx");
  });

  test("template -o into a missing folder: exit 2, one line", async () => {
    const out = join(dir, "missing", "x.xlsx");
    const r = await cli(["template", "--rubric", "qhd2016-dept", "-o", out]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`找不到输出文件夹 / no such output folder: ${join(dir, "missing")}（${out}）\n`);
  });
});

describe("usage errors", () => {
  test("say what is wrong and point to help, without reprinting the usage block", async () => {
    for (const args of [["frobnicate"], ["template", "--rubric"], ["template", "--rubric", "qhd2016-dept"]]) {
      const r = await cli(args);
      expect(r.code).toBe(1);
      expect(r.err).not.toContain("用法 / usage");
      expect(r.err.trimEnd().split("\n").at(-1)).toBe("用法见 safescore help / run safescore help for usage");
    }
    expect((await cli(["help"])).out).toContain("用法 / usage");
  });

  test("a --unit starting with “-” is a unit's name; another option is a missing value", async () => {
    for (const [args, unit] of [
      [["--unit", "-某单位"], "-某单位"],
      [["--unit=-x"], "-x"],
    ] as const) {
      const f = join(dir, `${unit}.xlsx`);
      expect(await cli(["template", "--rubric", "qhd2016-dept", ...args, "-o", f])).toMatchObject({ code: 0, err: "" });
      expect(JSON.parse((await cli(["score", f, "--json"])).out).unit).toBe(unit);
    }
    const r = await cli(["template", "--rubric", "qhd2016-dept", "--unit", "-o", join(dir, "y.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("--unit 需要一个值");
  });
});
