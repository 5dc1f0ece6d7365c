/**
 * The seam between the task pane and the spreadsheet it works on (docs/wps.md): the pane talks only to
 * `PaneActions` (src/taskpane/App.tsx); the Office.js adapter (`createSession`, src/excel/session.ts) and
 * the in-memory host are behind it, so another host (a WPS 加载项) is one new adapter. This test fails when
 * the seam leaks — a pane module using the Office.js globals or importing a backend — or when the Office.js
 * session stops providing a method the pane may call.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import * as ts from "typescript";
import { createSession } from "../src/excel/session";
import type { PaneActions } from "../src/taskpane/App";

const ROOT = resolve(__dirname, "..");
const PANE = join(ROOT, "src/taskpane");
/** The add-in's entry: the one pane module that may start Office.js and wire its session (the others get `actions`). */
const ENTRY = "index.tsx";
/** The backends behind the seam: the Office.js adapter and the in-memory Excel host. */
const BACKENDS = ["src/excel", "src/host"].map((d) => join(ROOT, d));
/** The Office.js globals (@types/office-js); a WPS 加载项 has neither. */
const GLOBALS = new Set(["Excel", "Office", "OfficeExtension"]);
/** Added by mount.tsx for every host (it needs no spreadsheet), so no backend session has to provide it. */
const HOST_NEUTRAL = new Set<string>(["downloadTemplate"]);

/** Every TypeScript source under a folder (the pane has subfolders one day). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const parse = (file: string, text = readFileSync(file, "utf8")) =>
  ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

/** `x.Excel`, `A.Excel` (type), `{ Excel: … }` name a member, not the global: not a use. */
function namesMember(id: ts.Identifier): boolean {
  const p = id.parent;
  return (
    (ts.isPropertyAccessExpression(p) && p.name === id) ||
    (ts.isQualifiedName(p) && p.right === id) ||
    ((ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) || ts.isMethodSignature(p) || ts.isPropertyDeclaration(p)) && p.name === id) ||
    ts.isJsxAttribute(p)
  );
}

/** Where a module uses an Office.js global or imports a backend, as "file:line: what" (comments and strings don't count). */
function leaks(file: string, text?: string): string[] {
  const sf = parse(file, text);
  const at = (n: ts.Node) => `${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
  const out: string[] = [];
  const checkImport = (spec: ts.Expression, node: ts.Node) => {
    if (!ts.isStringLiteralLike(spec) || !spec.text.startsWith(".")) return;
    const target = resolve(dirname(file), spec.text);
    const backend = BACKENDS.find((b) => target === b || target.startsWith(b + sep));
    if (backend) out.push(`${at(node)}: imports "${spec.text}" (${relative(ROOT, backend)} is a backend behind PaneActions)`);
  };
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) && GLOBALS.has(n.text) && !namesMember(n)) out.push(`${at(n)}: uses the Office.js global ${n.text}`);
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) {
      if (n.moduleSpecifier) checkImport(n.moduleSpecifier, n);
    } else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === "require")) && n.arguments[0]) {
      checkImport(n.arguments[0], n);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) {
      checkImport(n.argument.literal as ts.Expression, n);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** PaneActions' members as App.tsx declares them (read from the source, so a new action is checked without editing this test). */
function paneActionNames(): string[] {
  const sf = parse(join(PANE, "App.tsx"));
  const decl = sf.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "PaneActions");
  if (!decl) throw new Error("src/taskpane/App.tsx no longer declares interface PaneActions");
  return decl.members.map((m) => (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : "?"));
}

// Compile time (npm run typecheck): the Office.js session provides every action the pane may call, with
// PaneActions' signatures. A missing or changed method is a type error here, naming the member.
type BackendActions = Required<Omit<PaneActions, "downloadTemplate">>;
export const officeSessionIsPaneActions = (s: ReturnType<typeof createSession>): BackendActions => s;

describe("the pane's seam (PaneActions)", () => {
  const files = sources(PANE);

  test("the scan sees the pane's modules", () => {
    const names = files.map((f) => relative(PANE, f));
    expect(names).toEqual(expect.arrayContaining(["App.tsx", "mount.tsx", "model.ts", ENTRY]));
  });

  test("no pane module but the entry touches Office.js or imports a backend", () => {
    const found = files.filter((f) => relative(PANE, f) !== ENTRY).flatMap((f) => leaks(f));
    if (found.length) {
      throw new Error(
        "任务窗格绕过了 PaneActions 接口（WPS 等宿主将无法复用）/ the task pane reaches past PaneActions (another host could not reuse it):\n" +
          found.map((l) => `  ${l}`).join("\n") +
          "\nPut spreadsheet work in an adapter (src/excel/ for Office.js) and pass it in as an action; only src/taskpane/index.tsx may start Office.js.",
      );
    }
  });

  test("the scan catches what it is meant to (a guard for the guard)", () => {
    const text = [
      'import { createSession } from "../excel/session";',
      'import type { Session } from "../excel/session";',
      "// Office.js in a comment is fine",
      'const s = "Excel.run in a string is fine";',
      "const ok = { Excel: 1 }.Excel;",
      "export async function f(r: Excel.Range) { await Excel.run(async () => undefined); return Office.context; }",
      'export const later = () => import("../host");',
      'import { t } from "../i18n";',
    ].join("\n");
    const found = leaks(join(PANE, "sample.tsx"), text).map((l) => l.replace(/^src\/taskpane\/sample\.tsx:/, ""));
    expect(found).toEqual([
      '1: imports "../excel/session" (src/excel is a backend behind PaneActions)',
      '2: imports "../excel/session" (src/excel is a backend behind PaneActions)',
      "6: uses the Office.js global Excel",
      "6: uses the Office.js global Excel",
      "6: uses the Office.js global Office",
      '7: imports "../host" (src/host is a backend behind PaneActions)',
    ]);
  });

  test("the Office.js session has every action the pane may call", () => {
    const session = createSession() as unknown as Record<string, unknown>;
    const needed = paneActionNames().filter((n) => !HOST_NEUTRAL.has(n));
    // The actions known when this test was written must all be there (the list may grow, never lose these).
    expect(needed).toEqual(expect.arrayContaining(["inspect", "insert", "update", "read", "select", "watch", "writeConsolidation"]));
    const missing = needed.filter((n) => typeof session[n] !== "function");
    expect(missing).toEqual([]);
  });
});
