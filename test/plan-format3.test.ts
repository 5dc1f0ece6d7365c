/**
 * Sheet format 3 is the current format: format 2's reading rules, with each input cell's test written once,
 * in a hidden helper cell on its row (src/layout/entries.ts, HelperKind). It will be frozen once released,
 * as format 2 is: the fixture holds a SHA-256 digest of every part of the format-3 plan of every shipped and
 * archived rubric version and variant, made by `npx tsx scripts/snapshot-plans.ts --format 3`. Re-make it only
 * for a deliberate change of format 3 before its release, and say so in the commit.
 *
 * The other tests here hold what format 3 is for: every input cell a format-2 formula tests has exactly one
 * helper, only helpers test input cells, every helper is used, and helpers stay hidden, locked and off paper.
 * That the formulas compute what the engine scores is test/formula-truth-*.test.ts's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { formatDigests } from "../scripts/snapshot-plans";
import { archivedRubrics, registerArchivedRubrics, shippedRubrics } from "../src/rubric/library";
import { ARCHIVE } from "../src/rubric/archive";
import { format3Construct, plan } from "../src/layout/plan";
import { colNumber, parseAddr } from "../src/layout/a1";
import { variantIds } from "../src/rubric/model";
import { countCellOf } from "../src/layout/fill";
import type { SheetPlan } from "../src/layout/types";

const frozen = JSON.parse(readFileSync(join(__dirname, "fixtures", "format3-plans.json"), "utf8")) as Record<string, Record<string, string>>;

beforeAll(() => registerArchivedRubrics(ARCHIVE));

test("format-3 plans of every shipped and archived rubric version and variant are unchanged, every part", () => {
  const now = formatDigests(3);
  expect(Object.keys(now).sort()).toEqual(Object.keys(frozen).sort());
  expect(Object.keys(frozen)).toHaveLength(41);
  for (const [name, parts] of Object.entries(frozen)) {
    expect(Object.keys(now[name]).sort()).toEqual(Object.keys(parts).sort());
    for (const [part, digest] of Object.entries(parts)) expect([name, part, now[name][part]]).toEqual([name, part, digest]);
  }
});

/** The input cells a formula tests: format 2 guards every test of an input cell with ISFORMULA(cell). */
const testedCells = (f: string) => [...f.matchAll(/ISFORMULA\(([A-Z]+\d+)\)/g)].map((m) => m[1]);

/** Input cells by what they hold (a field, a note, a clause's tick or count, an answer, a veto), for comparing layouts. */
function roles(p: SheetPlan): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, a] of Object.entries(p.map.fields)) out.set(a, `field:${id}`);
  for (const i of [...p.map.items, ...p.map.penalties]) {
    out.set(i.noteCell, `note:${i.id}`);
    for (const c of i.clauses) {
      out.set(c.inputCell, `tick:${c.id}`);
      out.set(countCellOf(p, c.row), `count:${c.id}`);
    }
  }
  for (const c of p.map.checks) {
    out.set(c.answerCell, `answer:${c.id}`);
    out.set(c.noteCell, `note:${c.id}`);
  }
  for (const v of p.map.vetoes) out.set(v.inputCell, `veto:${v.id}`);
  return out;
}

const cases = () =>
  [...shippedRubrics(), ...archivedRubrics()].flatMap((r) => variantIds(r).map((v) => [`${r.id}@${r.version}${v ? "/" + v : ""}`, r, v] as const));

describe("helper cells", () => {
  // Compared with format 2, so only versions format 2 can show (county2023 2023.2 uses 004's constructs).
  test.each(cases().filter(([, r]) => format3Construct(r) === null))("%s: each tested input cell has one helper, the only formula that tests it", (_name, rubric, variant) => {
    const f2 = plan(rubric, variant, undefined, { format: 2 });
    const f3 = plan(rubric, variant, undefined, { format: 3 });
    const tested2 = new Set(f2.cells.flatMap((c) => (c.f ? testedCells(c.f) : [])));
    const tests3 = f3.cells.flatMap((c) => (c.f ? testedCells(c.f).map((input) => ({ input, helper: c.a })) : []));
    expect(tested2.size).toBeGreaterThan(10);
    // The same input cells as format 2 tests (by what they are: format 3 lays the sheet out anew), each tested once.
    const [roles2, roles3] = [roles(f2), roles(f3)];
    expect(tests3.map((t) => roles3.get(t.input) ?? t.input).sort()).toEqual([...tested2].map((a) => roles2.get(a) ?? a).sort());
    const helperCols = Object.entries(f3.map.columns).filter(([k]) => k.startsWith("helper"));
    expect(helperCols.length).toBeGreaterThanOrEqual(2);
    const helperLetters = new Set(helperCols.map(([, l]) => l));
    for (const { input, helper } of tests3) {
      // On its input cell's row, in a helper column; the text clean-up appears in helpers only.
      expect([input, parseAddr(helper).row]).toEqual([input, parseAddr(input).row]);
      expect(helperLetters.has(helper.replace(/\d+$/, ""))).toBe(true);
    }
    for (const c of f3.cells) if (c.f && /SUBSTITUTE\([A-Z]+\d+,CHAR/.test(c.f)) expect(helperLetters.has(c.a.replace(/\d+$/, ""))).toBe(true);
    // Every helper is read by some other formula.
    const others = f3.cells.filter((c) => c.f && !helperLetters.has(c.a.replace(/\d+$/, ""))).map((c) => c.f!);
    const read = new Set(others.flatMap((f) => [...f.replace(/"[^"]*"/g, "").matchAll(/\b([A-Z]+\d+)\b/g)].map((m) => m[1])));
    for (const { helper } of tests3) expect([helper, read.has(helper)]).toEqual([helper, true]);
  });

  test.each(cases())("%s: helper columns are hidden, after the id column, off paper; helper cells locked and checked by the reader", (_name, rubric, variant) => {
    const p = plan(rubric, variant, undefined, { format: 3 });
    const idCol = colNumber(p.map.columns.id!);
    const helpers = p.columns.map((c, i) => ({ ...c, col: i + 1 })).filter((c) => c.key.startsWith("helper"));
    expect(helpers.map((c) => c.key)).toEqual(helpers.map((_, k) => `helper${k + 1}`));
    for (const c of helpers) {
      expect(c.hidden).toBe(true);
      expect(c.col).toBeGreaterThan(idCol);
    }
    expect(p.lastCol).toBe(idCol + helpers.length);
    const printedTo = colNumber(p.print.area.split(":")[1].replace(/\d+$/, ""));
    expect(printedTo).toBeLessThan(idCol);
    const helperCells = p.cells.filter((c) => c.f !== undefined && parseAddr(c.a).col > idCol);
    expect(helperCells.length).toBeGreaterThan(10);
    // The reader compares every locked formula cell that is not of the id style (read.ts).
    for (const c of helperCells) expect([c.a, c.s, p.styles[c.s].locked]).toEqual([c.a, "computed", true]);
    expect(JSON.parse(p.meta.find(([k]) => k === "columns")![1])).toEqual(p.map.columns);
  });

  test("formulas are short: the longest well under Excel's 8,192 characters, all together under a third of format 2's on lw2015-dept", () => {
    for (const [, rubric, variant] of cases()) {
      const p = plan(rubric, variant, undefined, { format: 3 });
      // The longest is the total of a long table: county2023 2023.2 adds 37 sections' subtotals (1,161 characters).
      expect(Math.max(...p.cells.map((c) => c.f?.length ?? 0))).toBeLessThan(1500);
    }
    const total = (format: 2 | 3) =>
      plan(shippedRubrics().find((r) => r.id === "lw2015-dept")!, "jyj", undefined, { format }).cells.reduce((n, c) => n + (c.f?.length ?? 0), 0);
    expect(total(3) * 3).toBeLessThan(total(2));
  });
});

test.each(cases())("%s: a count cell's prompt says 次数, the word of its column and of its error message", (_name, rubric, variant) => {
  const p = plan(rubric, variant, undefined, { format: 3 });
  const counts = p.validations.filter((v) => v.type === "whole");
  const header = p.columns.find((c) => c.key === "count")?.header ?? "";
  for (const v of counts) {
    expect([v.range, v.prompt?.startsWith("次数：")]).toEqual([v.range, true]);
    expect(v.error).toContain("次数");
  }
  if (counts.length) expect(header).toContain("次数");
});
