/**
 * Hostile .xlsx files built at test time, fast: zip bombs are assembled from one deflated megabyte repeated
 * (zlib's full flush makes each copy a self-contained, byte-aligned piece of one deflate stream), so a
 * 1 MB zip that inflates to 1 GB takes well under a second to make and never exists inflated.
 */
import zlib from "node:zlib";
import { strToU8 } from "fflate";
import { xlsxParts } from "./xlsx-parts";

const MiB = 1024 * 1024;

interface RawEntry {
  name: string;
  /** Raw deflate data (method 8). */
  data: Uint8Array;
  crc: number;
  size: number;
}

const crc32 = (data: Uint8Array, prev = 0): number => (zlib as unknown as { crc32(d: Uint8Array, v?: number): number }).crc32(data, prev);

function deflated(name: string, content: Uint8Array): RawEntry {
  return { name, data: zlib.deflateRawSync(content), crc: crc32(content), size: content.length };
}

/** An entry of `prefix`, `mib` MiB of `fill`, `suffix`, deflated without ever holding it inflated. */
export function bombEntry(name: string, prefix: string, mib: number, suffix: string, fill = 0x20): RawEntry {
  const block = new Uint8Array(MiB).fill(fill);
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const head = zlib.deflateRawSync(strToU8(prefix), flush);
  const body = zlib.deflateRawSync(block, { ...flush, level: 9 });
  const tail = zlib.deflateRawSync(strToU8(suffix));
  const data = new Uint8Array(head.length + body.length * mib + tail.length);
  data.set(head, 0);
  for (let i = 0; i < mib; i++) data.set(body, head.length + i * body.length);
  data.set(tail, head.length + mib * body.length);
  let crc = crc32(strToU8(prefix));
  for (let i = 0; i < mib; i++) crc = crc32(block, crc);
  crc = crc32(strToU8(suffix), crc);
  return { name, data, crc, size: prefix.length + mib * MiB + suffix.length };
}

/** A zip of deflated entries (sizes below 4 GiB), with local headers, central directory and end record. */
export function rawZip(entries: RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, 8, true);
    local.setUint32(14, e.crc >>> 0, true);
    local.setUint32(18, e.data.length, true);
    local.setUint32(22, e.size, true);
    local.setUint16(26, name.length, true);
    chunks.push(new Uint8Array(local.buffer), name, e.data);
    const cd = new DataView(new ArrayBuffer(46));
    cd.setUint32(0, 0x02014b50, true);
    cd.setUint16(4, 20, true);
    cd.setUint16(6, 20, true);
    cd.setUint16(10, 8, true);
    cd.setUint32(16, e.crc >>> 0, true);
    cd.setUint32(20, e.data.length, true);
    cd.setUint32(24, e.size, true);
    cd.setUint16(28, name.length, true);
    cd.setUint32(42, offset, true);
    central.push(new Uint8Array(cd.buffer), name);
    offset += 30 + name.length + e.data.length;
  }
  const cdSize = central.reduce((s, c) => s + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  const all = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((s, c) => s + c.length, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = "</sheetData></worksheet>";

/** A workbook with `sheets` worksheets, each inflating to `mibEach` MiB of whitespace inside <sheetData>. */
export function xlsxBomb(sheets: number, mibEach: number): Uint8Array {
  const specs = Array.from({ length: sheets }, (_, i) => ({ name: `S${i + 1}`, xml: "" }));
  const parts = xlsxParts(specs);
  const entries: RawEntry[] = [];
  for (const [name, content] of Object.entries(parts)) {
    if (name.startsWith("xl/worksheets/")) continue;
    entries.push(deflated(name, typeof content === "string" ? strToU8(content) : content));
  }
  for (let i = 0; i < sheets; i++) entries.push(bombEntry(`xl/worksheets/sheet${i + 1}.xml`, SHEET_HEAD, mibEach, SHEET_TAIL));
  return rawZip(entries);
}
