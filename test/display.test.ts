/** displaySafe: text from a file, safe to print (src/text/display.ts). */
import fc from "fast-check";
import { displaySafe, DISPLAY_MAX, jsonText, jsonTextPieces } from "../src/text/display";

test("line breaks, tabs and CR become visible escapes", () => {
  expect(displaySafe("某单位\n总分：200 / 200")).toBe("某单位\\n总分：200 / 200");
  expect(displaySafe("a\r\nb\tc")).toBe("a\\r\\nb\\tc");
});

test("ESC, NUL, DEL and C1 controls become \\xHH", () => {
  expect(displaySafe("\x1b[31m红\x1b[0m")).toBe("\\x1b[31m红\\x1b[0m");
  expect(displaySafe("\x00\x7f\x85\x9b")).toBe("\\x00\\x7f\\x85\\x9b");
});

test("line/paragraph separators and bidi controls become \\uHHHH", () => {
  expect(displaySafe("a\u2028b\u2029c")).toBe("a\\u2028b\\u2029c");
  expect(displaySafe("\u202Eabc\u202C\u2066x\u2069\u200E\u200F\u061C")).toBe("\\u202eabc\\u202c\\u2066x\\u2069\\u200e\\u200f\\u061c");
});

test("ordinary Chinese, full-width punctuation and emoji pass unchanged", () => {
  const s = "龙湾区教育局（２０１５）：合格 ✓ 😀";
  expect(displaySafe(s)).toBe(s);
});

test("absurdly long values are cut at 200 characters with …, never inside a surrogate pair", () => {
  expect(displaySafe("字".repeat(DISPLAY_MAX))).toBe("字".repeat(DISPLAY_MAX));
  expect(displaySafe("字".repeat(DISPLAY_MAX + 1))).toBe("字".repeat(DISPLAY_MAX) + "…");
  expect(displaySafe("😀".repeat(DISPLAY_MAX + 5))).toBe("😀".repeat(DISPLAY_MAX) + "…");
  expect(displaySafe("abc", 2)).toBe("ab…");
});

describe("jsonTextPieces", () => {
  // The oracle: JSON.stringify's own indented text, with the characters jsonText escapes escaped.
  const stringified = (v: unknown) => JSON.stringify(v, null, 2).replace(/[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, "0")}`) + "\n";
  const joined = (v: unknown, size?: number) => [...jsonTextPieces(v, size)].join("");

  it("joins to exactly JSON.stringify's indented text, for any JSON value and piece size", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.integer({ min: 1, max: 200 }), (v, size) => {
        expect(joined(v, size)).toBe(stringified(v));
      }),
      { numRuns: 300 },
    );
  });

  it("leaves out what JSON.stringify leaves out and escapes what jsonText escapes", () => {
    const v = { a: undefined, b: [undefined, () => 1, 2], c: { d: "\u202e\n\u0085", e: [] , f: {} }, g: new Date(0), h: [[[[{ deep: [1, { x: "y" }] }]]]] };
    expect(joined(v)).toBe(stringified(v));
    expect(joined(v)).toBe(jsonText(v));
    expect(joined(v)).toContain("\\u202e");
  });

  it("gives a large value in pieces of about the size asked", () => {
    const rows = Array.from({ length: 5000 }, (_, k) => ({ rank: k + 1, unit: `单位${k}`, score: 80 + (k % 20), problems: [] }));
    const pieces = [...jsonTextPieces({ groups: [{ rows }] }, 4096)];
    expect(pieces.length).toBeGreaterThan(50);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(4096 + 200);
    expect(pieces.join("")).toBe(stringified({ groups: [{ rows }] }));
  });
});
