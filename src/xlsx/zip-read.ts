/**
 * A zip read from memory by its central directory, as Excel reads it, within limits.
 *
 * Why by hand: fflate's unzipSync allocates each entry's output at the size the entry declares (a lie costs
 * what it says), its streaming Unzip reads local headers in order (not the directory Excel believes) and
 * inflates in JavaScript, and yauzl works on streams, an event round per entry: a few hundred microseconds a
 * return, which the office pays thousands of times. This module lists the entries once (every record checked
 * against the end record and the file's size) and inflates only the entries asked for, through the thread's
 * codec (Node's zlib, or fflate), counting the real inflated bytes: whatever sizes a header declares, an
 * entry stops at the limit.
 */
import { codec } from "./codec";

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** The size the directory says it inflates to (never trusted: a hint for buffers). */
  size: number;
  /** Where the entry's local header is. */
  offset: number;
}

/** Why a zip cannot be read: the message says it in Chinese and English ("中文 / English"). */
export class ZipError extends Error {}

export const MiB = 1024 * 1024;
export const mb = (n: number) => `${Math.round(n / MiB)} MB`;
const fail = (zh: string, en: string): never => {
  throw new ZipError(`${zh} / ${en}`);
};

const truncated = () => fail("zip 压缩包不完整（缺少结尾目录，可能下载中断）", "the zip archive is truncated (no end-of-central-directory record)");
const damagedDirectory = (why: string) => fail(`zip 压缩包的目录已损坏（${why}）`, `the zip archive's directory is damaged (${why})`);

/** The end-of-central-directory record: where it is, the entries it claims, the directory's offset and size (zip64 aware). */
function endRecord(b: Uint8Array, view: DataView): { count: number; offset: number; size: number; at: number } | null {
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) !== 0x06054b50) continue;
    let count = view.getUint16(i + 10, true);
    let size = view.getUint32(i + 12, true);
    let offset = view.getUint32(i + 16, true);
    // A zip64 end record, found by its locator just before: its counts and offsets replace the saturated ones.
    if (i >= 20 && view.getUint32(i - 20, true) === 0x07064b50) {
      const at = Number(view.getBigUint64(i - 20 + 8, true));
      if (at + 56 <= i && view.getUint32(at, true) === 0x06064b50) {
        if (count === 0xffff) count = Number(view.getBigUint64(at + 32, true));
        if (size === 0xffffffff) size = Number(view.getBigUint64(at + 40, true));
        if (offset === 0xffffffff) offset = Number(view.getBigUint64(at + 48, true));
      }
    }
    return { count, offset, size, at: i };
  }
  return null;
}

/** An entry's name: ASCII as it is (every OOXML part name), anything else as UTF-8. */
function entryName(b: Uint8Array, from: number, length: number): string {
  let name = "";
  for (let k = from; k < from + length; k++) {
    if (b[k] >= 128) return new TextDecoder().decode(b.subarray(from, from + length));
    name += String.fromCharCode(b[k]);
  }
  return name;
}

/** The entries the central directory lists, after checking it against the end record; at most `maxEntries`. */
export function zipEntries(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endRecord(bytes, view) ?? truncated();
  const tooMany = () => fail(`压缩包内文件过多（超过 ${maxEntries} 个）`, `the zip holds more than ${maxEntries} entries`);
  if (end.count > maxEntries) tooMany();
  if (end.offset + end.size > end.at) truncated();
  const entries: ZipEntry[] = [];
  let p = end.offset;
  while (p < end.offset + end.size) {
    if (entries.length >= maxEntries) tooMany();
    if (p + 46 > end.at || view.getUint32(p, true) !== 0x02014b50) damagedDirectory(`第 ${entries.length + 1} 项 / entry ${entries.length + 1}`);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const next = p + 46 + nameLength + extraLength + view.getUint16(p + 32, true);
    if (next > end.at) damagedDirectory(`第 ${entries.length + 1} 项 / entry ${entries.length + 1}`);
    let compressedSize = view.getUint32(p + 20, true);
    let size = view.getUint32(p + 24, true);
    let offset = view.getUint32(p + 42, true);
    // Zip64: the saturated fields are in the extra field 0x0001, in this order, each only if saturated.
    if (compressedSize === 0xffffffff || size === 0xffffffff || offset === 0xffffffff) {
      for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength; ) {
        const id = view.getUint16(x, true);
        const length = view.getUint16(x + 2, true);
        if (id === 0x0001) {
          let at = x + 4;
          const field = () => {
            if (at + 8 > x + 4 + length) damagedDirectory("zip64");
            const v = Number(view.getBigUint64(at, true));
            at += 8;
            return v;
          };
          if (size === 0xffffffff) size = field();
          if (compressedSize === 0xffffffff) compressedSize = field();
          if (offset === 0xffffffff) offset = field();
          break;
        }
        x += 4 + length;
      }
    }
    entries.push({
      name: entryName(bytes, p + 46, nameLength),
      method: view.getUint16(p + 10, true),
      flags: view.getUint16(p + 8, true),
      compressedSize,
      size,
      offset,
    });
    p = next;
  }
  if (entries.length !== end.count && end.count !== 0xffff) damagedDirectory(`记录 ${end.count} 项，实有 ${entries.length} 项 / ${end.count} entries claimed, ${entries.length} listed`);
  return entries;
}

/**
 * An entry's bytes, inflated; at most `maxBytes` of them, whatever the zip declares (`tooLarge` is thrown
 * beyond). The local header must be where the directory says and name the same entry.
 */
export function readEntry(bytes: Uint8Array, e: ZipEntry, maxBytes: number, tooLarge: () => Error): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cut = () => fail(`${e.name} 不完整（压缩包被截断）`, `${e.name} is truncated`);
  if (e.offset + 30 > bytes.length) cut();
  if (view.getUint32(e.offset, true) !== 0x04034b50) damagedDirectory(`${e.name}`);
  const nameLength = view.getUint16(e.offset + 26, true);
  const from = e.offset + 30 + nameLength + view.getUint16(e.offset + 28, true);
  if (from > bytes.length || entryName(bytes, e.offset + 30, nameLength) !== e.name) damagedDirectory(`${e.name}`);
  if (from + e.compressedSize > bytes.length) cut();
  if (e.flags & 1) fail(`${e.name} 已加密`, `${e.name} is encrypted`);
  const data = bytes.subarray(from, from + e.compressedSize);
  if (e.method === 0) {
    if (data.length > maxBytes) throw tooLarge();
    return data;
  }
  if (e.method !== 8) fail(`${e.name} 使用了不支持的压缩方式（${e.method}）`, `${e.name} uses an unsupported compression method (${e.method})`);
  let out: Uint8Array | null;
  try {
    out = codec().inflate(data, maxBytes, e.size);
  } catch (err) {
    const why = String((err as Error)?.message ?? err).split("\n")[0];
    return fail(`${e.name} 解压失败（${why}）`, `${e.name} cannot be inflated: ${why}`);
  }
  if (out === null) throw tooLarge();
  return out;
}
