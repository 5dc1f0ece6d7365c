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
