/**
 * How the official sheet is named, printed and explained, as plain data — the single source both
 * adapters (ExcelJS in src/xlsx, Office.js in src/excel) follow, so the add-in and the command line
 * write the same sheet:
 *
 * - sheetNameFor: 自评表 for a scored table, 巡查表 for a checklist; uniqueSheetName: a free, legal name.
 * - printSetup: paper, orientation, fit, margins, print titles, print area, header and footer, font.
 * - withValidationTexts: the titles of every validation's prompt and error box.
 */
import type { Rubric } from "../rubric/schema";
import { sectionsFor } from "../scoring/score";
import { colLetter } from "./a1";
import type { ColumnSpec, PlannedValidation } from "./types";

/** A self-assessment table with points (自评表) or a checklist answered 是/否/不适用 (巡查表). */
export function sheetNameFor(rubric: Rubric, variant?: string): string {
  return sectionsFor(rubric, variant).some((s) => s.items?.length) ? "自评表" : "巡查表";
}

/** Excel's limit on a sheet name's length. */
export const SHEET_NAME_MAX = 31;
const FORBIDDEN = /[\\/?*[\]:]/g;

/** Cuts a name to `max` UTF-16 units without splitting a surrogate pair. */
function cut(s: string, max: number): string {
  let out = "";
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/**
 * `base`, made legal for Excel (no \ / ? * [ ] :, no leading or trailing apostrophe, at most 31
 * characters) and not among `taken` (compared as Excel does, ignoring case); otherwise `base (2)`,
 * `base (3)`…, the base shortened so the suffix still fits.
 */
export function uniqueSheetName(taken: Set<string>, base: string): string {
  const legal = cut(base.replace(FORBIDDEN, "_").replace(/^'+|'+$/g, "").trim(), SHEET_NAME_MAX).replace(/'+$/, "") || "工作表";
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(legal.toLowerCase())) return legal;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const name = cut(legal, SHEET_NAME_MAX - suffix.length).replace(/'+$/, "") + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** One of a page header's or footer's three sections, in Excel's header/footer codes (&P, &N, && …). */
export interface HeaderFooterText {
  left: string;
  center: string;
  right: string;
}

/** Everything about printing the sheet. Written field by field by both adapters. */
export interface PrintSetup {
  paper: "A4";
  orientation: "landscape" | "portrait";
  /** Pages wide and tall the sheet is scaled to fit; 0 = as many as it takes. Null (format 3): printed at `scale`. */
  fitTo: { width: number; height: number } | null;
  /** Format 3: the print scale in percent (fitting to pages would shrink the text and void the page breaks). */
  scale?: number;
  /** Format 3: rows that start a new page (manual page breaks above them). */
  rowBreaks?: number[];
  /** Inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Rows repeated at the top of every printed page (1-based, inclusive). */
  titleRows: [number, number];
  /** A1 range printed: A1 to the last visible column and the last row (hidden helper columns left out). */
  area: string;
  centerHorizontally: boolean;
  /** The plan draws its own borders; Excel's gridlines are not printed. */
  gridlines: boolean;
  header: HeaderFooterText;
  footer: HeaderFooterText;
  /** The sheet's font; a style's own size (the title's) overrides the size. */
  font: { name: string; size: number };
}

/**
 * 宋体 (SimSun) ships with every Chinese Windows and with Office; Excel also knows it by this name on
 * other Windows languages. 10 pt is the size the plan's styles are laid out for (row heights, widths).
 */
export const SHEET_FONT = { name: "宋体", size: 10 } as const;

/**
 * Margins for a signed-and-stamped A4 return, in inches:
 * - left 0.6" (15 mm): the binding edge — returns are stapled or bound on the left and filed;
 * - right 0.4", top and bottom 0.6": narrow on purpose, because the table is fitted to one page wide
 *   and every inch of margin shrinks the printed text (about 8% per inch on A4 landscape);
 * - header and footer 0.3" (7.6 mm): outside most printers' 5 mm unprintable edge, and 0.3" clear of
 *   the table, so the page number and the title line never touch the grid.
 * Signatures and the unit's seal go in the table's own footer rows (the plan's 填报人/负责人 fields),
 * not in the margin, so no margin needs to be wider for them.
 */
export const PRINT_MARGINS = { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } as const;

export const PAGE_NUMBER_FOOTER = "第 &P 页，共 &N 页";

/** Text for a header/footer section: "&" starts a code there, so a literal one is "&&". */
export const headerText = (s: string): string => s.replace(/&/g, "&&");

export interface PrintInput {
  rubric: Pick<Rubric, "title" | "shortTitle">;
  unit?: string;
  columns: ColumnSpec[];
  lastRow: number;
  titleRows: [number, number];
}

export function printSetup({ rubric, unit, columns, lastRow, titleRows }: PrintInput): PrintSetup {
  let lastVisible = 0;
  columns.forEach((c, i) => {
    if (!c.hidden) lastVisible = i + 1;
  });
  return {
    paper: "A4",
    orientation: "landscape",
    fitTo: { width: 1, height: 0 },
    margins: { ...PRINT_MARGINS },
    titleRows,
    area: `A1:${colLetter(Math.max(1, lastVisible))}${lastRow}`,
    centerHorizontally: true,
    gridlines: false,
    header: { left: headerText(rubric.shortTitle ?? rubric.title), center: "", right: headerText(unit?.trim() ?? "") },
    footer: { left: "", center: PAGE_NUMBER_FOOTER, right: "" },
    font: { ...SHEET_FONT },
  };
}

/** The titles of a validation's prompt and error boxes: the plan's words, never an adapter's. */
export const VALIDATION_TITLES = { prompt: "填写说明", error: "输入有误" } as const;

/** A validation as the plan's body builds it, before its box titles are given. */
export type ValidationRule = Omit<PlannedValidation, "promptTitle" | "errorTitle">;

export function withValidationTexts(rules: ValidationRule[]): PlannedValidation[] {
  return rules.map((v) => ({ ...v, ...(v.prompt ? { promptTitle: VALIDATION_TITLES.prompt } : {}), errorTitle: VALIDATION_TITLES.error }));
}
