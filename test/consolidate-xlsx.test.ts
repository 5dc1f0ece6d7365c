/**
 * roster.xlsx (src/consolidate/xlsx.ts): the 003 roster written as a live sheet — formulas where the meeting
 * needs them, strings from returns as text — then recalculated by LibreOffice (forced) before and after the
 * meeting changes an adjustment and a veto; and a roster of reviewed returns, whose 考核分数 starts from 核定分.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ROSTER_COLUMNS, ROSTER_ROWS, rosterCol, rosterToXlsx } from "../src/consolidate/xlsx";
import { disposeProfile, readValues, recalcMany } from "./helpers/libreoffice";
import { ACCIDENT, DEATH, HOSTILE_NAMES, RANKED_003, SENTENCE_003, VETOED_003, consolidation003, rewardOf } from "./helpers/roster003";
import { describeWithTool } from "./helpers/tools";
import { consolidate } from "../src/consolidate/roster";
import { REVIEW_POLICY, REVIEW_UNITS, reviewedOutcomes } from "./helpers/reviewed";

const OUT = join(__dirname, "..", "test-results", "consolidate-xlsx");
const ROSTER_SHEET = "2014年全区安全生产目标管理成绩表";
const FIRST = ROSTER_ROWS.first;
/** The reviewed roster's sheet (its rubric is the factory's 考核表) and its rows: ranked by 核定, 丙镇 vetoed last. */
const REVIEWED_SHEET = "考核表成绩表";
const REVIEWED_ROW = { 区丁局: FIRST, 区乙局: FIRST + 1, 区戊局: FIRST + 2, 甲镇: FIRST + 3, 丙镇: FIRST + 4 } as const;
const HOSTILE = Object.values(HOSTILE_NAMES);
/** 003's units in order, with the formula-looking names in four of the places. */
const UNITS = [...RANKED_003.map(([u]) => u), ...VETOED_003.map(([u]) => u)].map((u) => HOSTILE_NAMES[u] ?? u);
const rowOf = (unit: string) => FIRST + UNITS.indexOf(unit);
const C = (k: Parameters<typeof rosterCol>[0], unit: string) => `${rosterCol(k)}${rowOf(unit)}`;

async function sheetXml(buf: Uint8Array, name: string): Promise<{ xml: string; strings: string[]; zip: JSZip }> {
  const zip = await JSZip.loadAsync(buf);
  const wbXml = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="(rId\\d+)"`).exec(wbXml)?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  const xml = await zip.file(`xl/${target!.replace(/^\/?xl\//, "")}`)!.async("string");
  const sst = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
  const strings = [...sst.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)]
      .map((t) => t[1])
      .join("")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&"),
  );
  return { xml, strings, zip };
}

/** The <c> element of one cell in a sheet's XML. */
function cellXml(xml: string, a: string): string {
  return new RegExp(`<c r="${a}"(?:[^>]*/>|[^>]*>[\\s\\S]*?</c>)`).exec(xml)?.[0] ?? "";
}

describe("rosterToXlsx: the written workbook", () => {
  let buf: Uint8Array;
  beforeAll(async () => {
    buf = await rosterToXlsx(consolidation003({ rename: HOSTILE_NAMES }));
  });

  test("no cached results, and every reader is asked to recalculate on open", async () => {
    const zip = await JSZip.loadAsync(buf);
    expect(await zip.file("xl/workbook.xml")!.async("string")).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
    const sheets = Object.keys(zip.files).filter((n) => n.startsWith("xl/worksheets/sheet"));
    for (const n of sheets) expect(await zip.file(n)!.async("string")).not.toMatch(/<f>[^<]*<\/f><v>/);
  });

  test("the 调整 validation and print setup are written", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(ROSTER_SHEET)!;
    const adjust = ws.getCell(`${rosterCol("adjust")}${ROSTER_ROWS.first}`);
    expect(adjust.dataValidation).toMatchObject({ type: "decimal", showErrorMessage: true });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToWidth: 1, printTitlesRow: `${ROSTER_ROWS.header}:${ROSTER_ROWS.header}` });
    expect(ws.views[0]).toMatchObject({ state: "frozen" });
  });

  test("each cell carries its plan style: header, body, editable 调整", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(buf) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(ROSTER_SHEET)!;
    const header = ws.getCell(`${rosterCol("unit")}${ROSTER_ROWS.header}`);
    expect([header.font?.bold, header.font?.name, (header.fill as ExcelJS.FillPattern)?.fgColor?.argb, header.border?.top?.style]).toEqual([true, "宋体", "FFD9E1F2", "thin"]);
    const unit = ws.getCell(C("unit", UNITS[0]));
    expect([unit.font?.bold, unit.font?.size, unit.fill?.type === "pattern" ? (unit.fill as ExcelJS.FillPattern).fgColor?.argb : undefined, unit.border?.left?.style, unit.alignment?.horizontal]).toEqual([undefined, 10, undefined, "thin", "left"]);
    const adjust = ws.getCell(C("adjust", UNITS[0]));
    expect([(adjust.fill as ExcelJS.FillPattern)?.fgColor?.argb, adjust.border?.bottom?.style, adjust.alignment?.horizontal]).toEqual(["FFFFF2CC", "thin", "center"]);
  });

  test("sheets: the 成绩表 named from the rubric title, then 汇总, 问题清单, 扣分明细, 设置", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([ROSTER_SHEET, "汇总", "问题清单", "扣分明细-2014年全区安全生产目标管理", "设置"]);
    for (const ws of wb.worksheets) expect(ws.name.length).toBeLessThanOrEqual(31);
    const ws = wb.getWorksheet(ROSTER_SHEET)!;
    expect(ROSTER_COLUMNS.map((c, i) => ws.getRow(ROSTER_ROWS.header).getCell(i + 1).value)).toEqual([
      "序号", "单位", "类别", "自评分", "核定分", "依据", "调整", "调整理由", "否决", "考核分数", "名次", "等次", "奖励金额（元）", "备注", "问题数", "来源文件",
    ]);
    // Print: A4 landscape, one page wide, the header row repeated, page numbers, frozen header.
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe("3:3");
    expect(ws.headerFooter.oddFooter).toContain("&P");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    for (const other of wb.worksheets.slice(1)) {
      expect(other.pageSetup.paperSize).toBe(9);
      expect(other.headerFooter.oddFooter).toContain("&P");
    }
    const wbXml = await (await JSZip.loadAsync(buf)).file("xl/workbook.xml")!.async("string");
    expect(wbXml).toContain("_xlnm.Print_Titles");
  });

  test("formulas where the meeting needs them; SafeScore's score, the names and the notes are constants", async () => {
    const { xml } = await sheetXml(buf, ROSTER_SHEET);
    const f = (a: string) => /<f>([\s\S]*?)<\/f>/.exec(cellXml(xml, a))?.[1].replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    expect(f("A2")).toMatch(/^"在被考核的"&\(COUNT\(/);
    expect(f("A2")).toContain("FIXED(");
    for (const unit of ["王村镇政府", "区气象局", "南郊镇政府"]) {
      expect(f(C("seq", unit))).toContain("SUMPRODUCT(ISNUMBER(");
      expect(f(C("score", unit))).toMatch(/^IF\(OR\(\$I\d+<>"",IF\(\$F\d+="核定",\$E\d+,\$D\d+\)=""\),"",ROUND\(IF\(\$F\d+="核定",\$E\d+,\$D\d+\)\+\$G\d+,'设置'!\$B\$4\)\)$/);
      expect(f(C("place", unit))).toContain("SUMPRODUCT");
      expect(f(C("tier", unit))).toContain('"优秀"');
      expect(f(C("reward", unit))).toContain("VLOOKUP($C");
      expect(f(C("note", unit))).toBeDefined();
      expect(f(C("self", unit))).toBeUndefined();
      expect(f(C("unit", unit))).toBeUndefined();
    }
    expect(f(C("veto", "南郊镇政府"))).toBeUndefined();
    expect(cellXml(xml, C("self", "王村镇政府"))).toContain("<v>95</v>");
    expect(cellXml(xml, C("self", "南郊镇政府"))).not.toContain("<v>");
  });

  test("formula-looking unit names are shared strings: no <f>, no hyperlink", async () => {
    const { xml, strings, zip } = await sheetXml(buf, ROSTER_SHEET);
    for (const name of HOSTILE) {
      const c = cellXml(xml, C("unit", name));
      expect(c).toMatch(/t="s"/);
      expect(c).not.toContain("<f>");
      expect(strings[Number(/<v>(\d+)<\/v>/.exec(c)![1])]).toBe(name);
    }
    expect(xml).not.toContain("<hyperlink");
    const problems = await sheetXml(buf, "问题清单");
    expect(problems.xml).not.toMatch(/<f>[^<]*HYPERLINK/);
    expect(Object.keys(zip.files).some((p) => /hyperlink/i.test(p))).toBe(false);
  });

  test("扣分明细: units × items with per-item totals; 问题清单 lists the problems", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const m = wb.getWorksheet("扣分明细-2014年全区安全生产目标管理")!;
    expect(m.getCell("B2").value).toBe("1 组织领导（10分）");
    expect(m.getCell("A3").value).toBe("王村镇政府");
    expect(m.getCell(`A${3 + 38}`).value).toBe("合计");
    expect((m.getCell(`B${3 + 38}`).value as ExcelJS.CellFormulaValue).formula).toBe("SUM(B3:B40)");
    const p = wb.getWorksheet("问题清单")!;
    expect(p.getRow(2).values).toEqual([undefined, 1, "名单外单位", "returns/99-未知.xlsx", '=HYPERLINK("http://x","y")', "名单外单位的上报表"]);
  });
});

/** The meeting's edits, made in a copy of the workbook as Excel would save them. */
async function edited(buf: Uint8Array, path: string, edit: (ws: ExcelJS.Worksheet) => void, sheet = ROSTER_SHEET): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  edit(wb.getWorksheet(sheet)!);
  await wb.xlsx.writeFile(path);
  return path;
}

describeWithTool("libreoffice", "roster.xlsx recalculated by LibreOffice", () => {
  let before: Map<string, unknown>;
  let afterAdjust: Map<string, unknown>;
  let afterVeto: Map<string, unknown>;
  let summaryBefore: Map<string, unknown>;
  let summaryAfterAdjust: Map<string, unknown>;
  let summaryAfterVeto: Map<string, unknown>;
  let probe: Map<string, unknown>;
  let recalculatedXml: string;
  let reviewed: Map<string, unknown>;
  let reviewedEdited: Map<string, unknown>;
  let reviewedSummary: Map<string, unknown>;
  let reviewedSummaryEdited: Map<string, unknown>;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const buf = await rosterToXlsx(consolidation003({ rename: HOSTILE_NAMES }));
    const original = join(OUT, "roster-003.xlsx");
    writeFileSync(original, buf);
    // 区气象局 −10 (89 → 79: below the threshold).
    const adjust = (ws: ExcelJS.Worksheet) => {
      ws.getCell(C("adjust", "区气象局")).value = -10;
      ws.getCell(C("adjustReason", "区气象局")).value = "会议核减";
    };
    const a = await edited(buf, join(OUT, "roster-003-adjusted.xlsx"), adjust);
    // …and 南郊镇政府's veto lifted, with 85 as its 自评分数.
    const b = await edited(buf, join(OUT, "roster-003-unvetoed.xlsx"), (ws) => {
      adjust(ws);
      ws.getCell(C("veto", "南郊镇政府")).value = null;
      ws.getCell(C("self", "南郊镇政府")).value = 85;
    });
    // FIXED and TEXT give the same 2-decimal text in Calc (the sentence uses FIXED: no format code, no locale pattern).
    const pw = new ExcelJS.Workbook();
    const ps = pw.addWorksheet("probe");
    ps.getCell("A1").value = { formula: "FIXED(34/38*100,2)" } as ExcelJS.CellFormulaValue;
    ps.getCell("A2").value = { formula: 'TEXT(34/38*100,"0.00")' } as ExcelJS.CellFormulaValue;
    ps.getCell("A3").value = { formula: "FIXED(100,2)" } as ExcelJS.CellFormulaValue;
    ps.getCell("A4").value = { formula: 'TEXT(100,"0.00")' } as ExcelJS.CellFormulaValue;
    const probePath = join(OUT, "probe.xlsx");
    await pw.xlsx.writeFile(probePath);

    // A roster with reviewed returns (test/helpers/reviewed.ts), and the meeting's edits: 甲镇 +3 on its 核定
    // 78, and 区乙局's 依据 switched to 自评.
    const rv = await rosterToXlsx(consolidate(reviewedOutcomes(), REVIEW_UNITS, REVIEW_POLICY));
    const rvPath = join(OUT, "roster-reviewed.xlsx");
    writeFileSync(rvPath, rv);
    const rvEdited = await edited(rv, join(OUT, "roster-reviewed-edited.xlsx"), (ws) => {
      ws.getCell(`${rosterCol("adjust")}${REVIEWED_ROW.甲镇}`).value = 3;
      ws.getCell(`${rosterCol("basis")}${REVIEWED_ROW.区乙局}`).value = "自评";
    }, REVIEWED_SHEET);

    const [r0, r1, r2, rp, rv0, rv1] = await recalcMany([original, a, b, probePath, rvPath, rvEdited], join(OUT, "recalc"));
    [reviewed, reviewedEdited] = await Promise.all([rv0, rv1].map((p) => readValues(p, REVIEWED_SHEET)));
    [reviewedSummary, reviewedSummaryEdited] = await Promise.all([rv0, rv1].map((p) => readValues(p, "汇总")));
    [before, afterAdjust, afterVeto] = await Promise.all([r0, r1, r2].map((p) => readValues(p, ROSTER_SHEET)));
    [summaryBefore, summaryAfterAdjust, summaryAfterVeto] = await Promise.all([r0, r1, r2].map((p) => readValues(p, "汇总")));
    probe = await readValues(rp);
    recalculatedXml = (await sheetXml(new Uint8Array(readFileSync(r0)), ROSTER_SHEET)).xml;
  }, 180_000);
  afterAll(() => disposeProfile());

  /** [序号, 单位, 考核分数, 奖励金额, 备注] of every row, as the sheet shows them. */
  const table = (v: Map<string, unknown>) =>
    UNITS.map((_, i) => {
      const r = FIRST + i;
      return (["seq", "unit", "score", "reward", "note"] as const).map((k) => v.get(`${rosterCol(k)}${r}`));
    });

  test("before: 003's order, scores, rewards and notes, and the 34 / 89.47% sentence", () => {
    const expected = [
      ...RANKED_003.map(([u, s], i) => [i + 1, HOSTILE_NAMES[u] ?? u, s, rewardOf(u, s), ""]),
      ...VETOED_003.map(([u, note], i) => [35 + i, u, "", "", note]),
    ];
    expect(table(before)).toEqual(expected);
    expect(before.get("A2")).toBe(SENTENCE_003);
    expect(before.get(C("place", "经济开发区管委会"))).toBe(1);
    expect(before.get(C("place", "区气象局"))).toBe(26);
    expect(before.get(C("tier", "区房管局"))).toBe("优秀");
    expect(before.get(C("tier", "区气象局"))).toBe("良好");
    expect(before.get(C("tier", "区住建局"))).toBe("不合格");
    // 汇总: the formulas agree with SafeScore's figures at export.
    for (let r = 4; r <= 14; r++) expect([summaryBefore.get(`A${r}`), summaryBefore.get(`B${r}`)]).toEqual([summaryBefore.get(`A${r}`), summaryBefore.get(`C${r}`)]);
    expect(summaryBefore.get("B6")).toBe(89.47);
    expect(summaryBefore.get("B14")).toBe(59600);
    // The 等次 chart's data (E3:F7, beside the table) counts what SafeScore counted at export (C7:C10).
    expect([3, 4, 5, 6, 7].map((r) => [summaryBefore.get(`E${r}`), summaryBefore.get(`F${r}`)])).toEqual([
      ["等次", "单位数"],
      ...["优秀", "良好", "合格", "不合格"].map((t, i) => [t, summaryBefore.get(`C${7 + i}`)]),
    ]);
    expect(summaryAfterVeto.get("F7")).toBe(3);
  });

  test("formula-looking names are still text after LibreOffice", () => {
    for (const name of HOSTILE) {
      expect(before.get(C("unit", name))).toBe(name);
      expect(cellXml(recalculatedXml, C("unit", name))).not.toContain("<f>");
    }
  });

  test("FIXED and TEXT agree in LibreOffice", () => {
    expect(probe.get("A1")).toBe("89.47");
    expect(probe.get("A2")).toBe("89.47");
    expect(probe.get("A3")).toBe("100.00");
    expect(probe.get("A4")).toBe("100.00");
  });

  test("after 区气象局 −10: 79, still 34th, no reward, 合格; 33 at or above 80, 86.84%", () => {
    const u = "区气象局";
    expect([afterAdjust.get(C("seq", u)), afterAdjust.get(C("score", u)), afterAdjust.get(C("place", u)), afterAdjust.get(C("tier", u)), afterAdjust.get(C("reward", u))]).toEqual([34, 79, 34, "合格", 0]);
    // 33 / 38 = 86.842…%
    expect(afterAdjust.get("A2")).toBe("在被考核的38个单位中，考核分数在80分以上的有33个，占86.84%");
    // Everyone else is unchanged.
    const others = (v: Map<string, unknown>) => table(v).filter((r) => r[1] !== u);
    expect(others(afterAdjust)).toEqual(others(before));
    expect(summaryAfterAdjust.get("B5")).toBe(33);
    expect(summaryAfterAdjust.get("B14")).toBe(59600 - 900);
    expect(summaryAfterAdjust.get("C14")).toBe(59600);
  });

  test("after also lifting 南郊镇政府's veto at 85: it ranks 34th with 2000 元, 区气象局 drops to 35th, the vetoes renumber 36–38", () => {
    const t = table(afterVeto);
    const expected = [
      ...RANKED_003.slice(0, 33).map(([u, s], i) => [i + 1, HOSTILE_NAMES[u] ?? u, s, rewardOf(u, s), ""]),
      // Rows stay in export order; 序号 re-ranks.
      [35, "区气象局", 79, 0, ""],
      [34, "南郊镇政府", 85, (85 - 80) * 400, ""],
      [36, "大街街道办事处", "", "", ACCIDENT],
      [37, "区住建局", "", "", DEATH],
      [38, "周村国土资源分局", "", "", DEATH],
    ];
    expect(t).toEqual(expected);
    expect(afterVeto.get(C("tier", "南郊镇政府"))).toBe("良好");
    expect(afterVeto.get(C("place", "南郊镇政府"))).toBe(34);
    // 34 at or above 80 again (南郊 in, 区气象局 out): 34 / 38.
    expect(afterVeto.get("A2")).toBe(SENTENCE_003);
    expect(summaryAfterVeto.get("B11")).toBe(3);
    expect(summaryAfterVeto.get("B14")).toBe(59600 - 900 + 2000);
    expect(summaryAfterVeto.get("B10")).toBe(3);
  });

  /** [序号, 单位, 自评分, 核定分, 依据, 考核分数, 等次, 奖励金额, 备注] of the reviewed roster's rows (an empty constant is undefined, a formula's "" is ""). */
  const reviewedTable = (v: Map<string, unknown>) =>
    Object.values(REVIEWED_ROW).map((r) => (["seq", "unit", "self", "review", "basis", "score", "tier", "reward", "note"] as const).map((k) => v.get(`${rosterCol(k)}${r}`)));

  test("a reviewed roster: 考核分数 starts from 核定分 where 依据 is 核定; 3 of 5 at or above 80", () => {
    expect(reviewedTable(reviewed)).toEqual([
      [1, "区丁局", 95, undefined, "自评", 95, "优秀", 1500, ""],
      // 核定 88: (88 − 80) × 100 = 800.
      [2, "区乙局", 91, 88, "核定", 88, "良好", 800, ""],
      [3, "区戊局", 86, 86, "核定", 86, "良好", 600, ""],
      // 核定 78 < 80: no reward.
      [4, "甲镇", 81, 78, "核定", 78, "合格", 0, ""],
      [5, "丙镇", undefined, undefined, "核定", "", "不合格", "", "核定一票否决：发生较大事故"],
    ]);
    expect(reviewed.get("A2")).toBe("在被考核的5个单位中，考核分数在80分以上的有3个，占60.00%");
    expect(reviewedSummary.get("B14")).toBe(1500 + 800 + 600);
    expect(reviewedSummary.get("A16")).toBe("4个单位经核定，核定改变了2个单位的80分线归属、3个单位的等次（导出时）");
  });

  test("the meeting adjusts a 核定 score and switches a 依据: 甲镇 78 + 3 = 81, 区乙局 back to its 自评 91", () => {
    expect(reviewedTable(reviewedEdited)).toEqual([
      [1, "区丁局", 95, undefined, "自评", 95, "优秀", 1500, ""],
      // (91 − 80) × 100 = 1100, 优秀 again.
      [2, "区乙局", 91, 88, "自评", 91, "优秀", 1100, ""],
      [3, "区戊局", 86, 86, "核定", 86, "良好", 600, ""],
      // (81 − 80) × 400 = 400.
      [4, "甲镇", 81, 78, "核定", 81, "良好", 400, ""],
      [5, "丙镇", undefined, undefined, "核定", "", "不合格", "", "核定一票否决：发生较大事故"],
    ]);
    expect(reviewedEdited.get("A2")).toBe("在被考核的5个单位中，考核分数在80分以上的有4个，占80.00%");
    expect(reviewedSummaryEdited.get("B14")).toBe(1500 + 1100 + 600 + 400);
  });
});
