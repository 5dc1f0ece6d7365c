/**
 * A real print: the command line's templates printed to PDF by LibreOffice, read back with pdftotext.
 * Every page is numbered "第 N 页，共 M 页", carries the header line, repeats the title and column
 * headings, and shows nothing of the hidden helper columns (row ids, flag counts).
 *
 * The PDFs stay in test-results/print/ (git-ignored) for a human to look at.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import type { SheetPlan } from "../src/layout/types";
import { cli } from "./helpers/cli";
import { disposeProfile, printToPdf } from "./helpers/libreoffice";
import { describeWithTool, findPdftotext } from "./helpers/tools";

const OUT = join(__dirname, "..", "test-results", "print");

interface Case {
  name: string;
  args: string[];
  plan: SheetPlan;
  /** Pages of text, in order. */
  pages: string[];
}

const cases: Case[] = [
  { name: "lw2015-dept-jyj", args: ["--rubric", "lw2015-dept", "--variant", "jyj", "--unit", "区教育局"], plan: plan(findRubric("lw2015-dept")!, "jyj", "区教育局"), pages: [] },
  { name: "xc2018-checklist", args: ["--rubric", "xc2018-checklist", "--unit", "某镇人民政府"], plan: plan(findRubric("xc2018-checklist")!, undefined, "某镇人民政府"), pages: [] },
];

const squash = (s: string) => s.replace(/\s+/g, "");

describeWithTool(["libreoffice", "pdftotext"], "the printed templates (LibreOffice → PDF)", () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const files = [];
    for (const c of cases) {
      const file = join(OUT, `${c.name}.xlsx`);
      const r = await cli(["template", ...c.args, "-o", file]);
      expect(r).toMatchObject({ code: 0, err: "" });
      files.push(file);
    }
    const pdfs = await printToPdf(files, OUT);
    cases.forEach((c, i) => {
      const text = execFileSync(findPdftotext()!, ["-layout", "-enc", "UTF-8", pdfs[i], "-"], { encoding: "utf8" });
      c.pages = text.split("\f").filter((p) => p.trim() !== "");
    });
  }, 180_000);

  afterAll(() => disposeProfile());

  describe.each(cases)("$name", (c) => {
    test("the template prints on more than one page, every page numbered 第 N 页，共 M 页", () => {
      const n = c.pages.length;
      expect(n).toBeGreaterThan(1);
      c.pages.forEach((page, i) => expect(squash(page)).toContain(squash(`第 ${i + 1} 页，共 ${n} 页`)));
    });

    test("every page has the header line: the short title left, the unit right", () => {
      const [left, right] = [c.plan.print.header.left, c.plan.print.header.right].map((s) => s.replace(/&&/g, "&"));
      for (const page of c.pages) {
        const first = page.split("\n").find((l) => l.trim() !== "")!;
        expect(first.trim().startsWith(left)).toBe(true);
        expect(first.trim().endsWith(right)).toBe(true);
      }
    });

    test("the title and the column headings repeat at the top of every page", () => {
      const visible = c.plan.columns.filter((col) => !col.hidden).map((col) => col.header);
      // Headings that print on one line (a wrapped one is cut up by the text layout).
      const oneLine = visible.filter((h) => c.pages[0].includes(h));
      expect(oneLine.length).toBeGreaterThanOrEqual(4);
      for (const page of c.pages) {
        const top = page.split("\n").slice(0, 12).join("\n");
        expect(squash(top)).toContain(squash(c.plan.rubric.title));
        for (const h of oneLine) expect([h, top.includes(h)]).toEqual([h, true]);
      }
    });

    test("nothing of the hidden helper columns is printed", () => {
      const hidden = c.plan.columns.filter((col) => col.hidden).map((col) => col.header);
      // 问题数, 无效数, 编号 and (from sheet format 3) the helper columns 辅助1…
      expect(hidden.slice(0, 3)).toEqual(["问题数", "无效数", "编号"]);
      expect(hidden.slice(3)).toEqual(hidden.slice(3).map((_, k) => `辅助${k + 1}`));
      expect(hidden.length).toBeGreaterThan(3);
      for (const page of c.pages) {
        expect(page).not.toMatch(/\b(title|fields|header|section|clause|item|check|subtotal|penalty|veto|total|footer)(-header)?:/);
        expect(page).not.toContain("问题数");
        expect(page).not.toContain("辅助");
        // Format 3 leaves the 状态 column off paper too (待处理问题 counts its problems).
        expect(page).not.toMatch(/状态\s*$/m);
      }
    });
  });
});
