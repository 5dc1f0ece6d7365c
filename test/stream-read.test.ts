/**
 * The streaming reader gives the grid ExcelJS gave, for our own workbooks and for LibreOffice's, and reads
 * the parts of SpreadsheetML that other programs write (shared formulas, inline and rich strings, errors,
 * hidden rows, cells without addresses).
 */
import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shippedRubrics, findRubric } from "../src/rubric/library";
import { variantIds } from "../src/rubric/model";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook } from "../src/layout/read";
import type { GridCell, WorkbookGrid } from "../src/layout/grid";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import { readXlsxGrid } from "../src/xlsx/stream-read";
import { portableCodec, useCodec } from "../src/xlsx/codec";
import { nodeCodec } from "../src/xlsx/codec-node";
import { xlsxBomb } from "./helpers/bombs";
import { score } from "../src/scoring";
import { responsesArb } from "./helpers/arbitrary";
import { describeWithTool } from "./helpers/tools";
import { disposeProfile, recalcXlsx } from "./helpers/libreoffice";
import { xlsxOf, xlsxParts } from "./helpers/xlsx-parts";

/** A grid as comparable plain data: sheets with their cells sorted by address. */
function plain(grid: WorkbookGrid, opts: { dropErrorFlag?: boolean } = {}) {
  return grid.sheets.map((s) => ({
    name: s.name,
    state: s.state,
    cells: [...s.cells.entries()]
      .map(([a, c]): [string, GridCell] => {
        const cell: GridCell = { value: c.value };
        if (c.formula !== undefined) cell.formula = c.formula;
        if (c.error && !opts.dropErrorFlag) cell.error = true;
        return [a, cell];
      })
      .sort(([a], [b]) => a.localeCompare(b)),
  }));
}

const cases = shippedRubrics().flatMap((r) => variantIds(r).map((v) => [r.id, v] as const));

describe("same grid as ExcelJS for workbooks our writer made", () => {
  test.each(cases)("%s %s: random fills", async (rubricId, variant) => {
    const rubric = findRubric(rubricId)!;
    const p = plan(rubric, variant);
    const fills = fc.sample(responsesArb(rubric).filter((r) => r.variant === variant), { numRuns: 3, seed: 11 });
    for (const resp of fills) {
      const bytes = await planToXlsx(p, fillInputs(p, resp));
      const streamed = readXlsxGrid(bytes);
      expect(plain(streamed)).toEqual(plain(await xlsxToGrid(bytes)));
      expect(streamed.sheets.every((s) => s.hiddenRows instanceof Set)).toBe(true);
    }
  }, 60_000);
});

describe("SpreadsheetML as other programs write it", () => {
  const bytes = xlsxOf(
    [
      {
        name: "Data",
        xml:
          `<dimension ref="A1:XFD1048576"/><cols><col min="1" max="1000000000" width="9"/></cols><sheetData>` +
          `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c t="inlineStr"><is><t>in</t><rPh><t>x</t></rPh><r><t>line</t></r></is></c></row>` +
          `<row r="2" hidden="1"><c r="A2"><v>1.5</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#DIV/0!</v></c><c r="D2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>` +
          `<row r="3" ht="0" customHeight="1"><c r="A3"><f>SUM(A1:A2)</f></c><c r="B3" s="4"/></row>` +
          `<row><c r="E5"><f t="shared" ref="E5:E7" si="0">$A$1+A5*B$2</f><v>1</v></c></row>` +
          `<row r="6"><c r="E6"><f t="shared" si="0"/><v>2</v></c></row>` +
          `<row r="7"><c r="E7"><f t="shared" si="0"/></c><c r="F7"><f t="array" ref="F7:F8">A1:A2*2</f><v>3</v></c></row>` +
          `<row r="9"><c r="A9" t="s"><v>0</v></c><c r="B9"><v>7</v></c><c r="A10"><v>8</v></c></row>` +
          `</sheetData><mergeCells count="1"><mergeCell ref="A9:B10"/></mergeCells>` +
          `<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>`,
      },
      { name: "Meta 2", state: "veryHidden", target: "/xl/worksheets/other.xml", xml: `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>k</t></is></c></row></sheetData>` },
    ],
    `<si><t>plain</t></si><si><r><t>rich </t></r><rPh sb="0" eb="1"><t>フリ</t></rPh><r><t>text</t></r></si>`,
  );
  const grid = readXlsxGrid(bytes);

  test("sheets in workbook order with their states; absolute and relative targets", () => {
    expect(grid.sheets.map((s) => [s.name, s.state])).toEqual([
      ["Data", "visible"],
      ["Meta 2", "veryHidden"],
    ]);
    expect(grid.sheets[1].cells.get("A1")).toEqual({ value: "k" });
  });

  test("values by type: shared, rich (phonetic left out), inline, number, boolean, error, string result", () => {
    const c = grid.sheets[0].cells;
    expect(c.get("A1")).toEqual({ value: "plain" });
    expect(c.get("B1")).toEqual({ value: "rich text" });
    expect(c.get("C1")).toEqual({ value: "inline" });
    expect(c.get("A2")).toEqual({ value: 1.5 });
    expect(c.get("B2")).toEqual({ value: true });
    expect(c.get("C2")).toEqual({ value: "#DIV/0!", error: true });
    expect(c.get("D2")).toEqual({ value: "ab", formula: '"a"&"b"' });
    expect(c.get("A3")).toEqual({ value: null, formula: "SUM(A1:A2)" });
    expect(c.has("B3")).toBe(false); // style only
  });

  test("shared formulas are translated to each dependent; array formulas keep their text", () => {
    const c = grid.sheets[0].cells;
    expect(c.get("E5")).toEqual({ value: 1, formula: "$A$1+A5*B$2" });
    expect(c.get("E6")).toEqual({ value: 2, formula: "$A$1+A6*B$2" });
    expect(c.get("E7")).toEqual({ value: null, formula: "$A$1+A7*B$2" });
    expect(c.get("F7")).toEqual({ value: 3, formula: "A1:A2*2" });
  });

  test("hidden and zero-height rows; cells under a merge (but its first) are left out", () => {
    expect([...grid.sheets[0].hiddenRows!]).toEqual([2, 3]);
    const c = grid.sheets[0].cells;
    expect(c.get("A9")).toEqual({ value: "plain" });
    expect(c.has("B9")).toBe(false);
    expect(c.has("A10")).toBe(false);
  });

  test("shared formulas translate as ExcelJS translates them", async () => {
    let rows = "";
    for (let r = 3; r <= 30; r++) {
      const cells = ["C", "D"].map((col) =>
        r === 3 && col === "C" ? `<c r="C3"><f t="shared" ref="C3:D30" si="0">A3+$B$1+SUM(A$1:A3)*LOG10(B3)</f></c>` : `<c r="${col}${r}"><f t="shared" si="0"/></c>`,
      );
      rows += `<row r="${r}"><c r="A${r}"><v>${r}</v></c>${cells.join("")}</row>`;
    }
    const file = xlsxOf([{ name: "S", xml: `<sheetData>${rows}</sheetData>` }]);
    expect(plain(readXlsxGrid(file))).toEqual(plain(await xlsxToGrid(file)));
    expect(readXlsxGrid(file).sheets[0].cells.get("D30")).toEqual({ value: null, formula: "B30+$B$1+SUM(B$1:B30)*LOG10(C30)" });
  });

  test("cell addresses in any spelling a file may use are keyed as A1 (upper case, no $, no leading zero); others refused", () => {
    const cells = `<c r="b2"><v>1</v></c><c r="$C$2"><v>2</v></c><c r="D02"><v>3</v></c><c r="XFD2"><v>4</v></c>`;
    const c = readXlsxGrid(xlsxOf([{ name: "S", xml: `<sheetData><row r="2">${cells}</row></sheetData>` }])).sheets[0].cells;
    expect([...c.keys()]).toEqual(["B2", "C2", "D2", "XFD2"]);
    for (const bad of ["XFE2", "A0", "ABCD2", "A", "2", "A1048577", "A1B"]) {
      const file = xlsxOf([{ name: "S", xml: `<sheetData><row r="2"><c r="${bad}"><v>1</v></c></row></sheetData>` }]);
      expect([bad, () => readXlsxGrid(file)]).toEqual([bad, expect.any(Function)]);
      expect(() => readXlsxGrid(file)).toThrow(/单元格地址“/);
    }
  });

  test("a namespace prefix on every element is read the same", () => {
    const prefixed = xlsxOf([
      {
        name: "S",
        xml: `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>hi</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
      },
    ]);
    expect(plain(readXlsxGrid(prefixed))[0].cells).toEqual([["B2", { value: "hi" }]]);
  });
});

describe("characters written as _xHHHH_ (ST_Xstring)", () => {
  // What Excel writes for a pasted "区教育局\r\n" (CR has no XML form), a tab, and a typed "_x0041_" (its
  // "_x" escaped as _x005F_x so that it stays literal).
  const bytes = xlsxOf(
    [{ name: "S", xml: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>说明_x000d_二</t></is></c></row></sheetData>` }],
    `<si><t xml:space="preserve">区教育局_x000D_
</t></si><si><t>a_x0009_b</t></si><si><t>_x005F_x0041_ and _x41_</t></si>`,
  );

  test("are read as the characters they stand for, as Excel and ExcelJS read them", async () => {
    const cells = readXlsxGrid(bytes).sheets[0].cells;
    expect(cells.get("A1")).toEqual({ value: "区教育局\r\n" });
    expect(cells.get("B1")).toEqual({ value: "a\tb" });
    expect(cells.get("C1")).toEqual({ value: "_x0041_ and _x41_" });
    expect(cells.get("D1")).toEqual({ value: "说明\r二" });
    // ExcelJS (upper-case hex only) agrees on the shared strings.
    const viaExcelJS = (await xlsxToGrid(bytes)).sheets[0].cells;
    for (const a of ["A1", "B1", "C1"]) expect(cells.get(a)?.value).toBe(viaExcelJS.get(a)?.value);
  });
});

describe("the thread's caches of formulas and strings read before", () => {
  // Every return of a table repeats the same formulas and strings in the same places; the reader recognises
  // them by their bytes. A file that differs anywhere, by a character of the same width, is read as written.
  const file = (formula: string, text: string) =>
    xlsxOf([{ name: "S", xml: `<sheetData><row r="3"><c r="B3"><f>${formula}</f><v>1</v></c><c r="C3" t="s"><v>0</v></c></row></sheetData>` }], `<si><t>${text}</t></si>`);
  const long = 'IF(AND(ISNUMBER(A3),A3&gt;0),&quot;有&quot;,&quot;无&quot;)&amp;""';

  test.each([["portable", portableCodec], ["Node's", nodeCodec]])("never stand for what a file says (%s codec)", (_name, codec) => {
    useCodec(codec);
    try {
      const first = readXlsxGrid(file(long, "第一项 &amp; 说明")).sheets[0].cells;
      expect(first.get("B3")).toEqual({ value: 1, formula: 'IF(AND(ISNUMBER(A3),A3>0),"有","无")&""' });
      expect(first.get("C3")).toEqual({ value: "第一项 & 说明" });
      // The same bytes: the same strings.
      const again = readXlsxGrid(file(long, "第一项 &amp; 说明")).sheets[0].cells;
      expect(again.get("B3")?.formula).toBe(first.get("B3")?.formula);
      // One character changed, same length: read as written.
      const changed = readXlsxGrid(file(long.replace("A3&gt;0", "A3&gt;9"), "第二项 &amp; 说明")).sheets[0].cells;
      expect(changed.get("B3")?.formula).toBe('IF(AND(ISNUMBER(A3),A3>9),"有","无")&""');
      expect(changed.get("C3")?.value).toBe("第二项 & 说明");
      // A bad reference where a cached text stood is still refused.
      expect(() => readXlsxGrid(file(long.replace("&gt;", "&gx;"), "第二项"))).toThrow(/undefined entity &gx;/);
      expect(() => readXlsxGrid(file(long, "第一项 &bogus; 说明"))).toThrow(/undefined entity &bogus;/);
    } finally {
      useCodec(portableCodec);
    }
  });
});

describeWithTool("libreoffice", "a return saved by LibreOffice (shared formulas, cached results)", () => {
  const dir = mkdtempSync(join(tmpdir(), "safescore-stream-"));
  afterAll(async () => {
    await disposeProfile();
    rmSync(dir, { recursive: true, force: true });
  });

  test("reads as ExcelJS reads it, and scores as entered", async () => {
    const rubric = findRubric("county2023")!;
    const variant = variantIds(rubric)[0];
    const p = plan(rubric, variant);
    const [resp] = fc.sample(responsesArb(rubric, { validOnly: true }).filter((r) => r.variant === variant), { numRuns: 1, seed: 5 });
    const input = join(dir, "filled.xlsx");
    writeFileSync(input, await planToXlsx(p, fillInputs(p, resp)));
    const out = await recalcXlsx(input, join(dir, "lo"));
    const bytes = new Uint8Array(readFileSync(out));
    const streamed = readXlsxGrid(bytes);
    const old = plain(await xlsxToGrid(bytes));
    // ExcelJS reads a formula's cached empty-string result as "no result" and drops error flags; we keep both.
    const ours = plain(streamed, { dropErrorFlag: true }).map((s) => ({
      ...s,
      cells: s.cells.map(([a, c]): [string, GridCell] => [a, c.formula !== undefined && c.value === "" ? { ...c, value: null } : c]),
    }));
    expect(ours).toEqual(old);
    const read = readWorkbook(streamed, findRubric);
    expect(read.problems).toEqual([]);
    expect(score(rubric, read.responses)).toEqual(score(rubric, resp));
  }, 180_000);
});

describe("Node's codec (the command line's and the pool's) reads as the portable one does", () => {
  afterEach(() => useCodec(portableCodec));
  const golden = ["format-1", "format-2", "format-3"].flatMap((dir) =>
    ["lw2015-dept-jyj", "county2023"].flatMap((name) => ["", ".lo", ".openpyxl"].map((v) => join(__dirname, "golden", dir, `${name}${v}.xlsx`))),
  );

  test.each(golden)("%s: the same grid", (file) => {
    const bytes = new Uint8Array(readFileSync(file));
    const portable = plain(readXlsxGrid(bytes));
    useCodec(nodeCodec);
    expect(plain(readXlsxGrid(bytes))).toEqual(portable);
    // …and again, now that the thread's caches hold this table's formulas and strings.
    expect(plain(readXlsxGrid(bytes))).toEqual(portable);
  });

  test("a part up to the limit is read whole; one byte more is refused", () => {
    const limit = 4 * 1024 * 1024;
    const data = `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>end</t></is></c></row></sheetData>`;
    const sized = (n: number) => xlsxOf([{ name: "S", xml: `${" ".repeat(n)}${data}` }]);
    // The worksheet part is `data` in the declaration and the <worksheet> element: its size without the spaces.
    const around = new TextEncoder().encode(xlsxParts([{ name: "S", xml: data }])["xl/worksheets/sheet1.xml"] as string).length;
    for (const codec of [portableCodec, nodeCodec]) {
      useCodec(codec);
      expect(readXlsxGrid(sized(limit - around), { maxEntryBytes: limit }).sheets[0].cells.get("A1")).toEqual({ value: "end" });
      expect(() => readXlsxGrid(sized(limit - around + 1), { maxEntryBytes: limit })).toThrow("xl/worksheets/sheet1.xml inflates beyond 4 MB (zip bomb?)");
    }
  });

  test.each([["portable", portableCodec], ["Node's", nodeCodec]])("a zip bomb stops at the part limit with the same message (%s codec)", (_name, codec) => {
    useCodec(codec);
    expect(() => readXlsxGrid(xlsxBomb(1, 40), { maxEntryBytes: 8 * 1024 * 1024 })).toThrow("xl/worksheets/sheet1.xml inflates beyond 8 MB (zip bomb?)");
  });

  test.each([["portable", portableCodec], ["Node's", nodeCodec]])("a damaged deflate stream is one line naming the part (%s codec)", (_name, codec) => {
    const bytes = new Uint8Array(readFileSync(golden[0]));
    const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    // Corrupt the compressed data just after the sheet's local header (30 bytes from its signature, the name, the extra field).
    const at = bytes.findIndex((_b, i) => i >= 30 && name.every((c, k) => bytes[i + k] === c) && bytes[i - 30] === 0x50 && bytes[i - 29] === 0x4b);
    expect(at).toBeGreaterThan(0);
    const data = at + name.length + (bytes[at - 2] | (bytes[at - 1] << 8));
    const broken = bytes.slice();
    for (let k = 0; k < 40; k++) broken[data + 2 + k] ^= 0xff;
    useCodec(codec);
    expect(() => readXlsxGrid(broken)).toThrow(/xl\/worksheets\/sheet1\.xml/);
  });
});
