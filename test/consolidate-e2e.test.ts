/**
 * 003_… end to end: 38 real returns (.xlsx made by plan + planToXlsx + fillInputs from lw2015-dept, variant
 * jyj), ticked so each scores its unit's printed percent, read back by readReturn (re-scored by the engine),
 * consolidated with the shipped example unit list (UTF-8 and GBK) and policy → the table of 003_….
 */
import ExcelJS from "exceljs";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { readReturn } from "../src/consolidate/from-read";
import { consolidate } from "../src/consolidate/roster";
import { parseUnitList } from "../src/consolidate/units";
import { parsePolicy } from "../src/consolidate/policy";
import type { ReadOutcome, RosterRow } from "../src/consolidate/types";
import type { Responses } from "../src/scoring";
import { editXlsx, workbookFor } from "./helpers/workbooks";
import { example, EXAMPLE_DIR, RETURN_SCORE, SENTENCE_003, TABLE_003 } from "./helpers/zhoucun";
import { cli } from "./helpers/cli";
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RUBRIC = "lw2015-dept";
const VARIANT = "jyj";
const rubric = findRubric(RUBRIC)!;
const p = plan(rubric, VARIANT);

/** Award sub-items of item 1 (未落实 ticks), amounts from the rubric: a subset summing to `loss`, found by search. */
function ticksFor(loss: number): string[] {
  const clauses = rubric.sections.flatMap((s) => s.items ?? []).find((i) => i.id === "i1")!.clauses.map((c) => ({ id: c.id, amount: (c as { amount: number }).amount }));
  const pick = (k: number, left: number): string[] | null => {
    if (left === 0) return [];
    if (k === clauses.length || left < 0) return null;
    const withIt = pick(k + 1, left - clauses[k].amount);
    return withIt ? [clauses[k].id, ...withIt] : pick(k + 1, left);
  };
  const found = pick(0, loss);
  if (!found) throw new Error(`no subset of item 1 loses ${loss}`);
  return found;
}

/** A fully filled return (every field, every note) whose percent is `score`: lw2015 has 200 points. */
function responses(typedName: string, score: number): Responses {
  const items = Object.fromEntries(p.map.items.map((i) => [i.id, { note: "已按要求落实，见佐证材料" }]));
  return {
    variant: VARIANT,
    fields: { unitName: typedName, date: "2015-01-10", head: "张三", filler: "李四", phone: "0533-6400000" },
    items,
    clauses: Object.fromEntries(ticksFor(2 * (100 - score)).map((id) => [id, { ticked: true }])),
  };
}

/** How some units type their name: with the district in front, a full-width space, spaces around. */
const TYPED: Record<string, string> = {
  区教体局: "周村区教体局",
  区卫生局: "区　卫生局",
  区安监局: "区 安监局",
  区住建局: "周村区住建局",
};

const printed = (rows: RosterRow[]) => rows.map((r) => [r.rank, r.unit, r.score, r.reward, r.note]);
const policy = () => parsePolicy(new TextDecoder().decode(example("policy.json")), "policy.json");

let outcomes: ReadOutcome[];
const files = new Map<string, Uint8Array>();

beforeAll(async () => {
  outcomes = await Promise.all(
    TABLE_003.map(async ([, unit]) => {
      const bytes = await workbookFor(RUBRIC, responses(TYPED[unit] ?? unit, RETURN_SCORE[unit]));
      files.set(`${unit}.xlsx`, bytes);
      return readReturn(bytes, `returns/${unit}.xlsx`, { tiers: policy().tiers });
    }),
  );
}, 60_000);

describe("003_… from 38 real returns", () => {
  test("every return reads and re-scores to its unit's percent, with no flags", () => {
    for (const [k, o] of outcomes.entries()) {
      if (!o.ok) throw new Error(o.error.message);
      const unit = TABLE_003[k][1];
      expect([o.ret.unit, o.ret.percent, o.ret.total, o.ret.flags]).toEqual([TYPED[unit] ?? unit, RETURN_SCORE[unit], 2 * RETURN_SCORE[unit], []]);
    }
  });

  test.each(["units.csv", "units-gbk.csv"])("with %s: the table of 003_…, and the sentence", (file) => {
    const list = parseUnitList(example(file), file);
    expect(list.encoding).toBe(file === "units.csv" ? "utf-8" : "gb18030");
    expect(list.problems).toEqual([]);
    const c = consolidate([...outcomes].reverse(), list.units, policy());
    expect(c.groups).toHaveLength(1);
    expect(c.groups[0].rubric).toEqual({ id: RUBRIC, version: rubric.version, title: rubric.title });
    expect(printed(c.groups[0].rows)).toEqual(TABLE_003);
    expect(c.groups[0].summary.sentence).toBe(SENTENCE_003);
    // The only lines: the names typed differently from the list (each matched, and said so).
    expect(c.problems.map((p) => [p.kind, p.unit])).toEqual(["区住建局", "区安监局", "区卫生局", "区教体局"].map((u) => ["fuzzy-match", u]));
    expect(c.groups[0].rows.filter((r) => r.match === "fuzzy").map((r) => r.unit).sort()).toEqual(Object.keys(TYPED).sort());
    // 扣分明细: every loss is on item 1.
    const i1 = c.groups[0].deductions.items.find((i) => i.id === "i1")!;
    expect(i1.total).toBe(TABLE_003.reduce((s, [, u]) => s + 2 * (100 - RETURN_SCORE[u]), 0));
    expect(c.groups[0].deductions.items.filter((i) => i.id !== "i1").every((i) => i.total === 0)).toBe(true);
  });
});

describe("the command line on the folder of 38 returns", () => {
  test("consolidate --units --policy -o --notice --json: the table of 003_…, the roster and the notice written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "safescore-003-"));
    try {
      mkdirSync(join(dir, "returns"));
      for (const [name, bytes] of files) writeFileSync(join(dir, "returns", name), bytes);
      const roster = join(dir, "roster.xlsx");
      const notice = join(dir, "notice.docx");
      const r = await cli(["consolidate", join(dir, "returns"), "--units", join(EXAMPLE_DIR, "units-gbk.csv"), "--policy", join(EXAMPLE_DIR, "policy.json"), "-o", roster, "--notice", notice, "--json"]);
      expect([r.code, r.err]).toEqual([0, ""]);
      const json = JSON.parse(r.out);
      expect(json.rows.map((x: { rank: number; unit: string; score: number | null; reward: number | null; note: string }) => [x.rank, x.unit, x.score, x.reward, x.note])).toEqual(TABLE_003);
      expect(json.summary.sentence).toBe(SENTENCE_003);
      expect(json.problems.map((x: { kind: string }) => x.kind)).toEqual(["fuzzy-match", "fuzzy-match", "fuzzy-match", "fuzzy-match"]);
      expect(statSync(roster).size).toBeGreaterThan(5000);
      expect(statSync(notice).size).toBeGreaterThan(5000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("hostile and edited files among real returns", () => {
  test("garbage bytes, an empty file and a truncated zip are unreadable lines; nothing throws", async () => {
    const good = await workbookFor(RUBRIC, responses("区农业局", 89));
    const bad = await Promise.all([
      readReturn(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), "garbage.xlsx"),
      readReturn(new Uint8Array(0), "empty.xlsx"),
      readReturn(good.subarray(0, good.length >> 1), "truncated.xlsx"),
    ]);
    expect(bad.map((o) => (o.ok ? "ok" : o.error.reason))).toEqual(["not-xlsx", "not-xlsx", "damaged"]);
    const c = consolidate([...bad, await readReturn(good, "ok.xlsx")], null, policy());
    expect(c.problems.map((x) => [x.kind, x.file])).toEqual([["unreadable", "garbage.xlsx"], ["unreadable", "empty.xlsx"], ["unreadable", "truncated.xlsx"]]);
    expect(c.problems[0].message).toMatch(/不是 \.xlsx 文件.* \/ not an \.xlsx file/);
    expect(printed(c.groups[0].rows)).toEqual([[1, "区农业局", 89, 0, ""]]);
  });

  test("tiers come from the office's policy, not the rubric's defaults", async () => {
    const bytes = await workbookFor(RUBRIC, responses("区发改局", 91));
    const own = await readReturn(bytes, "a.xlsx");
    const office = await readReturn(bytes, "a.xlsx", { tiers: { excellent: 95, good: 90, pass: 80 } });
    expect([own.ok && own.ret.tier, office.ok && office.ret.tier]).toEqual(["excellent", "good"]);
  });

  test("a cached total that differs from the recomputed one is a tampered line; the recomputed score stands", async () => {
    const bytes = await workbookFor(RUBRIC, responses("区农业局", 89));
    const edited = await editXlsx(bytes, (wb: ExcelJS.Workbook) => {
      const cell = wb.getWorksheet("自评表")!.getCell(p.map.totalCell!);
      cell.value = { formula: (cell.value as { formula: string }).formula, result: 200 } as ExcelJS.CellFormulaValue;
    });
    const o = await readReturn(edited, "edited.xlsx");
    const c = consolidate([o], parseUnitList(example("units.csv"), "units.csv").units, policy());
    const tampered = c.problems.filter((x) => x.kind === "tampered");
    expect(tampered.map((x) => [x.file, x.unit])).toEqual([["edited.xlsx", "区农业局"]]);
    expect(tampered[0].message).toContain(`自评表!${p.map.totalCell}：表内显示的总分 200`);
    expect(c.groups[0].rows[0]).toMatchObject({ unit: "区农业局", score: 89, reward: 900 });
  });
});
