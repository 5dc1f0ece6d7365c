/**
 * The task pane's <head>: a Content-Security-Policy that allows no network traffic beyond the page's own
 * origin and Office.js, and Office.js loaded from Microsoft's CDN the way the Office docs require.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cspDirectives } from "./helpers/csp";

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_ORIGIN = "https://appsforoffice.microsoft.com";

const html = readFileSync(join(__dirname, "..", "src", "taskpane", "taskpane.html"), "utf8");
const head = /<head>([\s\S]*?)<\/head>/i.exec(html)?.[1] ?? "";
const withoutComments = head.replace(/<!--[\s\S]*?-->/g, "");


describe("task pane Content-Security-Policy", () => {
  const d = cspDirectives(head);

  test("everything defaults to the page's own origin", () => {
    expect(d.get("default-src")).toEqual(["'self'"]);
  });

  test("scripts: own origin and Office.js only — no inline, no eval", () => {
    expect(d.get("script-src")).toEqual(["'self'", OFFICE_ORIGIN]);
  });

  test("Web Workers (the 汇总 page's reader): own origin only — no blob:, no data:", () => {
    expect(d.get("worker-src")).toEqual(["'self'"]);
  });

  test("network calls: own origin and the Office.js origin only", () => {
    const connect = d.get("connect-src")!;
    expect(connect).toContain("'self'");
    expect(connect.every((s) => s === "'self'" || s === OFFICE_ORIGIN)).toBe(true);
  });

  test("styles: own origin plus inline (Griffel injects <style> rules)", () => {
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  test("images: own origin and data: URLs", () => {
    expect(d.get("img-src")).toEqual(["'self'", "data:"]);
  });

  test("no plugins, no <base> or form posts elsewhere", () => {
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
  });

  test("nothing a meta tag cannot set, and no wildcard anywhere", () => {
    for (const name of ["frame-ancestors", "report-uri", "sandbox"]) expect(d.has(name)).toBe(false);
    for (const sources of d.values()) for (const s of sources) expect(s).not.toMatch(/^\*|^https?:$|'unsafe-eval'|^http:\/\//);
  });
});

describe("Office.js", () => {
  const scripts = [...withoutComments.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]);

  test("is the first script in <head>, from Microsoft's CDN", () => {
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts[0]).toContain(`src="${OFFICE_JS}"`);
  });

  test("is a plain script: not async, not defer, not a module (the docs load it before the body)", () => {
    expect(scripts[0]).not.toMatch(/\b(async|defer)\b/i);
    expect(scripts[0]).not.toMatch(/type="module"/i);
  });

  test("comes after the CSP meta so the policy covers it", () => {
    expect(withoutComments.indexOf("Content-Security-Policy")).toBeLessThan(withoutComments.indexOf(OFFICE_JS));
  });

  test("is not in <body>", () => {
    const body = /<body>([\s\S]*?)<\/body>/i.exec(html)?.[1] ?? "";
    expect(body).not.toContain("office.js");
  });
});
