/**
 * The offline page's pure parts: the chart's score bands, which dropped files are read (the command line's
 * folder rule), and the page Worker's 检查回执 message (a real return, read and scored in-process).
 */
import { scoreBands } from "../src/page/chart-data";
import { returnsToRead } from "../src/page/files";
import { pageWorker, type FromPageWorker } from "../src/page/worker";
import { rubricFromText } from "../src/taskpane/rubric-file";
import { workbookFor } from "./helpers/workbooks";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { planToXlsx } from "../src/xlsx/write";
import { cli } from "./helpers/cli";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("scoreBands", () => {
  test("10-point bands from the lowest score's band to the highest's; 100 counts in 90–100", () => {
    // 58 → 50–60; 61, 69.5 → 60–70; 90, 100 → 90–100; 70–80 and 80–90 empty but shown.
    expect(scoreBands([58, 61, 69.5, 90, 100], 100)).toEqual({
      width: 10,
      bands: [
        { from: 50, to: 60, units: 1 },
        { from: 60, to: 70, units: 2 },
        { from: 70, to: 80, units: 0 },
        { from: 80, to: 90, units: 0 },
        { from: 90, to: 100, units: 2 },
      ],
    });
  });

  test("a score on a band's lower edge opens that band (80 is in 80–90)", () => {
    expect(scoreBands([79.99, 80], 100).bands).toEqual([
      { from: 70, to: 80, units: 1 },
      { from: 80, to: 90, units: 1 },
    ]);
  });

  test("without a top (raw totals), a score on a multiple of 10 opens its own band", () => {
    expect(scoreBands([95, 100]).bands).toEqual([
      { from: 90, to: 100, units: 1 },
      { from: 100, to: 110, units: 1 },
    ]);
  });

  test("a wide scale (千分制) doubles the band until at most 12 remain", () => {
    // 400–990 in 10s is 60 bands; 20s 30; 40s 15; 80s: ⌊400/80⌋ = 5 … ⌊990/80⌋ = 12 → 8 bands, 400–480 … 960–1040.
    const { width, bands } = scoreBands([400, 990], 1000);
    expect(width).toBe(80);
    expect(bands.length).toBe(8);
    expect(bands[0]).toEqual({ from: 400, to: 480, units: 1 });
    expect(bands[7]).toEqual({ from: 960, to: 1040, units: 1 });
  });

  test("no scores, no bands", () => {
    expect(scoreBands([]).bands).toEqual([]);
  });
});

describe("returnsToRead", () => {
  const f = (path: string) => ({ path, file: path });
  test(".xlsx only; lock files, hidden files and folders skipped and counted; each path once; code-point order", () => {
    const { files, skipped } = returnsToRead([f("回执/b.xlsx"), f("回执/~$b.xlsx"), f("回执/.x.xlsx"), f(".git/a.xlsx"), f("回执/说明.docx"), f("回执/A.XLSX"), f("回执/b.xlsx"), f("a.xlsx")]);
    expect(files.map((x) => x.path)).toEqual(["a.xlsx", "回执/A.XLSX", "回执/b.xlsx"]);
    expect(skipped).toBe(4);
  });
});

describe("the page Worker's check message", () => {
  async function check(bytes: Uint8Array, name: string) {
    const posted: FromPageWorker[] = [];
    const handle = pageWorker((m) => posted.push(m));
    await handle({ type: "check", name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, locale: "zh-CN" });
    expect(posted).toHaveLength(1);
    expect(posted[0].type).toBe("checked");
    return (posted[0] as Extract<FromPageWorker, { type: "checked" }>).outcome;
  }

  test("a return with an invalid count: 300 / 300 待更正, the count's cell first among the flags", async () => {
    // qhd2016-gov s1.i1: a count of "三" is invalid and scored as blank, so every point stands.
    const outcome = await check(await workbookFor("qhd2016-gov", { clauses: { "s1.i1.c1": { count: "三" } } }, "某县"), "某县.xlsx");
    if (!outcome.ok) throw new Error(outcome.message);
    const countCell = plan(findRubric("qhd2016-gov")!, undefined).map.items.flatMap((i) => i.clauses).find((c) => c.id === "s1.i1.c1")!.countCell;
    expect([outcome.summary.total, outcome.summary.max, outcome.summary.state, outcome.summary.tierHeadline?.value]).toEqual([300, 300, "provisional", "待更正"]);
    expect(outcome.unit).toBe("某县");
    expect(outcome.flags[0].cell).toBe(`自评表!${countCell}`);
    expect(outcome.flags[0].message).toContain("当前为“三”");
    expect(outcome.losses[0]).toMatch(/：40 \/ 40$/);
  });

  test("a file that is not a workbook: not ok, the reader's one line", async () => {
    const outcome = await check(new TextEncoder().encode("hello"), "x.xlsx");
    expect(outcome).toEqual({ ok: false, file: "x.xlsx", message: "不是 .xlsx 文件（不是 zip 压缩格式） / not an .xlsx file (not a zip archive)" });
  });

  test("a reviewed return (format 4): the 核定 block, line for line as `score` prints it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safescore-page-review-"));
    try {
      // qhd2016-dept with its first fixed clause ticked, reviewed by `safescore review` (核定 = 自评 at first).
      const rubric = findRubric("qhd2016-dept")!;
      const p = plan(rubric, undefined, "某单位", { format: 3 });
      const fixed = p.map.items.flatMap((i) => i.clauses).find((c) => c.kind === "fixed")!;
      const ret = join(dir, "return.xlsx");
      writeFileSync(ret, await planToXlsx(p, fillInputs(p, { fields: { unitName: "某单位" }, clauses: { [fixed.id]: { ticked: "√" } } })));
      const reviewed = join(dir, "reviewed.xlsx");
      expect((await cli(["review", ret, "-o", reviewed])).code).toBe(0);
      const text = (await cli(["score", reviewed])).out.trimEnd().split("\n");
      const cliBlock = text.slice(text.indexOf("核定（考核组）："));
      const outcome = await check(new Uint8Array(readFileSync(reviewed)), "reviewed.xlsx");
      if (!outcome.ok) throw new Error(outcome.message);
      expect(cliBlock).toContain("核定与自评相同。");
      expect(outcome.review).toEqual(cliBlock);
      // Not reviewed: no block.
      const plain = await check(new Uint8Array(readFileSync(ret)), "return.xlsx");
      expect(plain.ok && plain.review).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a return made from the office's own rubric file: unreadable until that file is loaded, then scored by it", async () => {
    // qhd2016-party under its own id, its first rule deducting 8 instead of 10 (as cli-rubric-file.test.ts).
    const json = JSON.parse(readFileSync(join(__dirname, "..", "rubrics", "qhd2016-party.json"), "utf8"));
    delete json.$schema;
    json.id = "my-party";
    json.version = "1";
    json.sections[0].items[0].clauses[0].amount = 8;
    const text = JSON.stringify(json);
    const given = rubricFromText("my-party.json", text);
    if (!given.ok) throw new Error(given.problems.join("\n"));
    const p = plan(given.rubric, undefined, "某县");
    const first = p.map.items[0].clauses[0].id;
    const bytes = await planToXlsx(p, fillInputs(p, { clauses: { [first]: { ticked: "√" } } }));

    const before = await check(bytes, "my.xlsx");
    expect(before.ok).toBe(false);
    expect(!before.ok && before.message).toContain("my-party");

    const posted: FromPageWorker[] = [];
    const handle = pageWorker((m) => posted.push(m));
    await handle({ type: "rubrics", files: [{ name: "bad.json", text: "{" }, { name: "my-party.json", text }] });
    expect(posted).toHaveLength(1);
    const problems = (posted[0] as Extract<FromPageWorker, { type: "rubrics" }>).problems;
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((x) => x.startsWith("bad.json: "))).toBe(true);

    const after = await check(bytes, "my.xlsx");
    if (!after.ok) throw new Error(after.message);
    // 100 points, the ticked first rule costs the file's 8 (not the shipped 10).
    expect([after.rubric.id, after.summary.total, after.summary.max]).toEqual(["my-party", 92, 100]);
  });
});
