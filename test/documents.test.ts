/**
 * Hand-computed cases from the official documents, through the shipped rubrics. Test names cite the
 * seed file and line (shared/seeds/…) the rule is printed on.
 */
import { join } from "node:path";
import { loadRubricFile, RUBRICS_DIR } from "../src/rubric/files";
import { score, type Responses } from "../src/scoring";

const load = (name: string) => loadRubricFile(join(RUBRICS_DIR, name));
const ticks = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id, { ticked: true }]));
const item = (rep: ReturnType<typeof score>, id: string) => rep.sections.flatMap((s) => s.items).find((i) => i.id === id)!;
const sectionOf = (rep: ReturnType<typeof score>, id: string) => rep.sections.find((s) => s.id === id)!;

describe("000 龙湾区2015 区有关单位自评表 (award sub-items, variants)", () => {
  const r = load("lw2015-dept.json");
  const run = (resp: Omit<Responses, "variant">, variant = "jyj") => score(r, { variant, ...resp });

  test("SCORING.md worked example — indicator 3 with nothing ticked scores 24 (000:74-87, 26 points of sub-items under 24)", () => {
    expect(item(run({}), "i3")).toMatchObject({ points: 24, score: 24, deduction: 0 });
  });
  test("SCORING.md worked example — “全年有4条以上信息被…录用的，得3分” 未落实 → 23, not 21 (000:86)", () => {
    expect(item(run({ clauses: ticks("i3.c6b") }), "i3").score).toBe(23);
  });
  test("SCORING.md worked example — and “认真组织开展“安全生产月”活动…得5分” 未落实 → 18 (000:84)", () => {
    expect(item(run({ clauses: ticks("i3.c6b", "i3.c5") }), "i3").score).toBe(18);
  });
  test("a full table is 200; every sub-item of indicator 1 未落实 leaves 170 (000: indicator 1, 30 points)", () => {
    expect(run({}).total).toBe(200);
    const all = r.sections[0].items![0].clauses.map((c) => c.id);
    expect(run({ clauses: ticks(...all) }).total).toBe(170);
  });
  test("indicator 7 differs per department: 教育局 and 公安分局 see their own sub-items, both worth 65", () => {
    const jyj = item(run({}, "jyj"), "i7.jyj");
    const gaj = item(run({}, "gaj"), "i7.gaj");
    expect([jyj.points, gaj.points]).toEqual([65, 65]);
    expect(jyj.clauses.length).not.toBe(gaj.clauses.length);
    expect(r.variants!.flatMap((v) => v.units)).toHaveLength(18);
  });
  test("the five header and footer fields are required (000: 单位名称 / 自评时间 / 单位负责人 / 填表人 / 联系电话)", () => {
    const missing = run({}).flags.filter((f) => f.kind === "missing-field").map((f) => f.message);
    expect(missing).toEqual(["未填写“单位名称”", "未填写“自评时间”", "未填写“单位负责人”", "未填写“填表人”", "未填写“联系电话”"]);
  });
  test("every indicator needs a 自评情况 note (000: 自评情况请根据考核办法的要求简要填写…)", () => {
    const rep = run({ items: { i1: { note: "已制定年度计划" } } });
    expect(rep.flags.filter((f) => f.kind === "missing-evidence").map((f) => f.target.id)).toEqual(["i2", "i3", "i4", "i5", "i6", "i7.jyj", "i8"]);
  });
});

describe("001 附件4 市直部门 (deduct sections, counted caps, bonus, vetoes)", () => {
  const r = load("qhd2016-dept.json");
  test("fixed — “未落实的，扣30分” ticked takes 30 off the 150-point section (001:435)", () => {
    expect(sectionOf(score(r, { clauses: ticks("s1.i2.c1") }), "s1").score).toBe(120);
  });
  test("counted — “每少落实1次，扣10分。最高可扣40分” with 5 deducts 40 (001:447)", () => {
    const rep = score(r, { clauses: { "s1.i4.c1": { count: 5 } } });
    expect(item(rep, "s1.i4").deduction).toBe(40);
    expect(sectionOf(rep, "s1").score).toBe(110);
  });
  test("bonus — “每开展1项活动加20分，最高可加40分”: 0 → 160, 1 → 180, 3 → 200 (001:518)", () => {
    const s3 = (count?: number) => sectionOf(score(r, { clauses: { "s3.i5.c1": { count } } }), "s3").score;
    expect([s3(undefined), s3(1), s3(3)]).toEqual([160, 180, 200]);
  });
  test("a full return is 460 of 500 (the bonus unearned); a fail veto makes it 不合格 (001: 一票否决)", () => {
    const rep = score(r, { vetoes: { "v.fail2": true } });
    expect(rep.total).toBe(460);
    expect(rep.tier).toBe("fail");
    expect(rep.veto.reasons.map((v) => v.id)).toEqual(["v.fail2"]);
  });
  test("one no-excellent condition (“瞒报、谎报、漏报生产安全事故的”) bars 优秀 (001: 优秀否决项)", () => {
    const full = score(r, { clauses: { "s3.i5.c1": { count: 2 } } });
    expect(full.tier).toBe("excellent");
    expect(score(r, { clauses: { "s3.i5.c1": { count: 2 } }, vetoes: { "v.ne4": true } }).tier).toBe("good");
  });
});

describe("002 巡查要点 (unscored checklist)", () => {
  const r = load("xc2018-checklist.json");
  test("every point starts unanswered; answering 否 asks for a note", () => {
    const first = r.sections[0].checks![0].id;
    const rep = score(r, { items: { [first]: { answer: "否" } } });
    const checks = r.sections.reduce((n, s) => n + (s.checks?.length ?? 0), 0);
    expect(rep.flags.filter((f) => f.kind === "unanswered-check")).toHaveLength(checks - 1);
    expect(rep.flags.filter((f) => f.kind === "check-no-note").map((f) => f.target.id)).toEqual([first]);
    expect(rep.tier).toBeNull();
  });
});

describe("001 附件2 党委层面 and 附件3 政府层面 (deduct sections, item caps)", () => {
  test("SCORING.md worked example — “每少落实1次，扣5分。最高可扣10分” with count 3 deducts 10 (001:139)", () => {
    const r = load("qhd2016-party.json");
    const rep = score(r, { clauses: { "s1.i4.c1": { count: 3 } } });
    expect(item(rep, "s1.i4").clauses[0].value).toBe(10);
    expect(rep.total).toBe(90);
  });
  test("SCORING.md worked example — four “扣3分” under “最高扣12分” all ticked deduct 12 (001:375)", () => {
    const r = load("qhd2016-gov.json");
    const rep = score(r, { clauses: ticks("s8.i2.c1", "s8.i2.c2", "s8.i2.c3", "s8.i2.c4") });
    expect(item(rep, "s8.i2").deduction).toBe(12);
    expect(sectionOf(rep, "s8").score).toBe(18);
    expect(rep.max).toBe(300);
  });
  test("a deduct section never goes below 0: “最高可扣10分” rows past the 100-point budget (001 附件2)", () => {
    const r = load("qhd2016-party.json");
    const every = Object.fromEntries(r.sections[0].items!.flatMap((i) => i.clauses.map((c) => [c.id, c.kind === "counted" ? { count: 99 } : { ticked: true }])));
    const rep = score(r, { clauses: every });
    expect(rep.sections[0].raw).toBe(10);
    expect(rep.total).toBe(10);
    expect(rep.tier).toBe("fail");
  });
});

describe("004 县级考核巡查评分细则 (fractional counts, discretionary, penalty, floor)", () => {
  const r = load("county2023.json");
  test("counted with clause cap — “每起扣0.1分（最多扣1分）”: 3 起 → 0.3, 12 起 → 1 (004:574)", () => {
    const dec = (count: number) => item(score(r, { clauses: { "s10.i2.c4": { count } } }), "s10.i2").clauses[3].value;
    expect([dec(3), dec(12)]).toEqual([0.3, 1]);
  });
  test("fractional per-unit — “每个行业领域扣0.5分” × 3 is exactly 1.5 (004 item 5, worth 7 since 2023.1-partial)", () => {
    const rep = score(r, { clauses: { "s5.i1.c2": { count: 3 } } });
    expect(item(rep, "s5.i1")).toMatchObject({ deduction: 1.5, score: 5.5 });
  });
  test("discretionary — “酌情扣分” takes the entered amount and asks for a note (004:110)", () => {
    const rep = score(r, { clauses: { "s4.i1.c6": { amount: 1.5 } } });
    expect(item(rep, "s4.i1").score).toBe(3.5);
    expect(rep.flags.find((f) => f.target.id === "s4.i1")?.kind).toBe("unexplained-entry");
  });
  test("floor — “扣完对应考核要点分值为止”: more deductions than points stop at 0 (004:10)", () => {
    const rep = score(r, { clauses: { "s2.i1.c3": { count: 30 } } });
    expect(item(rep, "s2.i1").score).toBe(0);
    expect(r.floor).toBe("扣完对应考核要点分值为止");
  });
  test("penalty item 39 — “每项扣0.5分” comes off the total, outside every section (004:2193)", () => {
    const rep = score(r, { clauses: { "p39.c1": { count: 3 } } });
    // Nothing else entered: the subtotal is every self-assessed point (the parts scored above, 9.1's 15 and 12.2's 2 …, are not).
    const aboveH = r.sections.flatMap((s) => s.items ?? []).flatMap((i) => i.clauses).reduce((a, c) => a + (c.kind === "scoredAbove" ? Math.round((c.points ?? 0) * 100) : 0), 0);
    expect(aboveH).toBeGreaterThanOrEqual(1700);
    expect(Math.round(rep.selfMax * 100)).toBe(Math.round(rep.max * 100) - aboveH);
    expect(rep).toMatchObject({ subtotal: rep.selfMax, penaltyTotal: 1.5, total: rep.selfMax - 1.5 });
  });
  test("per enterprise — “每家扣0.3分” × 3 is exactly 0.9: 14.1 (2.9 = 0.5 + 8 × 0.3) leaves 2 (004:921)", () => {
    const rep = score(r, { clauses: { "s14.i1.c2": { count: 3 } } });
    expect(item(rep, "s14.i1")).toMatchObject({ points: 2.9, deduction: 0.9, score: 2 });
  });
  test("12.2 “准确、规范报送信息有关情况由国务院安委会办公室直接评分”: its 2 points (“未准确、规范报送信息的，扣2分”) are scored above (004:762,767)", () => {
    expect(item(score(r, {}), "s12.i2")).toMatchObject({ points: 8, scoredAbovePoints: 2 });
  });
  test("17 检查要求3 “…双方未签订安全生产协议…扣1分” and “…未签订专门的安全生产和消防安全管理协议…每家扣0.3分”: one fact, entered once (004:1064,1067)", () => {
    const both = score(r, { clauses: { "s17.i1.c9": { count: 1 }, "s17.i1.c10": { ticked: true } } });
    expect(both.flags.filter((f) => f.kind === "invalid-input").map((f) => f.target.id).sort()).toEqual(["s17.i1.c10", "s17.i1.c9"]);
    expect(item(both, "s17.i1").deduction).toBe(0);
  });
});
