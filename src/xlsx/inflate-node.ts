/**
 * Node's native zlib as the reader's inflater (stream-read.ts `useInflater`): about four times faster than
 * fflate's JavaScript inflate, which is most of what opening a return costs after the XML. A part is
 * inflated in one call once its compressed bytes are in (they are at most the file's size). One call
 * holds its whole output, so it is allowed at most ONE_SHOT_MAX bytes (a table sheet is a few hundred
 * KB); a part that inflates beyond that — a very large sheet, or a zip bomb — is inflated again by fflate,
 * streaming, and counted against the reader's limits piece by piece, so memory stays bounded either way.
 */
import { inflateRawSync } from "node:zlib";
import { UnzipInflate, type AsyncFlateStreamHandler, type FlateError, type UnzipDecoder, type UnzipDecoderConstructor } from "fflate";
import type { InflaterFactory } from "./stream-read";

/** Largest part inflated in one native call. */
export const ONE_SHOT_MAX = 4 * 1024 * 1024;

/** Compressed bytes pushed to fflate at a time when streaming (deflate's best ratio is ~1:1032). */
const STREAM_PIECE = 1024;

export const nativeInflater: InflaterFactory = (maxBytes): UnzipDecoderConstructor =>
  class NativeInflate implements UnzipDecoder {
    static compression = 8;
    ondata: AsyncFlateStreamHandler = () => {};
    private chunks: Uint8Array[] = [];

    push(chunk: Uint8Array, final: boolean): void {
      // fflate may reuse the chunk's memory after push returns: keep a copy.
      this.chunks.push(chunk.slice());
      if (!final) return;
      const data = Buffer.concat(this.chunks);
      this.chunks = [];
      let out: Buffer;
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.min(maxBytes, ONE_SHOT_MAX) });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
          // fflate inflates each pushed piece at once: small pieces keep its output (≤ ~8 MB each) bounded.
          const streaming = new UnzipInflate();
          streaming.ondata = this.ondata;
          for (let at = 0; at < data.length; at += STREAM_PIECE) streaming.push(data.subarray(at, at + STREAM_PIECE), at + STREAM_PIECE >= data.length);
        } else this.ondata(Object.assign(e as Error, { code: 0 }) as FlateError, new Uint8Array(0), true);
        return;
      }
      this.ondata(null, new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.length), true);
    }
  };
