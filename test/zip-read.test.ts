/**
 * The zip is read as Excel reads it, by its central directory (src/xlsx/zip-read.ts): what the directory lists
 * is what exists; a local header must agree with it; the end record's count must be the directory's; zip64
 * sizes and data descriptors are read; stored and deflated entries alike stop at the limit.
 */
import zlib from "node:zlib";
import { strToU8 } from "fflate";
import { readEntry, zipEntries, ZipError } from "../src/xlsx/zip-read";
import { readXlsxGrid } from "../src/xlsx/stream-read";
import { portableCodec, useCodec } from "../src/xlsx/codec";
import { nodeCodec } from "../src/xlsx/codec-node";
import { xlsxParts } from "./helpers/xlsx-parts";

interface Spec {
  name: string;
  content: string;
  /** 0 stored, 8 deflated (default). */
  method?: number;
  flags?: number;
  /** The name in the local header, when it should differ from the directory's. */
  localName?: string;
  /** Listed in the central directory (default true). */
  listed?: boolean;
  /** Sizes and offset as zip64 extra fields in the directory (the 32-bit fields saturated). */
  zip64?: boolean;
  /** Sizes left out of the local header (a data descriptor follows the data). */
  descriptor?: boolean;
}

function zip(specs: Spec[], claimed?: number): Uint8Array {
  const out: number[] = [];
  const dir: number[] = [];
  const u16 = (a: number[], v: number) => a.push(v & 0xff, (v >> 8) & 0xff);
  const u32 = (a: number[], v: number) => a.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
  const u64 = (a: number[], v: number) => (u32(a, v), u32(a, 0));
  let listed = 0;
  for (const s of specs) {
    const raw = strToU8(s.content);
    const method = s.method ?? 8;
    const data = method === 0 ? raw : new Uint8Array(zlib.deflateRawSync(raw));
    const crc = zlib.crc32(raw);
    const offset = out.length;
    const local = strToU8(s.localName ?? s.name);
    const flags = (s.flags ?? 0) | (s.descriptor ? 8 : 0);
    u32(out, 0x04034b50); u16(out, 20); u16(out, flags); u16(out, method); u32(out, 0);
    u32(out, s.descriptor ? 0 : crc); u32(out, s.descriptor ? 0 : data.length); u32(out, s.descriptor ? 0 : raw.length);
    u16(out, local.length); u16(out, 0); out.push(...local);
    for (const b of data) out.push(b);
    if (s.descriptor) { u32(out, 0x08074b50); u32(out, crc); u32(out, data.length); u32(out, raw.length); }
    if (s.listed === false) continue;
    listed++;
    const name = strToU8(s.name);
    const extra: number[] = [];
    if (s.zip64) { u16(extra, 0x0001); u16(extra, 24); u64(extra, raw.length); u64(extra, data.length); u64(extra, offset); }
    const sat = (v: number) => (s.zip64 ? 0xffffffff : v);
    u32(dir, 0x02014b50); u16(dir, 45); u16(dir, 20); u16(dir, flags); u16(dir, method); u32(dir, 0); u32(dir, crc);
    u32(dir, sat(data.length)); u32(dir, sat(raw.length)); u16(dir, name.length); u16(dir, extra.length); u16(dir, 0);
    u16(dir, 0); u16(dir, 0); u32(dir, 0); u32(dir, sat(offset)); dir.push(...name, ...extra);
  }
  const at = out.length;
  out.push(...dir);
  u32(out, 0x06054b50); u16(out, 0); u16(out, 0); u16(out, claimed ?? listed); u16(out, claimed ?? listed);
  u32(out, dir.length); u32(out, at); u16(out, 0);
  return new Uint8Array(out);
}

/** A one-sheet workbook's parts as specs, with `change` applied to the sheet's. */
function workbook(cell: string, change: Partial<Spec> = {}): Spec[] {
  const parts = xlsxParts([{ name: "S", xml: `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${cell}</t></is></c></row></sheetData>` }]);
  return Object.entries(parts).map(([name, content]) => ({ name, content: content as string, ...(name === "xl/worksheets/sheet1.xml" ? change : {}) }));
}

const a1 = (bytes: Uint8Array) => readXlsxGrid(bytes).sheets[0].cells.get("A1")?.value;

describe.each([["portable", portableCodec], ["Node's", nodeCodec]])("the zip by its directory (%s codec)", (_name, codec) => {
  beforeEach(() => useCodec(codec));
  afterAll(() => useCodec(portableCodec));

  test("stored, deflated, zip64 sizes and a data descriptor read alike", () => {
    for (const change of [{}, { method: 0 }, { zip64: true }, { descriptor: true }, { zip64: true, descriptor: true, method: 0 }]) {
      expect([change, a1(zip(workbook("ok", change)))]).toEqual([change, "ok"]);
    }
  });

  test("an entry only a local header holds does not exist (Excel reads the directory)", () => {
    const specs = workbook("listed");
    // A second sheet1.xml, before the listed one, that the directory does not name.
    const hidden: Spec = { ...specs.find((s) => s.name === "xl/worksheets/sheet1.xml")!, content: specs.find((s) => s.name === "xl/worksheets/sheet1.xml")!.content.replace("listed", "hidden"), listed: false };
    expect(a1(zip([hidden, ...specs]))).toBe("listed");
    // Without the listed one the sheet is missing, whatever the local headers say.
    expect(() => readXlsxGrid(zip(specs.map((s) => (s.name === "xl/worksheets/sheet1.xml" ? { ...s, listed: false } : s))))).toThrow("part worksheets/sheet1.xml not found");
  });

  test("a local header that names another entry, an encrypted entry, an unknown method: refused with the entry's name", () => {
    expect(() => readXlsxGrid(zip(workbook("x", { localName: "xl/worksheets/other.xml" })))).toThrow(/directory is damaged \(xl\/worksheets\/sheet1\.xml\)/);
    expect(() => readXlsxGrid(zip(workbook("x", { flags: 1 })))).toThrow("xl/worksheets/sheet1.xml is encrypted");
    expect(() => readXlsxGrid(zip(workbook("x", { method: 0, flags: 0 }).map((s) => (s.name === "xl/worksheets/sheet1.xml" ? { ...s, method: 12 } : s))))).toThrow(
      "xl/worksheets/sheet1.xml uses an unsupported compression method (12)",
    );
  });

  test("an end record whose count is not the directory's", () => {
    const specs = workbook("x");
    expect(() => readXlsxGrid(zip(specs, specs.length - 1))).toThrow(/directory is damaged .*entries claimed/);
  });

  test("a stored entry larger than the part limit is refused before it is read", () => {
    const bytes = zip(workbook("y".repeat(2 * 1024 * 1024), { method: 0 }));
    expect(() => readXlsxGrid(bytes, { maxEntryBytes: 1024 * 1024 })).toThrow("xl/worksheets/sheet1.xml inflates beyond 1 MB (zip bomb?)");
  });
});

describe("zipEntries and readEntry", () => {
  test("a directory that runs past the end record, or a header cut short", () => {
    const bytes = zip(workbook("x"));
    const view = new DataView(bytes.buffer);
    const end = bytes.length - 22;
    const broken = bytes.slice();
    new DataView(broken.buffer).setUint32(end + 12, view.getUint32(end + 12, true) + 100, true);
    expect(() => zipEntries(broken, 100)).toThrow(ZipError);
    const entries = zipEntries(bytes, 100);
    const sheet = entries.find((e) => e.name === "xl/worksheets/sheet1.xml")!;
    expect(() => readEntry(bytes, { ...sheet, compressedSize: bytes.length }, 1 << 20, () => new Error("large"))).toThrow("xl/worksheets/sheet1.xml is truncated");
  });
});
