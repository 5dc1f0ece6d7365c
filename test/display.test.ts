/** displaySafe: text from a file, safe to print (src/text/display.ts). */
import { displaySafe, DISPLAY_MAX } from "../src/text/display";

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
