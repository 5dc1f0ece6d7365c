/**
 * How a return's bytes become what the reader scans: inflating a zip entry within a limit, and a part's bytes
 * as the XML scanner's text. Portable by default (fflate and TextDecoder: the task pane, the offline page);
 * the command line and its workers use Node's (codec-node.ts), which is several times faster.
 */
import { Inflate } from "fflate";
import type { XmlSource } from "./xml-scan";
import { joinBytes } from "./bytes";

export interface ByteCodec {
  /**
   * Raw deflate data inflated, or null as soon as it would exceed `maxBytes`. `declared` is the size the zip
   * says it inflates to: a hint for buffers only, never trusted.
   */
  inflate(data: Uint8Array, maxBytes: number, declared: number): Uint8Array | null;
  /** A part's UTF-8 bytes as the scanner's source, or null when they are not valid UTF-8. */
  xml(bytes: Uint8Array): XmlSource | null;
}

/** Compressed bytes pushed to fflate at a time: at deflate's best ratio (~1:1032) at most ~8 MB out per push. */
const PIECE = 8 * 1024;

/** Thrown inside fflate's callback to stop inflating at the limit. */
class TooLarge extends Error {}

export const portableCodec: ByteCodec = {
  inflate(data, maxBytes) {
    const chunks: Uint8Array[] = [];
    let size = 0;
    const inflater = new Inflate((chunk) => {
      size += chunk.length;
      if (size > maxBytes) throw new TooLarge();
      chunks.push(chunk);
    });
    // No data is no deflate stream (as zlib says).
    if (data.length === 0) throw new Error("unexpected end of file");
    try {
      for (let at = 0; at < data.length; at += PIECE) inflater.push(data.subarray(at, at + PIECE), at + PIECE >= data.length);
    } catch (e) {
      if (e instanceof TooLarge) return null;
      throw e;
    }
    return joinBytes(chunks);
  },

  xml(bytes) {
    let text: string;
    try {
      // Decoding validates; a byte-order mark is dropped.
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
    return { text, start: 0, decode: (from, to) => text.slice(from, to) };
  },
};

let current: ByteCodec = portableCodec;

/** Sets the codec for this thread (Node entry points call this with codec-node.ts's nodeCodec). */
export function useCodec(codec: ByteCodec): void {
  current = codec;
}

export function codec(): ByteCodec {
  return current;
}
