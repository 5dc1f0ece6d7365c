/**
 * Local item points (issue 10, `template --points <csv>`, `consolidate --points <csv>`): an office sets its own
 * points for items the document prints none for (county2023's are derived, 参考分值). The return records them
 * beside the published version's fingerprint; the reader re-applies them; consolidation scores every return by
 * the office's points and reports a return whose recorded points differ.
 *
 * Hand computation (county2023 section 2, printed “（8分）”, items 2.1 and 2.2 derived at 4 each; every clause
 * ticked below is “…的，扣2分”): the office moves a point, 2.1 → 3 and 2.2 → 5. A return ticking both of 2.1's
 * 2-point clauses and one of 2.2's scores 2.1: max(0, 3 − 4) = 0, 2.2: 5 − 2 = 3, section 2: min(8, 0 + 3) = 3.
 * By the published points: 2.1: 4 − 4 = 0, 2.2: 4 − 2 = 2, section 2: 2. The total differs by exactly 1.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { findRubric } from "../src/rubric/library";
import { parsePointsCsv, PointsFileError } from "../src/rubric/points-csv";
import { withLocalPoints, PointsError } from "../src/rubric/points";
import { fingerprint } from "../src/rubric/fingerprint";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { planToXlsx } from "../src/xlsx/write";
import { openWorkbook } from "../src/xlsx/open";
import { findMetaSheet, metaPairs, parseMeta } from "../src/layout/format";
import { readWorkbook } from "../src/layout/read";
import { scoreRead } from "../src/layout/scored";
import { readReturn } from "../src/consolidate/from-read";
import { consolidate } from "../src/consolidate/roster";
import { DEFAULT_POLICY } from "../src/consolidate/policy";
import { score, type Responses } from "../src/scoring";
import { evaluatePlan } from "./helpers/hyperformula";
import { compareSheetWithEngine } from "./helpers/compare";
import { editXlsx } from "./helpers/workbooks";
import { cli } from "./helpers/cli";

const county = findRubric("county2023")!;
const utf8 = (s: string) => new TextEncoder().encode(s);
const OFFICE = { "s2.i1": 3, "s2.i2": 5 };
const responses: Responses = {
  fields: { unitName: "甲县" },
  clauses: { "s2.i1.c1": { ticked: true }, "s2.i1.c2": { ticked: true }, "s2.i2.c1": { ticked: true } },
  items: { "s2.i1": { note: "见附件" }, "s2.i2": { note: "见附件" } },
};

/** The problem lines of a points file (or [] when it parses). */
function problems(text: string | Uint8Array, rubric = county): string[] {
  try {
    parsePointsCsv(typeof text === "string" ? utf8(text) : text, "分值.csv", rubric);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(PointsFileError);
    return (e as PointsFileError).lines;
  }
}

describe("the points file", () => {
  test("by printed number or by id; UTF-8 with BOM and GBK alike; rows equal to the rubric's points are no override", () => {
    expect(parsePointsCsv(utf8("序号,分值\n2.1,3\n2.2,5\n"), "p.csv", county)).toEqual(OFFICE);
    expect(parsePointsCsv(utf8("\uFEFFid,分值\r\ns2.i2,5\r\ns2.i1,3\r\n"), "p.csv", county)).toEqual(OFFICE); // the rubric's order
    expect(parsePointsCsv(new Uint8Array(iconv.encode("序号,分值\r\n2.1,3\r\n2.2,5\r\n", "gbk")), "p.csv", county)).toEqual(OFFICE);
    expect(parsePointsCsv(utf8("序号,分值\n2.1,4\n2.2,5\n"), "p.csv", county)).toEqual({ "s2.i2": 5 });
  });

  test("each problem one bilingual line with its line number", () => {
    expect(problems("序号,分值\n12.9,3\n2.1,abc\n2.2,1.005\n39,2\n3,-1\n")).toEqual([
      "分值.csv 第2行：考核细则 county2023 中没有序号 “12.9”的考核项 / 分值.csv line 2: rubric county2023 has no item with number \"12.9\"",
      "分值.csv 第3行：分值“abc”不是数字 / 分值.csv line 3: points \"abc\" is not a number",
      "分值.csv 第4行：分值“1.005”不是 0.01 的整数倍 / 分值.csv line 4: points \"1.005\" is not a multiple of 0.01",
      "分值.csv 第5行：序号 “39”是减分项，没有分值可设 / 分值.csv line 5: number \"39\" is a penalty (减分项): it has no points to set",
      "分值.csv 第6行：分值“-1”不能为负数 / 分值.csv line 6: points \"-1\" cannot be negative",
    ]);
    // The same item twice, by number and by id.
    expect(problems("序号,id,分值\n2.1,,3\n,s2.i1,4\n")).toEqual([
      "分值.csv 第3行：与第2行是同一考核项（第2.1项） / 分值.csv line 3: sets the same item as line 2 (item 2.1)",
    ]);
    expect(problems("单位,分值\n2.1,3\n")[0]).toMatch(/^分值\.csv 第1行：第一行须为表头：序号（或 id）,分值 \//);
  });

  test("an item of a deduct section has no points of its own (001 附件2: 100 points, deduction rows)", () => {
    const party = findRubric("qhd2016-party")!;
    expect(problems("id,分值\ns1.i1,5\n", party)).toEqual([
      `分值.csv 第2行：考核项 s1.i1 属于扣分制考核项“${party.sections[0].title.slice(0, 20)}”（从本节 100 分中扣减），不能单独设分值 / 分值.csv line 2: item s1.i1 is in a "deduct" section (deductions from the section's 100 points): it has no points of its own`,
    ]);
  });

  test("a variant: same id and version, another fingerprint; the published rubric untouched", () => {
    const local = withLocalPoints(county, OFFICE);
    expect([local.id, local.version]).toEqual([county.id, county.version]);
    expect(fingerprint(local)).not.toBe(fingerprint(county));
    expect(county.sections[1].items![0].points).toBe(4);
    expect(() => withLocalPoints(county, { p39: 2 })).toThrow(PointsError);
  });
});

describe("scores with local points, by hand", () => {
  test("the engine and the sheet's formulas: 2.1 → 0, 2.2 → 3, section 2 → 3; the published points give 2", () => {
    const local = score(withLocalPoints(county, OFFICE), responses);
    const published = score(county, responses);
    const s2 = (r: typeof local) => r.sections.find((s) => s.id === "s2")!;
    expect(s2(local).items.map((i) => [i.id, i.points, i.score])).toEqual([["s2.i1", 3, 0], ["s2.i2", 5, 3]]);
    expect(s2(local).score).toBe(3);
    expect(s2(published).score).toBe(2);
    expect(local.total - published.total).toBe(1);
    // The sheet made with the points computes the same, cell by cell.
    const p = plan(county, undefined, undefined, { points: OFFICE });
    const hf = evaluatePlan(p, fillInputs(p, responses));
    try {
      expect(compareSheetWithEngine(withLocalPoints(county, OFFICE), responses, (a) => hf.get(a), p)).toEqual([]);
    } finally {
      hf.destroy();
    }
  });

  test("the sheet says where the points come from: 分值（本地） and a line of 填表说明; formats 1 and 2 cannot record them", () => {
    const p = plan(county, undefined, undefined, { points: OFFICE });
    expect(p.columns.find((c) => c.key === "points")!.header).toBe("分值（本地）");
    expect(plan(county).columns.find((c) => c.key === "points")!.header).toBe("参考分值");
    expect(p.cells.some((c) => typeof c.v === "string" && c.v.includes("分值（本地）：第2.1、2.2项的分值由考核机关按本地情况设定"))).toBe(true);
    expect(p.meta).toContainEqual(["points", '{"s2.i1":3,"s2.i2":5}']);
    expect(p.meta).toContainEqual(["fingerprint", fingerprint(county)]);
    expect(() => plan(county, undefined, undefined, { points: OFFICE, format: 2 })).toThrow(/格式 2 不能记录本地分值/);
  });
});

/** A return made with `points` (the unit's template), filled with `responses`. */
async function returnWith(points: Record<string, number> | undefined): Promise<Uint8Array> {
  const p = plan(county, undefined, "甲县", points ? { points } : {});
  return planToXlsx(p, fillInputs(p, responses));
}

describe("round trip through the reader", () => {
  test("the recorded points are re-applied to the recorded version: no changed-points, the local scores", async () => {
    const result = readWorkbook(await openWorkbook(await returnWith(OFFICE)), findRubric);
    expect(result.localPoints).toEqual(OFFICE);
    expect(result.publishedRubric).toBe(county);
    expect(result.problems).toEqual([]);
    const scored = scoreRead(result);
    expect(scored.report.sections.find((s) => s.id === "s2")!.score).toBe(3);
    expect(scored.flags.filter((f) => f.kind === "changed-points" || f.kind === "cached-total" || f.kind === "local-points")).toEqual([]);
  });

  test("score and inspect say the return uses local points", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safescore-points-"));
    try {
      const file = join(dir, "甲县.xlsx");
      writeFileSync(file, await returnWith(OFFICE));
      const text = await cli(["score", file]);
      expect(text.out).toContain("分值：本表使用本地分值（第2.1项 3 分（细则参考 4 分）、第2.2项 5 分（细则参考 4 分））");
      const json = JSON.parse((await cli(["score", file, "--json"])).out);
      expect(json.localPoints).toEqual(OFFICE);
      expect(json.rubric.fingerprint).toBe(fingerprint(county));
      expect(JSON.parse((await cli(["inspect", file, "--json"])).out).localPoints).toEqual(OFFICE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("recorded points in format 2, or for an item that cannot take them, make the return unreadable", async () => {
    const meta = (edits: Record<string, string>) => async (bytes: Uint8Array) =>
      editXlsx(bytes, (wb) => {
        const ws = wb.getWorksheet("_safescore")!;
        ws.eachRow((row) => {
          const k = String(row.getCell(1).value);
          if (k in edits) row.getCell(2).value = edits[k];
        });
      });
    const deduct = await meta({ points: '{"p39":3}' })(await returnWith(OFFICE));
    await expect(openWorkbook(deduct).then((g) => readWorkbook(g, findRubric))).rejects.toThrow(/记录的本地分值不适用于考核细则 county2023/);
    const grid = await openWorkbook(await returnWith(OFFICE));
    const pairs = metaPairs(findMetaSheet(grid)!).map(([k, v]) => (k === "planVersion" ? [k, "2"] : [k, v]) as [typeof k, typeof v]);
    expect(() => parseMeta(pairs)).toThrow(/“points”无效/);
  });
});

describe("consolidation does not take a return's points on its word", () => {
  test("a return claiming other points (its own template) is a problem line and scored by the office's", async () => {
    // The unit made its template with points that suit it: 2.1's loss is worth nothing, 2.2 raised.
    const forged = await returnWith({ "s2.i1": 0, "s2.i2": 8 });
    const byOffice = await readReturn(await returnWith(OFFICE), "honest.xlsx", { points: OFFICE });
    const caught = await readReturn(forged, "forged.xlsx", { points: OFFICE });
    if (!byOffice.ok || !caught.ok) throw new Error("expected both returns read");
    expect(caught.ret.total).toBe(byOffice.ret.total); // the office's points, whatever the return says
    expect(byOffice.ret.flags.filter((f) => f.kind === "local-points")).toEqual([]);
    const flag = caught.ret.flags.find((f) => f.kind === "local-points")!;
    expect(flag.message).toBe("本地分值与汇总所用不一致：自评表按第2.1项 0 分（细则参考 4 分）、第2.2项 8 分（细则参考 4 分），汇总按第2.1项 3 分（细则参考 4 分）、第2.2项 5 分（细则参考 4 分）计分");
    const roster = consolidate([caught], null, DEFAULT_POLICY);
    expect(roster.problems.map((p) => [p.kind, p.file])).toContainEqual(["local-points", "forged.xlsx"]);
    // The sheet's own total is not compared under other points (the flag says why).
    expect(caught.ret.flags.filter((f) => f.kind === "cached-total")).toEqual([]);
  });

  test("without --points, a return that records points is scored by the published ones, with the problem line", async () => {
    const local = await readReturn(await returnWith(OFFICE), "local.xlsx");
    const plain = await readReturn(await returnWith(undefined), "plain.xlsx");
    if (!local.ok || !plain.ok) throw new Error("expected both returns read");
    expect(local.ret.total).toBe(plain.ret.total);
    expect(local.ret.flags.find((f) => f.kind === "local-points")!.message).toMatch(/汇总按考核细则所列分值计分$/);
    expect(plain.ret.flags.some((f) => f.kind === "local-points")).toBe(false);
    // And the other way: the office has points, the return was made without them.
    const unaware = await readReturn(await returnWith(undefined), "plain.xlsx", { points: OFFICE });
    if (!unaware.ok) throw new Error("expected the return read");
    expect(unaware.ret.total).toBe(plain.ret.total + 1); // section 2: 3 by the office's points, 2 by the published
    expect(unaware.ret.flags.find((f) => f.kind === "local-points")!.message).toMatch(/^本地分值与汇总所用不一致：自评表按考核细则所列分值，汇总按第2\.1项 3 分/);
  });

  test("the command: --points goes with one --rubric; its problems are lines; the forged return is listed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safescore-points-"));
    try {
      writeFileSync(join(dir, "甲县.xlsx"), await returnWith({ "s2.i1": 0, "s2.i2": 8 }));
      const csv = join(dir, "分值.csv");
      writeFileSync(csv, "序号,分值\n2.1,3\n2.2,5\n");
      const out = join(dir, "roster.xlsx");
      expect((await cli(["consolidate", dir, "--points", csv, "-o", out])).code).toBe(1);
      const r = await cli(["consolidate", join(dir, "甲县.xlsx"), "--rubric", "county2023", "--points", csv, "-o", out, "--json"]);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out);
      expect(json.problems.map((p: { kind: string }) => p.kind)).toContain("local-points");
      const bad = join(dir, "bad.csv");
      writeFileSync(bad, "序号,分值\n2.1,x\n");
      const refused = await cli(["consolidate", dir, "--rubric", "county2023", "--points", bad, "-o", out]);
      expect(refused.code).toBe(2);
      expect(refused.err).toBe("bad.csv 第2行：分值“x”不是数字 / bad.csv line 2: points \"x\" is not a number\n");
      expect(readFileSync(csv, "utf8")).toContain("2.1"); // untouched
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
