/**
 * Sheet format 3's paper: how wide the printed columns are, the print scale, and where pages break —
 * computed here, in the plan, so that both writers print the same pages.
 *
 * Why a fixed scale and not "fit to one page wide": fitting shrank the 10 pt text to 5–6.5 pt on A4, and
 * Excel ignores manual page breaks when a sheet is fitted to pages. With a fixed scale the plan knows each
 * page's height in sheet points and can break before an item block that would otherwise be cut at a page foot.
 *
 * Column widths are in spreadsheet characters (of the workbook's default font). The widest reading of them
 * is LibreOffice's without Calibri (it falls back to DejaVu Sans, about 9 px a character, against Calibri's 7
 * px in Excel): widths are chosen so that the table fits one page wide there; in Excel it prints narrower.
 * Row heights are points in every application; text heights are estimated for the narrowest reading (Excel's).
 */
import type { ColumnKey, ColumnSpec } from "../types";

/** A4 landscape, in points. */
export const PAGE_PT = { width: 841.89, height: 595.28 } as const;
/** The widest column reading (LibreOffice, DejaVu Sans): pixels per character and per cell, 0.75 pt a pixel. */
const CHAR_PX = 9;
const PAD_PX = 5;
/** Slack for rounding (widths to pixels, heights to pixels, the scale to a whole percent). */
const SLACK = 0.97;

/** The printed width of columns of these widths at 100 %, in points (the widest reading). */
export const printedWidthPt = (widths: number[]) => widths.reduce((s, w) => s + (w * CHAR_PX + PAD_PX) * 0.75, 0);

/** Narrow columns: a number, a tick, a count, a score. Their headings wrap. */
const NARROW: Partial<Record<ColumnKey, number>> = {
  label: 5, points: 5, tick: 7, count: 7, value: 7, score: 7, responsible: 10,
  // Format 4's assessors' columns (核定).
  rtick: 6, rcount: 7, rvalue: 7, rscore: 7, rmark: 6,
};
/** How the text columns share what is left. */
const WEIGHT: Partial<Record<ColumnKey, number>> = { item: 3, clause: 4, guidance: 4, note: 3, rnote: 2 };

/**
 * The smallest scale for a table of `printed` columns: 80 % prints 10 pt text at 8 pt; a table with more than
 * ten columns (county2023: 考核方式 and 责任单位 too) at 72 % (7.2 pt), so that its text columns keep room.
 */
const minScale = (printed: number) => (printed > 10 ? 72 : 80);

export interface Paper {
  /** Percent. */
  scale: number;
  /** Printable width and height in sheet points at that scale (margins out, slack in). */
  widthPt: number;
  heightPt: number;
}

/** The printable area at `scale` percent, in sheet points. */
export function paperAt(scale: number, margins: { left: number; right: number; top: number; bottom: number }): Paper {
  return {
    scale,
    widthPt: ((PAGE_PT.width - (margins.left + margins.right) * 72) * SLACK * 100) / scale,
    heightPt: ((PAGE_PT.height - (margins.top + margins.bottom) * 72) * SLACK * 100) / scale,
  };
}

/**
 * Widths of the printed columns (`printed`, in order) and the scale: the columns as they are, at 100 % or the
 * largest whole percent down to the table's smallest scale; else, at that scale, narrow columns narrow and
 * the text columns sharing the rest by weight.
 */
export function fitColumns(columns: ColumnSpec[], printed: number, margins: Parameters<typeof paperAt>[1]): { widths: number[]; scale: number } {
  const cols = columns.slice(0, printed);
  const natural = cols.map((c) => c.width);
  const full = paperAt(100, margins).widthPt;
  const fit = Math.min(100, Math.floor((full / printedWidthPt(natural)) * 100));
  const least = minScale(printed);
  if (fit >= least) return { widths: natural, scale: fit };
  const budgetPt = paperAt(least, margins).widthPt;
  const narrow = cols.map((c) => NARROW[c.key] ?? 0);
  const weights = cols.map((c) => (NARROW[c.key] === undefined ? (WEIGHT[c.key] ?? 3) : 0));
  const free = (budgetPt / 0.75 - cols.length * PAD_PX) / CHAR_PX - narrow.reduce((a, b) => a + b, 0);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = cols.map((_, i) => (weights[i] ? Math.floor((free * weights[i]) / total) : narrow[i]));
  return { widths, scale: least };
}

/**
 * Rows where a new page starts (manual breaks), so that no unit is cut at a page foot: `units` are runs of
 * rows kept together (an item's block with its section heading, the summary with the signatures …), every
 * other row a unit of its own. `heights` gives each row's height; `pageBody` what a page holds below the
 * repeated title rows. A unit taller than a page starts a page and runs over (the plan avoids such units).
 */
export function pageBreaks(first: number, last: number, heights: (row: number) => number, units: [number, number][], pageBody: number): number[] {
  const startOf = new Map<number, number>();
  for (const [a, b] of units) startOf.set(a, b);
  const breaks: number[] = [];
  let used = 0;
  for (let row = first; row <= last; ) {
    const end = startOf.get(row) ?? row;
    let h = 0;
    for (let r = row; r <= end; r++) h += heights(r);
    if (used > 0 && used + h > pageBody) {
      breaks.push(row);
      used = 0;
    }
    used += h;
    // A unit taller than a page: what runs over fills the next page.
    while (used > pageBody) used -= pageBody;
    row = end + 1;
  }
  return breaks;
}

/** The largest whole percent, at most 100, at which columns of these widths print one page wide. */
export function scaleFor(widths: number[], margins: Parameters<typeof paperAt>[1]): number {
  return Math.min(100, Math.floor((paperAt(100, margins).widthPt / printedWidthPt(widths)) * 100));
}
