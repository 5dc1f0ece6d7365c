/**
 * The two adapters print the same sheet: the .xlsx ExcelJS writes (read back from its XML) and the sheet
 * Office.js writes (read back from the in-memory host) both carry exactly the plan's print setup, font and
 * validation texts.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { createHost } from "../src/host";
import type { PageLayoutModel } from "../src/host";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import type { HeaderFooterText, PrintSetup } from "../src/layout/print";
import type { SheetPlan } from "../src/layout/types";
import { planToXlsx } from "../src/xlsx/write";
import { tickAddresses, queuePlan } from "../src/excel/write-plan";

const cases: [string, SheetPlan][] = [
  ["lw2015-dept/jyj", plan(findRubric("lw2015-dept")!, "jyj", "区教育局 R&D")],
  ["xc2018-checklist", plan(findRubric("xc2018-checklist")!)],
  ["qhd2016-party", plan(findRubric("qhd2016-party")!, undefined, "卢龙县")],
];

const unescapeXml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const attrs = (xml: string, tag: string): Record<string, string> => {
  const m = new RegExp(`<${tag}\\b([^>]*?)/?>`).exec(xml);
  if (!m) return {};
  return Object.fromEntries([...m[1].matchAll(/([\w:]+)="([^"]*)"/g)].map((a) => [a[1], unescapeXml(a[2])]));
};

/** "&L…&C…&R…" → its three sections; "&&" is a literal ampersand, not a section code. */
function sections(codes: string): HeaderFooterText {
  const out: HeaderFooterText = { left: "", center: "", right: "" };
  let at: keyof HeaderFooterText = "center"; // Excel's default section
  for (let i = 0; i < codes.length; i++) {
    const two = codes.slice(i, i + 2);
    const to = ({ "&L": "left", "&C": "center", "&R": "right" } as const)[two];
    if (to) {
      at = to;
      i++;
    } else if (two === "&&") {
      out[at] += two;
      i++;
    } else out[at] += codes[i];
  }
  return out;
}

/** "'自评表'!$A$1:$J$62" → "A1:J62"; "'自评表'!$1:$3" → [1, 3]. */
const local = (ref: string) => ref.slice(ref.lastIndexOf("!") + 1).replace(/\$/g, "");

/** The print setup an .xlsx carries, read from its XML. */
async function xlsxPrint(bytes: Uint8Array, sheetName: string): Promise<Omit<PrintSetup, "font">> {
  const zip = await JSZip.loadAsync(bytes);
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const sheets = [...workbook.matchAll(/<sheet\b[^>]*>/g)].map((m) => attrs(m[0], "sheet"));
  const index = sheets.findIndex((s) => s.name === sheetName);
  expect(index).toBeGreaterThanOrEqual(0);
  const xml = await zip.file(`xl/worksheets/sheet${index + 1}.xml`)!.async("string");
  const names = Object.fromEntries(
    [...workbook.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)]
      .filter((m) => m[1].includes(`localSheetId="${index}"`))
      .map((m) => [attrs(`<x${m[1]}>`, "x").name, unescapeXml(m[2])]),
  );
  const setup = attrs(xml, "pageSetup");
  const options = attrs(xml, "printOptions");
  const margins = attrs(xml, "pageMargins");
  const hf = /<headerFooter\b[^>]*>([\s\S]*?)<\/headerFooter>/.exec(xml)?.[1] ?? "";
  const text = (tag: string) => unescapeXml(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(hf)?.[1] ?? "");
  const fitted = attrs(xml, "pageSetUpPr").fitToPage === "1";
  const [r0, r1] = local(names["_xlnm.Print_Titles"]).split(":").map(Number);
  // <brk id="n"> breaks below row n: the next page starts at row n + 1.
  const breaks = [...(/<rowBreaks\b[^>]*>([\s\S]*?)<\/rowBreaks>/.exec(xml)?.[1] ?? "").matchAll(/<brk\b[^>]*>/g)].map((m) => Number(attrs(m[0], "brk").id) + 1);
  return {
    paper: ({ "9": "A4" } as const)[setup.paperSize as "9"],
    orientation: setup.orientation as PrintSetup["orientation"],
    fitTo: fitted ? { width: Number(setup.fitToWidth ?? 1), height: Number(setup.fitToHeight ?? 1) } : null,
    ...(fitted ? {} : { scale: Number(setup.scale), rowBreaks: breaks }),
    margins: {
      left: Number(margins.left), right: Number(margins.right), top: Number(margins.top),
      bottom: Number(margins.bottom), header: Number(margins.header), footer: Number(margins.footer),
    },
    titleRows: [r0, r1],
    area: local(names["_xlnm.Print_Area"]),
    centerHorizontally: options.horizontalCentered === "1" || options.horizontalCentered === "true",
    gridlines: options.gridLines === "1" || options.gridLines === "true",
    header: sections(text("oddHeader")),
    footer: sections(text("oddFooter")),
  };
}

/** The print setup of a sheet in the in-memory host. */
function hostPrint(page: PageLayoutModel, rowBreaks: number[]): Omit<PrintSetup, "font"> {
  const inches = (pt: number) => Math.round((pt / 72) * 1e6) / 1e6;
  const hf = page.headersFooters.defaultForAllPages;
  expect(page.headersFooters.state).toBe("Default");
  const fitted = page.zoom.scale === undefined;
  return {
    paper: page.paperSize as "A4",
    orientation: page.orientation === "Landscape" ? "landscape" : "portrait",
    fitTo: fitted ? { width: page.zoom.horizontalFitToPages!, height: page.zoom.verticalFitToPages! } : null,
    ...(fitted ? {} : { scale: page.zoom.scale, rowBreaks: rowBreaks.map((r) => r + 1) }),
    margins: {
      left: inches(page.leftMargin), right: inches(page.rightMargin), top: inches(page.topMargin),
      bottom: inches(page.bottomMargin), header: inches(page.headerMargin), footer: inches(page.footerMargin),
    },
    titleRows: [page.printTitleRows!.r0 + 1, page.printTitleRows!.r1 + 1],
    area: page.printArea!,
    centerHorizontally: page.centerHorizontally,
    gridlines: page.printGridlines,
    header: { left: hf.leftHeader, center: hf.centerHeader, right: hf.rightHeader },
    footer: { left: hf.leftFooter, center: hf.centerFooter, right: hf.rightFooter },
  };
}

async function writeThroughHost(p: SheetPlan) {
  const host = createHost({ apiVersion: "1.18" });
  await host.Excel.run(async (ctx) => {
    queuePlan(ctx.workbook.worksheets.add(p.sheetName), p, { checkboxes: false });
    await ctx.sync();
  });
  return host;
}

describe.each(cases)("%s", (_name, p) => {
  const { font, ...rest } = p.print;

  test("ExcelJS and Office.js write the plan's print setup, field for field", async () => {
    const bytes = await planToXlsx(p);
    const fromXlsx = await xlsxPrint(bytes, p.sheetName);
    const host = await writeThroughHost(p);
    const sheet = host.workbook.sheets.find((s) => s.name === p.sheetName)!;
    const fromHost = hostPrint(sheet.pageLayout, sheet.rowBreaks);
    expect(fromXlsx).toEqual(rest);
    expect(fromHost).toEqual(rest);
    expect(fromHost).toEqual(fromXlsx);
  });

  test("both write the sheet's font in every planned cell, a style's own size over it", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await planToXlsx(p)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(p.sheetName)!;
    const host = await writeThroughHost(p);
    for (const c of p.cells) {
      const size = p.styles[c.s].size ?? font.size;
      expect([c.a, ws.getCell(c.a).font?.name, ws.getCell(c.a).font?.size]).toEqual([c.a, font.name, size]);
      const f = host.workbook.get(p.sheetName, c.a).format.font;
      expect([c.a, f.name, f.size]).toEqual([c.a, font.name, size]);
    }
    // Cells the plan leaves empty (between the table and the footer fields) get the font from the column.
    expect(ws.getColumn(1).font).toMatchObject({ name: font.name, size: font.size });
  });

  test("validation titles and messages are the plan's, word for word, in both adapters", async () => {
    // Every table validates its ticks (a √ list, format 3); the others have counts and 是/否 lists too.
    expect(cases.filter(([, q]) => q.validations.length > 0).length).toBeGreaterThanOrEqual(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await planToXlsx(p)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(p.sheetName)!;
    const host = await writeThroughHost(p);
    for (const v of p.validations) {
      const x = ws.getCell(v.range).dataValidation;
      expect({ errorTitle: x.errorTitle, error: x.error, promptTitle: x.promptTitle, prompt: x.prompt }).toEqual({ errorTitle: v.errorTitle, error: v.error, promptTitle: v.promptTitle, prompt: v.prompt });
      const h = host.workbook.get(p.sheetName, v.range).validation!;
      expect(h.errorAlert).toMatchObject({ title: v.errorTitle, message: v.error });
      expect(h.prompt).toMatchObject(v.prompt ? { showPrompt: true, title: v.promptTitle, message: v.prompt } : { title: "", message: "" });
    }
  });
});

describe("tick cells: a √ list in a template, in-cell checkboxes where Excel has them", () => {
  const p = cases.find(([name]) => name.startsWith("lw2015-dept"))![1];
  const ticks = tickAddresses(p);

  test("the plan gives every tick cell a list of √ with a prompt", () => {
    expect(ticks.length).toBeGreaterThan(20);
    const lists = new Map(p.validations.filter((v) => v.type === "list").map((v) => [v.range, v]));
    for (const a of ticks) expect([a, lists.get(a)?.list, Boolean(lists.get(a)?.prompt)]).toEqual([a, ["√"], true]);
  });

  test("ExcelJS writes the list; Office.js with checkboxes writes checkboxes and no list, without them the list", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await planToXlsx(p)) as unknown as ArrayBuffer);
    expect(wb.getWorksheet(p.sheetName)!.getCell(ticks[0]).dataValidation).toMatchObject({ type: "list", formulae: ['"√"'] });
    for (const checkboxes of [true, false]) {
      const host = createHost({ apiVersion: "1.18" });
      await host.Excel.run(async (ctx) => {
        queuePlan(ctx.workbook.worksheets.add(p.sheetName), p, { checkboxes });
        await ctx.sync();
      });
      const cell = host.workbook.get(p.sheetName, ticks[0]);
      if (checkboxes) {
        expect(cell.control).toMatchObject({ type: "Checkbox" });
        expect(cell.validation?.rule?.list).toBeUndefined();
      } else {
        expect(cell.validation?.rule?.list).toMatchObject({ source: "√" });
      }
    }
  });
});
