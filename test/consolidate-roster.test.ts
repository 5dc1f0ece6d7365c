/** consolidate() against the results table of 003_… (pure: returns built by a factory), and its edge cases. */
import { consolidate } from "../src/consolidate/roster";
import { parseUnitList } from "../src/consolidate/units";
import { parsePolicy } from "../src/consolidate/policy";
import type { ReadOutcome, RosterRow } from "../src/consolidate/types";
import { example, RETURN_SCORE, scoredReturn, SENTENCE_003, TABLE_003 } from "./helpers/zhoucun";

const units = () => parseUnitList(example("units.csv"), "units.csv").units;
const policy = () => parsePolicy(new TextDecoder().decode(example("policy.json")), "policy.json");
const ok = (ret: ReturnType<typeof scoredReturn>): ReadOutcome => ({ ok: true, ret });

/** The 38 returns in an order unlike the table's (every 7th, wrapping), so order comes from the rules. */
function returns003(): ReadOutcome[] {
  const names = TABLE_003.map(([, unit]) => unit);
  return names.map((_, k) => names[(k * 7) % names.length]).map((u) => ok(scoredReturn(u, RETURN_SCORE[u])));
}

const printed = (rows: RosterRow[]) => rows.map((r) => [r.rank, r.unit, r.score, r.reward, r.note]);

describe("consolidate: 003_… reproduced", () => {
  test("same order, scores, rewards and notes; the summary sentence", () => {
    const c = consolidate(returns003(), units(), policy());
    expect(c.groups).toHaveLength(1);
    const g = c.groups[0];
    expect(printed(g.rows)).toEqual(TABLE_003);
    expect(g.summary.sentence).toBe(SENTENCE_003);
    expect(g.summary).toMatchObject({ units: 38, atOrAbove: 34, share: 89.47, totalReward: 59600 });
    expect(c.problems).toEqual([]);
    expect(g.rows.filter((r) => r.vetoed).map((r) => r.unit)).toEqual(["南郊镇政府", "大街街道办事处", "区住建局", "周村国土资源分局"]);
    expect(g.rows.every((r) => r.match === "exact")).toBe(true);
    expect(g.rows.find((r) => r.unit === "周村交警大队")!.category).toBe("部门");
    // Default tiers 90 / 80 / 60: 25 units at 90 or more, 9 at 89, four vetoed.
    expect(g.summary.tiers).toEqual({ excellent: 25, good: 9, pass: 0, fail: 4 });
    // 34 ranked scores: 9 × 89, 10 × 90, …: the 17th and 18th are 90.
    expect(g.summary.median).toBe(90);
  });

  test("the 扣分明细 matrix: one row per counted unit, per-item totals", () => {
    const g = consolidate(returns003(), units(), policy()).groups[0];
    expect(g.deductions.rows.map((r) => r.unit)).toEqual(TABLE_003.map(([, u]) => u));
    // i1 loses 2 × (100 − score) points per unit: Σ over the table (vetoed units' returns say 96).
    const expected = TABLE_003.reduce((s, [, u]) => s + 2 * (100 - RETURN_SCORE[u]), 0);
    expect(g.deductions.items.map((i) => [i.id, i.total])).toEqual([["i1", expected], ["i2", 0]]);
  });

  test("ties go in unit-list order, not the order returns arrive", () => {
    const list = units();
    const swapped = [list[1], list[0], ...list.slice(2)];
    const g = consolidate(returns003(), swapped, policy()).groups[0];
    expect(g.rows.slice(0, 2).map((r) => [r.rank, r.unit])).toEqual([[1, "经济开发区管委会"], [2, "王村镇政府"]]);
  });

  test("a return's own fail veto and an office 优秀否决", () => {
    const list = units().map((u) => (u.name === "区发改局" ? { ...u, noExcellent: "瞒报事故" } : u));
    const rets = returns003().map((o) =>
      o.ok && o.ret.unit === "区卫生局" ? ok({ ...o.ret, veto: { fail: true, noExcellent: false, reasons: [{ id: "v1", effect: "fail", text: "发生较大事故" }] } }) : o,
    );
    const g = consolidate(rets, list, policy()).groups[0];
    const wei = g.rows.find((r) => r.unit === "区卫生局")!;
    expect(wei).toMatchObject({ vetoed: true, score: null, reward: null, tier: "fail", rank: 34, note: "自评表申报一票否决：发生较大事故" });
    const fgj = g.rows.find((r) => r.unit === "区发改局")!;
    expect(fgj).toMatchObject({ score: 91, reward: 1100, tier: "good", note: "优秀否决：瞒报事故" });
    expect(g.summary.sentence).toBe("在被考核的38个单位中，考核分数在80分以上的有33个，占86.84%");
  });
});

describe("consolidate: problems", () => {
  const base = () => returns003();

  test("two returns for one unit: both kept out of the ranking, one line each", () => {
    const extra = ok({ ...scoredReturn("区教体局", 70), file: "again.xlsx" });
    const c = consolidate([...base(), extra], units(), policy());
    const g = c.groups[0];
    const both = g.rows.filter((r) => r.unit === "区教体局");
    expect(both.map((r) => [r.rank, r.score, r.note])).toEqual([
      [null, null, "同一单位有2份自评表，核实前不排名"],
      [null, null, "同一单位有2份自评表，核实前不排名"],
    ]);
    expect(c.problems.map((p) => [p.kind, p.file])).toEqual([["duplicate-unit", "区教体局.xlsx"], ["duplicate-unit", "again.xlsx"]]);
    expect(g.summary.units).toBe(37);
    expect(g.rows.filter((r) => r.rank !== null).map((r) => r.rank)).toEqual(Array.from({ length: 37 }, (_, k) => k + 1));
  });

  test("many returns for one unit, many invalid entries: one line each, naming the first few", () => {
    const extras = ["b.xlsx", "c.xlsx", "d.xlsx", "e.xlsx"].map((file) => ok({ ...scoredReturn("区教体局", 70), file }));
    const flags = Array.from({ length: 7 }, (_, k) => ({ kind: "invalid-input", cell: `表!D${k + 1}`, message: "无法识别" }));
    const rets = base().map((o) => (o.ok && o.ret.unit === "区林业局" ? ok({ ...o.ret, flags }) : o));
    const c = consolidate([...rets, ...extras], units(), policy());
    const dup = c.problems.filter((p) => p.kind === "duplicate-unit");
    expect(dup).toHaveLength(5);
    expect(dup[0].message).toContain("（另见 b.xlsx、c.xlsx、d.xlsx 等 4 个）");
    expect(dup[4].message).toContain("（另见 区教体局.xlsx、b.xlsx、c.xlsx 等 4 个）");
    const invalid = c.problems.filter((p) => p.kind === "invalid-entry");
    expect(invalid.map((p) => p.message)).toEqual(["表!D1：无法识别；表!D2：无法识别；表!D3：无法识别；表!D4：无法识别；表!D5：无法识别；……（共 7 处）"]);
  });

  test("invalid ticks in one line name the accepted ticks once, after the first", () => {
    const hint = "勾选：TRUE、1、√、✓、☑、是；不勾选：空白、FALSE、0、否";
    const flags = [
      { kind: "invalid-input", cell: "表!E7", message: `勾选栏填写无效，当前为-1。${hint}` },
      { kind: "invalid-input", cell: "表!F41", message: "此条按勾选计分，不填次数" },
      { kind: "invalid-input", cell: "表!E45", message: `勾选栏填写无效，当前为“maybe”。${hint}` },
    ];
    const rets = base().map((o) => (o.ok && o.ret.unit === "区林业局" ? ok({ ...o.ret, flags }) : o));
    const invalid = consolidate(rets, units(), policy()).problems.filter((p) => p.kind === "invalid-entry");
    expect(invalid.map((p) => p.message)).toEqual([`表!E7：勾选栏填写无效，当前为-1。${hint}；表!F41：此条按勾选计分，不填次数；表!E45：勾选栏填写无效，当前为“maybe”`]);
  });

  test("an unlisted unit is ranked (no reward rate) with a line; a fuzzy name matches with a line", () => {
    const rets = [...base().filter((o) => o.ok && o.ret.unit !== "区教体局"), ok(scoredReturn("周村区　教体局", 91)), ok(scoredReturn("区档案局", 93))];
    const c = consolidate(rets, units(), policy());
    const g = c.groups[0];
    expect(g.rows.find((r) => r.unit === "区档案局")).toMatchObject({ rank: 4, score: 93, reward: 0, match: "unlisted", category: null });
    expect(g.rows.find((r) => r.unit === "区教体局")).toMatchObject({ rank: 10, match: "fuzzy", file: "周村区　教体局.xlsx" });
    expect(c.problems.map((p) => [p.kind, p.unit])).toEqual([["fuzzy-match", "区教体局"], ["unlisted-unit", "区档案局"]]);
  });

  test("a missing unit is a problem line, not a row; a missing vetoed unit keeps its row", () => {
    const rets = base().filter((o) => o.ok && o.ret.unit !== "区气象局" && o.ret.unit !== "区住建局");
    const c = consolidate(rets, units(), policy());
    expect(c.problems.map((p) => [p.kind, p.unit])).toEqual([["missing-return", "区气象局"], ["missing-return", "区住建局"]]);
    const g = c.groups[0];
    expect(g.rows.find((r) => r.unit === "区气象局")).toBeUndefined();
    expect(g.rows.find((r) => r.unit === "区住建局")).toMatchObject({ vetoed: true, file: null, rank: 36 });
    expect(g.summary.sentence).toBe("在被考核的37个单位中，考核分数在80分以上的有33个，占89.19%");
  });

  test("an exempt unit is shown apart, not counted, not missing", () => {
    const list = units().map((u) => (u.name === "区气象局" || u.name === "区蔬菜局" ? { ...u, exempt: "由市里考核" } : u));
    const rets = base().filter((o) => o.ok && o.ret.unit !== "区气象局");
    const c = consolidate(rets, list, policy());
    const g = c.groups[0];
    expect(g.exempt).toEqual([{ unit: "区蔬菜局", reason: "由市里考核", file: "区蔬菜局.xlsx" }, { unit: "区气象局", reason: "由市里考核", file: null }]);
    expect(g.rows.some((r) => r.unit === "区气象局" || r.unit === "区蔬菜局")).toBe(false);
    expect(c.problems).toEqual([]);
    expect(g.summary.units).toBe(36);
  });

  test("an unreadable file, tampering and invalid entries each give their line", () => {
    const garbage: ReadOutcome = { ok: false, error: { file: "junk.xlsx", reason: "not-xlsx", message: "不是 .xlsx 文件 / not an .xlsx file" } };
    const rets = base().map((o) =>
      o.ok && o.ret.unit === "区林业局"
        ? ok({ ...o.ret, flags: [
            { kind: "cached-total", cell: "表!F40", message: "表内显示的总分 200 与…不一致" },
            { kind: "invalid-input", cell: "表!D7", message: "无法识别" },
            { kind: "missing-evidence", cell: "表!G8", message: "缺自评情况" },
            { kind: "unexplained-entry", cell: "表!G9", message: "缺说明" },
            { kind: "missing-field", cell: "表!B3", message: "缺填表人" },
          ] })
        : o,
    );
    const c = consolidate([garbage, ...rets], units(), policy());
    expect(c.problems.map((p) => [p.kind, p.file, p.message])).toEqual([
      ["unreadable", "junk.xlsx", "不是 .xlsx 文件 / not an .xlsx file"],
      ["tampered", "区林业局.xlsx", "表!F40：表内显示的总分 200 与…不一致"],
      ["invalid-entry", "区林业局.xlsx", "表!D7：无法识别"],
    ]);
    // 问题数: missing evidence + invalid entries + unexplained entries (not the missing field).
    expect(c.groups[0].rows.find((r) => r.unit === "区林业局")!.problems).toBe(3);
    expect(printed(c.groups[0].rows)).toEqual(TABLE_003);
  });

  test("another rubric is ranked apart; an older version is ranked with a line; no name is kept out", () => {
    const other = ok({ ...scoredReturn("区档案局", 90), rubric: { id: "qhd2016-dept", version: "2016.2", title: "秦皇岛" } });
    const older = (o: ReadOutcome) => (o.ok && o.ret.unit === "区粮食局" ? ok({ ...o.ret, rubric: { ...o.ret.rubric, version: "2015.1" }, newerRubricVersion: "2015.2" }) : o);
    const nameless = ok({ ...scoredReturn(null, 90), file: "nameless.xlsx" });
    const c = consolidate([...base().map(older), other, nameless], units(), policy());
    expect(c.groups.map((g) => [g.rubric.id, g.rubric.version, g.rows.length])).toEqual([["lw2015-dept", "2015.2", 39], ["qhd2016-dept", "2016.2", 1]]);
    expect(c.problems.map((p) => [p.kind, p.file])).toEqual([
      ["unlisted-unit", "区档案局.xlsx"],
      ["no-unit-name", "nameless.xlsx"],
      ["older-version", "区粮食局.xlsx"],
      ["other-rubric", "区档案局.xlsx"],
    ]);
    expect(c.groups[0].rows.find((r) => r.unit === "区粮食局")!.rank).toBe(27);
    expect(c.groups[0].rows.at(-1)).toMatchObject({ rank: null, unit: "（未填写单位名称）", note: "未填写单位名称，未排名" });
    expect(c.groups[1].rows[0]).toMatchObject({ rank: 1, score: 90 });
  });

  test("a return with no entry at all is not ranked on its blank full score: kept apart with a line, still vetoed by the office", () => {
    const blank = (unit: string) => ok({ ...scoredReturn(unit, 100), state: "unfilled" });
    const rets = base().map((o) => (o.ok && (o.ret.unit === "区教体局" || o.ret.unit === "区水务局") ? blank(o.ret.unit!) : o));
    const list = units().map((u) => (u.name === "区水务局" ? { ...u, veto: "发生较大事故" } : u));
    const c = consolidate(rets, list, policy());
    expect(c.problems.filter((p) => p.kind === "unfilled").map((p) => [p.unit, p.file])).toEqual([["区教体局", "区教体局.xlsx"]]);
    const row = c.groups[0].rows.find((r) => r.unit === "区教体局")!;
    expect(row).toMatchObject({ rank: null, score: null, reward: null, tier: null, note: "自评表未填写，未排名" });
    expect(c.groups[0].rows.find((r) => r.unit === "区水务局")).toMatchObject({ vetoed: true, note: "发生较大事故" });
    // 区公安分局 moves up to 区教体局's 9th place.
    expect(c.groups[0].rows.find((r) => r.unit === "区公安分局")!.rank).toBe(9);
  });

  test("every input file is accounted for: a row, an exempt entry or a problem line", () => {
    const garbage: ReadOutcome = { ok: false, error: { file: "junk.xlsx", reason: "not-xlsx", message: "x" } };
    const dup = ok({ ...scoredReturn("区教体局", 70), file: "again.xlsx" });
    const all = [garbage, dup, ...base()];
    const c = consolidate(all, units(), policy());
    const seen = new Set([...c.groups.flatMap((g) => [...g.rows.map((r) => r.file), ...g.exempt.map((e) => e.file)]), ...c.problems.map((p) => p.file)]);
    for (const o of all) expect(seen.has(o.ok ? o.ret.file : o.error.file)).toBe(true);
  });
});

describe("consolidate: scores and rewards", () => {
  test("rounding to policy.decimals, half up; ranking on the rounded score; raw basis", () => {
    const p = { ...policy(), decimals: 1 };
    const list = [{ name: "甲镇", category: "镇街", veto: null, noExcellent: null, exempt: null, line: 2 }, { name: "区乙局", category: "部门", veto: null, noExcellent: null, exempt: null, line: 3 }];
    const c = consolidate([ok(scoredReturn("区乙局", 85.25)), ok(scoredReturn("甲镇", 85.21))], list, p);
    expect(printed(c.groups[0].rows)).toEqual([[1, "区乙局", 85.3, 530, ""], [2, "甲镇", 85.2, 2080, ""]]);
    const tie = consolidate([ok(scoredReturn("区乙局", 85.24)), ok(scoredReturn("甲镇", 85.16))], list, p);
    expect(printed(tie.groups[0].rows)).toEqual([[1, "甲镇", 85.2, 2080, ""], [2, "区乙局", 85.2, 520, ""]]);
    const raw = consolidate([ok(scoredReturn("甲镇", 79.5))], list, { ...p, scoreBasis: "raw", threshold: 150 });
    expect(printed(raw.groups[0].rows)).toEqual([[1, "甲镇", 159, 3600, ""]]);
    const below = consolidate([ok(scoredReturn("甲镇", 79.99))], list, { ...p, decimals: 2 });
    expect(below.groups[0].rows[0]).toMatchObject({ score: 79.99, reward: 0 });
    expect(below.groups[0].summary.sentence).toBe("在被考核的1个单位中，考核分数在80分以上的有0个，占0.00%");
    const at = consolidate([ok(scoredReturn("甲镇", 80))], list, { ...p, decimals: 2 });
    expect(at.groups[0].summary.atOrAbove).toBe(1);
  });
});

describe("matchName (the unit list's matcher, by matchUnit's rules)", () => {
  // Imported here, not at the top, to keep this block self-contained.
  const { matchName } = jest.requireActual<typeof import("../src/rubric/variants")>("../src/rubric/variants");
  test("exact, normalised, a place in front; several candidates → none", () => {
    const list = ["区教体局", "王村镇政府", "市龙湾区教育局", "区教育局"];
    expect(matchName("区教体局", list)).toEqual({ kind: "exact", index: 0 });
    expect(matchName("王村镇政府　", list)).toEqual({ kind: "fuzzy", index: 1 });
    expect(matchName("周村区教体局", list)).toEqual({ kind: "fuzzy", index: 0 });
    expect(matchName("温州市龙湾区教育局", list)).toEqual({ kind: "none" });
    expect(matchName("社区教体局", list)).toEqual({ kind: "none" });
    expect(matchName("　", list)).toEqual({ kind: "none" });
  });
});
