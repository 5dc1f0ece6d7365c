/**
 * Policy for tests that need an external program (LibreOffice, Chromium, pdftotext).
 *
 * Tool installed: the tests run. Tool missing: with SAFESCORE_REQUIRE_TOOLS set (CI) a failing test says the
 * tool is required; otherwise the tests are skipped with a loud console.warn banner, never silently.
 */
import { accessSync, constants, existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";

export type Tool = "libreoffice" | "libreoffice-writer" | "chromium" | "pdftotext";

const INSTALL_HINT: Record<Tool, string> = {
  libreoffice: "apt-get install libreoffice-calc",
  "libreoffice-writer": "apt-get install libreoffice-writer",
  chromium: "apt-get install chromium",
  pdftotext: "apt-get install poppler-utils",
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Path of soffice/libreoffice, or null. SAFESCORE_SOFFICE overrides the search: a path to use,
 * or "none" (or an empty string) to pretend LibreOffice is not installed.
 */
export function findSoffice(): string | null {
  const override = process.env.SAFESCORE_SOFFICE;
  if (override !== undefined) return override === "" || override === "none" || !isExecutable(override) ? null : override;
  const names = process.platform === "win32" ? ["soffice.exe", "soffice.com"] : ["soffice", "libreoffice"];
  const onPath = (process.env.PATH ?? "").split(delimiter).filter(Boolean).flatMap((dir) => names.map((n) => join(dir, n)));
  const fixed = [
    "/usr/bin/soffice",
    "/usr/bin/libreoffice",
    "/usr/lib/libreoffice/program/soffice",
    "/usr/local/bin/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  ];
  return [...onPath, ...fixed].find(isExecutable) ?? null;
}

/** Path of Chromium/Chrome, or null. SAFESCORE_CHROMIUM overrides the search ("none" = pretend missing). */
export function findChromium(): string | null {
  const override = process.env.SAFESCORE_CHROMIUM;
  if (override !== undefined) return override === "" || override === "none" || !isExecutable(override) ? null : override;
  const names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
  const onPath = (process.env.PATH ?? "").split(delimiter).filter(Boolean).flatMap((dir) => names.map((n) => join(dir, n)));
  const fixed = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"];
  return [...onPath, ...fixed].find(isExecutable) ?? null;
}

/** Path of poppler's pdftotext (pdftoppm sits beside it), or null. SAFESCORE_PDFTOTEXT overrides ("none" = pretend missing). */
export function findPdftotext(): string | null {
  const override = process.env.SAFESCORE_PDFTOTEXT;
  if (override !== undefined) return override === "" || override === "none" || !isExecutable(override) ? null : override;
  const onPath = (process.env.PATH ?? "").split(delimiter).filter(Boolean).map((dir) => join(dir, process.platform === "win32" ? "pdftotext.exe" : "pdftotext"));
  return [...onPath, "/usr/bin/pdftotext", "/usr/local/bin/pdftotext", "/opt/homebrew/bin/pdftotext"].find(isExecutable) ?? null;
}

/**
 * soffice, when LibreOffice Writer is installed beside it (Debian splits Writer from Calc: without it, soffice
 * cannot load a .docx). Looked for as Writer's library (libswlo) in soffice's program directory.
 */
export function findSofficeWriter(): string | null {
  const soffice = findSoffice();
  if (!soffice) return null;
  const dirs = new Set<string>([dirname(soffice), "/usr/lib/libreoffice/program", "/opt/libreoffice/program", "/Applications/LibreOffice.app/Contents/Frameworks"]);
  try {
    dirs.add(dirname(realpathSync(soffice)));
  } catch {
    // a dangling link: the fixed places only
  }
  for (const dir of dirs) {
    try {
      if (existsSync(dir) && readdirSync(dir).some((f) => /^libswlo\b/.test(f) || f === "libswlo.dylib")) return soffice;
    } catch {
      // unreadable: look elsewhere
    }
  }
  return null;
}

export function toolPath(name: Tool): string | null {
  switch (name) {
    case "libreoffice":
      return findSoffice();
    case "libreoffice-writer":
      return findSofficeWriter();
    case "chromium":
      return findChromium();
    case "pdftotext":
      return findPdftotext();
  }
}

export function toolAvailable(name: Tool): boolean {
  return toolPath(name) !== null;
}

/** SAFESCORE_REQUIRE_TOOLS is "set" unless empty, "0" or "false". */
export function toolsRequired(): boolean {
  const v = process.env.SAFESCORE_REQUIRE_TOOLS;
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

function skipBanner(tool: Tool, title: string): string {
  const bar = "!".repeat(78);
  return `\n${bar}\nSKIPPED: ${title} needs ${tool} (${INSTALL_HINT[tool]})\nSet SAFESCORE_REQUIRE_TOOLS=1 to make a missing ${tool} a failure (as CI does).\n${bar}\n`;
}

/**
 * true when the tool is installed; otherwise throws if tools are required, else warns loudly and returns
 * false (for use inside a test: `if (!requireToolOrSkip("chromium")) return;`).
 */
export function requireToolOrSkip(tool: Tool, title = "this test"): boolean {
  if (toolAvailable(tool)) return true;
  if (toolsRequired()) throw new Error(`${title} needs ${tool}, which is required (SAFESCORE_REQUIRE_TOOLS is set): ${INSTALL_HINT[tool]}`);
  console.warn(skipBanner(tool, title));
  return false;
}

/** describe(title, fn) when the tool (every tool) is installed; a failing test (CI) or a loud describe.skip when not. */
export function describeWithTool(tools: Tool | Tool[], title: string, fn: () => void): void {
  const tool = [tools].flat().find((t) => !toolAvailable(t));
  if (tool === undefined) {
    describe(title, fn);
  } else if (toolsRequired()) {
    describe(title, () => {
      test(`${tool} is required in CI (SAFESCORE_REQUIRE_TOOLS is set)`, () => {
        throw new Error(`${title} needs ${tool}, which is not installed: ${INSTALL_HINT[tool]}`);
      });
    });
  } else {
    console.warn(skipBanner(tool, title));
    describe.skip(title, fn);
  }
}
