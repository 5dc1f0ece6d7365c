import fc from "fast-check";
import { NOT_XML_CHARS, xstringEscape, xstringText } from "../src/xlsx/xstring";

// Any UTF-16 text, lone surrogates and controls included, with "_x" and hex digits common enough to meet.
const text = fc.array(fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), fc.constantFrom("_x", "_", "000D", "005F", "41_", "x")), { maxLength: 30 }).map((a) => a.join(""));

test("what the writer escapes, the reader reads back exactly, and it holds no character XML cannot carry", () => {
  fc.assert(
    fc.property(text, (s) => {
      const written = xstringEscape(s);
      expect(written).not.toMatch(NOT_XML_CHARS);
      expect(xstringText(written)).toBe(s);
    }),
    { numRuns: 2000 },
  );
});

test("as Excel writes them (hand-written cases)", () => {
  expect(xstringText("区教育局_x000D_\n")).toBe("区教育局\r\n");
  expect(xstringText("_x005F_x0041_")).toBe("_x0041_");
  expect(xstringText("a_x0009_b _x41_ _xZZZZ_")).toBe("a\tb _x41_ _xZZZZ_");
  expect(xstringEscape("a\u0001b_x0041_\uFFFE")).toBe("a_x0001_b_x005F_x0041__xFFFE_");
  expect(xstringEscape("\uD83D\uDE00 \uD800")).toBe("\uD83D\uDE00 _xD800_");
  // A "_x005F" before a character that is escaped: its "_" is escaped too, or "_x005F_" would be read as "_".
  expect(xstringEscape("_x005F\u0000")).toBe("_x005F_x005F_x0000_");
});
