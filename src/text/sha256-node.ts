/**
 * The bundled command line's @noble/hashes/sha256 (scripts/build-cli.ts maps it): Node's own SHA-256, the same
 * digest. noble's, in JavaScript and not yet compiled, took each worker of the pool ~10 ms for its first
 * rubric fingerprint. The browser builds and the tests keep noble's.
 */
import { createHash } from "node:crypto";

export function sha256(data: Uint8Array): Uint8Array {
  return createHash("sha256").update(data).digest();
}
