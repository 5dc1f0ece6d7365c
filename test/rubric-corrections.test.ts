/**
 * Corrections made as new rubric versions (issue 7 §7). Each scoring change is a hand-computed case from the
 * document, scored with the engine against the corrected version, and the same entries against the archived
 * version, which must still score the old way (a return made from it keeps its rules).
 */
import { findRubric } from "../src/rubric/library";
import { fingerprint } from "../src/rubric/fingerprint";
import { score, type Responses } from "../src/scoring";
import type { Rubric } from "../src/rubric/schema";
import { plan } from "../src/layout/plan";

const get = (id: string, version: string): Rubric => {
  const r = findRubric(id, version);
  if (!r) throw new Error(`${id}@${version} is not shipped`);
  return r;
};
const item = (rep: ReturnType<typeof score>, id: string) => rep.sections.flatMap((s) => s.items).find((i) => i.id === id)!;
const invalid = (rep: ReturnType<typeof score>) => rep.flags.filter((f) => f.kind === "invalid-input").map((f) => f.target.id);

describe("004 county2023: 2023.1-partial corrects 2023.0-partial", () => {
  const now = get("county2023", "2023.1-partial");
  const old = get("county2023", "2023.0-partial");
  const run = (r: Rubric, clauses: Responses["clauses"]) => score(r, { clauses });

  test("2023.1-partial (archived since 2023.2) has a new fingerprint; the archived 2023.0-partial is kept", () => {
    expect(now.version).toBe("2023.1-partial");
    expect(fingerprint(now)).not.toBe(fingerprint(old));
  });

  test("7.1 检查要求4 “未明确整治责任人、完成时限的，每项扣1分” is a closed list: one fixed clause per element, at most 2 (004:312)", () => {
    // Both elements missing: 1 (整治责任人) + 1 (完成时限) = 2; item 7.1 is worth 5 → 5 − 2 = 3.
    const both = run(now, { "s7.i1.c7": { ticked: true }, "s7.i1.c8": { ticked: true } });
    expect(item(both, "s7.i1")).toMatchObject({ points: 5, deduction: 2, score: 3 });
    expect(invalid(both)).toEqual([]);
    // A count is no longer taken: the clause is ticked, not counted.
    expect(invalid(run(now, { "s7.i1.c7": { ticked: true, count: 5 } }))).toEqual(["s7.i1.c7"]);
    // The old version counted 项 without a cap: 5 × 1 = 5 takes the whole item (5 − 5 = 0).
    expect(item(run(old, { "s7.i1.c7": { count: 5 } }), "s7.i1")).toMatchObject({ deduction: 5, score: 0 });
  });

  test("5 “未组织分管行业领域、部门单位开展…的，每项扣1分” is a closed list: 部门单位 is its own fixed clause; item 5 is worth 7 (004:184)", () => {
    // Derived points (评分要点 amounts): 2 + 1 (行业领域) + 1 (部门单位) + 1 + 1 + 1 = 7; 部门单位 missing → 7 − 1 = 6.
    const rep = run(now, { "s5.i1.c8": { ticked: true } });
    expect(item(rep, "s5.i1")).toMatchObject({ points: 7, deduction: 1, score: 6 });
    expect(rep.max).toBe(108);
    // Old: the element count was open-ended and the item worth 6.
    expect(item(run(old, {}), "s5.i1").points).toBe(6);
    expect(run(old, {}).max).toBe(107);
  });

  test("5 检查要求2 “未进行工作部署的，每个行业领域扣0.5分” is the same fact as the 评分要点's 行业领域 clause: deducted once (004:184,186)", () => {
    // 3 分管行业领域 without work deployed: 3 × 0.5 = 1.5 once; 7 − 1.5 = 5.5.
    const rep = run(now, { "s5.i1.c2": { count: 3 } });
    expect(item(rep, "s5.i1")).toMatchObject({ deduction: 1.5, score: 5.5 });
    // The old separate 检查要求 clause no longer exists.
    expect(invalid(run(now, { "s5.i1.c6": { count: 3 } }))).toEqual(["s5.i1.c6"]);
    // Old: the same 3 行业领域 entered on both clauses deducted 3 × 1 + 3 × 0.5 = 4.5; 6 − 4.5 = 1.5.
    expect(item(run(old, { "s5.i1.c2": { count: 3 }, "s5.i1.c6": { count: 3 } }), "s5.i1")).toMatchObject({ deduction: 4.5, score: 1.5 });
  });

  test("5 检查要求3 “…制定针对性措施的，每个行业领域扣1分” is the same fact as “未定期组织分析安全形势的，扣1分”: deducted once (004:184,187)", () => {
    // 2 行业领域 without targeted measures: 2 × 1 = 2 once; 7 − 2 = 5.
    expect(item(run(now, { "s5.i1.c3": { count: 2 } }), "s5.i1")).toMatchObject({ deduction: 2, score: 5 });
    expect(invalid(run(now, { "s5.i1.c7": { count: 2 } }))).toEqual(["s5.i1.c7"]);
    // Old: 1 (评分要点, ticked) + 2 × 1 (检查要求3) = 3; 6 − 3 = 3.
    expect(item(run(old, { "s5.i1.c3": { ticked: true }, "s5.i1.c7": { count: 2 } }), "s5.i1")).toMatchObject({ deduction: 3, score: 3 });
  });

  test("3 检查要求4 “缺少的，每人扣1分” is the same fact as “…未将履行安全生产工作职责情况列入年度考核述职内容的，扣2分”: deducted once (004:74,78)", () => {
    // 3 members' 述职 lacking: 3 × 1 = 3 once; item 3 is worth 10 → 10 − 3 = 7.
    const rep = run(now, { "s3.i1.c5": { count: 3 } });
    expect(item(rep, "s3.i1")).toMatchObject({ points: 10, deduction: 3, score: 7 });
    expect(invalid(run(now, { "s3.i1.c6": { count: 3 } }))).toEqual(["s3.i1.c6"]);
    // Old: 2 (评分要点, ticked) + 3 × 1 (检查要求4) = 5; 10 − 5 = 5.
    expect(item(run(old, { "s3.i1.c5": { ticked: true }, "s3.i1.c6": { count: 3 } }), "s3.i1")).toMatchObject({ deduction: 5, score: 5 });
  });

  test("4.1 “每季度未…至少组织1次会议…的，每次扣1分” counts 次 (one a quarter), at most 4 a year (004:107,110)", () => {
    const c3 = now.sections.flatMap((s) => s.items ?? []).flatMap((i) => i.clauses).find((c) => c.id === "s4.i1.c3")!;
    expect(c3).toMatchObject({ kind: "counted", unit: "次", cap: 4, amount: 1 });
    // 5 entered: min(5 × 1, 4) = 4; item 4.1 is worth 5 → 5 − 4 = 1.  3 entered: 3 → 2.
    expect(item(run(now, { "s4.i1.c3": { count: 5 } }), "s4.i1")).toMatchObject({ deduction: 4, score: 1 });
    expect(item(run(now, { "s4.i1.c3": { count: 3 } }), "s4.i1")).toMatchObject({ deduction: 3, score: 2 });
    // Old: no cap, 5 × 1 = 5 → 0.
    expect(item(run(old, { "s4.i1.c3": { count: 5 } }), "s4.i1")).toMatchObject({ deduction: 5, score: 0 });
  });

  test("10.1 “未推动在省级主流电视媒体开设安全生产专题栏目的，扣1分”: not applicable = not ticked, explained in the note (004:520)", () => {
    const c3 = now.sections.flatMap((s) => s.items ?? []).flatMap((i) => i.clauses).find((c) => c.id === "s10.i1.c3")!;
    expect(c3.text?.split("\n")).toEqual(["未推动在省级主流电视媒体开设安全生产专题栏目的，扣1分", "〖不适用时不勾选，并在自评情况中注明〗"]);
    const rep = score(now, { items: { "s10.i1": { note: "本县当年无省级栏目，c3不适用" } } });
    expect(item(rep, "s10.i1")).toMatchObject({ points: 5, deduction: 0, score: 5 });
    expect(rep.flags.filter((f) => f.target.id === "s10.i1")).toEqual([]);
  });

  test("editorial section titles carry 〖〗", () => {
    const titles = now.sections.filter((s) => s.title.includes("考核要点")).map((s) => s.title);
    expect(titles).toContain("〖考核要点2（2.1、2.2）〗");
    for (const t of titles) expect(t).toMatch(/^〖考核要点\d+（[\d.、]+）〗$/);
  });
});

describe("004 county2023: 2023.2 (the complete table) supersedes 2023.1-partial", () => {
  const now = get("county2023", "2023.2");
  const old = get("county2023", "2023.1-partial");
  const run = (r: Rubric, responses: Responses) => score(r, responses);

  test("the current version is 2023.2, with a new fingerprint; 2023.1-partial is kept", () => {
    expect(findRubric("county2023")).toBe(now);
    expect(fingerprint(now)).not.toBe(fingerprint(old));
  });

  test("a clause whose meaning is unchanged keeps its id and scores the same: 3 c5 “缺少的，每人扣1分”, 2 人 → 2 (004:78)", () => {
    for (const r of [now, old]) expect(item(run(r, { clauses: { "s3.i1.c5": { count: 2 } } }), "s3.i1")).toMatchObject({ deduction: 2 });
  });

  test("9.1: the 15 points “由国务院安委会办公室直接评分” are part of the item, not self-assessed (004:423)", () => {
    // Printed rules 1 + 1 + 1 + 1 = 4 self-assessed, plus 15 scored above = 19; ticking c1 deducts 1 from the 4.
    const rep = run(now, { clauses: { "s9.i1.c1": { ticked: true } } });
    expect(item(rep, "s9.i1")).toMatchObject({ points: 19, scoredAbovePoints: 15, deduction: 1 });
    expect(item(run(old, { clauses: { "s9.i1.c1": { ticked: true } } }), "s9.i1")).toMatchObject({ points: 4, deduction: 1, score: 3 });
  });

  test("10.1 c3 (省级主流电视媒体) does not apply to a county: listed, never deducted (004:520)", () => {
    const rep = run(now, { clauses: {} });
    expect(rep.notApplicable).toEqual(expect.arrayContaining([expect.objectContaining({ id: "s10.i1.c3", itemId: "s10.i1", level: "省级" })]));
  });

  test("39 against 14–18: each hazard found goes to one place — a 重大隐患 to 39, another hazard to its 14.2 clause — and both deduct (004:2194)", () => {
    // One major hazard in 39 and one other hazard under 14.2 c5 (疏散楼梯、安全出口数量不足的，每家扣0.3分): different
    // findings, both entered, neither flagged; 0.5 off the total and 0.3 off 14.2.
    const both = run(now, { clauses: { "p39.c1": { count: 1 }, "s14.i2.c5": { count: 1 } } });
    expect(invalid(both)).toEqual([]);
    expect(both.penalties?.[0]).toMatchObject({ deduction: 0.5 });
    expect(item(both, "s14.i2")).toMatchObject({ deduction: 0.3 });
    const one = run(now, { clauses: { "p39.c1": { count: 1 } } });
    expect(invalid(one)).toEqual([]);
    expect(one.penalties?.[0]).toMatchObject({ deduction: 0.5 });
  });

  test("19.2 “结合检查重点选查”: not inspected, the item keeps its full points and its entries are invalid (004:1165)", () => {
    const rep = run(now, { clauses: { "s19.i2.c1": { ticked: true } } });
    expect(item(rep, "s19.i2")).toMatchObject({ selected: false, deduction: 0 });
    expect(invalid(rep)).toEqual(["s19.i2.c1"]);
    // Inspected: the tick deducts 1 (未开展煤矿采掘接续紧张安全治理).
    const sel = run(now, { clauses: { "s19.i2.c1": { ticked: true } }, items: { "s19.i2": { selected: true } } });
    expect(item(sel, "s19.i2")).toMatchObject({ selected: true, deduction: 1 });
  });
});

describe("000 lw2015-dept: 2015.2 corrects 2015.1 (wording only)", () => {
  const now = get("lw2015-dept", "2015.2");
  const old = get("lw2015-dept", "2015.1");
  const i1 = (r: Rubric) => r.sections[0].items!.find((i) => i.id === "i1")!;

  test("indicator 1 keeps its two printed paragraphs, neither merged nor cut (000:39-41)", () => {
    const paragraphs = i1(now).text.split("\n");
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]).toMatch(/^1\.深入贯彻落实.*及时协调、解决安全发展的重大问题。$/);
    expect(paragraphs[1]).toMatch(/^落实安全监管责任，.*督促相关企业落实安全生产主体责任。$/);
    expect(i1(old).text).toBe(paragraphs.join(""));
  });

  test("scoring is unchanged, so the fingerprint is the same; the version tells them apart", () => {
    expect(fingerprint(now)).toBe(fingerprint(old));
    expect(findRubric("lw2015-dept")).toBe(now);
  });
});

describe("001 附件3 qhd2016-gov: 2016.2 corrects 2016.1 (wording only)", () => {
  const now = get("qhd2016-gov", "2016.2");
  const old = get("qhd2016-gov", "2016.1");
  test("the reconstructed 类别 of s7–s9 is marked editorial with 〖〗; printed groups are not", () => {
    const groups = (r: Rubric) => Object.fromEntries(r.sections.map((s) => [s.id, s.group]));
    expect(groups(now)).toMatchObject({ s1: "综合工作300分（政府工作100分）", s5: "综合工作300分（部门工作100分）", s7: "〖综合工作300分（企业工作100分）〗", s8: "〖综合工作300分（企业工作100分）〗", s9: "〖综合工作300分（企业工作100分）〗" });
    expect(groups(old).s7).toBe("综合工作300分（企业工作100分）");
    expect(fingerprint(now)).toBe(fingerprint(old));
  });
});

describe("001 附件4 qhd2016-dept: 2016.2 corrects 2016.1 (wording only)", () => {
  const now = get("qhd2016-dept", "2016.2");
  const old = get("qhd2016-dept", "2016.1");
  const s3 = (r: Rubric) => r.sections.find((s) => s.id === "s3")!;

  test("the sheet prints, on the bonus row, that it is what brings 安全生产各项活动和专项行动 from 160 to 200 (001:493-518)", () => {
    const p = plan(now);
    const texts = p.cells.map((c) => c.v).filter((v): v is string => typeof v === "string");
    const bonusRow = texts.find((v) => v.startsWith("根据需要，组织本行业领域专项整治行动情况。"))!;
    expect(bonusRow.split("\n")).toEqual(["根据需要，组织本行业领域专项整治行动情况。", expect.stringMatching(/^〖.*160.*200.*〗$/)]);
    expect(plan(old).cells.some((c) => typeof c.v === "string" && c.v.includes("〖本考核项200分"))).toBe(false);
  });

  test("the note no longer claims deduction from 200 leaves the bonus nothing to add to, and states the alternative reading", () => {
    const notes = s3(now).notes!.join("\n");
    expect(notes).toMatch(/Alternative reading/);
    expect(notes).toMatch(/200 − 30 \+ 20 = 190/);
    expect(s3(old).notes!.join("\n")).toMatch(/would leave the bonus nothing to add to\./);
  });

  test("scoring is unchanged (same fingerprint): the bonus row is what reaches 200 — 0 → 160, 1 → 180, 2 → 200", () => {
    expect(fingerprint(now)).toBe(fingerprint(old));
    // 4 activity rows × 40 (nothing deducted) = 160, + 20 per 专项整治行动, at most 40.
    const sec = (r: Rubric, count?: number) => score(r, { clauses: { "s3.i5.c1": { count } } }).sections.find((s) => s.id === "s3")!.score;
    for (const r of [now, old]) expect([sec(r), sec(r, 1), sec(r, 2)]).toEqual([160, 180, 200]);
  });
});
