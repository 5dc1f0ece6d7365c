/**
 * The printed form (issue 9): every shipped table and a variant of each kind, blank and filled, written by the
 * command line's writer (plan + planToXlsx), printed to PDF by LibreOffice in ONE batch, and checked from the
 * PDF's own text and coordinates (pdftotext -bbox: a box per word):
 *
 * - every header and footer label prints whole ("单位名称：", not "位名称："), inside the page;
 * - the smallest body glyph is at least 8 pt (7 pt for county2023): measured on words of CJK characters, each
 *   one em wide, so a word's width over its characters is its printed font size;
 * - no item's clauses print on a page without its 考核要点 (the item starts there, or its text is repeated);
 * - the summary (总分 … 参考等次) and the signature line print on one page;
 * - no "TRUE": a tick prints as √; 001 prints no negative scores; the headline says 未填写 for a blank table;
 * - every page is numbered 第 N 页，共 M 页.
 *
 * PDFs and PNG pages (60 dpi) stay in test-results/print/ (git-ignored) for a person to look at.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { planToXlsx } from "../src/xlsx/write";
import { reviewView } from "../src/layout/review";
import type { SheetPlan } from "../src/layout/types";
import type { Responses } from "../src/scoring";
import { disposeProfile, printToPdf } from "./helpers/libreoffice";
import { describeWithTool, findPdftotext } from "./helpers/tools";

const OUT = join(__dirname, "..", "test-results", "print");

interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}
interface Page {
  width: number;
  height: number;
  words: Word[];
  /** The page's words joined without spaces, in pdftotext's order (a cell's lines follow each other). */
  text: string;
}

interface Case {
  name: string;
  rubric: string;
  variant?: string;
  filled: boolean;
  /** Smallest printed body text allowed, in points. */
  minSize: number;
  plan: SheetPlan;
  pages: Page[];
}

/** `format: 4`: a reviewed table (核定): its 14 printed columns print at the smallest scale, 72 % (7.2 pt). */
const TABLES: { rubric: string; variant?: string; minSize: number; format?: 4 }[] = [
  { rubric: "lw2015-dept", variant: "jyj", minSize: 8 },
  { rubric: "lw2015-dept", variant: "gaj", minSize: 8 },
  { rubric: "qhd2016-party", minSize: 8 },
  { rubric: "qhd2016-gov", minSize: 8 },
  { rubric: "qhd2016-dept", minSize: 8 },
  { rubric: "xc2018-checklist", minSize: 8 },
  { rubric: "county2023", minSize: 7 },
  { rubric: "lw2015-dept", variant: "jyj", minSize: 7, format: 4 },
  { rubric: "qhd2016-gov", minSize: 7, format: 4 },
];

/**
 * A complete, valid fill as a unit types it: ticks (written as √, what the sheet's list offers: fillInputs'
 * tickMark), a count of 1 where a clause counts, every item explained, every checklist point answered, every field filled.
 */
function fill(p: SheetPlan, variant: string | undefined): Responses {
  const r: Responses = { variant, fields: {}, items: {}, clauses: {}, vetoes: {} };
  const values: Record<string, string> = { unitName: "某某单位", date: "2024年1月15日", head: "张三", filler: "李四", phone: "0577-86921234" };
  for (const id of Object.keys(p.map.fields)) r.fields![id] = values[id] ?? "已填写";
  [...p.map.items, ...p.map.penalties].forEach((item, k) => {
    if (item.scoredAbove) return;
    // A selectable item (004 19.2–19.9 选查) is filled as inspected, so its entries count.
    r.items![item.id] = { note: "已落实，材料见附件", ...(item.selectCell ? { selected: true } : {}) };
    const c = item.clauses[0];
    if (!c || k % 2) return;
    if (c.kind === "fixed" || c.kind === "award") r.clauses![c.id] = { ticked: true };
    else if (c.kind === "counted") r.clauses![c.id] = { ticked: true, count: 1 };
    else if (c.kind === "discretionary") r.clauses![c.id] = { ticked: true, amount: 0.5 };
  });
  p.map.checks.forEach((c, k) => (r.items![c.id] = k % 5 === 4 ? { answer: "否", note: "正在整改" } : { answer: "是" }));
  return r;
}

/**
 * The input cells of a filled case; a reviewed table's 核定 is the unit's entries but for the first clause the unit
 * ticked, which the assessors un-tick (a difference to print, with its 核定说明).
 */
function filledInputs(p: SheetPlan, r: Responses) {
  const inputs = fillInputs(p, r, { tickMark: "√" });
  if (!p.map.review) return inputs;
  for (const [a, v] of fillInputs(reviewView(p), { clauses: r.clauses, vetoes: r.vetoes }, { tickMark: "√" })) inputs.set(a, v);
  const changed = p.map.items.flatMap((i) => i.clauses).find((c) => r.clauses?.[c.id]?.ticked === true)!;
  inputs.set(changed.review!.inputCell, null);
  inputs.set(changed.review!.countCell, null);
  inputs.set(changed.review!.noteCell, "经核实已落实");
  return inputs;
}

const cases: Case[] = TABLES.flatMap((t) =>
  [false, true].map((filled) => ({
    ...t,
    filled,
    name: `${t.rubric}${t.variant ? "-" + t.variant : ""}${t.format ? "-review" : ""}-${filled ? "filled" : "blank"}`,
    plan: plan(findRubric(t.rubric)!, t.variant, "区教育局", t.format ? { format: t.format } : {}),
    pages: [],
  })),
);

const squash = (s: string) => s.replace(/\s+/g, "");
const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

function readPages(pdf: string): Page[] {
  const xml = execFileSync(findPdftotext()!, ["-bbox", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return [...xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => {
    const words = [...m[3].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
      x0: Number(w[1]), y0: Number(w[2]), x1: Number(w[3]), y1: Number(w[4]), text: unescape(w[5]),
    }));
    return { width: Number(m[1]), height: Number(m[2]), words, text: words.map((w) => w.text).join("") };
  });
}

/** Characters one em wide in the font LibreOffice prints CJK with: ideographs (its full-width punctuation is a little narrower). */
const FULL_WIDTH = /^[\u4e00-\u9fff]+$/u;
/** A word's printed size: one em per ideograph; null for words of other characters. */
const emSize = (w: Word) => (FULL_WIDTH.test(w.text) ? (w.x1 - w.x0) / [...w.text].length : null);

/** Words of the table, not of the page header and footer (in the top and bottom margins). */
const bodyWords = (c: Case, page: Page) => {
  const top = c.plan.print.margins.top * 72 - 2;
  const bottom = page.height - c.plan.print.margins.bottom * 72 + 2;
  return page.words.filter((w) => w.y0 >= top && w.y1 <= bottom);
};

/** The first characters of a text, as they appear in the page's squashed text. */
const prefix = (s: string, n = 8) => squash(s).slice(0, n);

describeWithTool(["libreoffice", "pdftotext"], "the printed form: every table, blank and filled (LibreOffice → PDF)", () => {
  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const files: string[] = [];
    for (const c of cases) {
      const file = join(OUT, `${c.name}.xlsx`);
      writeFileSync(file, await planToXlsx(c.plan, c.filled ? filledInputs(c.plan, fill(c.plan, c.variant)) : undefined));
      files.push(file);
    }
    const pdfs = await printToPdf(files, OUT);
    const pdftoppm = join(dirname(findPdftotext()!), "pdftoppm");
    cases.forEach((c, i) => {
      c.pages = readPages(pdfs[i]);
      execFileSync(pdftoppm, ["-png", "-r", "60", pdfs[i], join(OUT, c.name)]);
    });
  }, 240_000);

  afterAll(() => disposeProfile());

  test("PNG pages are saved for a person to look at", () => {
    const pngs = readdirSync(OUT).filter((f) => f.endsWith(".png"));
    expect(pngs.length).toBe(cases.reduce((n, c) => n + c.pages.length, 0));
  });

  describe.each(cases)("$name", (c) => {
    test("every page is numbered 第 N 页，共 M 页", () => {
      expect(c.pages.length).toBeGreaterThan(1);
      c.pages.forEach((page, i) => expect(page.text).toContain(squash(`第 ${i + 1} 页，共 ${c.pages.length} 页`)));
    });

    test("every header and footer label prints whole, inside the page", () => {
      const rubric = findRubric(c.rubric)!;
      const labels = [...rubric.fields.header, ...rubric.fields.footer].map((f) => `${f.label}：`);
      for (const label of labels) {
        const found = c.pages.flatMap((p) => p.words.filter((w) => w.text.includes(label)).map((w) => ({ w, p })));
        expect([label, found.length > 0]).toEqual([label, true]);
        for (const { w, p } of found) expect(w.x0 >= 0 && w.x1 <= p.width).toBe(true);
      }
    });

    test(`the smallest body text prints at ${c.minSize} pt or more`, () => {
      const sizes = c.pages.flatMap((p) => bodyWords(c, p).flatMap((w) => emSize(w) ?? []));
      expect(sizes.length).toBeGreaterThan(20);
      // Rounded to a tenth: LibreOffice places glyphs on a grid finer than that.
      expect(Math.round(Math.min(...sizes) * 10) / 10).toBeGreaterThanOrEqual(c.minSize);
    });

    test("no item's clauses print on a page without its 考核要点", () => {
      const all = c.plan.cells.flatMap((x) => (typeof x.v === "string" ? [squash(x.v)] : []));
      const unique = (p: string) => p.length >= 6 && all.filter((t) => t.includes(p)).length === 1;
      let checked = 0;
      for (const item of [...c.plan.map.items, ...c.plan.map.penalties]) {
        const head = prefix(item.title);
        if (!unique(head)) continue;
        for (const clause of item.clauses) {
          const p = prefix(clause.text);
          if (!unique(p)) continue;
          const pages = c.pages.flatMap((page, i) => (page.text.includes(p) ? [i + 1] : []));
          expect([clause.id, pages.length]).toEqual([clause.id, 1]);
          expect([clause.id, pages[0], c.pages[pages[0] - 1].text.includes(head)]).toEqual([clause.id, pages[0], true]);
          checked++;
        }
      }
      if (c.plan.map.items.length) expect(checked).toBeGreaterThan(3);
    });

    test("the summary and the signature line print on one page", () => {
      const rubric = findRubric(c.rubric)!;
      const summary = c.plan.map.items.length
        ? ["各考核项得分合计", "待处理问题", "满分", "否决情况", "参考等次"]
        : ["答“是”的要点数", "答“否”的要点数", "答“不适用”的要点数", "待处理问题"];
      const wanted = [...summary, ...rubric.fields.footer.map((f) => `${f.label}：`)].map(squash);
      const pages = c.pages.filter((p) => wanted.every((s) => p.text.includes(s)));
      expect(pages.length).toBe(1);
    });

    test("a tick prints as √, never TRUE; no negative score; the headline never flatters a blank table", () => {
      const text = c.pages.map((p) => p.text).join("");
      expect(text).not.toMatch(/TRUE|FALSE/);
      for (const p of c.pages) for (const w of p.words) expect([w.text, /^-\d/.test(w.text)]).toEqual([w.text, false]);
      const ticks = [...text].filter((ch) => ch === "√").length;
      if (c.filled && c.plan.map.items.length) expect(ticks).toBeGreaterThan(2);
      if (!c.plan.map.items.length) return;
      expect(text).toContain("参考等次（优秀≥90%，良好≥80%，合格≥60%）");
      expect(text).not.toMatch(/≥\d+\.(?!\d)/);
      if (!c.filled) expect(text).toContain("未填写");
      else expect(text).toMatch(/参考等次（[^）]*）(优秀|良好|合格|不合格)/);
      expect(text).toContain("填表说明");
    });
  });

  test("a reviewed table (核定) prints its columns, both scores, the marker and the note", () => {
    for (const name of ["lw2015-dept-jyj-review-filled", "qhd2016-gov-review-filled"]) {
      const c = cases.find((x) => x.name === name)!;
      const text = c.pages.map((p) => p.text).join("");
      for (const heading of ["核定得分", "核定说明", "核定对比"]) expect(text).toContain(heading);
      expect(text).toContain("核定不同");
      expect(text).toContain("经核实已落实");
      expect(c.pages.every((p) => p.width > p.height)).toBe(true);
    }
  });

  test("001 prints its deductions as 扣N分 and numbers its items", () => {
    const c = cases.find((x) => x.name === "qhd2016-gov-filled")!;
    const text = c.pages.map((p) => p.text).join("");
    expect(text).toMatch(/扣\d+分/);
    // The 序号 column is numbered: the first items of the first section are 1, 2, 3.
    expect(c.plan.cells.filter((x) => x.s === "label" && x.v === "1").length).toBeGreaterThan(3);
  });
});
