/**
 * The 通报附件 as Word (the `docx` package; Node and the browser): "附件", the title "…考核成绩表", the
 * five columns exactly as 003_… prints them, ranked rows then vetoed rows, and the summary sentence.
 *
 * The headers keep the document's spaces ("单  位", "备   注"): that is how the office's published table
 * spreads a two-character header over its column, and the office pastes this table into its 通报 as is.
 * (The roster.xlsx headers carry no spaces: there they are column names the meeting and scripts look up.)
 *
 * Every string from a return or the unit list is one plain text run: no fields, no hyperlinks.
 */
import { AlignmentType, BorderStyle, Document, HeightRule, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from "docx";
import { plainNumber, rosterTitle } from "./labels";
import { NOT_XML_CHARS } from "../xlsx/xstring";
import type { RosterGroup, RosterRow } from "./types";

/** The five headers of 003_…'s table, spaces included. */
export const NOTICE_HEADERS = ["序号", "单  位", "考核分数", "奖励金额（元）", "备   注"] as const;

/** A4 in twentieths of a point, and margins of 2.54 cm top/bottom, 2.2 cm left/right. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1440, bottom: 1440, left: 1247, right: 1247, header: 851, footer: 992 };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
/** Column shares of the text width: 序号, 单位, 考核分数, 奖励金额, 备注 (备注 holds the veto reasons). */
const SHARES = [0.08, 0.25, 0.14, 0.21, 0.32];

/**
 * 宋体 for Chinese (eastAsia), with SimSun — the same face's English name, which Word, WPS and LibreOffice
 * resolve on systems whose font list is not Chinese — for Latin letters and digits.
 */
const FONT = { ascii: "SimSun", hAnsi: "SimSun", eastAsia: "宋体", cs: "SimSun", hint: "eastAsia" as const };
/** 小四 (12 pt) in the table, 小二 (18 pt) for the title; docx sizes are half-points. */
const SIZE = { body: 24, title: 36 };

const LINE = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

/**
 * Characters a Word document's XML cannot carry — controls other than tab and line breaks, U+FFFE, U+FFFF,
 * unpaired surrogates — which a unit list or a return's _xHHHH_ can hold: shown as U+FFFD (the docx package
 * drops some controls silently and writes U+FFFE as it is, which Word refuses).
 */
function run(text: string, opts: { bold?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text: text.replace(NOT_XML_CHARS, "\uFFFD"), font: FONT, size: opts.size ?? SIZE.body, bold: opts.bold });
}

function cell(text: string, i: number, bold = false): TableCell {
  return new TableCell({
    width: { size: Math.round(TEXT_WIDTH * SHARES[i]), type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [new Paragraph({ alignment: i === 4 && !bold ? AlignmentType.LEFT : AlignmentType.CENTER, children: text ? [run(text, { bold })] : [] })],
  });
}

/** The rows the office publishes: ranked by 序号, then the vetoed ones (rows kept out for other reasons are not published). */
export function noticeRows(group: RosterGroup): RosterRow[] {
  const byRank = (a: RosterRow, b: RosterRow) => (a.rank ?? 0) - (b.rank ?? 0);
  const ranked = group.rows.filter((r) => !r.vetoed && r.rank !== null && r.score !== null).sort(byRank);
  const vetoed = group.rows.filter((r) => r.vetoed).sort(byRank);
  return [...ranked, ...vetoed];
}

/** The five cells of one published row, as text. */
export function noticeCells(r: RosterRow): [string, string, string, string, string] {
  return [
    r.rank === null ? "" : String(r.rank),
    r.unit,
    r.vetoed || r.score === null ? "" : plainNumber(r.score),
    r.vetoed || r.reward === null ? "" : plainNumber(r.reward),
    r.note,
  ];
}

export async function noticeToDocx(group: RosterGroup, opts: { title?: string } = {}): Promise<Uint8Array> {
  const title = opts.title?.trim() || rosterTitle(group);
  const rowHeight = { value: 454, rule: HeightRule.ATLEAST }; // 0.8 cm
  const table = new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: SHARES.map((s) => Math.round(TEXT_WIDTH * s)),
    borders: BORDERS,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, height: rowHeight, children: NOTICE_HEADERS.map((h, i) => cell(h, i, true)) }),
      ...noticeRows(group).map((r) => new TableRow({ cantSplit: true, height: rowHeight, children: noticeCells(r).map((t, i) => cell(t, i)) })),
    ],
  });
  const doc = new Document({
    creator: "SafeScore",
    title,
    styles: { default: { document: { run: { font: FONT, size: SIZE.body } } } },
    sections: [
      {
        properties: { page: { size: { width: A4.width, height: A4.height }, margin: MARGIN } },
        children: [
          new Paragraph({ children: [run("附件", { bold: true })] }),
          new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120, after: 240 }, children: [run(title, { bold: true, size: SIZE.title })] }),
          table,
          new Paragraph({ spacing: { before: 240 }, indent: { firstLine: 480 }, children: [run(group.summary.sentence)] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
