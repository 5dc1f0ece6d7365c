/**
 * The 通报附件 (src/consolidate/docx.ts): the 003 table written as .docx, then read back through LibreOffice
 * Writer (text and PDF): the title, the 38 rows in order, the vetoes' notes, the sentence, formula-looking
 * names verbatim, and the header row repeated on page 2.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { NOTICE_HEADERS, noticeToDocx } from "../src/consolidate/docx";
import { convertDocuments, disposeProfile } from "./helpers/libreoffice";
import { HOSTILE_NAMES, RANKED_003, SENTENCE_003, VETOED_003, group003, rewardOf } from "./helpers/roster003";
import { describeWithTool, findPdftotext } from "./helpers/tools";

const OUT = join(__dirname, "..", "test-results", "consolidate-docx");
const TITLE = "2014年全区安全生产目标管理考核成绩表";

/** The table's cells, one per line, as Writer's text export prints a table (an empty cell is an empty line). */
const EXPECTED_CELLS = [
  ...NOTICE_HEADERS,
  ...RANKED_003.flatMap(([u, s], i) => [String(i + 1), HOSTILE_NAMES[u] ?? u, String(s), String(rewardOf(u, s)), ""]),
  ...VETOED_003.flatMap(([u, note], i) => [String(35 + i), u, "", "", note]),
];

describe("noticeToDocx: the written document", () => {
  let xml: string;
  let zip: JSZip;
  beforeAll(async () => {
    zip = await JSZip.loadAsync(await noticeToDocx(group003({ rename: HOSTILE_NAMES }), {}));
    xml = await zip.file("word/document.xml")!.async("string");
  });

  test("A4 portrait, a repeated header row, 宋体 with SimSun, five columns", () => {
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).not.toContain('w:orient="landscape"');
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(1);
    expect(xml.match(/<w:gridCol /g)).toHaveLength(5);
    expect(xml).toMatch(/<w:rFonts [^>]*w:eastAsia="宋体"/);
    expect(xml).toMatch(/<w:rFonts [^>]*w:ascii="SimSun"/);
  });

  test("strings from returns are plain text runs: no fields, no hyperlinks", () => {
    for (const bad of ["<w:hyperlink", "<w:fldSimple", "<w:instrText", "<w:fldChar"]) expect(xml).not.toContain(bad);
    expect(xml).toContain("<w:t xml:space=\"preserve\">=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)</w:t>");
    expect(Object.keys(zip.files).join(" ")).not.toMatch(/hyperlink/i);
    const rels = Object.keys(zip.files).filter((p) => p.endsWith(".rels"));
    return Promise.all(rels.map(async (p) => expect(await zip.file(p)!.async("string")).not.toContain("TargetMode=\"External\"")));
  });

  test("characters XML cannot carry (a unit list's controls, a return's _xFFFE_) are shown as U+FFFD, never written", async () => {
    const odd = await JSZip.loadAsync(await noticeToDocx(group003({ rename: { [RANKED_003[0][0]]: "区\u0001教\uFFFE育\uD800局" } })));
    const text = await odd.file("word/document.xml")!.async("string");
    expect(text).toContain(">区\uFFFD教\uFFFD育\uFFFD局<");
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/);
  });

  test("the title: opts.title, else from the rubric title", async () => {
    const custom = await JSZip.loadAsync(await noticeToDocx(group003(), { title: "附件：考核结果" }));
    expect(await custom.file("word/document.xml")!.async("string")).toContain(">附件：考核结果<");
    expect(xml).toContain(`>${TITLE}<`);
  });
});

describeWithTool("libreoffice-writer", "the 通报附件 read back through LibreOffice Writer", () => {
  let lines: string[];
  let pdf: string;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const docx = join(OUT, "notice-003.docx");
    writeFileSync(docx, await noticeToDocx(group003({ rename: HOSTILE_NAMES }), {}));
    const [txt] = await convertDocuments([docx], join(OUT, "txt"), "txt");
    [pdf] = await convertDocuments([docx], join(OUT, "pdf"), "pdf");
    lines = readFileSync(txt, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/);
  }, 180_000);
  afterAll(() => disposeProfile());

  test("附件, the title, the 38 rows in order with scores, rewards and the vetoes' notes, then the sentence", () => {
    expect(lines.slice(0, 2)).toEqual(["附件", TITLE]);
    expect(lines.slice(2, 2 + EXPECTED_CELLS.length)).toEqual(EXPECTED_CELLS);
    expect(lines.slice(2 + EXPECTED_CELLS.length).filter(Boolean)).toEqual([SENTENCE_003]);
  });

  test("formula-looking names appear verbatim", () => {
    for (const name of Object.values(HOSTILE_NAMES)) expect(lines).toContain(name);
  });

  test("the PDF: A4 portrait, the header row repeated on page 2", () => {
    const pdftotext = findPdftotext();
    if (!pdftotext) {
      console.warn("pdftotext not installed (apt-get install poppler-utils): the PDF's pages were not read");
      return;
    }
    const info = execFileSync(join(pdftotext, "..", "pdfinfo"), [pdf], { encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const page2 = execFileSync(pdftotext, ["-f", "2", "-l", "2", "-layout", pdf, "-"], { encoding: "utf8" });
    expect(page2).toContain("考核分数");
    expect(page2).toContain("周村国土资源分局");
    expect(page2.indexOf("考核分数")).toBeLessThan(page2.indexOf("周村国土资源分局"));
  });
});
