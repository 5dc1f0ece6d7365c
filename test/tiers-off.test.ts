/**
 * Tiers are a policy (SCORING.md): 000 prints none and 001's belong to the office. A policy may turn them off
 * (`tiers: null`): the engine then gives no tier and no policy, and the sheet has no tier row — its other
 * figures unchanged. With tiers on, the sheet shows a reference tier (参考等次) with its thresholds.
 */
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { score } from "../src/scoring";
import { fillInputs } from "../src/layout/fill";
import { evaluatePlan } from "./helpers/hyperformula";
import { compareSheetWithEngine } from "./helpers/compare";
import { join } from "node:path";
import { readFile } from "../src/cli/workbook";
import { scoreRead } from "../src/layout/scored";
import { GOLDEN_ROOT } from "./helpers/golden";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { cli } from "./helpers/cli";
import { openWorkbook } from "../src/xlsx/open";
import { findMetaSheet, metaPairs } from "../src/layout/format";
import { readWorkbook } from "../src/layout/read";
import { readReturn } from "../src/consolidate/from-read";
import { planToXlsx } from "../src/xlsx/write";

const lw = findRubric("lw2015-dept")!;
const award = "i3.c6b"; // 000 indicator 3, "全年有4条以上信息被…录用的，得3分": 26 points of sub-items under 24, so 23 (SCORING.md)

test("the engine: tiers null → no tier and no policy; the figures are the same", () => {
  const responses = { variant: "jyj", clauses: { [award]: { ticked: true } } };
  const on = score(lw, responses);
  const off = score(lw, responses, { tiers: null });
  expect(on.tier).toBe("excellent");
  expect(on.tierPolicy).toEqual({ excellent: 90, good: 80, pass: 60 });
  expect(off.tier).toBeNull();
  expect(off.tierPolicy).toBeNull();
  expect({ ...off, tier: on.tier, tierPolicy: on.tierPolicy }).toEqual(on);
});

test("the sheet: tiers null → no tier row; otherwise a 参考等次 row with its thresholds, no “90.” artefacts", () => {
  const off = plan(lw, "jyj", undefined, { tiers: null });
  expect(off.map.tierCell).toBeNull();
  expect(off.rows.some((r) => r.kind === "total" && r.id === "tier")).toBe(false);
  expect(off.cells.some((c) => typeof c.v === "string" && c.v.includes("等次"))).toBe(false);
  const on = plan(lw, "jyj", undefined, { tiers: { excellent: 95, good: 87.5, pass: 60 } });
  const row = on.rows.find((r) => r.kind === "total" && r.id === "tier")!.row;
  const texts = on.cells.filter((c) => c.s !== "id" && c.a.endsWith(String(row)) && typeof c.v === "string").map((c) => c.v);
  expect(texts).toEqual(["参考等次（优秀≥95%，良好≥87.5%，合格≥60%）"]);
  expect(on.cells.filter((c) => c.numFmt?.includes("0.##"))).toEqual([]);
});

test("the sheet's figures equal the engine with tiers off (HyperFormula)", () => {
  const responses = { variant: "jyj", clauses: { [award]: { ticked: true } }, items: { i3: { note: "见附件" } } };
  const p = plan(lw, "jyj", undefined, { tiers: null });
  const ev = evaluatePlan(p, fillInputs(p, responses));
  expect(compareSheetWithEngine(lw, responses, ev.get, p, { tiers: null })).toEqual([]);
  expect(ev.get(p.map.totalCell!)).toBe(199);
  ev.destroy();
});

test("a return read with tiers off: no tier, and the sheet's own tier cell is not held against it", async () => {
  const file = join(GOLDEN_ROOT, "format-3", "lw2015-dept-jyj.lo.xlsx");
  const on = scoreRead(await readFile(file));
  const off = scoreRead(await readFile(file), { tiers: null });
  expect(on.report.tier).toBe("good");
  expect(off.report.tier).toBeNull();
  expect(off.report.tierPolicy).toBeNull();
  expect(off.flags).toEqual(on.flags);
  expect(off.report.total).toBe(on.report.total);
});

describe("a template made without its reference tier (template --no-tiers): the policy travels with the return", () => {
  let dir: string;
  let offFile: string;
  let onFile: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "safescore-no-tiers-"));
    [offFile, onFile] = [join(dir, "off.xlsx"), join(dir, "on.xlsx")];
    expect(await cli(["template", "--rubric", "lw2015-dept", "--unit", "区教育局", "--no-tiers", "-o", offFile])).toMatchObject({ code: 0 });
    expect(await cli(["template", "--rubric", "lw2015-dept", "--unit", "区教育局", "-o", onFile])).toMatchObject({ code: 0 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const metaOf = async (file: string) => {
    const g = await openWorkbook(new Uint8Array(readFileSync(file)));
    return metaPairs(findMetaSheet(g)!);
  };

  test("it records referenceTier off, has no tier row, reads clean and scores without a tier", async () => {
    expect((await metaOf(offFile)).filter(([k]) => k === "referenceTier")).toEqual([["referenceTier", "off"]]);
    expect((await metaOf(onFile)).some(([k]) => k === "referenceTier")).toBe(false);
    const scored = scoreRead(await readFile(offFile));
    expect(scored.result.map.tierCell).toBeNull();
    expect(scored.flags.filter((f) => f.kind !== "missing-field" && f.kind !== "missing-evidence")).toEqual([]);
    expect([scored.report.tier, scored.report.tierPolicy]).toEqual([null, null]);
    const text = (await cli(["score", offFile])).out;
    expect(text).not.toContain("参考等次");
    expect(JSON.parse((await cli(["score", offFile, "--json"])).out)).toMatchObject({ tier: null, tierPolicy: null });
    const filledOn = join(dir, "on-filled.xlsx");
    writeFileSync(filledOn, await filledCopy(onFile));
    expect((await cli(["score", filledOn])).out).toContain("参考等次：优秀");
  });

  test("the office's consolidation still gives it a tier: its own policy's, else the rubric's (a return cannot hide one)", async () => {
    const bytes = new Uint8Array(readFileSync(offFile));
    const r = await readReturn(bytes, offFile);
    expect(r.ok && r.ret.state).toBe("unfilled");
    const filled = await readReturn(await filledCopy(offFile), offFile);
    expect(filled.ok && filled.ret.tier).toBe("excellent");
    const own = await readReturn(await filledCopy(offFile), offFile, { tiers: { excellent: 100, good: 99.9, pass: 99.8 } });
    expect(own.ok && own.ret.tier).toBe("fail");
  });

  test("referenceTier is strict: only off, only from format 3", async () => {
    const g = await openWorkbook(new Uint8Array(readFileSync(offFile)));
    const m = findMetaSheet(g)!;
    const row = [...m.cells].find(([, c]) => c.value === "referenceTier")![0].replace(/^A/, "");
    m.cells.set(`B${row}`, { value: "on" });
    expect(() => readWorkbook(g, findRubric)).toThrow(/“referenceTier”无效/);
    const p2 = plan(lw, "jyj", "区教育局", { format: 2 });
    const g2 = await openWorkbook(await planToXlsx(p2));
    const m2 = findMetaSheet(g2)!;
    m2.cells.set("A40", { value: "referenceTier" });
    m2.cells.set("B40", { value: "off" });
    expect(() => readWorkbook(g2, findRubric)).toThrow(/“referenceTier”无效/);
  });
});

/** A copy of a template filled in as a unit would: 000's award sub-item i3.c6b ticked 未落实 with a note (199 of 200, 99.5% → 优秀). */
async function filledCopy(file: string): Promise<Uint8Array> {
  const g = await openWorkbook(new Uint8Array(readFileSync(file)));
  const p = readWorkbook(g, findRubric).plan;
  return planToXlsx(p, fillInputs(p, { variant: "jyj", fields: { unitName: "区教育局" }, clauses: { [award]: { ticked: true } }, items: { i3: { note: "信息录用不足4条" } } }));
}
