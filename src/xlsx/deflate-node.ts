/**
 * Node's native zlib as the deflater of the workbooks SafeScore writes itself (roster.xlsx, consolidate/sheetml.ts):
 * six times fflate's JavaScript deflate on a roster's XML (16 MB: 62 ms against 368 ms here), which was most
 * of writing a 10,000-unit roster. fflate's ZipPassThrough keeps the zip's bookkeeping (CRC, sizes); each piece
 * pushed is deflated on its own and ended with a sync flush, the last with the final block, so the pieces join
 * into one valid deflate stream (as pigz does) and memory stays one piece, whatever the part's size.
 */
import { constants, deflateRawSync } from "node:zlib";
import { ZipPassThrough } from "fflate";
import type { PartDeflater } from "../consolidate/sheetml";

/** Level 1: a roster is written once; higher levels cost more time than the bytes they save are worth. */
const LEVEL = 1;

class NativeZipDeflate extends ZipPassThrough {
  constructor(filename: string) {
    super(filename);
    this.compression = 8;
  }

  override process(chunk: Uint8Array, final: boolean): void {
    const out = deflateRawSync(chunk, { level: LEVEL, finishFlush: final ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
    this.ondata(null, new Uint8Array(out.buffer, out.byteOffset, out.length), final);
  }
}

export const nativeDeflater: PartDeflater = (filename) => new NativeZipDeflate(filename);
