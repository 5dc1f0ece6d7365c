/** Follows Office's theme: a dark body background picks the dark Fluent theme. */
import { webDarkTheme, webLightTheme, type Theme } from "@fluentui/react-components";

export function isDark(hexColor: string | undefined): boolean {
  const m = /^#?([0-9a-f]{6})$/i.exec(hexColor ?? "");
  if (!m) return false;
  const n = parseInt(m[1], 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

export function themeFor(bodyBackgroundColor: string | undefined): Theme {
  return isDark(bodyBackgroundColor) ? webDarkTheme : webLightTheme;
}
