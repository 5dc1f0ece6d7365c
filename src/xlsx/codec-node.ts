/**
 * Node's codec for the reader (codec.ts): native zlib, about four times fflate's JavaScript inflate; and a
 * part's bytes as the scanner's text one byte a character (latin1), which Node makes ten times faster than it
 * decodes UTF-8 (0.01 ms against 0.8 ms for a table sheet with Chinese in its formulas), after checking they
 * are valid UTF-8 (native too). Only the texts the reader asks for are then decoded as UTF-8, and only those
 * with a non-ASCII character.
 */
import { Buffer, isUtf8 } from "node:buffer";
import { inflateRawSync } from "node:zlib";
import type { ByteCodec } from "./codec";

/** Not printable ASCII nor XML's whitespace: decoded as UTF-8 (an ASCII control character decodes to itself). */
const NON_ASCII = /[^ -~\t\n\r]/;
const BOM = "\xef\xbb\xbf";
/** zlib's default output piece, and the largest this codec asks for (a table sheet is a few hundred KB). */
const MIN_CHUNK = 16 * 1024;
const MAX_CHUNK = 512 * 1024;

export const nodeCodec: ByteCodec = {
  inflate(data, maxBytes, declared) {
    try {
      // zlib stops as soon as its output passes maxOutputLength: a bomb costs at most maxBytes. Output buffers
      // of the declared size (within bounds: it may lie) make one piece instead of many to join: half the time.
      const chunkSize = Math.min(Math.max(declared + 64, MIN_CHUNK), MAX_CHUNK);
      const out = inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes), chunkSize });
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return null;
      throw e;
    }
  },

  xml(bytes) {
    if (!isUtf8(bytes)) return null;
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const text = buf.toString("latin1");
    return {
      text,
      start: text.startsWith(BOM) ? 3 : 0,
      decode(from, to) {
        const raw = text.slice(from, to);
        return NON_ASCII.test(raw) ? buf.toString("utf8", from, to) : raw;
      },
    };
  },
};
