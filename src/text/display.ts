/**
 * Text taken from a file, made safe to print on a terminal or a report line (pure). A workbook is written
 * by whoever filled it: a unit name with a line break could forge a report line, an ESC sequence could
 * drive the terminal, a bidi override could reverse what a reader sees. JSON output needs none of this.
 */

/** Longest value shown, in characters; longer values end in "…". */
export const DISPLAY_MAX = 200;

const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** C0 and C1 controls, DEL, line/paragraph separators, bidi controls and marks: matching controls is the point. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;

function escape(ch: string): string {
  if (NAMED[ch]) return NAMED[ch];
  const code = ch.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** `s` with every control and bidi character replaced by a visible escape (\n, \x1b, \u202e), cut at `max` characters. */
export function displaySafe(s: string, max = DISPLAY_MAX): string {
  const chars = Array.from(s);
  const cut = chars.length > max ? chars.slice(0, max).join("") + "…" : s;
  return cut.replace(UNSAFE, escape);
}

/** Characters JSON.stringify leaves raw that can still reorder or break what a terminal shows. */
const JSON_UNSAFE = /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;

/** Escapes what JSON_UNSAFE matches as \uHHHH (in JSON text, where no such character is structure). */
const escapeUnsafe = (json: string) => json.replace(JSON_UNSAFE, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, "0")}`);

/** JSON.stringify's indented text of a value whose own line starts at `indent`. */
function jsonLeaf(value: unknown, indent: string): string {
  const text = JSON.stringify(value, null, 2) ?? "null";
  return indent === "" ? text : text.replaceAll("\n", `\n${indent}`);
}

/** What JSON.stringify leaves out of an object, and writes as null in an array. */
const unwritten = (v: unknown) => v === undefined || typeof v === "function" || typeof v === "symbol";

/** Containers this deep and deeper are written by one JSON.stringify (a roster's row, a problem line). */
const PIECE_DEPTH = 4;

function* jsonPieces(value: unknown, indent: string, depth: number): Generator<string> {
  const container = typeof value === "object" && value !== null && typeof (value as { toJSON?: unknown }).toJSON !== "function";
  if (!container || depth >= PIECE_DEPTH) {
    yield jsonLeaf(value, indent);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "[" : ","}\n${inner}`;
      yield* jsonPieces(unwritten(value[i]) ? null : value[i], inner, depth + 1);
    }
    yield `\n${indent}]`;
    return;
  }
  const keys = Object.keys(value).filter((k) => !unwritten((value as Record<string, unknown>)[k]));
  if (keys.length === 0) {
    yield "{}";
    return;
  }
  for (let i = 0; i < keys.length; i++) {
    yield `${i === 0 ? "{" : ","}\n${inner}${jsonLeaf(keys[i], "")}: `;
    yield* jsonPieces((value as Record<string, unknown>)[keys[i]], inner, depth + 1);
  }
  yield `\n${indent}}`;
}

/**
 * jsonText's text in pieces of about `size` characters, for output too large to hold twice: a roster of
 * 10,000 returns is ~19 MB of JSON, and one string of it (then its UTF-8 copy for stdout) took the command's
 * peak memory from ~190 MB to ~310 MB. The outer containers are written piece by piece, the rest by
 * JSON.stringify; joined, the pieces are exactly jsonText's (test/display.test.ts checks it against it).
 */
export function* jsonTextPieces(value: unknown, size = 1 << 16): Generator<string> {
  let buf = "";
  for (const piece of jsonPieces(value, "", 0)) {
    buf += piece;
    if (buf.length >= size) {
      yield escapeUnsafe(buf);
      buf = "";
    }
  }
  yield `${escapeUnsafe(buf)}\n`;
}

/**
 * JSON text of `value`, indented: JSON.stringify escapes C0 controls itself; bidi controls, C1 controls and
 * line separators are escaped too (\u202e), so the parsed strings are exactly the file's, raw.
 */
export function jsonText(value: unknown): string {
  return escapeUnsafe(jsonLeaf(value, "")) + "\n";
}
