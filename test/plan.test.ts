/** The sheet plan's structure: formulas where things are computed, safe inputs, print-ready, identified. */
import { shippedRubrics, findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { variantIds } from "../src/rubric/model";
import { parseAddr } from "../src/layout/a1";
import type { SheetPlan } from "../src/layout/types";

/** Functions every target application evaluates alike (checked by the HyperFormula and LibreOffice tests). */
const PORTABLE = new Set([
  "IF", "AND", "OR", "NOT", "MIN", "MAX", "SUM", "ROUND", "INT", "ISNUMBER", "LEN", "TRIM", "COUNTIF", "TRUE", "FALSE",
  // Sheet format 2 (entries.ts); ISFORMULA is Excel 2013+ and is written _xlfn.ISFORMULA in a file.
  "ISLOGICAL", "ISFORMULA", "SUBSTITUTE", "CHAR", "FIND",
  // Sheet format 3 (entries.ts, the tick helper); Excel 2007.
  "IFERROR",
]);
/** Excel's limit on a formula's length (WPS has the same); LibreOffice has none. */
const MAX_FORMULA = 8192;

const plans: [string, SheetPlan][] = shippedRubrics().flatMap((r) => variantIds(r).map((v) => [`${r.id}${v ? "/" + v : ""}`, plan(r, v)] as [string, SheetPlan]));

describe.each(plans)("%s", (_name, p) => {
  const cell = (a: string) => p.cells.find((c) => c.a === a);

  test("formulas use only portable functions", () => {
    const used = new Set(p.cells.flatMap((c) => (c.f ? [...c.f.replace(/"[^"]*"/g, "").matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1]) : [])));
    expect([...used].filter((f) => !PORTABLE.has(f))).toEqual([]);
  });

  test("formulas fit in Excel's 8,192 characters", () => {
    expect(Math.max(...p.cells.map((c) => (c.f ? c.f.length + 1 : 0)))).toBeLessThanOrEqual(MAX_FORMULA);
  });

  test("every computed cell is a formula: clause values, item scores, sections, totals, tier, status", () => {
    for (const item of [...p.map.items, ...p.map.penalties]) {
      if (item.scoredAbove) continue;
      expect(cell(item.scoreCell)?.f).toBeDefined();
      expect(cell(item.statusCell)?.f).toBeDefined();
      // A locked clause (a part scored above, another level: 004's constructs) shows a text, not a computed value.
      for (const c of item.clauses) if (!c.locked) expect(cell(c.valueCell)?.f).toBeDefined();
    }
    for (const s of p.map.sections) if (s.scoreCell) expect(cell(s.scoreCell)?.f).toBeDefined();
    for (const a of [p.map.totalCell, p.map.percentCell, p.map.tierCell, p.map.vetoCell, p.map.flagCountCell]) if (a) expect(cell(a)?.f).toBeDefined();
  });

  test("inputs are unlocked, everything else locked; counts validated with a Chinese message", () => {
    const inputs = new Set([
      ...Object.values(p.map.fields),
      ...[...p.map.items, ...p.map.penalties]
        .filter((i) => !i.scoredAbove)
        .flatMap((i) => [
          i.noteCell,
          ...(i.selectCell ? [i.selectCell] : []),
          ...i.clauses.filter((c) => !c.locked).flatMap((c) => [c.inputCell, ...(c.countCell ? [c.countCell] : [])]),
        ]),
      ...p.map.checks.flatMap((c) => [c.answerCell, c.noteCell]),
      ...p.map.vetoes.map((v) => v.inputCell),
    ]);
    // Cells merged into an input cell belong to it.
    for (const m of p.merges) {
      const [from, to] = m.split(":").map(parseAddr);
      if (!inputs.has(m.split(":")[0])) continue;
      for (let r = from.row; r <= to.row; r++) for (let c = from.col; c <= to.col; c++) inputs.add(`${String.fromCharCode(64 + c)}${r}`);
    }
    for (const c of p.cells) expect([c.a, p.styles[c.s].locked]).toEqual([c.a, !inputs.has(c.a)]);
    const counted = p.map.items.flatMap((i) => i.clauses).filter((c) => c.countCell && (c.kind === "counted" || c.kind === "bonus"));
    for (const c of counted) {
      expect(p.validations).toContainEqual(expect.objectContaining({ range: c.countCell, type: "whole", min: 0, error: "次数须为不小于0的整数" }));
    }
    expect(p.protect).toBe(true);
  });

  test("print-ready: title and header repeated, frozen header, every table cell bordered", () => {
    expect(p.print.titleRows).toEqual([1, 3]);
    // The print area stops before 状态, the last visible column (format 3): it and the hidden helper columns never print.
    const visible = p.columns.filter((c) => !c.hidden).length;
    expect(p.columns.slice(visible).every((c) => c.hidden)).toBe(true);
    expect(p.columns[visible - 1].key).toBe("status");
    const printed = visible - 1;
    expect(p.print.area).toBe(`A1:${String.fromCharCode(64 + printed)}${p.lastRow}`);
    expect(p.freezeRow).toBe(3);
    const body = p.cells.filter((c) => parseAddr(c.a).row >= 3 && parseAddr(c.a).col <= printed && p.rows.some((r) => r.row === parseAddr(c.a).row && r.kind !== "footer" && r.kind !== "notes"));
    expect(body.filter((c) => !p.styles[c.s].border)).toEqual([]);
  });

  test("identity: rubric, version, fingerprint, variant in the metadata; every row has an id", () => {
    const meta = Object.fromEntries(p.meta);
    expect(meta).toMatchObject({ format: "safescore-sheet", rubricId: p.rubric.id, rubricVersion: p.rubric.version, fingerprint: p.rubric.fingerprint, variant: p.variant ?? "" });
    const idCol = p.map.columns.id!;
    for (const r of p.rows.filter((x) => x.kind !== "header")) expect(String(cell(`${idCol}${r.row}`)?.v).split("@")[0]).toBe(`${r.kind}:${r.id}`);
    for (const item of p.map.items) for (const c of item.clauses) expect(cell(`${idCol}${c.row}`)?.v).toBe(`clause:${c.id}@${item.id}`);
  });
});

test("the unit's name is filled in and the 000 table's columns are the document's", () => {
  const p = plan(findRubric("lw2015-dept")!, "jyj", "区教育局");
  expect(p.cells.find((c) => c.a === p.map.fields.unitName)?.v).toBe("区教育局");
  expect(p.columns.filter((c) => !c.hidden).map((c) => c.header)).toEqual(["序号", "考核指标", "分值", "考核办法", "扣分/未落实（勾选）", "次数/扣分值", "本条扣分/得分", "得分", "自评情况", "状态"]);
  expect(p.cells.find((c) => c.a === "A1")?.v).toBe("龙湾区2015年度区有关单位安全生产目标管理责任制考核自评表");
});
