/**
 * plan(rubric, variant, unit) → the official self-assessment sheet as plain data (see types.ts).
 *
 * One row per clause; an item's number, text, points, score and note are merged over its clause rows.
 * Every computed cell is a formula that reproduces `score()` exactly: clause values are rounded to
 * hundredths, item/section/total sums are rounded again, and the percent is computed from whole
 * hundredths so that half-way cases round up in every spreadsheet application. Formulas use only
 * functions that Excel, WPS, LibreOffice and HyperFormula evaluate alike (IF, AND, OR, MIN, MAX, SUM,
 * ROUND, INT, ISNUMBER, LEN, TRIM, COUNTIF without wildcards, TRUE(), FALSE(); and since sheet format 2
 * ISLOGICAL, ISFORMULA — Excel 2013+, `_xlfn.ISFORMULA` in a file —, SUBSTITUTE, CHAR(9/10/13), FIND; since
 * format 3 IFERROR).
 * How an entry is read (what is ticked, blank, a valid count) is the sheet format's: entries.ts builds
 * those formulas, and the reader of that format reads the same way. options.format picks the format
 * (the current one by default); formats 1 and 2 are frozen, character for character. From format 3 on, each
 * tested input cell's test is written once, in a hidden helper cell on its row (entries.ts, plan/sheet.ts).
 *
 * The builders live in plan/ and mirror the scoring engine (src/scoring/score.ts) step by step:
 *   plan/scores.ts   clause value ↔ evalClause, item score ↔ scoreItem/scorePenalty, section subtotal ↔
 *                    scoreSection, subtotal/total/percent/veto/tier ↔ score()
 *   plan/status.ts   the 状态 column: one condition per flag the engine raises
 *   plan/rows.ts     where an item, section, checklist point and veto go (the body rows)
 *   plan/totals.ts   the total rows, the footer and the count of open problems
 *   plan/sheet.ts    the columns and the cells, merges, rows and validations being written
 *
 * 004's constructs (parts scored above, other levels, exemptions, alternatives, selectable items) are format 3's
 * only: formats 1 and 2 refuse a rubric that uses one (format3Construct).
 */
import type { Clause, Rubric } from "../rubric/schema";
import { notApplicableOf } from "../rubric/model";
import { fingerprint } from "../rubric/fingerprint";
import { hasPoints, withLocalPoints, type LocalPoints } from "../rubric/points";
import { sectionsFor } from "../scoring/score";
import { tierPolicyFor } from "../scoring/tiers";
import type { TierPolicy } from "../scoring/types";
import { addr, colLetter } from "./a1";
import { REVIEW_STYLES, STYLES } from "./styles";
import { metaRows } from "./format";
import { PRINT_MARGINS, printSetup, sheetNameFor, withValidationTexts, type PrintSetup } from "./print";
import { pageBreaks, paperAt, scaleFor } from "./plan/paper";
import { fillingNotes } from "./plan/notes";
import { CURRENT_FORMAT, entryRules, type SheetFormat } from "./entries";
import { META_SHEET, type ColumnKey, type LayoutMap, type PlannedCell, type SheetPlan, type StyleName } from "./types";
import { columnsFor, HEADER_ROW, linesFor, Sheet, textHeight3 } from "./plan/sheet";
import { statusConditions } from "./plan/status";
import { resolveExclusive, writeItem, writeSection, writeStatusColumn, writeVeto, type Writer } from "./plan/rows";
import { writeFooter, writeTotals } from "./plan/totals";

export interface PlanOptions {
  /** Sheet name; defaults to 自评表 (巡查表 for a checklist). */
  sheetName?: string;
  /** Sheet protection without a password (inputs unlocked); on by default. */
  protect?: boolean;
  /** Tier thresholds: the rubric's or the default ones when absent; null turns tiers off (no tier row). */
  tiers?: TierPolicy | null;
  /** The sheet format (how entries are read, see entries.ts); the current one by default. Old formats stay buildable, unchanged. */
  format?: SheetFormat;
  /**
   * The office's local item points (rubric/points.ts; format 3 on): the table shows and scores them, its 分值
   * column says 分值（本地）, and `_safescore` records them beside the published version's fingerprint.
   */
  points?: LocalPoints;
}

export function plan(published: Rubric, variant?: string, unit?: string, options: PlanOptions = {}): SheetPlan {
  const format = options.format ?? CURRENT_FORMAT;
  const local = hasPoints(options.points) ? options.points : undefined;
  if (local && format < 3) throw new Error(`plan: 自评表格式 ${format} 不能记录本地分值，请用格式 3 / sheet format ${format} cannot record local points; use format 3`);
  // Everything is laid out and scored with the local points; the published version is what the return records.
  const rubric = local ? withLocalPoints(published, local) : published;
  const sections = sectionsFor(rubric, variant);
  const newer = format < 3 ? format3Construct(rubric) : null;
  if (newer) throw new Error(`plan: 自评表格式 ${format} 不能表示${newer.zh}，请用格式 3 / sheet format ${format} cannot show ${newer.en}; use format 3`);
  // Format 4 (核定) reviews scores: a checklist has none to review.
  if (format >= 4 && !sections.some((s) => s.items?.length)) throw new Error(`plan: 巡查表没有可核定的得分，不能生成核定表（格式 ${format}） / a checklist has no scores to review (sheet format ${format})`);
  const policy = tierPolicyFor(rubric, options.tiers);
  const columns = columnsFor(rubric, sections, format, local !== undefined);
  const rules = entryRules(format);
  const sheet = new Sheet(columns, rules.helperFormula, format);
  const map: LayoutMap = {
    columns: sheet.letters(),
    fields: {}, items: [], penalties: [], checks: [], sections: [], vetoes: [],
    totalCell: null, percentCell: null, tierCell: null, vetoCell: null, flagCountCell: "",
  };
  /** How this format reads entries (entries.ts), for the value and status formulas; from format 3 on, through the sheet's helper cells. */
  const formulas = rules.formulas(sheet);
  const exclusiveOf = new Map((rubric.exclusive ?? []).flatMap((g) => g.clauses.map((id) => [id, g] as const)));
  const w: Writer = {
    sheet, formulas, status: statusConditions(formulas), map, evidenceRequired: rubric.evidence.required, helperCells: rules.helperFormula !== null, lastBodyRow: 0,
    exclusiveOf, groupTests: new Map(),
    ...(format >= 4 ? { review: { sectionScores: [], penaltyScores: [], failTicks: [], noExcellentTicks: [] } } : {}),
  };

  // Title, header fields and column headers.
  const sheetName = options.sheetName ?? sheetNameFor(rubric, variant);
  sheet.put("A1", "title", rubric.title);
  sheet.merge("A1", `${colLetter(sheet.printed)}1`);
  sheet.markRow(1, "title", "title", 30);
  const header = sheet.fieldRow(2, rubric.fields.header, "fields", unit);
  if (sheet.fieldRows > 1) throw new Error(`plan: ${rubric.id}'s header fields do not fit one row`);
  Object.assign(map.fields, header);
  columns.forEach((c, i) => sheet.put(addr(i + 1, HEADER_ROW), "header", c.header));
  // Format 3's narrow columns wrap their headings over more lines.
  const headerHeight = format >= 3 ? Math.max(32, ...columns.slice(0, sheet.printed).map((c) => textHeight3(linesFor(c.header, c.width)))) : 32;
  sheet.rows.push({ row: HEADER_ROW, kind: "header", id: "header", height: headerHeight });
  if (format >= 3) w.pageBody = pageBody(sheet);

  // The body: sections (items, subtotals, checklist points), penalties (减分项, outside every section), vetoes.
  const sectionScores = sections.flatMap((s) => writeSection(w, s) ?? []);
  const penaltyScores: string[] = [];
  if (rubric.penalties?.length) {
    sheet.bandRow(null, "减分项（从总分中扣除）", "penalty-header", "penalties", 20);
    for (const p of rubric.penalties) penaltyScores.push(writeItem(w, null, p));
  }
  const failTicks: string[] = [];
  const noExcellentTicks: string[] = [];
  if (rubric.vetoes?.length) {
    sheet.bandRow(null, "否决项（发生所列情形的，在勾选栏勾选）", "veto-header", "vetoes", 20);
    for (const v of rubric.vetoes) (v.effect === "fail" ? failTicks : noExcellentTicks).push(writeVeto(w, v));
  }
  resolveExclusive(w);
  writeStatusColumn(w);

  writeTotals(w, rubric, sections, policy, { sectionScores, penaltyScores, failTicks, noExcellentTicks });
  const requiredHeader = rubric.fields.header.filter((f) => f.required).map((f) => header[f.id]);
  const notes = format >= 3 ? fillingNotes(rubric, sections, policy, local ? localLabels(rubric, local) : []) : [];
  // Format 4: how the assessors fill their columns (核定), after the unit's notes.
  if (format >= 4) notes.push(`${notes.length}. ${REVIEW_NOTE}`);
  const lastRow = writeFooter(w, rubric, unit, requiredHeader, notes);
  // Format 3's helper columns were added while writing.
  map.columns = sheet.letters();

  const fp = fingerprint(published);
  const tiersOff = format >= 3 && options.tiers === null;
  const meta = metaRows({ format, rubric: { id: rubric.id, version: rubric.version, fingerprint: fp }, variant, unit, sheet: sheetName, columns: map.columns, tiersOff, points: local });
  // Format 1 also wrote its tier policy here. It was never a bar a return could set (tiers come from the
  // rubric or the caller), and later formats drop it; format 1 stays as it was.
  if (format === 1) meta.push(["tiers", JSON.stringify(policy)]);

  return {
    planVersion: format,
    sheetName,
    rubric: { id: rubric.id, version: rubric.version, fingerprint: fp, title: rubric.title },
    variant: variant ?? null,
    unit: unit ?? null,
    columns,
    cells: format >= 4 ? lockGiven(sheet.cells, map.columns) : sheet.cells,
    merges: sheet.merges,
    validations: withValidationTexts(sheet.validations),
    rows: sheet.rows.sort((a, b) => a.row - b.row),
    styles: format >= 4 ? { ...STYLES, ...REVIEW_STYLES } : format === 3 ? (STYLES as SheetPlan["styles"]) : STYLES_BEFORE_3,
    print: format >= 3 ? paperSetup(rubric, unit, sheet, lastRow) : printSetup({ rubric, unit, columns, lastRow, titleRows: [1, HEADER_ROW] }),
    freezeRow: HEADER_ROW,
    protect: options.protect ?? true,
    meta,
    map,
    lastRow,
    lastCol: columns.length,
  };
}

export { META_SHEET };

/** The printed numbers of the items whose points are local ("12.1"), in the rubric's order. */
function localLabels(rubric: Rubric, local: LocalPoints): string[] {
  return rubric.sections.flatMap((s) => s.items ?? []).filter((i) => local[i.id] !== undefined).map((i) => i.label);
}

/**
 * The first construct of `rubric` that only sheet format 3 shows (formats 1 and 2 are frozen as released): parts
 * scored above, clauses aimed at another level, exemptions, closed lists, alternatives, selectable items. Null when none.
 */
export function format3Construct(rubric: Rubric): { zh: string; en: string } | null {
  const items = [...rubric.sections.flatMap((s) => s.items ?? []), ...(rubric.penalties ?? [])];
  const clauses = items.flatMap((i) => i.clauses as Clause[]);
  if (clauses.some((c) => c.kind === "scoredAbove")) return { zh: "上级直接评分的条款", en: "clauses scored above" };
  if (clauses.some((c) => notApplicableOf(c))) return { zh: "不适用于本级的条款", en: "clauses aimed at another level" };
  if (clauses.some((c) => c.exemptions)) return { zh: "不扣分情形", en: "exemptions" };
  if (clauses.some((c) => c.kind !== "scoredAbove" && (c.listed !== undefined || c.sameText !== undefined))) {
    return { zh: "分别扣分的所列事项", en: "closed lists (listed things)" };
  }
  if (rubric.exclusive?.length) return { zh: "择一扣分的条款", en: "alternatives (exclusive groups)" };
  if (items.some((i) => "selectable" in i && i.selectable)) return { zh: "选查项目", en: "selectable items" };
  return null;
}

/**
 * Format 3's print setup: the printed columns (状态 stays on screen), a fixed scale at which they print one page
 * wide, and manual page breaks so that no item, and not the figures with the signatures, is cut at a page foot.
 */
function paperSetup(rubric: Rubric, unit: string | undefined, sheet: Sheet, lastRow: number): PrintSetup {
  const base = printSetup({ rubric, unit, columns: sheet.columns, lastRow, titleRows: [1, HEADER_ROW] });
  const scale = scaleFor(sheet.columns.slice(0, sheet.printed).map((c) => c.width), base.margins);
  const heights = new Map(sheet.rows.map((r) => [r.row, r.height ?? DEFAULT_ROW_HEIGHT]));
  const height = (row: number) => heights.get(row) ?? DEFAULT_ROW_HEIGHT;
  const body = pageBody(sheet);
  return {
    ...base,
    fitTo: null,
    scale,
    area: `A1:${colLetter(sheet.printed)}${lastRow}`,
    rowBreaks: pageBreaks(HEADER_ROW + 1, lastRow, height, sheet.units(HEADER_ROW + 1, lastRow), body),
  };
}

/** What a page holds below the repeated title rows (1 to the column headings), in sheet points, at the sheet's scale. */
function pageBody(sheet: Sheet): number {
  const heights = new Map(sheet.rows.map((r) => [r.row, r.height ?? DEFAULT_ROW_HEIGHT]));
  let titles = 0;
  for (let r = 1; r <= HEADER_ROW; r++) titles += heights.get(r) ?? DEFAULT_ROW_HEIGHT;
  const scale = scaleFor(sheet.columns.slice(0, sheet.printed).map((c) => c.width), PRINT_MARGINS);
  return paperAt(scale, PRINT_MARGINS).heightPt - titles;
}

/** Format 4's line of the 填表说明: what the assessors' columns are and how they start. */
const REVIEW_NOTE =
  "核定：单位自评各栏按报回原样照录并锁定（灰色）。考核组在“核定”各栏填写，规则与自评相同；核定各栏已按自评预先填好，只改有异议之处，并在“核定说明”中写明理由。核定与自评不同的项目在“核定对比”栏显示“◆ 核定不同”；“核定状态”栏（不打印）提示无效的核定填写。";

/**
 * Format 4: the unit's input cells (ticks, counts, notes, fields) take the locked look of entries as returned; the
 * assessors' cells (核定 columns) keep the input styles, unlocked.
 */
function lockGiven(cells: PlannedCell[], columns: Partial<Record<ColumnKey, string>>): PlannedCell[] {
  const review = new Set(REVIEW_INPUTS.map((k) => columns[k]));
  return cells.map((c) => {
    const to = GIVEN[c.s];
    // A header or footer field is the unit's wherever it spans (its cells may fall in a 核定 column).
    return to && (c.s === "field" || !review.has(c.a.replace(/\d+$/, ""))) ? { ...c, s: to } : c;
  });
}
const REVIEW_INPUTS: ColumnKey[] = ["rtick", "rcount", "rnote"];
const GIVEN: Partial<Record<StyleName, StyleName>> = { tick: "given", count: "given", note: "givenNote", field: "givenField" };

/** The height of a row the plan gives none (a blank row): ExcelJS's and LibreOffice's default. */
const DEFAULT_ROW_HEIGHT = 15;

/** Formats 1 and 2 had no 填表说明 (and no style for it): their plans stay as they were. */
const STYLES_BEFORE_3 = (({ noteText: _n, labelMore: _l, ...rest }) => rest)(STYLES) as SheetPlan["styles"];
