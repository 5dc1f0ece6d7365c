/**
 * The offline page's <head> (src/page/page.html): a Content-Security-Policy that allows no network at all —
 * nothing by default, scripts only by the hashes the build writes (InlineScriptPlugin), workers only from
 * blob:, no connections — and no script or stylesheet from anywhere. The built page's hash and the browser's
 * verdict are checked in test/browser/page.test.ts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cspDirectives } from "./helpers/csp";

const html = readFileSync(join(__dirname, "..", "src", "page", "page.html"), "utf8");
const withoutComments = html.replace(/<!--[\s\S]*?-->/g, "");


describe("offline page Content-Security-Policy", () => {
  const d = cspDirectives(html);

  test("nothing by default, no connections, no plugins, no <base> or form posts", () => {
    expect(d.get("default-src")).toEqual(["'none'"]);
    expect(d.get("connect-src")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'none'"]);
    expect(d.get("form-action")).toEqual(["'none'"]);
  });

  test("scripts: only the hashes the build writes — no 'self', no inline, no eval", () => {
    expect(d.get("script-src")).toEqual(["__SCRIPT_HASHES__"]);
  });

  test("the Worker from a blob: URL only; styles inline (Griffel); images data: and blob: only", () => {
    expect(d.get("worker-src")).toEqual(["blob:"]);
    expect(d.get("style-src")).toEqual(["'unsafe-inline'"]);
    expect(d.get("img-src")).toEqual(["data:", "blob:"]);
  });

  test("the meta comes first in <head>, and nothing in the page loads from a URL", () => {
    const head = /<head>([\s\S]*?)<\/head>/i.exec(withoutComments)![1];
    expect(head.indexOf("Content-Security-Policy")).toBeLessThan(head.search(/<(script|link|style)\b/i));
    expect(withoutComments).not.toMatch(/<script\b[^>]*\bsrc=/i);
    expect(withoutComments).not.toMatch(/\b(?:src|href)="(?!data:)[^"]*"/i);
    for (const sources of d.values()) for (const s of sources) expect(s).not.toMatch(/^\*|^https?:|'self'|'unsafe-eval'/);
  });
});
