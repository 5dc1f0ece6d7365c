/**
 * The importer's readers (text, .docx, .xlsx), its structure rules and hostile input. Tables are written here
 * by hand (a .docx with fflate's zipSync, an .xlsx with ExcelJS); expected values are read off those tables.
 */
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { idFrom, importTable, ImportError } from "../src/import";
import { cutScoring } from "../src/import/clauses";
import { listed, listedThings } from "../src/import/draft";
import { readDocx } from "../src/import/docx";
import { inferLabel, parseTable } from "../src/import/structure";
import { IMPORT_LIMITS, cellText, decodeText, readText } from "../src/import/table";
import { readXlsx } from "../src/import/xlsx";
import type { Item } from "../src/rubric/schema";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";

const cells = (t: ReturnType<typeof readText>) => t.rows.map((r) => r.cells.map(cellText));

describe("plain text: tabs begin cells, blank lines and a leading space begin rows", () => {
  test("cells, rows and line numbers as a seed prints them", () => {
    const t = readText("标题\n\t考核项\n\t评分标准\n\n\t组织领导\n\t未落实的，扣2分\n续行\n\n\n 3.1\n\t说明[bookmark: _GoBack]\n");
    expect(cells(t)).toEqual([["标题", "考核项", "评分标准"], ["组织领导", "未落实的，扣2分\n续行"], ["3.1", "说明"]]);
    expect(t.rows[1].cells[1].lines).toEqual([
      { text: "未落实的，扣2分", line: 6 },
      { text: "续行", line: 7 },
    ]);
  });
  test("after blank lines, text fills an empty cell (004's 责任单位 under padding) or begins a new cell of the row", () => {
    expect(cells(readText("\t1.甲，得2分。\n\n2.乙，得3分。\n"))).toEqual([["1.甲，得2分。", "2.乙，得3分。"]]);
    expect(cells(readText("\t\n\n\n县委宣传部\n"))).toEqual([["县委宣传部"]]);
  });
  test("GB18030 text (Windows “ANSI”) is read; a BOM is dropped", () => {
    const gb = new Uint8Array([0xbf, 0xdb, 0x32, 0xb7, 0xd6]); // 扣2分 in GB18030
    expect(decodeText(gb)).toBe("扣2分");
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe("a");
  });
});

describe("the draft's id comes from the output's name when it makes a valid id", () => {
  test.each([
    ["out/county2024.json", "county2024"],
    ["Linze-2024.JSON", "linze-2024"],
    ["县级细则.json", "import"],
    [undefined, "import"],
  ])("%s → %s", (name, id) => expect(idFrom(name)).toBe(id));
});

describe("structure", () => {
  test.each([
    ["2.2", "4.1", "3"],
    ["19.5", "19.7", "19.6"],
    [undefined, "2.1", "1"],
    ["15", "19.1", "16"],
  ])("a lost 序号 after %s (next printed %s) is %s", (prev, next, label) => expect(inferLabel(prev, next)).toBe(label));

  test.each([
    ["未将安全生产、消防工作作为党政正职应急管理培训的重要内容的，各扣2分", 2],
    ["未将专项排查整治和应急演练作为“安全生产月”专题活动重要内容的，分别扣1分", 2],
    ["未明确整治责任人、完成时限的，每项扣1分", 2],
    ["未落实的，扣2分", 0],
  ])("a closed list: %s names %d things", (text, n) => expect(listed(text)).toBe(n));

  // Guesses (the review asks a person to check them): the first thing without its leading 未将/未, the last cut
  // before 作为/的; always words of the sentence, as the rubric checks require.
  test.each([
    ["未将安全生产、消防工作作为党政正职应急管理培训的重要内容的，各扣2分", ["安全生产", "消防工作"]],
    ["未将专项排查整治和应急演练作为“安全生产月”专题活动重要内容的，分别扣1分", ["专项排查整治", "应急演练"]],
    ["未制定工作规则、责任清单的，每项扣1分", ["制定工作规则", "责任清单"]],
    ["未落实的，扣2分", []],
  ])("the things of %s", (text, things) => {
    expect(listedThings(text)).toEqual(things);
    for (const t of things) expect(text).toContain(t);
  });

  test("001's cell: the 考核内容 sentence, then rules; a cap after several rules caps the item", () => {
    const cut = cutScoring([{ text: "制定本单位安全生产教育和培训计划并按照计划组织实施。未制定的，扣3分；未组织实施的，扣3分。最高扣6分。", line: 9 }]);
    expect(cut.lead.map((p) => p.text)).toEqual(["制定本单位安全生产教育和培训计划并按照计划组织实施。"]);
    expect(cut.rules.map((p) => p.text)).toEqual(["未制定的，扣3分", "未组织实施的，扣3分"]);
    expect(cut.itemCap?.amount).toBe(6);
  });
  test("a cap after one rule stays with it; 扣完…为止 is the floor; 不扣分 an exemption; two rules in a sentence are cut", () => {
    const cut = cutScoring([
      { text: "每少落实1次，扣5分。最高可扣10分", line: 1 },
      { text: "未落实到位的，每次扣1分。（扣完对应考核要点分值为止，下同）", line: 2 },
      { text: "包含安全生产内容的，不扣分。", line: 3 },
      { text: "未制定的，扣2分，未实施的，扣1分", line: 4 },
    ]);
    expect(cut.rules.map((p) => p.text)).toEqual(["每少落实1次，扣5分。最高可扣10分", "未落实到位的，每次扣1分", "未制定的，扣2分", "未实施的，扣1分"]);
    expect(cut.floor?.text).toBe("扣完对应考核要点分值为止");
    expect(cut.exemptions.map((p) => p.text)).toEqual(["包含安全生产内容的，不扣分。"]);
  });
});

// ---------------------------------------------------------------------------------------------- .docx

const para = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
const tc = (...ps: string[]) => `<w:tc>${ps.map(para).join("")}</w:tc>`;
const tr = (...tcs: string[]) => `<w:tr>${tcs.join("")}</w:tr>`;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
function docx(body: string, prolog = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'): Uint8Array {
  return zipSync({
    "[Content_Types].xml": strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    "word/document.xml": strToU8(`${prolog}<w:document ${W}><w:body>${body}</w:body></w:document>`),
  });
}

/** A small 评分表 as an office would type it in Word. */
const TABLE_DOCX = docx(
  para("附件") +
    para("某县2024年安全生产考核评分表") +
    "<w:tbl>" +
    tr(tc("序号"), tc("考核项目"), tc("考核内容"), tc("评分标准"), tc("分值")) +
    tr(`<w:tc><w:tcPr><w:gridSpan w:val="5"/></w:tcPr>${para("一、组织领导（20分）")}</w:tc>`) +
    tr(tc("1"), tc("责任落实"), tc("签订安全生产责任书。"), tc("未签订的，扣5分；每少签订1家，扣1分，最高扣5分。"), tc("10")) +
    tr(tc("2"), tc("责任落实"), tc("召开安委会会议。"), tc("每少召开1次，扣2分。"), tc("10")) +
    "</w:tbl>",
);

describe(".docx: the body's tables through the strict scanner", () => {
  test("rows, cells, grid columns and paragraph/row numbers", () => {
    const t = readDocx(TABLE_DOCX);
    expect(t.rows.map((r) => r.cells.map((c) => [c.column, cellText(c)]))).toEqual([
      [[undefined, "附件"]],
      [[undefined, "某县2024年安全生产考核评分表"]],
      [[0, "序号"], [1, "考核项目"], [2, "考核内容"], [3, "评分标准"], [4, "分值"]],
      [[0, "一、组织领导（20分）"]],
      [[0, "1"], [1, "责任落实"], [2, "签订安全生产责任书。"], [3, "未签订的，扣5分；每少签订1家，扣1分，最高扣5分。"], [4, "10"]],
      [[0, "2"], [1, "责任落实"], [2, "召开安委会会议。"], [3, "每少召开1次，扣2分。"], [4, "10"]],
    ]);
    expect(t.rows[4].cells[0].lines[0].line).toBe(5);
  });
  test("imported: a section with its printed points, items with theirs, clauses drafted", () => {
    const [d] = importTable(TABLE_DOCX, "x.docx");
    expect(d.rubric.title).toBe("某县2024年安全生产考核评分表");
    expect(d.rubric.sections.map((s) => [s.title, s.points, s.label])).toEqual([["一、组织领导", 20, "一"]]);
    const items = d.rubric.sections[0].items as Item[];
    expect(items.map((i) => [i.label, i.text, i.points])).toEqual([
      ["1", "责任落实\n签订安全生产责任书。", 10],
      ["2", "责任落实\n召开安委会会议。", 10],
    ]);
    expect(items[0].clauses.map((c) => ({ ...c, id: undefined, text: undefined, derived: undefined }))).toEqual([
      { kind: "fixed", amount: 5 },
      { kind: "counted", amount: 1, unit: "家", cap: 5 },
    ].map((c) => ({ ...c, id: undefined, text: undefined, derived: undefined })));
  });
  test("a cell merged from above (w:vMerge) is empty: the row continues the 考核项目 above", () => {
    const merged = `<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>`;
    const bytes = docx(
      "<w:tbl>" +
        tr(tc("序号"), tc("考核项目"), tc("考核内容"), tc("评分标准")) +
        tr(tc("1"), tc("隐患排查"), tc("建立隐患台账。"), tc("未建立的，扣2分。")) +
        tr(tc("2"), merged, tc("开展隐患整改。"), tc("每项隐患未整改，扣1分。")) +
        "</w:tbl>",
    );
    const [d] = importTable(bytes, "m.docx");
    expect(d.rubric.sections.map((s) => [s.title, (s.items ?? []).map((i) => i.label)])).toEqual([["隐患排查", ["1", "2"]]]);
  });
  test.each<[string, Uint8Array, RegExp]>([
    ["not a zip", strToU8("这不是压缩包"), /不是 Word 文件/],
    ["a zip without word/document.xml", zipSync({ "a.txt": strToU8("x") }), /缺少 word\/document\.xml/],
    ["a DOCTYPE (entity declarations)", docx(para("x"), '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e "boom">]>'), /DOCTYPE/],
    ["malformed XML", zipSync({ "word/document.xml": strToU8(`<w:document ${W}><w:body><w:p></w:body></w:document>`) }), /XML/],
    ["a truncated zip", TABLE_DOCX.slice(0, TABLE_DOCX.length - 30), /zip|截断|不完整/],
  ])("%s → one bilingual line", (_n, bytes, message) => {
    let caught: unknown;
    try {
      readDocx(bytes);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ImportError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toMatch(/ \/ [a-zA-Z]/);
    expect((caught as Error).message).not.toMatch(/\n/);
  });
  test("a cell of text beyond the limit is refused, not read", () => {
    const huge = "安".repeat(IMPORT_LIMITS.maxLineChars + 1);
    expect(() => readDocx(docx(`<w:tbl>${tr(tc(huge))}</w:tbl>`))).toThrow(/过长/);
  });
});

// ---------------------------------------------------------------------------------------------- .xlsx

async function sheet(rows: (string | number | null)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("评分表");
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe(".xlsx: a worksheet with 序号 / 考核项目 / 考核内容 / 评分标准 / 分值", () => {
  test("columns read by their headings; a merged-looking 考核项目 makes one section; a heading row another", async () => {
    const bytes = await sheet([
      ["某县安全生产考核细则"],
      ["序号", "考核项目", "考核内容", "评分标准", "分值"],
      ["1", "安全责任", "建立安全生产责任制。", "未建立的，扣3分。", 3],
      ["2", null, "开展隐患排查。", "每发现一处隐患未整改，扣0.5分，最高扣2分。", 2],
      ["3", "宣传教育", "开展安全生产月活动。", "未开展的，酌情扣分。", 4],
    ]);
    const t = readXlsx(bytes);
    expect(t.rows[2].cells.map((c) => [c.column, cellText(c), c.lines[0].line])).toEqual([
      [0, "1", 3], [1, "安全责任", 3], [2, "建立安全生产责任制。", 3], [3, "未建立的，扣3分。", 3], [4, "3", 3],
    ]);
    const [d] = importTable(bytes, "x.xlsx");
    expect(d.rubric.title).toBe("某县安全生产考核细则");
    expect(d.rubric.sections.map((s) => [s.title, s.points, (s.items ?? []).map((i) => [i.label, i.points])])).toEqual([
      ["安全责任", 5, [["1", 3], ["2", 2]]],
      ["宣传教育", 4, [["3", 4]]],
    ]);
    expect(d.rubric.sections[0].items![1].clauses[0]).toMatchObject({ kind: "counted", amount: 0.5, unit: "处", cap: 2 });
    expect(d.rubric.sections[1].items![0].clauses[0]).toMatchObject({ kind: "discretionary" });
  });
  test("a row numbered 一、二 is a section with its 分值; headings with a note in parentheses are still headings", async () => {
    const bytes = await sheet([
      ["序号", "考核项目", "考核内容", "评分标准（扣分）", "分值（分）"],
      ["一", "组织领导", null, null, 20],
      ["1", null, "成立安全生产委员会。", "未成立的，扣10分。", 10],
      ["2", null, "每季度召开会议。", "每少召开1次，扣2.5分。", 10],
      ["二", "隐患治理", null, null, "10分"],
      ["3", null, "建立隐患台账。", "未建立的，扣10分。", 10],
    ]);
    const [d] = importTable(bytes, "y.xlsx");
    expect(d.rubric.sections.map((s) => [s.label, s.title, s.points, (s.items ?? []).map((i) => [i.label, i.text, i.points])])).toEqual([
      ["一", "组织领导", 20, [["1", "成立安全生产委员会。", 10], ["2", "每季度召开会议。", 10]]],
      ["二", "隐患治理", 10, [["3", "建立隐患台账。", 10]]],
    ]);
    expect(d.rubric.sections[0].items![1].clauses[0]).toMatchObject({ kind: "counted", amount: 2.5, unit: "次" });
  });
  test("not a zip → one bilingual line", () => {
    expect(() => readXlsx(strToU8("hello"))).toThrow(/不是 Excel 文件.* \/ not an Excel file/);
  });
});

describe("a table pasted from a spreadsheet as tab-separated text", () => {
  test("each line a row, each tab a column; read by its headings", () => {
    const text = "序号\t考核项目\t考核内容\t评分标准\t分值\n1\t隐患排查\t建立隐患台账。\t未建立的，扣2分；每少排查1家，扣0.5分。\t4\n";
    const t = readText(text);
    expect(t.rows[1].cells.map((c) => [c.column, cellText(c)])).toEqual([[0, "1"], [1, "隐患排查"], [2, "建立隐患台账。"], [3, "未建立的，扣2分；每少排查1家，扣0.5分。"], [4, "4"]]);
    const [d] = importTable(strToU8(text), "t.txt");
    expect(d.rubric.sections).toMatchObject([{ title: "隐患排查", points: 4, items: [{ label: "1", text: "建立隐患台账。", points: 4 }] }]);
    expect(d.rubric.sections[0].items![0].clauses).toMatchObject([{ kind: "fixed", amount: 2 }, { kind: "counted", amount: 0.5, unit: "家" }]);
  });
});

describe("hostile text", () => {
  test.each<[string, () => unknown, RegExp]>([
    ["binary bytes", () => decodeText(new Uint8Array([0x50, 0x4b, 0, 1, 2])), /不是文本文件/],
    ["a line beyond the limit", () => readText("a".repeat(IMPORT_LIMITS.maxLineChars + 1)), /第 1 行过长/],
    ["more text than the limit", () => decodeText(strToU8("甲".repeat(IMPORT_LIMITS.maxChars + 1))), /文本过长/],
    ["too many lines", () => readText("\n".repeat(IMPORT_LIMITS.maxLines + 1)), /行数过多/],
    ["a file beyond the size limit", () => decodeText(new Uint8Array(IMPORT_LIMITS.maxBytes + 1).fill(0x61)), /过大/],
    ["text that is no table", () => importTable(strToU8("关于做好安全生产工作的通知\n各单位：请认真落实。\n"), "n.txt"), /没有找到评分表/],
  ])("%s → ImportError", (_n, run, message) => {
    expect(run).toThrow(ImportError);
    expect(run).toThrow(message);
  });

  test("a table's structure is read the same whatever the text's line endings (CRLF)", () => {
    const text = "\t考核项\n\t考核内容及评分标准\n\n\t组织领导20分\n\t建立责任制。未建立的，扣5分。\n";
    const lf = parseTable(readText(text));
    const crlf = parseTable(readText(text.replace(/\n/g, "\r\n")));
    expect(JSON.stringify(crlf)).toBe(JSON.stringify(lf));
    expect(lf.parts[0].sections[0]).toMatchObject({ title: { text: "组织领导" }, points: 20 });
  });
});

describe("the command line reads .docx and .xlsx by their extension", () => {
  const dir = mkdtempSync(join(tmpdir(), "safescore-import-rd-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  test("a Word table → exit 0 and a draft; the same bytes named .xlsx → exit 2, one line", async () => {
    writeFileSync(join(dir, "t.docx"), TABLE_DOCX);
    const ok = await cli(["import", join(dir, "t.docx"), "-o", join(dir, "t.json")]);
    expect(ok).toMatchObject({ code: 0, err: "" });
    expect(JSON.parse(readFileSync(join(dir, "t.json"), "utf8")).title).toBe("某县2024年安全生产考核评分表");
    writeFileSync(join(dir, "t.xlsx"), TABLE_DOCX);
    const bad = await cli(["import", join(dir, "t.xlsx"), "-o", join(dir, "u.json")]);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split("\n")).toHaveLength(1);
  });
  test("not a zip named .docx → exit 2: 不是 Word 文件 / not a Word file", async () => {
    writeFileSync(join(dir, "n.docx"), "plain text");
    const r = await cli(["import", join(dir, "n.docx"), "-o", join(dir, "n.json")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/不是 Word 文件.* \/ not a Word file/);
  });
});
