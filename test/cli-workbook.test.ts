/** The `template`, `inspect` and `score` commands: the contract in the README. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { main } from "../src/cli/main";
import { readFile, scoreJson, scoreText } from "../src/cli/workbook";
import { scoreRead } from "../src/layout/scored";
import { jsonText } from "../src/text/display";
import { editXlsx } from "./helpers/workbooks";
import { readFileSync } from "node:fs";
import fs from "node:fs";
import JSZip from "jszip";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";

const dir = mkdtempSync(join(tmpdir(), "safescore-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


/** Where the plan puts things: tests take cells from the layout map, never hard-coded. */
const jyj = plan(findRubric("lw2015-dept")!, "jyj", "区教育局").map;
const item = (id: string) => jyj.items.find((i) => i.id === id)!;
const clause = (id: string) => jyj.items.flatMap((i) => i.clauses).find((c) => c.id === id)!;
const at = (a: string | null) => `自评表!${a}`;

describe("template → fill → score", () => {
  const file = join(dir, "jyj.xlsx");

  test("template writes a blank official workbook; the variant can come from the unit's name", async () => {
    const r = await cli(["template", "--rubric", "lw2015-dept", "--unit", "区教育局", "-o", file]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain("区教育局");
  });

  test("--unprotected leaves the sheet unprotected (protection is on by default)", async () => {
    const plain = join(dir, "plain.xlsx");
    expect((await cli(["template", "--rubric", "qhd2016-party", "--unprotected", "-o", plain])).code).toBe(0);
    const xml = async (f: string) => (await JSZip.loadAsync(readFileSync(f))).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(await xml(plain)).not.toContain("<sheetProtection");
    expect(await xml(file)).toContain("<sheetProtection");
  });

  test("template without a variant for a per-department rubric lists the variants (exit 1)", async () => {
    const r = await cli(["template", "--rubric", "lw2015-dept", "-o", join(dir, "x.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("--variant jyj      区教育局");
  });

  test("inspect --json gives the layout map with Sheet!A1 cells", async () => {
    const r = await cli(["inspect", file, "--json"]);
    const map = JSON.parse(r.out);
    expect(map).toMatchObject({ sheet: "自评表", rubric: { id: "lw2015-dept", version: "2015.2" }, fields: { unitName: at(jyj.fields.unitName) }, totalCell: at(jyj.totalCell), tierCell: at(jyj.tierCell) });
    expect(map.rubric.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const i3 = map.items.find((i: { id: string }) => i.id === "i3");
    expect(i3).toMatchObject({ title: expect.stringContaining("3.按要求组织开展新《安全生产法》宣贯工作"), max: 24, scoreCell: at(item("i3").scoreCell), noteCell: at(item("i3").noteCell) });
    expect(i3.clauses.find((c: { id: string }) => c.id === "i3.c6b")).toEqual({
      id: "i3.c6b", text: "全年有4条以上信息被区级及以上安委办录用的，得3分。", kind: "award", amount: 3, cap: null, unit: null, inputCell: at(clause("i3.c6b").inputCell), countCell: null,
    });
    expect(map.vetoes).toEqual([]);
  });

  test("score --json after a user ticks, counts and writes notes", async () => {
    const filled = join(dir, "filled.xlsx");
    const map = JSON.parse((await cli(["inspect", file, "--json"])).out);
    const cellOf = (q: string) => q.split("!")[1];
    writeFileSync(
      filled,
      await editXlsx(readFileSync(file), (wb) => {
        const ws = wb.getWorksheet("自评表")!;
        ws.getCell(cellOf(map.items.find((i: { id: string }) => i.id === "i3").clauses.find((c: { id: string }) => c.id === "i3.c6b").inputCell)).value = "√";
        ws.getCell(cellOf(map.items.find((i: { id: string }) => i.id === "i3").noteCell)).value = "全年录用信息3条";
        ws.getCell(cellOf(map.fields.date)).value = "2015-07-22";
      }),
    );
    const r = await cli(["score", filled, "--json"]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ rubric: { id: "lw2015-dept", version: "2015.2" }, unit: "区教育局", total: 199, max: 200, tier: "优秀", veto: { fail: false, noExcellent: false, reasons: [] } });
    expect(s.sections).toEqual([{ id: "all", title: "龙湾区2015年度区有关单位安全生产目标管理责任制考核自评表", score: 199, max: 200 }]);
    expect(s.items.find((i: { id: string }) => i.id === "i3")).toMatchObject({ score: 23, max: 24 });
    expect(s.flags.map((f: { kind: string }) => f.kind)).not.toContain("unexplained-entry");
    expect(s.flags).toContainEqual({ kind: "missing-evidence", cell: at(item("i1").noteCell), message: expect.stringContaining("第1项"), messageEn: expect.any(String) });
    const text = await cli(["score", filled]);
    expect(text.out).toContain("总分：199 / 200");
    expect(text.out).toContain("等次：优秀");
  });
});

describe("choosing the variant from --unit (matchUnit)", () => {
  test("a name with the district before 区 matches, and the match is said on stderr", async () => {
    const f = join(dir, "lw-fuzzy.xlsx");
    const r = await cli(["template", "--rubric", "lw2015-dept", "--unit", "龙湾区教育局", "-o", f]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("按“区教育局”匹配到变体 jyj");
    expect(JSON.parse((await cli(["inspect", f, "--json"])).out).variant).toBe("jyj");
  });

  test("an unmatched --unit without --variant exits 1 with the nearest names", async () => {
    const r = await cli(["template", "--rubric", "lw2015-dept", "--unit", "龙湾区教委", "-o", join(dir, "x.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("你是不是要找：区教育局（--variant jyj）");
    expect(fs.existsSync(join(dir, "x.xlsx"))).toBe(false);
  });

  test("--variant with a unit listed under another variant is refused, naming the right one", async () => {
    const r = await cli(["template", "--rubric", "lw2015-dept", "--variant", "gaj", "--unit", "区教育局", "-o", join(dir, "x.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("--variant jyj");
  });

  test("--variant with a unit that is not listed at all is the user's choice", async () => {
    const r = await cli(["template", "--rubric", "lw2015-dept", "--variant", "gaj", "--unit", "某某派出所", "-o", join(dir, "gaj.xlsx")]);
    expect(r).toMatchObject({ code: 0, err: "" });
  });

  test("a --variant the rubric lacks exits 1 listing the valid ones", async () => {
    const r = await cli(["template", "--rubric", "lw2015-dept", "--variant", "nope", "-o", join(dir, "x.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("没有变体 nope");
    expect(r.err).toContain("--variant jyj      区教育局");
  });
});

describe("the score report names the variant", () => {
  test("text: 适用版本：区教育局（jyj）; JSON: variantTitle", async () => {
    const f = join(dir, "variant-line.xlsx");
    await cli(["template", "--rubric", "lw2015-dept", "--variant", "jyj", "-o", f]);
    expect((await cli(["score", f])).out.split("\n")).toContain("适用版本：区教育局（jyj）");
    expect(JSON.parse((await cli(["score", f, "--json"])).out)).toMatchObject({ variant: "jyj", variantTitle: "区教育局" });
    const plain = join(dir, "no-variants.xlsx");
    await cli(["template", "--rubric", "qhd2016-dept", "-o", plain]);
    expect((await cli(["score", plain])).out).not.toContain("适用版本");
    expect(JSON.parse((await cli(["score", plain, "--json"])).out)).toMatchObject({ variant: null, variantTitle: null });
  });
});

/** One line on stderr, no stack trace. */
const oneLine = (err: string) => {
  expect(err.trimEnd().split("\n")).toHaveLength(1);
  expect(err).not.toMatch(/^\s+at /m);
};

describe("files that cannot be read: exit 2, one line, never a stack trace", () => {
  test("a directory given as the file", async () => {
    const r = await cli(["score", dir]);
    expect(r.code).toBe(2);
    oneLine(r.err);
    expect(r.err).toContain("文件夹");
  });

  test("a directory given as the output", async () => {
    const r = await cli(["template", "--rubric", "qhd2016-dept", "-o", dir]);
    expect(r.code).toBe(2);
    oneLine(r.err);
  });

  test("a permission error", async () => {
    // Tests may run as root, where chmod 000 does not stop reading: the error is injected.
    const spy = jest.spyOn(fs, "readFileSync").mockImplementation(() => {
      throw Object.assign(new Error("EACCES: permission denied, open 'x.xlsx'"), { code: "EACCES", path: "x.xlsx" });
    });
    try {
      const r = await cli(["score", join(dir, "locked.xlsx")]);
      expect(r.code).toBe(2);
      oneLine(r.err);
      expect(r.err).toContain("没有权限");
    } finally {
      spy.mockRestore();
    }
  });

  test("a workbook whose recorded variant the rubric lacks", async () => {
    const f = join(dir, "bad-variant.xlsx");
    await cli(["template", "--rubric", "lw2015-dept", "--variant", "jyj", "-o", f]);
    const zip = await JSZip.loadAsync(readFileSync(f));
    const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
    const edited = strings.replace("<si><t>variant</t></si><si><t>jyj</t></si>", "<si><t>variant</t></si><si><t>nope</t></si>");
    expect(edited).not.toBe(strings);
    zip.file("xl/sharedStrings.xml", edited);
    writeFileSync(f, await zip.generateAsync({ type: "uint8array" }));
    for (const command of ["score", "inspect"]) {
      const r = await cli([command, f]);
      expect(r.code).toBe(2);
      oneLine(r.err);
      expect(r.err).toContain("nope");
      expect(r.err).toContain("适用单位版本");
      expect(r.err).not.toContain("内部错误");
    }
  });

  test("an internal error: one line; SAFESCORE_DEBUG=1 adds the stack", async () => {
    const boom = () => {
      throw new TypeError("boom\nsecond line");
    };
    let err = "";
    const code = await main(["rubrics"], boom, (s) => (err += s), {});
    expect(code).toBe(2);
    oneLine(err);
    expect(err).toBe("内部错误 / internal error: boom\\nsecond line\n");
    let debug = "";
    expect(await main(["rubrics"], boom, (s) => (debug += s), { SAFESCORE_DEBUG: "1" })).toBe(2);
    expect(debug).toMatch(/^\s+at /m);
  });
});

describe("text from the file is escaped in the text report, raw in JSON", () => {
  const forged = "某单位\n总分：200 / 200";
  // An .xlsx (XML 1.0) cannot hold ESC, so through a file come line breaks and bidi controls; ESC is injected below.
  const bidi = "\u202e红字\u2066";
  let file = "";
  let countCell = "";

  beforeAll(async () => {
    file = join(dir, "forged.xlsx");
    expect((await cli(["template", "--rubric", "qhd2016-dept", "--unit", forged, "-o", file])).code).toBe(0);
    const map = JSON.parse((await cli(["inspect", file, "--json"])).out);
    countCell = map.items.flatMap((i: { clauses: { countCell: string | null }[] }) => i.clauses).find((c: { countCell: string | null }) => c.countCell).countCell;
    writeFileSync(file, await editXlsx(readFileSync(file), (wb) => {
      wb.getWorksheet("自评表")!.getCell(countCell.split("!")[1]).value = bidi;
    }));
  });

  test("a unit name with a line break cannot forge a report line", async () => {
    const r = await cli(["score", file]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n").filter((l) => l.startsWith("总分：200"))).toEqual([]);
    expect(r.out).toContain("单位：某单位\\n总分：200 / 200");
  });

  test("a bidi override quoted in a flag never reaches stdout raw", async () => {
    const r = await cli(["score", file]);
    expect(r.out).not.toMatch(/[\u202e\u2066]/);
    expect(r.out).toContain("\\u202e红字\\u2066");
  });

  test("an ESC sequence in a unit name or a flag never reaches stdout raw", async () => {
    const scored = scoreRead(await readFile(file));
    const esc = "\x1b[2J\x1b]0;title\x07";
    scored.result.responses.fields = { ...scored.result.responses.fields, unitName: esc };
    scored.flags.push({ ...scored.flags[0], message: `当前为“${esc}”` });
    const text = scoreText(scored);
    expect([...text].filter((ch) => ch < " " && ch !== "\n")).toEqual([]);
    expect(text).toContain("单位：\\x1b[2J\\x1b]0;title\\x07");
    expect(text).toContain("当前为“\\x1b[2J");
    expect(JSON.parse(jsonText(scoreJson(scored))).unit).toBe(esc);
  });

  test("JSON keeps the raw strings (JSON escapes them itself)", async () => {
    const r = await cli(["score", file, "--json"]);
    expect(r.out).not.toMatch(/[\u202e\u2066]/);
    const s = JSON.parse(r.out);
    expect(s.unit).toBe(forged);
    expect(s.flags.find((f: { cell: string }) => f.cell === countCell).message).toContain(bidi);
  });
});
