/**
 * Schemes (schemes/*.json): the shipped two validate and say what 001 三、考核记分 says; a broken scheme file is
 * refused with one bilingual line per problem naming the file and the JSON path.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseScheme, parseSchemeText, SchemeError } from "../src/scheme/load";
import { schemeJsonSchema } from "../src/scheme/json-schema";
import { findScheme, shippedSchemes } from "../src/scheme/shipped";
import { findRubric } from "../src/rubric/library";
import { score } from "../src/scoring";

const SCHEMES_DIR = join(__dirname, "..", "schemes");

describe("the shipped schemes", () => {
  test("both validate, and each adds up to 1000 (001: 县区考核按千分计算 / 市直各部门的考核按千分计算)", () => {
    expect(shippedSchemes().map((s) => s.id)).toEqual(["qhd2016-county", "qhd2016-city-dept"]);
    for (const s of shippedSchemes()) {
      expect(s.max).toBe(1000);
      expect(s.components.reduce((t, c) => t + c.weight, 0)).toBe(1000);
    }
  });

  test("县区: 党委层面100 + 政府层面300 + 行政执法100 + 行业专项200 + 日常考核300, 行业专项 11 + 9 sectors × 10", () => {
    const s = findScheme("qhd2016-county")!;
    expect(s.components.map((c) => [c.name, c.weight, c.rubric ?? null])).toEqual([
      ["党委层面", 100, "qhd2016-party"],
      ["政府层面", 300, "qhd2016-gov"],
      ["行政执法", 100, null],
      ["行业专项", 200, null],
      ["日常考核", 300, null],
    ]);
    const sectors = s.components[3].parts!;
    // 市安监局监管行业 … 各10分，共110分; 其他部门监管重点行业 … 各10分，共90分.
    expect(sectors).toHaveLength(20);
    expect(sectors.every((p) => p.weight === 10)).toBe(true);
    expect(sectors.slice(0, 11).map((p) => p.name)).toEqual(["非煤矿山", "五大行业", "危险化学品和烟花爆竹", "冶金建材", "职业卫生", "应急救援", "人事培训", "宣传教育", "两体一化", "智慧安监", "事故调查"]);
    expect(sectors.slice(11).map((p) => p.name)).toEqual(["交通运输", "建筑施工", "道路交通", "消防", "特种设备", "旅游", "教育", "卫生", "城管"]);
    // 海港区煤矿考核同非煤矿山相加取平均值.
    expect(sectors[0].averageWith).toEqual(["煤矿"]);
  });

  test("市直部门: 年终考核500 (附件4) + 安委办日常考核300 + 综合监管日常考核200", () => {
    const s = findScheme("qhd2016-city-dept")!;
    expect(s.components.map((c) => [c.name, c.weight, c.rubric ?? null])).toEqual([
      ["年终考核", 500, "qhd2016-dept"],
      ["安委办日常考核", 300, null],
      ["综合监管日常考核", 200, null],
    ]);
  });

  test("a rubric component names a shipped rubric whose maximum is its weight (no scaling needed for 001's annexes)", () => {
    for (const s of shippedSchemes()) {
      for (const c of s.components.filter((x) => x.rubric)) {
        const r = findRubric(c.rubric!);
        expect(r).toBeDefined();
        expect(score(r!, {}).max).toBe(c.weight);
      }
    }
  });

  test("schemes/scheme.schema.json is the generated one (npm run schema)", () => {
    expect(readFileSync(join(SCHEMES_DIR, "scheme.schema.json"), "utf8")).toBe(schemeJsonSchema());
  });

  test("the shipped files parse from their text as a scheme file given by path would", () => {
    for (const f of ["qhd2016-county.json", "qhd2016-city-dept.json"]) {
      expect(parseSchemeText(readFileSync(join(SCHEMES_DIR, f), "utf8"), f).max).toBe(1000);
    }
  });
});

describe("a broken scheme file: the file, the JSON path, the problem, zh-CN then en-US", () => {
  const good = () => JSON.parse(readFileSync(join(SCHEMES_DIR, "qhd2016-county.json"), "utf8"));
  const problems = (json: unknown) => {
    try {
      parseScheme(json, "my.json");
    } catch (e) {
      expect(e).toBeInstanceOf(SchemeError);
      return (e as Error).message.split("\n");
    }
    throw new Error("accepted");
  };

  test("weights that do not add up to max", () => {
    const s = good();
    s.components[4].weight = 290;
    expect(problems(s)).toEqual(["my.json: components: 各组成部分分值合计 990，与满分 1000 不符 / the components' weights add up to 990, not max 1000"]);
  });

  test("parts that do not add up to their component", () => {
    const s = good();
    s.components[3].parts[19].weight = 5;
    expect(problems(s)).toEqual(["my.json: components[3].parts: 细项分值合计 195，与组成部分分值 200 不符 / the parts' weights add up to 195, not the component's 200"]);
  });

  test("a negative weight, a missing name, an unknown field", () => {
    const s = good();
    s.components[2].weight = -100;
    delete s.components[0].name;
    s.components[1].points = 300;
    expect(problems(s)).toEqual(
      expect.arrayContaining([
        "my.json: components[0].name: 考核方案格式有误 / invalid scheme: missing (expected a string)",
        'my.json: components[1]: 考核方案格式有误 / invalid scheme: unknown field "points"',
        "my.json: components[2].weight: 考核方案格式有误 / invalid scheme: expected a number > 0, got number -100",
      ]),
    );
  });

  test("a name used twice (sheet lines would be ambiguous), even with a full-width space", () => {
    const s = good();
    s.components[3].parts[1].name = "日常　考核";
    expect(problems(s)).toEqual(["my.json: components[4].name: 名称“日常考核”与 components[3].parts[1].name 重复 / name \"日常考核\" is already used at components[3].parts[1].name"]);
  });

  test("a rubric component with parts, and one rubric for two components", () => {
    const s = good();
    s.components[0].parts = [{ name: "甲", weight: 100 }];
    s.components[1].rubric = "qhd2016-party";
    expect(problems(s)).toEqual([
      "my.json: components[0].parts: 由自评表计分的组成部分不能再分细项 / a component scored from a rubric's returns has no entered parts",
      "my.json: components[1].rubric: 考核细则 qhd2016-party 已用于另一组成部分 / rubric qhd2016-party already scores another component",
    ]);
  });

  test("not JSON, and too large", () => {
    expect(() => parseSchemeText("{ \"id\": ", "bad.json")).toThrow(/^bad\.json: 不是有效的 JSON \/ not valid JSON/);
    expect(() => parseSchemeText(" ".repeat(300 * 1024), "big.json")).toThrow("big.json: 文件过大（上限 256 KB） / too large (at most 256 KB)");
  });
});
