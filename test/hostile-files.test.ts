/**
 * Hostile returns: each reads, or fails with one WorkbookError("damaged") line, within a time bound; the
 * realistic zip bombs run in a child process with a 256 MB heap and must exit cleanly with bounded RSS.
 * Every fixture is built here, at test time (nothing committed).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WorkbookError } from "../src/layout/read";
import type { WorkbookGrid } from "../src/layout/grid";
import { DEFAULT_LIMITS, readXlsxGrid, type ReadLimits } from "../src/xlsx/stream-read";
import { openWorkbook } from "../src/xlsx/open";
import { cliInFreshNode } from "./helpers/fresh-node";
import { xlsxBomb } from "./helpers/bombs";
import { xlsxOf, xlsxParts, zipParts } from "./helpers/xlsx-parts";

// "Ends in seconds": generous enough for a loaded CI machine, far below what an unbounded reader takes (minutes, or out of memory).
const TIME_BOUND_MS = 5000;

/** Reads within the time bound; returns the grid or the WorkbookError (anything else fails the test). */
function timedRead(bytes: Uint8Array, limits?: Partial<ReadLimits>): { grid?: WorkbookGrid; error?: WorkbookError; ms: number } {
  const t0 = performance.now();
  try {
    const grid = readXlsxGrid(bytes, limits);
    return { grid, ms: check(t0) };
  } catch (e) {
    const ms = check(t0);
    if (!(e instanceof WorkbookError)) throw new Error(`a raw exception escaped: ${String(e)}`);
    expect(e.reason).toBe("damaged");
    expect(e.message.split("\n")).toHaveLength(1);
    expect(e.message).toContain(" / "); // bilingual
    return { error: e, ms };
  }
}
function check(t0: number): number {
  const ms = performance.now() - t0;
  expect(ms).toBeLessThan(TIME_BOUND_MS);
  return ms;
}
const damagedWith = (bytes: Uint8Array, text: string, limits?: Partial<ReadLimits>) => {
  const r = timedRead(bytes, limits);
  expect(r.error?.message).toContain(text);
};
const sheet = (xml: string) => xlsxOf([{ name: "S", xml }]);
const rows = (n: number, cell: (i: number) => string) => Array.from({ length: n }, (_, i) => cell(i + 1)).join("");

describe("zip bombs and zip damage", () => {
  test("a sheet inflating past a (lowered) part limit stops there", () => {
    const bytes = sheet(`<sheetData>${" ".repeat(3_000_000)}</sheetData>`);
    expect(bytes.length).toBeLessThan(20_000);
    damagedWith(bytes, "xl/worksheets/sheet1.xml inflates beyond 1 MB (zip bomb?)", { maxEntryBytes: 1024 * 1024 });
  });

  test("parts inflating past a (lowered) total limit stop there", () => {
    const big = `<sheetData>${" ".repeat(600_000)}</sheetData>`;
    const bytes = xlsxOf([1, 2, 3, 4].map((i) => ({ name: `S${i}`, xml: big })));
    damagedWith(bytes, "文件过大或为压缩炸弹（解压后超过 2 MB） / the file inflates beyond 2 MB (zip bomb?)", { maxTotalBytes: 2 * 1024 * 1024 });
  });

  test("a realistic bomb (1.4 MB → 1.4 GB) with the default limits, in process", () => {
    const bytes = xlsxBomb(1, 1400);
    expect(bytes.length).toBeLessThan(1.6e6);
    damagedWith(bytes, `inflates beyond ${DEFAULT_LIMITS.maxEntryBytes / 1024 / 1024} MB (zip bomb?)`);
  });

  test("an end record claiming 10,000,000 entries (zip64)", () => {
    const zip = xlsxOf([{ name: "S", xml: "<sheetData/>" }]);
    const eocd = zip.length - 22;
    const cdOffset = new DataView(zip.buffer, zip.byteOffset).getUint32(eocd + 16, true);
    const cdSize = new DataView(zip.buffer, zip.byteOffset).getUint32(eocd + 12, true);
    const z64 = new DataView(new ArrayBuffer(56 + 20));
    z64.setUint32(0, 0x06064b50, true);
    z64.setBigUint64(4, 44n, true);
    z64.setBigUint64(24, 10_000_000n, true);
    z64.setBigUint64(32, 10_000_000n, true);
    z64.setBigUint64(40, BigInt(cdSize), true);
    z64.setBigUint64(48, BigInt(cdOffset), true);
    z64.setUint32(56, 0x07064b50, true);
    z64.setBigUint64(64, BigInt(eocd), true);
    z64.setUint32(72, 1, true);
    const end = zip.slice(eocd);
    new DataView(end.buffer).setUint16(8, 0xffff, true);
    new DataView(end.buffer).setUint16(10, 0xffff, true);
    const bytes = new Uint8Array(eocd + 76 + 22);
    bytes.set(zip.subarray(0, eocd));
    bytes.set(new Uint8Array(z64.buffer), eocd);
    bytes.set(end, eocd + 76);
    damagedWith(bytes, `more than ${DEFAULT_LIMITS.maxEntries} entries`);
  });

  test("many real entries, under an end record that claims few: counted as their headers arrive", () => {
    const parts = xlsxParts([{ name: "S", xml: "<sheetData/>" }]);
    for (let i = 0; i < 2500; i++) parts[`xl/media/x${i}.bin`] = "";
    const zip = zipParts(parts);
    const view = new DataView(zip.buffer, zip.byteOffset);
    view.setUint16(zip.length - 22 + 8, 5, true);
    view.setUint16(zip.length - 22 + 10, 5, true);
    damagedWith(zip, "the zip holds more than 2000 entries");
  });

  test("a truncated zip", () => {
    const zip = xlsxOf([{ name: "S", xml: `<sheetData>${rows(2000, (i) => `<row r="${i}"><c r="A${i}"><v>${i}</v></c></row>`)}</sheetData>` }]);
    damagedWith(zip.slice(0, Math.floor(zip.length / 2)), "truncated");
    // Cut just before the end record: every part is whole, the archive is not.
    damagedWith(zip.slice(0, zip.length - 10), "truncated");
  });

  test("no xl/workbook.xml", () => {
    const parts = xlsxParts([{ name: "S", xml: "<sheetData/>" }]);
    delete parts["xl/workbook.xml"];
    damagedWith(zipParts(parts), "xl/workbook.xml is missing");
  });

  test("a sheet whose target is not in the zip, or whose relationship is missing", () => {
    const parts = xlsxParts([{ name: "S", xml: "<sheetData/>", target: "/xl/worksheets/gone.xml" }]);
    delete parts["xl/worksheets/gone.xml"];
    damagedWith(zipParts(parts), 'sheet "S": part /xl/worksheets/gone.xml not found');
    const noRel = xlsxParts([{ name: "S", xml: "<sheetData/>" }]);
    noRel["xl/_rels/workbook.xml.rels"] = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`;
    damagedWith(zipParts(noRel), 'sheet "S": relationship rId1 not found');
  });
});

describe("ranges over the whole sheet cost nothing", () => {
  test("<mergeCell ref='A100:XFD1048576'/> counts as one merge", () => {
    const r = timedRead(sheet(`<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="200"><c r="B200"><v>2</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A100:XFD1048576"/></mergeCells>`));
    expect(r.grid!.sheets[0].cells.get("A1")).toEqual({ value: 1 });
    expect(r.grid!.sheets[0].cells.has("B200")).toBe(false); // under the merge
  });

  test("60,000 merges: more than the limit, refused fast", () => {
    const merges = rows(60_000, (i) => `<mergeCell ref="A${i}:B${i}"/>`);
    damagedWith(sheet(`<sheetData/><mergeCells count="60000">${merges}</mergeCells>`), "合并单元格过多（超过 10000 个） / more than 10000 merged ranges");
  });

  test("10,000 merges over 20,000 cells: allowed, and fast", () => {
    const cells = rows(10_000, (i) => `<row r="${i}"><c r="A${i}"><v>${i}</v></c><c r="B${i}"><v>${i}</v></c></row>`);
    const merges = rows(10_000, (i) => `<mergeCell ref="A${i}:B${i}"/>`);
    const r = timedRead(sheet(`<sheetData>${cells}</sheetData><mergeCells>${merges}</mergeCells>`));
    expect(r.grid!.sheets[0].cells.size).toBe(10_000);
  });

  test("<col min='1' max='1000000000'/>, a whole-sheet dimension and validation", () => {
    const r = timedRead(
      sheet(
        `<dimension ref="A1:XFD1048576"/><cols><col min="1" max="1000000000" width="9" customWidth="1"/></cols><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>` +
          `<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>`,
      ),
    );
    expect([...r.grid!.sheets[0].cells.keys()]).toEqual(["A1"]);
  });

  test("a shared formula whose ref is the whole column", () => {
    const r = timedRead(sheet(`<sheetData><row r="1"><c r="B1"><f t="shared" ref="B1:B1048576" si="0">A1*2</f></c></row><row r="9"><c r="B9"><f t="shared" si="0"/></c></row></sheetData>`));
    expect(r.grid!.sheets[0].cells.get("B9")).toEqual({ value: null, formula: "A9*2" });
  });

  test("more cells than the (lowered) cell limit", () => {
    damagedWith(sheet(`<sheetData><row r="1">${rows(5000, (i) => `<c><v>${i}</v></c>`)}</row></sheetData>`), "more than 1000 cells", { maxCells: 1000 });
  });

  test("a formula longer than the limit", () => {
    damagedWith(sheet(`<sheetData><row r="1"><c r="A1"><f>${"1+".repeat(5000)}1</f></c></row></sheetData>`), "A1: formula longer than 8192 characters");
  });
});

describe("malformed or malicious XML", () => {
  test("a DOCTYPE with entities (billion laughs)", () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("")}]>`;
    const parts = xlsxParts([{ name: "S", xml: "<sheetData/>" }]);
    parts["xl/worksheets/sheet1.xml"] = `${lol}<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`;
    damagedWith(zipParts(parts), "xl/worksheets/sheet1.xml has a DOCTYPE");
  });

  test("an undeclared entity", () => {
    damagedWith(sheet(`<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData>`), "xl/worksheets/sheet1.xml line 2: malformed XML");
  });

  test("XML nested 100,000 deep", () => {
    damagedWith(sheet(`${"<x>".repeat(100_000)}${"</x>".repeat(100_000)}`), "nested deeper than 64 levels");
  });

  test("malformed XML names the part and the line", () => {
    damagedWith(sheet(`<sheetData>\n<row r="1"><c r="A1"><v>1</v></row></sheetData>`), "xl/worksheets/sheet1.xml 第 3 行：XML 格式错误");
  });

  test("invalid UTF-8", () => {
    const parts = xlsxParts([{ name: "S", xml: "<sheetData/>" }]);
    parts["xl/worksheets/sheet1.xml"] = new Uint8Array([...Buffer.from("<worksheet><sheetData>"), 0xff, 0xfe, ...Buffer.from("</sheetData></worksheet>")]);
    damagedWith(zipParts(parts), "xl/worksheets/sheet1.xml");
  });

  test("bad cell addresses and shared-string indexes", () => {
    damagedWith(sheet(`<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>`), 'invalid cell address "XFE1"');
    damagedWith(sheet(`<sheetData><row r="2000000"/></sheetData>`), 'invalid row number "2000000"');
    damagedWith(sheet(`<sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>`), "shared string 7, which does not exist");
  });
});

describe("openWorkbook gives the same one line, prefixed", () => {
  test("a bomb through openWorkbook", async () => {
    await expect(openWorkbook(sheet(`<sheetData>${" ".repeat(3_000_000)}</sheetData>`), { maxEntryBytes: 1024 * 1024 })).rejects.toThrow(
      /^文件已损坏：xl\/worksheets\/sheet1\.xml 过大或为压缩炸弹（解压后超过 1 MB） \/ xl\/worksheets\/sheet1\.xml inflates beyond 1 MB \(zip bomb\?\)$/,
    );
  });
});

describe("realistic bombs in a child process (256 MB heap): clean exit, one line, bounded RSS", () => {
  const dir = mkdtempSync(join(tmpdir(), "safescore-bomb-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `safescore score <file> --json` in a fresh node with a 256 MB heap: its exit, stderr, time and peak RSS. */
  function scoreInChild(file: string) {
    const { results: [r], maxRssMB, stderr } = cliInFreshNode("score", [file], ["--json"], 60_000);
    expect(stderr).toBe("");
    return { ...r, maxRssMB };
  }

  test.each([
    ["one sheet: 1.4 MB → 1.4 GB", 1, 1400, "xl/worksheets/sheet1.xml inflates beyond 16 MB (zip bomb?)"],
    ["eight sheets of 10 MB: 80 KB → 80 MB", 8, 10, "the file inflates beyond 32 MB (zip bomb?)"],
  ])("%s", (_title, sheets, mib, message) => {
    const file = join(dir, `bomb-${sheets}.xlsx`);
    writeFileSync(file, xlsxBomb(sheets, mib));
    const r = scoreInChild(file);
    console.log(`${_title}: exit ${r.code}, ${r.ms} ms, peak RSS ${r.maxRssMB} MB`);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toContain(message);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.maxRssMB).toBeLessThan(200); // through tsx; the bundled CLI stays under 100 MB (npm run bench)
  }, 90_000);
});
