/**
 * The SpreadsheetML writer of roster.xlsx (src/consolidate/sheetml.ts): every part well-formed for a strict
 * parser, texts that XML cannot carry as they are written as OOXML's _xHHHH_ escapes and read back exactly,
 * and the structure Excel needs (styles, print names, frozen panes, no cached results). The 003 roster
 * itself, read by ExcelJS and recalculated by LibreOffice, is test/consolidate-xlsx.test.ts.
 */
import { strFromU8, unzipSync } from "fflate";
import { sheetsToXlsx } from "../src/consolidate/sheetml";
import { ROSTER_STYLES, type RosterSheetPlan } from "../src/consolidate/sheets";
import { scanXml, stringSource } from "../src/xlsx/xml-scan";
import { nativeDeflater } from "../src/xlsx/deflate-node";

const TEXTS = [
  "区教育局",
  "a\u001bb", // ESC: not allowed in XML 1.0
  "x_x0041_y", // looks like an escape: must not turn into "xAy"
  "lone \ud800 surrogate",
  "  leading and trailing  ",
  "two\nlines",
  '=HYPERLINK("http://x","y")',
  "<&>\"'",
];

const plan = (name: string, texts: string[]): RosterSheetPlan => ({
  role: "problems",
  name,
  widths: [10, 20],
  cells: [{ a: "B2", f: 'IF(A2>1,"多","少")', s: "body" }, ...texts.map((t, k) => ({ a: `A${k + 3}`, v: t, s: "bodyWrap" as const })), { a: "A2", v: 2.5, s: "header" }],
  merges: ["A1:B1"],
  heights: [{ row: 1, height: 30 }],
  freeze: { rows: 2, columns: 1 },
  print: { orientation: "landscape", fitWidth: 1, titleRows: "2:2", titleColumns: "A:A", area: "$A$1:$B$10", header: "细则 && 年度", footer: "第 &P 页，共 &N 页" },
  validations: [{ range: "B3:B10", type: "decimal", min: -100, max: 100, errorTitle: "输入有误", error: "请输入 −100 到 100 之间的数" }],
  charts: [],
});

/** ECMA-376 ST_Xstring decoding, as Excel reads a text: _xHHHH_ is the character U+HHHH. */
const unescapeX = (s: string) => s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
const unescapeXml = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function parts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
}

describe("sheetsToXlsx", () => {
  const files = parts(sheetsToXlsx([plan("问题清单", TEXTS), plan("O'Brien 表", ["x"])], ROSTER_STYLES));

  test("every part is well-formed XML for the strict scanner returns are read with", () => {
    for (const [name, xml] of Object.entries(files)) {
      expect(() => scanXml(stringSource(xml), { open() {}, close() {}, text() {} }, 64)).not.toThrow();
      expect(name).toMatch(/\.(xml|rels)$/);
    }
  });

  test("texts XML cannot carry are escaped, and read back exactly (a lone surrogate as itself)", () => {
    const sst = files["xl/sharedStrings.xml"];
    expect(sst).toContain("a_x001B_b");
    expect(sst).toContain("x_x005F_x0041_y");
    expect(sst).toContain("lone _xD800_ surrogate");
    const strings = [...sst.matchAll(/<si><t xml:space="preserve">([\s\S]*?)<\/t><\/si>/g)].map((m) => unescapeX(unescapeXml(m[1])));
    expect(strings).toEqual([...TEXTS, "x"]);
    // Every text is a shared string cell, none a formula.
    const sheet = files["xl/worksheets/sheet1.xml"];
    for (let k = 0; k < TEXTS.length; k++) expect(sheet).toMatch(new RegExp(`<c r="A${k + 3}" s="\\d+" t="s"><v>${k}</v></c>`));
    expect(sheet.match(/<f>/g)).toHaveLength(1);
  });

  test("formulas carry no cached result, and the workbook asks for recalculation on open", () => {
    expect(files["xl/worksheets/sheet1.xml"]).toContain("<c r=\"B2\" s=\"");
    expect(files["xl/worksheets/sheet1.xml"]).toMatch(/<f>IF\(A2&gt;1,&quot;多&quot;,&quot;少&quot;\)<\/f><\/c>/);
    expect(files["xl/workbook.xml"]).toContain('<calcPr calcId="171027" fullCalcOnLoad="1"/>');
  });

  test("print titles and area per sheet, a quote in a sheet name doubled; frozen panes; validation; header codes", () => {
    const wb = files["xl/workbook.xml"];
    expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">'问题清单'!$A:$A,'问题清单'!$2:$2</definedName>`);
    expect(wb).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="1">'O''Brien 表'!$A$1:$B$10</definedName>`);
    const sheet = files["xl/worksheets/sheet1.xml"];
    expect(sheet).toContain('<pane xSplit="1" ySplit="2" topLeftCell="B3" activePane="bottomRight" state="frozen"/>');
    expect(sheet).toContain('<dataValidation type="decimal" operator="between" allowBlank="1" showErrorMessage="1" errorTitle="输入有误" error="请输入 −100 到 100 之间的数" sqref="B3:B10"><formula1>-100</formula1><formula2>100</formula2></dataValidation>');
    expect(sheet).toContain("<oddHeader>&amp;L细则 &amp;&amp; 年度</oddHeader>");
    expect(sheet).toContain('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
    expect(sheet).toContain('<row r="1" ht="30" customHeight="1">');
    // Rows in order, cells in column order within a row, whatever order the plan listed them in.
    expect(sheet.indexOf('<c r="A2"')).toBeLessThan(sheet.indexOf('<c r="B2"'));
  });

  test("styles: each plan style is one cell format, the header's bold fill and thin border among them", () => {
    const styles = files["xl/styles.xml"];
    expect(styles).toContain('<fgColor rgb="FFD9E1F2"/>');
    expect(styles).toContain('<left style="thin"><color rgb="FF7F7F7F"/></left>');
    expect(styles.match(/<xf numFmtId="0" fontId="\d+" fillId="\d+" borderId="\d+" xfId="0"/g)).toHaveLength(Object.keys(ROSTER_STYLES).length + 1);
  });
});

describe("sheetsToXlsx with Node's zlib (the command line's deflater)", () => {
  test("the same parts as with fflate: pieces deflated apart join into one valid stream, the CRCs check", () => {
    // Enough rows that the sheet is pushed in several pieces (sheetml.ts PIECE).
    const many = Array.from({ length: 5000 }, (_, k) => `单位${k} ${"说明".repeat(k % 7)}`);
    const viaFflate = parts(sheetsToXlsx([plan("问题清单", many)], ROSTER_STYLES));
    // unzipSync checks each entry's CRC-32 and size against the inflated bytes.
    const viaZlib = parts(sheetsToXlsx([plan("问题清单", many)], ROSTER_STYLES, { deflater: nativeDeflater }));
    expect(viaFflate["xl/worksheets/sheet1.xml"].length).toBeGreaterThan(3 * 64 * 1024);
    expect(viaZlib).toEqual(viaFflate);
  });
});

describe("sheetsToXlsx with rows made on demand (RosterBody)", () => {
  test("the body's rows are written in order between the cells before and after it, with their heights", () => {
    const made: number[] = [];
    const p: RosterSheetPlan = {
      ...plan("成绩表", []),
      cells: [{ a: "A1", v: "标题", s: "title" }, { a: "B8", v: "免考单位", s: "header" }],
      merges: [],
      validations: [],
      heights: [{ row: 4, height: 27 }],
      body: { first: 3, count: 3, cells: (i) => (made.push(i), [{ a: `B${3 + i}`, v: `单位${i}`, s: "body" }, { a: `A${3 + i}`, v: i + 1, s: "bodyCenter" }]) },
    };
    const xml = parts(sheetsToXlsx([p], ROSTER_STYLES))["xl/worksheets/sheet1.xml"];
    const rows = [...xml.matchAll(/<row r="(\d+)"([^>]*)>(.*?)<\/row>/g)].map((m) => [Number(m[1]), m[2].includes('ht="27"'), [...m[3].matchAll(/<c r="([A-Z]+\d+)"/g)].map((c) => c[1])]);
    expect(rows).toEqual([
      [1, false, ["A1"]],
      [3, false, ["A3", "B3"]],
      [4, true, ["A4", "B4"]],
      [5, false, ["A5", "B5"]],
      [8, false, ["B8"]],
    ]);
    expect(made).toEqual([0, 1, 2]);
  });
});
