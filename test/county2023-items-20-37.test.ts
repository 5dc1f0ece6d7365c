/**
 * 004 序号20–37.2 (sections s20…s37): the import of the seed plus `rubrics/decisions/county2023/2-items-20-37.json`
 * alone. Every expected value below is read off the document (the seed line is quoted) or computed by hand from
 * it, never taken from the output; where the value rests on a transcription decision, the decision is named.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importTable } from "../src/import";
import { applyDecisions, loadDecisions } from "../src/import/decisions";
import { parseRubric } from "../src/rubric/load";
import { abovePointsH, clauseText, selfPointsH } from "../src/rubric/model";
import type { Clause, Item, Rubric } from "../src/rubric/schema";
import { seedText } from "./helpers/shared";

const SEED = "004_97df8b5eb248e478.txt";
const DECISIONS = join(__dirname, "..", "rubrics", "decisions", "county2023", "2-items-20-37.json");

const draft = () => importTable(new TextEncoder().encode(seedText(SEED)), SEED, "text", "county2023")[0].rubric as unknown as Record<string, unknown>;
const decisions = loadDecisions(readFileSync(DECISIONS, "utf8"), "2-items-20-37.json");
const draftJson = draft();
const outJson = applyDecisions(draftJson, decisions, "2-items-20-37.json") as Record<string, unknown>;
const rubric: Rubric = parseRubric(outJson, "county2023 + 2-items-20-37.json");

const inRange = (sectionId: string) => Number(sectionId.slice(1)) >= 20;
const items = new Map<string, Item>(rubric.sections.flatMap((s) => (s.items ?? []).map((i) => [i.id, i] as const)));
const clauses = new Map<string, Clause>([...items.values()].flatMap((i) => i.clauses.map((c) => [c.id, c] as const)));
const item = (id: string) => items.get(id)!;
const clause = (id: string) => clauses.get(id)!;
const rangeClauses = rubric.sections.filter((s) => inRange(s.id)).flatMap((s) => (s.items ?? []).flatMap((i) => i.clauses));

/** The seed's lines from 序号20 (its first line) up to 39 (减分项), exclusive. */
const rangeLines = (() => {
  const lines = seedText(SEED).split("\n");
  const from = lines.findIndex((l) => l.includes("在企业自查自改阶段集中开展监管执法人员安全生产专题培训，切实提高"));
  const to = lines.findIndex((l) => l.trim() === "39");
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(from);
  return lines.slice(from, to);
})();

describe("004 序号20–37.2: the draft plus 2-items-20-37.json", () => {
  test("applies alone to a fresh draft, validates, and touches nothing outside s20…s37", () => {
    expect(rubric.sections.filter((s) => inRange(s.id)).map((s) => s.label)).toEqual(
      ["20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33", "34", "35", "36", "37"],
    );
    const outside = (r: Record<string, unknown>) => ({
      ...r,
      sections: (r.sections as { id: string }[]).filter((s) => !inRange(s.id)),
    });
    expect(outside(outJson)).toEqual(outside(draftJson));
    // Every decision addresses an id of s20…s37 (its own range only, so helper A's file applies independently).
    for (const d of decisions.decisions) {
      const ids = "at" in d && d.at ? [d.at] : "node" in d ? [d.node.id] : "ids" in d ? d.ids : [];
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(inRange(id.split(".")[0])).toBe(true);
    }
  });

  test("clauses per item, split as the document lists them", () => {
    // 20 "……重大事故隐患判定标准、重点执法检查事项及相关法律法规标准的，每项扣1分" is three things: 1 + 3 + 1.
    expect(item("s20.i1").clauses).toHaveLength(5);
    // 25: three "扣1分", "问题“气、瓶、阀、软管、管网、用气环境”……每项扣1分" (six), five more "扣1分" = 14.
    expect(item("s25.i1").clauses).toHaveLength(14);
    expect(item("s25.i1").clauses.filter((c) => clauseText(c, item("s25.i1")).includes("“气、瓶、阀、软管、管网、用气环境”"))).toHaveLength(6);
    // 28 "……进行约谈、通报的，每项扣1分": two measures (decision: the list right before "的，每项"); 1 + 2 + 1 + 1.
    expect(item("s28.i1").clauses).toHaveLength(5);
    // 31.3: ten rules printed; "未深入推进……行动，未开展……创建的，每项扣1分" and "高速公路、普通国道……50%、45%的，
    // 分别扣0.5分" are two each (the draft made three of the latter): 12 deductions, and 检查要求4 scored above.
    expect(item("s31.i3").clauses.filter((c) => c.kind !== "scoredAbove")).toHaveLength(12);
    expect(item("s31.i3").clauses.filter((c) => c.kind === "scoredAbove")).toHaveLength(1);
    // 36.2: four rules in 评分要点 and "未将近三年……直接纳入治理范围的，扣0.5分" in 检查要求3.
    expect(item("s36.i2").clauses).toHaveLength(5);
  });

  test.each<[string, string, Partial<Record<"kind" | "amount" | "unit" | "cap" | "by" | "points" | "listed" | "sameText", unknown>>]>([
    // 26.2 "相关企业未开展自查自改燃气安全风险隐患的，每家扣0.3分"
    ["s26.i2.c3", "相关企业未开展自查自改燃气安全风险隐患的，每家扣0.3分", { kind: "counted", amount: 0.3, unit: "家", cap: undefined }],
    // 24 "……消防等部门未制定专项整治工作方案的，每个部门扣1分"
    ["s24.i1.c9", "每个部门扣1分", { kind: "counted", amount: 1, unit: "部门", cap: undefined }],
    // 27 "自接到挂牌督办通知之日起60日内未完成督办事项的，每起扣1分"
    ["s27.i1.c2", "自接到挂牌督办通知之日起60日内未完成督办事项的，每起扣1分", { kind: "counted", amount: 1, unit: "起", cap: undefined }],
    // 31.3 "未将重大工程有关建设需求纳入本地区相关规划的，每类规划扣0.5分"
    ["s31.i3.c3", "每类规划扣0.5分", { kind: "counted", amount: 0.5, unit: "类规划", cap: undefined }],
    // 31.3 "高速公路、普通国道公路交通安全防控体系应用率未达到50%、45%的，分别扣0.5分" (the second: 普通国道)
    ["s31.i3.c10", "分别扣0.5分", { kind: "fixed", amount: 0.5, listed: "普通国道", sameText: "s31.i3.c9" }],
    // 35 "未经同意更改《2023年国家森林草原航空消防布局计划》确定的航空器机型、数量、时间的，扣0.5分"
    ["s35.i1.c14", "确定的航空器机型、数量、时间的，扣0.5分", { kind: "fixed", amount: 0.5 }],
    // 20 "……及相关法律法规标准的，每项扣1分" (the third listed thing)
    ["s20.i1.c4", "每项扣1分", { kind: "fixed", amount: 1, listed: "相关法律法规标准", sameText: "s20.i1.c2" }],
    // 36.2 检查要求3 "未将近三年未开展职业病危害因素定期检测的企业直接纳入治理范围的，扣0.5分"
    ["s36.i2.c5", "直接纳入治理范围的，扣0.5分", { kind: "fixed", amount: 0.5 }],
    // 33 "未推进粉尘涉爆风险监测预警系统建设应用的，扣1分" + 检查要求7 "……由应急管理部直接评分"
    ["s33.i1.c5", "由应急管理部直接评分", { kind: "scoredAbove", by: "应急管理部", points: 1 }],
    // 34 "未严格落实生产安全事故制度的，每个扣1分"
    ["s34.i1.c3", "每个扣1分", { kind: "counted", amount: 1, unit: "个", cap: undefined }],
  ])("%s: %s", (id, printed, expected) => {
    const c = clause(id) as unknown as Record<string, unknown>;
    // A later thing of a closed list reads its list's sentence (sameText).
    expect(clauseText(clause(id), item(id.replace(/\.c\d+$/, "")))).toContain(printed);
    for (const [k, v] of Object.entries(expected)) expect(c[k]).toBe(v);
  });

  test("extraction breaks inside a sentence are joined", () => {
    // 23 "……考核发证服务的，扣1" / "分；……" and 30 "……每起扣1" / "分；……" are one sentence each.
    expect(clause("s23.i1.c7").text).toBe("未及时提供特种作业人员培训和考核发证服务的，扣1分");
    expect(clause("s30.i1.c2").text).toBe("未对落实情况及时组织实施评估的，每起扣1分");
    // 35 评分依据 prints "4.中央补助……暂行规定。" and "5.2023年国家森林草原航空消防布局计划。" on lines of their own.
    expect(item("s35.i1").basis!.split("\n")).toContain("5.2023年国家森林草原航空消防布局计划。");
  });

  test("derived points of three items, by hand from the printed amounts", () => {
    // 20: 扣1分 + 每项扣1分 × 3 listed + 扣1分 = 5.
    expect(item("s20.i1").points).toBe(5);
    // 28: 每起扣1分 (one unit) + 约谈、通报 1 each + 扣1分 + 扣1分 = 5.
    expect(item("s28.i1").points).toBe(5);
    // 31.3: 每项1 + 1 + 每类规划0.5 + 每项工程0.5 + 1 + 1 (two things) + 1 + 1 + 0.5 + 0.5 (two roads) + 0.5 (地市) + 0.5 = 9.
    expect(item("s31.i3").points).toBe(9);
    expect(rubric.sections.find((s) => s.id === "s31")!.points).toBe(4 + 2 + 9);
    // 27: three 每起扣1分, the first scored by 国务院安委会办公室 (derived 1): the county assesses 2 of 3.
    expect(item("s27.i1").points).toBe(3);
    expect([abovePointsH(item("s27.i1")), selfPointsH(item("s27.i1"))]).toEqual([100, 200]);
  });

  test("every 评分要点 rule aimed at 省级/市级/地市 is notApplicable, and nothing else", () => {
    const scoring = rangeLines.filter((l) => l.includes("评分要点：")).join("");
    const rules = scoring.split(/[；;。]/).filter((r) => /扣[\d.]+分/.test(r) && /省级|市级|地市|省份/.test(r));
    // 21 省级报送的执法案例, 31.3 地市应用率, 32.1 省级政府, 35 督促市级政府, 35 省级承租资金.
    expect(rules).toHaveLength(5);
    const na = rangeClauses.filter((c) => "notApplicable" in c && c.notApplicable);
    expect(na).toHaveLength(5);
    for (const r of rules) {
      const text = r.replace(/^评分要点：/, "").trim();
      expect(na.map((c) => c.text)).toContain(text);
    }
  });

  test("every “直接评分” of s20…s37 is a scoredAbove clause by the authority printed", () => {
    const printed = rangeLines
      .filter((l) => l.includes("直接评分"))
      .map((l) => l.trim().replace(/^\d+\./, "").replace(/。.*$/, "。")); // the sentence, less its number and 责任单位
    // 21 应急管理部, 27 国务院安委会办公室, 31.3 国家消防救援局, 33 国家消防救援局 and 应急管理部, 34 应急管理部, 37.2 国务院安委会办公室.
    expect(printed).toHaveLength(7);
    const above = rangeClauses.filter((c) => c.kind === "scoredAbove");
    expect(above).toHaveLength(7);
    for (const sentence of printed) {
      const c = above.find((a) => a.text.split("\n").includes(sentence));
      expect(c).toBeDefined();
      expect(sentence).toContain(`由${(c as { by: string }).by}`);
    }
    // Points only where printed or derived from a printed amount: 33 "扣1分" and 27 "每起扣1分" (one unit).
    expect(above.filter((c) => "points" in c && c.points !== undefined).map((c) => c.id).sort()).toEqual(["s27.i1.c1", "s33.i1.c5"]);
  });
});
