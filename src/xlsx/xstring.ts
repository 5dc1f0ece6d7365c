/**
 * SpreadsheetML's strings (ST_Xstring): a character XML 1.0 cannot carry is written as _xHHHH_, and a literal
 * "_xHHHH_" has its "_" written as _x005F_ so that it is not decoded — how Excel writes and reads them. The
 * writer's escape and the reader's decoding, side by side.
 */

/** Characters XML 1.0 cannot carry: controls other than tab, LF and CR, U+FFFE, U+FFFF, unpaired surrogates. */
const NOT_XML = String.raw`[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`;

/** Every character XML 1.0 cannot carry (for writers of other XML, such as a Word document's). */
export const NOT_XML_CHARS = new RegExp(NOT_XML, "g");

/** A "_" that would start an escape once written: before x, four hex digits and a "_" or a character written as _xHHHH_. */
const TO_ESCAPE = new RegExp(`_(?=x[0-9A-Fa-f]{4}(?:_|${NOT_XML}))|${NOT_XML}`, "g");
const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

/** `s` as ST_Xstring (before XML's own escaping of & < > "). */
export function xstringEscape(s: string): string {
  return s.replace(TO_ESCAPE, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** A string's text as the file means it: _x000D_ is a CR, _x005F_x0041_ the literal "_x0041_". */
export function xstringText(s: string): string {
  return s.indexOf("_x") < 0 ? s : s.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
