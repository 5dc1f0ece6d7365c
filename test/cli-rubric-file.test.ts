/** `--rubric <file>`: a rubric the office brings, in template, inspect, score and consolidate (issue 10). */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { editXlsx } from "./helpers/workbooks";
import { main } from "../src/cli/main";
import { plan } from "../src/layout/plan";
import { META_SHEET } from "../src/layout/format";
import { parseRubric } from "../src/rubric/load";
import { fingerprint } from "../src/rubric/fingerprint";

const dir = mkdtempSync(join(tmpdir(), "safescore-rubricfile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const shipped = () => {
  const r = JSON.parse(readFileSync(join(__dirname, "..", "rubrics", "qhd2016-party.json"), "utf8"));
  delete r.$schema;
  return r;
};
/** The office's own table: 001 附件2 under its own id, the first rule deducting 8 instead of 10. */
const own = (version: string, amount = 8) => {
  const r = shipped();
  r.id = "my-party";
  r.version = version;
  r.sections[0].items[0].clauses[0].amount = amount;
  return r;
};
const put = (name: string, json: unknown) => {
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(json));
  return f;
};

const v1 = put("my-party.json", own("1"));
const v2 = put("my-party-2.json", own("2", 6));
const v1Other = put("my-party-1-other.json", own("1", 5));
const xlsx = (n: string) => join(dir, n);

describe("template, score and inspect with a rubric file", () => {
  beforeAll(async () => {
    expect((await cli(["template", "--rubric", v1, "-o", xlsx("own.xlsx")])).code).toBe(0);
    expect((await cli(["template", "--rubric", "qhd2016-party", "-o", xlsx("party.xlsx")])).code).toBe(0);
  });

  test("the return records the file rubric's id, version and fingerprint", async () => {
    const r = await cli(["inspect", xlsx("own.xlsx"), "--rubric", v1, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).rubric).toEqual({ id: "my-party", version: "1", fingerprint: fingerprint(parseRubric(own("1"), "x")) });
  });

  test("scored by the file's rules: 满分100 扣分制, the first rule ticked deducts 8 → 92", async () => {
    const map = plan(parseRubric(own("1"), "x"), undefined).map;
    const cell = map.items.find((i) => i.id === "s1.i1")!.clauses[0].inputCell!;
    const ticked = await editXlsx(readFileSync(xlsx("own.xlsx")), (wb) => {
      wb.getWorksheet("自评表")!.getCell(cell).value = "√";
    });
    writeFileSync(xlsx("own-ticked.xlsx"), ticked);
    const r = await cli(["score", xlsx("own-ticked.xlsx"), "--rubric", v1, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ rubric: { id: "my-party", version: "1" }, total: 92, max: 100 });
  });

  test("without --rubric: rubric not available, pass --rubric <file> (exit 2)", async () => {
    const r = await cli(["score", xlsx("own.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('rubric not available: "my-party" version "1" is not shipped — pass --rubric <file>');
    expect(r.err).toContain("请提供该考核细则文件");
  });

  test("a file of another version, or the same version with other scoring, is refused precisely", async () => {
    for (const f of [v2, v1Other]) {
      const r = await cli(["score", xlsx("own.xlsx"), "--rubric", f]);
      expect(r.code).toBe(2);
      expect(r.err).toContain("the return records rubric my-party 1");
      expect(r.err).toContain(`which is not the rubric file given (${f}: my-party`);
    }
  });

  test("--rubric names the rubric the return must be made from: another one is refused", async () => {
    const a = await cli(["score", xlsx("party.xlsx"), "--rubric", v1]);
    expect(a.code).toBe(2);
    expect(a.err).toContain("the return was made from rubric qhd2016-party 2016.1");
    const b = await cli(["score", xlsx("own.xlsx"), "--rubric", "qhd2016-party"]);
    expect(b.code).toBe(2);
    expect(b.err).toContain("not from the one given with --rubric (qhd2016-party)");
    expect((await cli(["score", xlsx("party.xlsx"), "--rubric", "qhd2016-party"])).code).toBe(0);
  });

  test("nothing a return says lowers a bar: a shipped id with another fingerprint is refused, --rubric or not", async () => {
    const forged = await editXlsx(readFileSync(xlsx("party.xlsx")), (wb) => {
      wb.getWorksheet(META_SHEET)!.eachRow((row) => {
        if (row.getCell(1).value === "fingerprint") row.getCell(2).value = "0".repeat(64);
      });
    });
    writeFileSync(xlsx("forged.xlsx"), forged);
    for (const extra of [[], ["--rubric", "qhd2016-party"]]) {
      const r = await cli(["score", xlsx("forged.xlsx"), ...extra]);
      expect(r.code).toBe(2);
      expect(r.err).toContain("本程序不含该版本（或该版本的计分内容被改动）");
    }
    // …and a file cannot claim a shipped version with other scoring content.
    const fake = shipped();
    fake.sections[0].items[0].clauses[0].amount = 9;
    const r = await cli(["score", xlsx("forged.xlsx"), "--rubric", put("fake.json", fake)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("rubric qhd2016-party version 2016.1 is shipped with different scoring content");
  });
});

describe("a bad --rubric value", () => {
  test("an invalid file: the file, the JSON path and the problem, on one line (exit 2)", async () => {
    const bad = own("1");
    bad.sections[0].items[4].clauses[0].amount = -1;
    const f = put("bad.json", bad);
    const r = await cli(["template", "--rubric", f, "-o", xlsx("x.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`考核细则文件无效 / invalid rubric file: ${f}: sections[0].items[4].clauses[0].amount: expected a number > 0, got number -1\n`);
  });

  test("a file over 4 MB is refused before it is parsed", async () => {
    const f = join(dir, "huge.json");
    writeFileSync(f, " ".repeat(4 * 1024 * 1024 + 1));
    const r = await cli(["score", xlsx("own.xlsx"), "--rubric", f]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("too large (4194305 bytes; at most 4 MB)");
  });

  test("a missing .json file, and an unknown id (a usage error, exit 1)", async () => {
    const a = await cli(["template", "--rubric", join(dir, "nope.json"), "-o", xlsx("x.xlsx")]);
    expect(a).toMatchObject({ code: 2 });
    expect(a.err).toContain("找不到文件或文件夹 / no such file or folder");
    const b = await cli(["template", "--rubric", "nope", "-o", xlsx("x.xlsx")]);
    expect(b.code).toBe(1);
    expect(b.err).toContain("unknown rubric nope: give a shipped id or a rubric file (.json)");
  });
});

describe("consolidate with --rubric, repeated for mixed returns", () => {
  const folder = join(dir, "returns");
  beforeAll(async () => {
    mkdirSync(folder);
    await cli(["template", "--rubric", v1, "--unit", "甲县", "-o", join(folder, "a.xlsx")]);
    await cli(["template", "--rubric", "qhd2016-party", "--unit", "乙县", "-o", join(folder, "b.xlsx")]);
    copyFileSync(xlsx("own.xlsx"), join(folder, "c.xlsx"));
  });
  const run = async (args: string[], inProcessMax?: number) => {
    let out = "";
    let err = "";
    const env = { ...process.env, SAFESCORE_IN_PROCESS_MAX: inProcessMax === undefined ? undefined : String(inProcessMax) };
    const code = await main(["consolidate", folder, "-o", join(dir, "roster.xlsx"), "--json", ...args], (s) => (out += s), (s) => (err += s), env, null);
    return { code, out: code === 0 ? JSON.parse(out) : null, err };
  };

  test.each([["in-process", undefined], ["worker pool", 0]])("both rubrics given (%s): both groups read", async (_name, max) => {
    const r = await run(["--rubric", v1, "--rubric", "qhd2016-party"], max);
    expect(r.code).toBe(0);
    expect(r.out.groups.map((g: { rubric: { id: string } }) => g.rubric.id).sort()).toEqual(["my-party", "qhd2016-party"]);
    expect(r.out.problems.filter((p: { kind: string }) => p.kind === "unreadable")).toEqual([]);
  }, 60_000);

  test("without --rubric the file rubric's returns are listed: pass --rubric <file>", async () => {
    const r = await run([]);
    const unreadable = r.out.problems.filter((p: { kind: string }) => p.kind === "unreadable");
    expect(unreadable.map((p: { file: string }) => p.file).sort()).toEqual([join(folder, "a.xlsx"), join(folder, "c.xlsx")]);
    expect(unreadable[0].message).toContain("pass --rubric <file>");
  });

  test("only the file given: the shipped rubric's return is listed as not made from it", async () => {
    const r = await run(["--rubric", v1]);
    const unreadable = r.out.problems.filter((p: { kind: string }) => p.kind === "unreadable");
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatchObject({ file: join(folder, "b.xlsx"), message: expect.stringContaining("not from the one given with --rubric") });
  });

  test("a bad rubric file stops the command before any return is read (exit 2)", async () => {
    const r = await run(["--rubric", join(dir, "nope.json")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("no such file or folder");
  });
});
