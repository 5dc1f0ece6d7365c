/** The office's unit list (CSV in UTF-8 / GBK, or .xlsx) and policy (JSON). */
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { parseCsv, parseUnitList, UnitListError } from "../src/consolidate/units";
import { DEFAULT_POLICY, parsePolicy, PolicyError } from "../src/consolidate/policy";
import { example } from "./helpers/zhoucun";

const utf8 = (s: string) => new TextEncoder().encode(s);
const names = (bytes: Uint8Array) => parseUnitList(bytes, "list.csv").units.map((u) => u.name);

describe("CSV records (RFC 4180)", () => {
  test("quotes, doubled quotes, commas and line breaks inside quotes, CRLF and LF, no final newline", () => {
    expect(parseCsv('a,"b,c","say ""hi"""\r\n"two\r\nlines",x\ny,')).toEqual([
      { fields: ["a", "b,c", 'say "hi"'], line: 1 },
      { fields: ["two\r\nlines", "x"], line: 2 },
      { fields: ["y", ""], line: 4 },
    ]);
  });
});

describe("parseUnitList", () => {
  const LIST = "单位,类别,否决原因\r\n区教体局,部门,\r\n\r\n\"王村镇政府\",镇街,\"辖区发生较大生产安全事故，实施一票否决\"\r\n";

  test("UTF-8 with and without BOM, and GBK, give the same entries and say which encoding", () => {
    const plain = parseUnitList(utf8(LIST), "a.csv");
    const bom = parseUnitList(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(LIST)]), "b.csv");
    const gbk = parseUnitList(new Uint8Array(iconv.encode(LIST, "gbk")), "c.csv");
    expect([plain.encoding, bom.encoding, gbk.encoding]).toEqual(["utf-8", "utf-8-bom", "gb18030"]);
    const expected = [
      { name: "区教体局", category: "部门", veto: null, noExcellent: null, exempt: null, line: 2 },
      { name: "王村镇政府", category: "镇街", veto: "辖区发生较大生产安全事故，实施一票否决", noExcellent: null, exempt: null, line: 4 },
    ];
    for (const l of [plain, bom, gbk]) expect([l.units, l.problems]).toEqual([expected, []]);
  });

  test("headers with spaces of any width; unknown columns ignored; cells trimmed", () => {
    const l = parseUnitList(utf8(" 单　位 ,备注, 免考原因 ,优秀否决原因\n　区气象局 ,x,由市气象局考核,\n区蔬菜局,y,,瞒报事故\n"), "a.csv");
    expect(l.units.map((u) => [u.name, u.exempt, u.noExcellent, u.category])).toEqual([["区气象局", "由市气象局考核", null, null], ["区蔬菜局", null, "瞒报事故", null]]);
  });

  test("no 单位 column: one bilingual line", () => {
    expect(() => parseUnitList(utf8("名称,类别\n区教体局,部门\n"), "list.csv")).toThrow(UnitListError);
    expect(() => parseUnitList(utf8("名称,类别\n"), "list.csv")).toThrow(/^list\.csv：单位名单缺少“单位”列.* \/ list\.csv: the unit list has no 单位 column[^\n]*$/);
    expect(() => parseUnitList(new Uint8Array(0), "empty.csv")).toThrow(/缺少“单位”列/);
  });

  test("a unit listed twice (also once normalised) and a row without a name are problem lines", () => {
    const l = parseUnitList(utf8("单位,类别\n区教体局,部门\n,部门\n区 教体局,部门\n区安监局,部门\n"), "list.csv");
    expect(l.units.map((u) => u.name)).toEqual(["区教体局", "区安监局"]);
    expect(l.problems).toEqual([
      "list.csv 第3行：没有单位名称，已跳过 / list.csv line 3: no unit name; skipped",
      "list.csv 第4行：单位“区 教体局”与第2行重复，已跳过 / list.csv line 4: unit \"区 教体局\" repeats line 2; skipped",
    ]);
  });

  test("a name that looks like a formula stays text", () => {
    expect(names(utf8('单位\n=HYPERLINK("x")\n+1\n@x\n'))).toEqual(['=HYPERLINK("x")', "+1", "@x"]);
  });

  test(".xlsx: the first visible sheet, header row, row numbers as lines", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("hidden").state = "hidden";
    const ws = wb.addWorksheet("名单");
    ws.getCell("B2").value = "单位";
    ws.getCell("C2").value = "类别";
    ws.getCell("B3").value = "区教体局";
    ws.getCell("C3").value = "部门";
    ws.getCell("B5").value = "王村镇政府";
    ws.getCell("C5").value = "镇街";
    const l = parseUnitList(new Uint8Array(await wb.xlsx.writeBuffer()), "名单.xlsx");
    expect(l.encoding).toBe("xlsx");
    expect(l.units.map((u) => [u.name, u.category, u.line])).toEqual([["区教体局", "部门", 3], ["王村镇政府", "镇街", 5]]);
  });

  test("the shipped example: 38 units in 003's order, 8 镇街, four office vetoes; the GBK copy is the same list", () => {
    const l = parseUnitList(example("units.csv"), "units.csv");
    expect(l.units).toHaveLength(38);
    expect(l.units.filter((u) => u.category === "镇街").map((u) => u.name)).toEqual(["王村镇政府", "经济开发区管委会", "青年路街道办事处", "北郊镇政府", "丝绸路街道办事处", "永安街街道办事处", "南郊镇政府", "大街街道办事处"]);
    expect(l.units.filter((u) => u.veto).map((u) => u.name)).toEqual(["南郊镇政府", "大街街道办事处", "区住建局", "周村国土资源分局"]);
    // units-gbk.csv is exactly units.csv in GBK (scripts/make-gbk-units.ts).
    expect(Buffer.from(example("units-gbk.csv")).equals(iconv.encode(new TextDecoder().decode(example("units.csv")), "gb18030"))).toBe(true);
    expect(parseUnitList(example("units-gbk.csv"), "units-gbk.csv").units).toEqual(l.units);
  });
});

describe("parsePolicy", () => {
  test("defaults; the shipped example", () => {
    expect(parsePolicy("{}", "p.json")).toEqual(DEFAULT_POLICY);
    // basis "review": 001 — the final roster uses the assessors' 核定 score where there is one.
    expect(DEFAULT_POLICY).toEqual({ scoreBasis: "percent", threshold: 80, decimals: 2, reward: { perPointAboveThreshold: {} }, basis: "review" });
    expect(parsePolicy(new TextDecoder().decode(example("policy.json")), "policy.json")).toEqual({
      scoreBasis: "percent", threshold: 80, decimals: 0, reward: { perPointAboveThreshold: { 镇街: 400, 部门: 100 } }, basis: "review",
    });
    expect(parsePolicy('{"basis":"self"}', "p.json").basis).toBe("self");
    expect(parsePolicy('{"tiers":{"excellent":95,"good":90,"pass":80}}', "p.json").tiers).toEqual({ excellent: 95, good: 90, pass: 80 });
  });

  test.each([
    ['{"reward":{"perPointAboveThreshold":{"镇街":"400"}}}', "$.reward.perPointAboveThreshold.镇街"],
    ['{"scoreBasis":"total"}', "$.scoreBasis"],
    ['{"basis":"核定"}', "$.basis"],
    ['{"threshold":-1}', "$.threshold"],
    ['{"decimals":1.5}', "$.decimals"],
    ['{"tiers":{"excellent":80,"good":90,"pass":60}}', "$.tiers"],
    ['{"treshold":80}', "$"],
  ])("%s → one line naming %s", (text, path) => {
    let err: unknown;
    try {
      parsePolicy(text, "p.json");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyError);
    expect((err as Error).message).toMatch(new RegExp(`^p\\.json ${path.replace(/[$.]/g, "\\$&")}：考核政策设置有误 / .*invalid policy`));
    expect((err as Error).message).not.toContain("\n");
  });

  test("a wrong basis names both values in both languages", () => {
    expect(() => parsePolicy('{"basis":"assessors"}', "p.json")).toThrow(
      'p.json $.basis：考核政策设置有误 / p.json $.basis: invalid policy — 须为 "review"（按核定分）或 "self"（按自评分） / must be "review" (the assessors\' 核定) or "self" (the unit\'s 自评)',
    );
  });

  test("not JSON: one line", () => {
    expect(() => parsePolicy("{", "p.json")).toThrow(/^p\.json：不是有效的 JSON \/ p\.json: not valid JSON/);
  });
});
