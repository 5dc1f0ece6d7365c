/**
 * Sheet format 4 (核定) in a real spreadsheet application: LibreOffice Calc headless, forced recalculation.
 * - Formula truth: random fills of the unit's and the assessors' cells, written as .xlsx with no cached results,
 *   recalculated by Calc and read back: the 核定 cells (values, item scores, markers, subtotals, total, percent,
 *   veto, tier) equal the engine on the 核定 entries, the unit's cells on the unit's.
 * - Round trip: a return reviewed (ExcelJS), the assessors' changes typed, converted xlsx → xlsx by Calc, read:
 *   both scores and the differences intact, the cached figures Calc wrote agreeing with the engine.
 */
import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { findRubric, shippedRubrics } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook } from "../src/layout/read";
import { reviewPlan } from "../src/layout/review";
import { scoreRead } from "../src/layout/scored";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import type { Rubric } from "../src/rubric/schema";
import type { InputValue, Responses } from "../src/scoring";
import { engineResponses } from "./helpers/typed";
import { typedXlsx } from "./helpers/typed-xlsx";
import { describeWithTool } from "./helpers/tools";
import { disposeProfile, readValues, recalcMany } from "./helpers/libreoffice";
import { compareReviewWithEngine, fillReview, reviewPairArb } from "./helpers/review";
import { rubric004 } from "./helpers/rubric004";

const FILLS = Number(process.env.LIBREOFFICE_FILLS ?? 3);

/** An .xlsx cannot hold a lone CR (XML reads it as LF). */
const inFile = (v: InputValue): InputValue => (typeof v === "string" ? v.replace(/\r/g, "\n") : v);
function sanitise(r: Responses): Responses {
  const map = <T>(o: Record<string, T> | undefined, f: (v: T) => T) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, f(v)]));
  return {
    variant: r.variant,
    fields: map(r.fields, inFile),
    items: map(r.items, (i) => ({ ...i, note: inFile(i.note), answer: inFile(i.answer), selected: inFile(i.selected) })),
    clauses: map(r.clauses, (c) => ({ ...c, ticked: inFile(c.ticked), count: inFile(c.count), amount: inFile(c.amount) })),
    vetoes: map(r.vetoes, inFile),
  };
}
/** LibreOffice has no Boolean cells: a FALSE alone in a count cell is an entry there (the known disagreement of format 3, kept by 4). */
const noFalseCount = (r: Responses): Responses => ({
  ...r,
  clauses: Object.fromEntries(Object.entries(r.clauses ?? {}).map(([k, c]) => [k, { ...c, ...(c.count === false ? { count: undefined } : {}), ...(c.amount === false ? { amount: undefined } : {}) }])),
});

/** Whether a cell of the first sheet of an .xlsx is locked, from its style's <protection> (locked unless it says otherwise). */
function lockedOf(bytes: Uint8Array): (a: string) => boolean {
  const files = unzipSync(bytes);
  const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]);
  const styles = strFromU8(files["xl/styles.xml"]);
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].match(/<xf [^>]*\/>|<xf [\s\S]*?<\/xf>/g)!;
  return (a) => {
    const s = Number(new RegExp(`<c r="${a}"[^>]*?s="(\\d+)"`).exec(sheet)?.[1] ?? 0);
    const locked = /<protection[^>]*locked="([^"]*)"/.exec(xfs[s])?.[1];
    return !(locked === "0" || locked === "false");
  };
}

describeWithTool("libreoffice", "format 4 (核定) in LibreOffice Calc", () => {
  afterAll(async () => {
    await disposeProfile();
  });

  test("random fills of both sides: the 核定 and 自评 cells equal the engine", async () => {
    const rubrics: Rubric[] = [...shippedRubrics().filter((r) => r.sections.some((s) => s.items?.length) && r.id !== "county2023"), rubric004()];
    const cases = rubrics.flatMap((rubric, k) =>
      fc.sample(reviewPairArb(rubric, { typed: true }), { numRuns: FILLS, seed: 4242 + k }).map(([u, r]) => ({ rubric, unit: noFalseCount(sanitise(u)), review: noFalseCount(sanitise(r)) })),
    );
    const dir = mkdtempSync(join(tmpdir(), "safescore-review-lo-"));
    try {
      const files: string[] = [];
      const plans = cases.map((c) => plan(c.rubric, c.unit.variant, undefined, { format: 4 }));
      for (const [k, c] of cases.entries()) {
        const file = join(dir, `fill${k}.xlsx`);
        writeFileSync(file, await typedXlsx(plans[k], fillReview(plans[k], c.unit, c.review)));
        files.push(file);
      }
      const outputs = await recalcMany(files, join(dir, "out"));
      const mismatches: string[] = [];
      for (const [k, c] of cases.entries()) {
        const values = await readValues(outputs[k], plans[k].sheetName);
        const get = (a: string) => values.get(a) ?? null;
        const m = compareReviewWithEngine(c.rubric, engineResponses(c.unit, 4), engineResponses(c.review, 4), (a) => (get(a) === null ? "" : get(a)), plans[k]);
        mismatches.push(...m.map((x) => `${c.rubric.id} fill ${k}: ${x}`));
      }
      expect(mismatches).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);

  test("round trip: review → Calc (xlsx → xlsx, recalculated) → read: both scores and the differences intact", async () => {
    const rubric = findRubric("qhd2016-dept")!;
    const p3 = plan(rubric, undefined, "某单位", { format: 3 });
    const clauses = p3.map.items.flatMap((i) => i.clauses);
    const fixed = clauses.filter((c) => c.kind === "fixed");
    const counted = clauses.find((c) => c.kind === "counted")!;
    const ret = await planToXlsx(p3, fillInputs(p3, {
      fields: { unitName: "某单位" },
      items: Object.fromEntries(p3.map.items.map((i) => [i.id, { note: "见台账" }])),
      clauses: { [fixed[0].id]: { ticked: "√" }, [counted.id]: { ticked: "√", count: 1 } },
    }));
    const original = scoreRead(readWorkbook(await xlsxToGrid(ret), () => rubric));
    const { plan: p, inputs } = reviewPlan(readWorkbook(await xlsxToGrid(ret), () => rubric));
    const c0 = p.map.items.flatMap((i) => i.clauses).find((c) => c.id === fixed[0].id)!;
    const cc = p.map.items.flatMap((i) => i.clauses).find((c) => c.id === counted.id)!;
    const c1 = p.map.items.flatMap((i) => i.clauses).find((c) => c.id === fixed[1].id)!;
    // The assessors: un-tick the first fixed clause, tick the second, count 3 where the unit said 1; with notes.
    inputs.set(c0.review!.inputCell, null);
    inputs.set(c0.review!.noteCell, "现场核实已落实");
    inputs.set(c1.review!.inputCell, "√");
    inputs.set(cc.review!.countCell, 3);
    inputs.set(cc.review!.noteCell, "核实为3次");
    const dir = mkdtempSync(join(tmpdir(), "safescore-review-rt-"));
    try {
      const file = join(dir, "reviewed.xlsx");
      writeFileSync(file, await planToXlsx(p, inputs));
      const before = scoreRead(readWorkbook(await xlsxToGrid(new Uint8Array(readFileSync(file))), () => rubric));
      const [out] = await recalcMany([file], join(dir, "out"));
      const after = scoreRead(readWorkbook(await xlsxToGrid(new Uint8Array(readFileSync(out))), () => rubric));
      expect(after.result.format).toBe(4);
      expect(after.result.problems).toEqual([]);
      expect(after.report.total).toBe(original.report.total);
      expect(after.review!.report.total).toBe(before.review!.report.total);
      expect(after.review!.report.total).not.toBe(original.report.total);
      expect(after.review!.differences).toEqual(before.review!.differences);
      expect(after.review!.differences.length).toBeGreaterThanOrEqual(2);
      expect(after.review!.differences.map((d) => d.note)).toEqual(expect.arrayContaining(["现场核实已落实", "核实为3次"]));
      // Calc's cached figures are the engine's: no tampering flag on either side.
      expect(after.result.cached.total).toBe(after.report.total);
      expect(after.result.review!.cached.total).toBe(after.review!.report.total);
      expect([...after.flags, ...after.review!.flags].filter((f) => f.kind === "cached-total")).toEqual([]);
      // The markers Calc computed: on the differing items only.
      const values = await readValues(out, p.sheetName);
      const marked = p.map.items.filter((i) => values.get(i.review!.markCell) === "◆ 核定不同").map((i) => i.id);
      expect(marked.sort()).toEqual(after.review!.differences.map((d) => d.id).sort());
      // The unit's cells stay locked in the file Calc saved, the assessors' unlocked (Calc writes locked="true"/"false",
      // which ExcelJS does not read: the styles are read here from the file itself).
      const locked = lockedOf(new Uint8Array(readFileSync(out)));
      expect([locked(c0.inputCell), locked(c0.review!.inputCell), locked(c0.review!.noteCell)]).toEqual([true, false, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
