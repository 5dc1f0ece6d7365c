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

/**
 * JSON text of `value`, indented: JSON.stringify escapes C0 controls itself; bidi controls, C1 controls and
 * line separators are escaped too (\u202e), so the parsed strings are exactly the file's, raw.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, "0")}`) + "\n";
}
