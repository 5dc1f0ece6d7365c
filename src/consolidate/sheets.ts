/**
 * The roster workbook as plain data: every sheet of roster.xlsx (设置, one 成绩表 per rubric group, 汇总,
 * 问题清单, one 扣分明细 per group) described once — cells (a value or a formula, and a style name), column
 * widths, merges, row heights, frozen panes, print setup, data validation and the 等次 chart — and written by
 * two adapters that make no decisions: ExcelJS (xlsx.ts → roster.xlsx) and Office.js
 * (src/excel/write-roster.ts → new sheets of the open workbook).
 *
 * On a 成绩表, 自评分 and 核定分 are SafeScore's scores of the unit's and the assessors' entries (constants) and
 * 依据 says which one the row goes by (policy.basis, for a reviewed return); 调整, 调整理由 and 否决 are for the
 * meeting; 考核分数 (the 依据 score plus 调整), 序号, 名次, 等次, 奖励金额, 备注, the summary sentence and the 汇总
 * figures are formulas over those cells and 设置, so an adjustment or a veto re-ranks at once.
 *
 * Portability (Excel 2007+, WPS, LibreOffice): only IF, OR, AND, ROUND, COUNT, SUMPRODUCT, ISNUMBER,
 * VLOOKUP, IFERROR, FIXED, COUNTIF with a literal text criterion, AVERAGE, MEDIAN, SUM. Ranking counts with
 * SUMPRODUCT(ISNUMBER(r)*(r>x)) rather than COUNTIF(r,">"&x), so no number is turned into criterion text
 * (locale decimal separators) and "" results (text, which compares above every number) are never counted.
 *
 * Every string from a return or the unit list is a cell value (`v`), never inside a formula (`f`): a unit
 * named =HYPERLINK(…) stays text.
 */
import { colLetter, parseAddr, sheetRef } from "../layout/a1";
import { PAGE_NUMBER_FOOTER, SHEET_NAME_MAX, headerText, uniqueSheetName } from "../layout/print";
import { DEFAULT_TIER_POLICY, TIER_LABELS } from "../scoring/tiers";
import type { TierId, TierPolicy } from "../scoring/types";
import { PROBLEM_LABELS, displayWidth, rosterTitle } from "./labels";
import { BASIS_LABELS } from "./basis";
import type { Consolidation, Policy, RosterGroup, RosterRow } from "./types";
import { COMPOSITE_SUM_HEADER, partColumns, partValue, partsSumFormula } from "./composite-sheet";

// ---- the plan's shape ------------------------------------------------------------------------------

export type RosterStyleName =
  | "title" | "heading" | "sentence" | "sentenceWrap" | "hint" | "header"
  | "body" | "bodyCenter" | "bodyWrap" | "edit" | "editCenter" | "editWrap" | "totalLabel" | "total";

export interface RosterCellStyle {
  bold?: boolean;
  /** Points; the sheet font's size (SHEET_FONT) otherwise. */
  size?: number;
  /** ARGB, e.g. "FFD9E1F2". */
  fill?: string;
  /** A thin grey border on all four edges. */
  border?: boolean;
  hAlign?: "left" | "center";
  vAlign?: "middle";
  wrap?: boolean;
}

const HEAD_FILL = "FFD9E1F2";
const EDIT_FILL = "FFFFF2CC";
export const ROSTER_STYLES: Record<RosterStyleName, RosterCellStyle> = {
  title: { bold: true, size: 16, hAlign: "center", vAlign: "middle" },
  heading: { bold: true, size: 12 },
  sentence: { size: 11, hAlign: "left", vAlign: "middle" },
  sentenceWrap: { wrap: true, vAlign: "middle" },
  hint: { size: 9 },
  header: { bold: true, fill: HEAD_FILL, border: true, hAlign: "center", vAlign: "middle", wrap: true },
  body: { border: true, hAlign: "left", vAlign: "middle" },
  bodyCenter: { border: true, hAlign: "center", vAlign: "middle" },
  bodyWrap: { border: true, hAlign: "left", vAlign: "middle", wrap: true },
  edit: { border: true, hAlign: "left", vAlign: "middle", fill: EDIT_FILL },
  editCenter: { border: true, hAlign: "center", vAlign: "middle", fill: EDIT_FILL },
  editWrap: { border: true, hAlign: "left", vAlign: "middle", wrap: true, fill: EDIT_FILL },
  totalLabel: { border: true, hAlign: "left", vAlign: "middle", bold: true },
  total: { border: true, hAlign: "center", vAlign: "middle", bold: true },
};

export type PlanValue = string | number | null;

/** One cell: a constant (`v`, null for an empty styled cell) or a formula without "=" (`f`). */
export interface RosterCell {
  a: string;
  v?: PlanValue;
  f?: string;
  s?: RosterStyleName;
}

export interface RosterValidation {
  /** A1 range on the sheet. */
  range: string;
  type: "decimal";
  min: number;
  max: number;
  errorTitle: string;
  error: string;
}

/** A chart drawn from a range the plan writes (header row, then one row per category). */
export interface RosterChart {
  type: "columnClustered";
  title: string;
  /** A1 range on the same sheet: categories in its first column, one series per further column. */
  source: string;
  seriesBy: "columns";
  /** Top-left and bottom-right cells it covers. */
  from: string;
  to: string;
}

export interface RosterPrint {
  orientation: "portrait" | "landscape";
  /** Pages wide (0: as many as it takes); always as many pages tall as it takes. */
  fitWidth: number;
  /** Rows repeated on every page, "3:3". */
  titleRows: string;
  /** Columns repeated on every page, "A:A", for a sheet wider than a page. */
  titleColumns?: string;
  /** Absolute A1 range, "$A$1:$N$41". */
  area: string;
  /** Left header (header/footer codes: a literal & is &&) and centre footer. */
  header: string;
  footer: string;
}

export type RosterSheetRole = "roster" | "summary" | "problems" | "deductions" | "settings";

/**
 * A sheet's data rows, made on demand: row `first + i` holds `cells(i)`. A writer that streams (roster.xlsx)
 * takes one row at a time, so a 10,000-unit 成绩表 (160,000 cells, ~46 MB planned at once) is never held whole;
 * `rosterWorkbookPlan` folds them into `cells` for the writers and tests that want every cell.
 */
export interface RosterBody {
  first: number;
  count: number;
  cells(i: number): RosterCell[];
}

export interface RosterSheetPlan {
  role: RosterSheetRole;
  name: string;
  /** Column widths in Excel character units, from column A. */
  widths: number[];
  /** Every cell outside `body` (all of them when there is none). */
  cells: RosterCell[];
  /** The data rows, when made on demand (rosterSheets); absent in rosterWorkbookPlan's sheets. */
  body?: RosterBody;
  merges: string[];
  heights: { row: number; height: number }[];
  freeze: { rows: number; columns: number } | null;
  print: RosterPrint;
  validations: RosterValidation[];
  charts: RosterChart[];
}

export interface RosterWorkbookPlan {
  /** In the order they are added: the 成绩表 first, 设置 last (formulas reach it by name, not position). */
  sheets: RosterSheetPlan[];
  /** The 设置 sheet's name (设置, unless the workbook already has one). */
  settingsSheet: string;
}

// ---- fixed places ------------------------------------------------------------------------------------

/** 设置 sheet: where each policy value lives (absolute addresses on that sheet). */
export const SETTINGS_SHEET = "设置";
export const SETTINGS = {
  threshold: "$B$3",
  decimals: "$B$4",
  excellent: "$B$6",
  good: "$B$7",
  pass: "$B$8",
  /** First row of the 类别 → 元/分 table (A: 类别, B: rate). */
  ratesFirstRow: 11,
  /** Blank rows kept under the rates so the meeting can add a 类别. */
  spareRates: 5,
} as const;

/** Columns of a 成绩表, in order. */
export const ROSTER_COLUMNS = [
  { key: "seq", header: "序号", width: 6 },
  { key: "unit", header: "单位", width: 24 },
  { key: "category", header: "类别", width: 8 },
  { key: "self", header: "自评分", width: 8 },
  { key: "review", header: "核定分", width: 8 },
  { key: "basis", header: "依据", width: 6 },
  { key: "adjust", header: "调整", width: 7 },
  { key: "adjustReason", header: "调整理由", width: 16 },
  { key: "veto", header: "否决", width: 22 },
  { key: "score", header: "考核分数", width: 9 },
  { key: "place", header: "名次", width: 6 },
  { key: "tier", header: "等次", width: 7 },
  { key: "reward", header: "奖励金额（元）", width: 15 },
  { key: "note", header: "备注", width: 26 },
  { key: "problems", header: "问题数", width: 7 },
  { key: "file", header: "来源文件", width: 24 },
] as const;
type RosterKey = (typeof ROSTER_COLUMNS)[number]["key"];
/** Column letter of a 成绩表 column. */
export const rosterCol = (key: RosterKey): string => colLetter(ROSTER_COLUMNS.findIndex((c) => c.key === key) + 1);

/** Rows of a 成绩表: 1 title, 2 summary sentence, 3 header, data from 4. */
export const ROSTER_ROWS = { title: 1, sentence: 2, header: 3, first: 4 } as const;

/** Where a group's block on 汇总 puts its 等次 chart data (columns, and rows below the block's first). */
export const TIER_CHART = { labelCol: "E", countCol: "F", headerOffset: 2, from: "H", to: "O", rows: 15 } as const;
const TIER_ORDER = ["excellent", "good", "pass", "fail"] as const;

const zhTier = (t: TierId | null): string => (t ? TIER_LABELS[t].zh : "");

function tierOf(score: number, p: TierPolicy): TierId {
  return score >= p.excellent ? "excellent" : score >= p.good ? "good" : score >= p.pass ? "pass" : "fail";
}

/**
 * Whether 等次 can be a formula on this group's sheet: the policy's tier thresholds must reproduce every
 * tier SafeScore gave (percent basis; a tier one below the formula's is a 优秀否决 cap, kept per row).
 * Otherwise (raw scores, a rubric's own tiers) 等次 is SafeScore's constant.
 */
function tierPlan(group: RosterGroup, policy: Policy): { formula: boolean; capped: Set<RosterRow> } {
  const p = policy.tiers ?? DEFAULT_TIER_POLICY;
  const capped = new Set<RosterRow>();
  // A composite's policy carries its tiers in the composite's points already (composite.ts).
  if (policy.scoreBasis !== "percent" && !group.composite) return { formula: false, capped };
  for (const r of group.rows) {
    if (r.vetoed || r.score === null) continue;
    const t = tierOf(r.score, p);
    if (t === r.tier) continue;
    if (t === "excellent" && r.tier === "good") capped.add(r);
    else return { formula: false, capped };
  }
  return { formula: true, capped };
}

/** A width (Excel character units) for a column of texts: the widest, clamped. */
function fitWidth(texts: string[], min: number, max: number): number {
  return Math.min(max, Math.max(min, ...texts.map((t) => displayWidth(t) + 2)));
}

function print(orientation: RosterPrint["orientation"], titleRows: string, area: string, title: string, extra: Partial<RosterPrint> = {}): RosterPrint {
  return { orientation, fitWidth: 1, titleRows, area, header: headerText(title), footer: PAGE_NUMBER_FOOTER, ...extra };
}

/** Cells of one sheet, added in order. */
class Cells {
  readonly cells: RosterCell[] = [];
  value(a: string, v: PlanValue, s?: RosterStyleName): void {
    this.cells.push({ a, v, ...(s ? { s } : {}) });
  }
  formula(a: string, f: string, s?: RosterStyleName): void {
    this.cells.push({ a, f, ...(s ? { s } : {}) });
  }
}

// ---- formulas (the single source: the sheets and the tests use these) --------------------------------

function ratesRange(policy: Policy, settings: string): string {
  const last = SETTINGS.ratesFirstRow + Object.keys(policy.reward.perPointAboveThreshold).length + SETTINGS.spareRates - 1;
  return sheetRef(settings, `$A$${SETTINGS.ratesFirstRow}:$B$${last}`);
}

/**
 * The formulas of one data row (row `r` of a sheet whose data spans first..last), with the policy on the
 * sheet `settings`. Exposed for tests.
 */
export function rowFormulas(r: number, first: number, last: number, policy: Policy, tier: "formula" | "capped" | "constant", settings: string = SETTINGS_SHEET) {
  const setting = (a: string) => sheetRef(settings, a);
  const c = (k: RosterKey) => `$${rosterCol(k)}${r}`;
  const col = (k: RosterKey) => `$${rosterCol(k)}$${first}:$${rosterCol(k)}$${last}`;
  const upTo = (k: RosterKey) => `$${rosterCol(k)}$${first}:$${rosterCol(k)}${r}`;
  const [score, veto] = [c("score"), c("veto")];
  // The score the row starts from: 核定分 where 依据 says 核定, else 自评分 (a blank one leaves the row unranked).
  const start = `IF(${c("basis")}="${BASIS_LABELS.review}",${c("review")},${c("self")})`;
  const above = `SUMPRODUCT(ISNUMBER(${col("score")})*(${col("score")}>${score}))`;
  const threshold = setting(SETTINGS.threshold);
  const rate = `IFERROR(VLOOKUP(${c("category")},${ratesRange(policy, settings)},2,FALSE),0)`;
  const chain = `IF(${score}>=${setting(SETTINGS.good)},"良好",IF(${score}>=${setting(SETTINGS.pass)},"合格","不合格"))`;
  return {
    score: `IF(OR(${veto}<>"",${start}=""),"",ROUND(${start}+${c("adjust")},${setting(SETTINGS.decimals)}))`,
    // 序号: ranked rows by score, ties in row order (the order at export); vetoed rows after all ranked ones, in row order.
    seq:
      `IF(ISNUMBER(${score}),${above}+SUMPRODUCT(ISNUMBER(${upTo("score")})*(${upTo("score")}=${score})),` +
      `IF(${veto}<>"",COUNT(${col("score")})+SUMPRODUCT((${upTo("veto")}<>"")*1),""))`,
    // 名次: competition rank (ties share a place).
    place: `IF(ISNUMBER(${score}),1+${above},"")`,
    tier:
      tier === "constant"
        ? null
        : `IF(${veto}<>"","不合格",IF(${score}="","",` + (tier === "capped" ? chain : `IF(${score}>=${setting(SETTINGS.excellent)},"优秀",${chain})`) + "))",
    reward: `IF(ISNUMBER(${score}),IF(${score}>=${threshold},ROUND((${score}-${threshold})*${rate},2),0),"")`,
    note: `IF(${veto}<>"",${veto},"")`,
  };
}

/** Formulas over a group's data columns (data rows first..last of sheet `name`): the figures of its summary. */
export function summaryFormulas(name: string, first: number, last: number, settings: string = SETTINGS_SHEET) {
  const setting = (a: string) => sheetRef(settings, a);
  const col = (k: RosterKey) => sheetRef(name, `$${rosterCol(k)}$${first}:$${rosterCol(k)}$${last}`);
  const vetoed = `SUMPRODUCT((${col("veto")}<>"")*1)`;
  const units = `(COUNT(${col("score")})+${vetoed})`;
  const atOrAbove = `SUMPRODUCT(ISNUMBER(${col("score")})*(${col("score")}>=${setting(SETTINGS.threshold)}))`;
  const share = `IF(${units}=0,0,ROUND(${atOrAbove}/${units}*100,2))`;
  return {
    units,
    atOrAbove,
    vetoed,
    share,
    sentence: `"在被考核的"&${units}&"个单位中，考核分数在"&${setting(SETTINGS.threshold)}&"分以上的有"&${atOrAbove}&"个，占"&FIXED(${share},2)&"%"`,
    tier: (t: TierId) => `COUNTIF(${col("tier")},"${TIER_LABELS[t].zh}")`,
    mean: `IF(COUNT(${col("score")})=0,"",ROUND(AVERAGE(${col("score")}),2))`,
    median: `IF(COUNT(${col("score")})=0,"",MEDIAN(${col("score")}))`,
    totalReward: `SUM(${col("reward")})`,
  };
}

// ---- the sheets --------------------------------------------------------------------------------------

function settingsSheet(name: string, policy: Policy, composite: RosterGroup["composite"]): RosterSheetPlan {
  const out = new Cells();
  const rates = Object.entries(policy.reward.perPointAboveThreshold);
  const last = SETTINGS.ratesFirstRow + rates.length + SETTINGS.spareRates - 1;
  out.value("A1", "考核政策（修改后各成绩表、汇总自动重算）", "heading");
  const tiers = policy.tiers ?? DEFAULT_TIER_POLICY;
  const rows: [number, string, number | string, string][] = [
    [3, "达标分数线（以上含本数）", policy.threshold, "考核分数≥此分数计入“以上”，并按超出分数奖励"],
    [4, "分数小数位数", policy.decimals, "考核分数按此位数四舍五入"],
    composite
      ? [5, "计分口径", `${composite.max}分制（考核方案）`, "各部分分数相加；来自自评表的部分由 SafeScore 按考核表重算"]
      : [5, "计分口径", policy.scoreBasis === "percent" ? "百分制" : "原始分", "自评分、核定分由 SafeScore 按考核表重算"],
    [6, "优秀（≥）", tiers.excellent, "等次分数线"],
    [7, "良好（≥）", tiers.good, ""],
    [8, "合格（≥）", tiers.pass, "低于合格线或被否决为不合格"],
  ];
  // Shown, not a setting the formulas read: each row's 依据 on the 成绩表 is what 考核分数 starts from.
  const basis: [string, string, string] = policy.basis === "review"
    ? ["计分依据", "核定分", "经核定的单位按核定分，其余按自评分（见成绩表“依据”列）"]
    : ["计分依据", "自评分", "各单位均按自评分（核定分仅供对照）"];
  for (const [r, label, v, hint] of rows) {
    out.value(`A${r}`, label, "body");
    out.value(`B${r}`, v, "editCenter");
    out.value(`C${r}`, hint, "hint");
  }
  out.value("A9", basis[0], "body");
  out.value("B9", basis[1], "bodyCenter");
  out.value("C9", basis[2], "hint");
  const h = SETTINGS.ratesFirstRow - 1;
  out.value(`A${h}`, "类别", "header");
  out.value(`B${h}`, "每超出1分奖励（元）", "header");
  for (let i = 0; i < rates.length + SETTINGS.spareRates; i++) {
    const r = SETTINGS.ratesFirstRow + i;
    out.value(`A${r}`, i < rates.length ? rates[i][0] : null, "editCenter");
    out.value(`B${r}`, i < rates.length ? rates[i][1] : null, "editCenter");
  }
  return {
    role: "settings",
    name,
    widths: [28, 16, 44],
    cells: out.cells,
    merges: [],
    heights: [],
    freeze: null,
    print: print("portrait", "1:1", `$A$1:$C$${last}`, "考核政策"),
    validations: [],
    charts: [],
  };
}

/** Where one group's 成绩表 put its data rows, for the 汇总 formulas. */
interface PlacedRoster {
  name: string;
  group: RosterGroup;
  first: number;
  last: number;
}

const LEFT_KEYS = new Set<RosterKey>(["unit", "note", "file", "veto", "adjustReason"]);
const WRAP_KEYS = new Set<RosterKey>(["note", "veto"]);
const EDIT_KEYS = new Set<RosterKey>(["adjust", "adjustReason", "veto"]);
function rosterStyle(k: RosterKey): RosterStyleName {
  if (EDIT_KEYS.has(k)) return WRAP_KEYS.has(k) ? "editWrap" : LEFT_KEYS.has(k) ? "edit" : "editCenter";
  return WRAP_KEYS.has(k) ? "bodyWrap" : LEFT_KEYS.has(k) ? "body" : "bodyCenter";
}

function rosterSheet(name: string, group: RosterGroup, policy: Policy, settings: string): RosterSheetPlan {
  const out = new Cells();
  const n = group.rows.length;
  const first = ROSTER_ROWS.first;
  const last = Math.max(first, first + n - 1);
  const parts = partColumns(group, ROSTER_COLUMNS.length + 1);
  const lastCol = colLetter(ROSTER_COLUMNS.length + parts.length);
  const exemptRows = group.exempt.length ? group.exempt.length + 2 : 0;
  const title = rosterTitle(group);
  const widthOf: Partial<Record<RosterKey, number>> = {
    unit: fitWidth(group.rows.map((r) => r.unit), 12, 30),
    note: fitWidth(group.rows.map((r) => r.note), 10, 30),
    veto: fitWidth(group.rows.map((r) => (r.vetoed ? r.note : "")), 10, 30),
    file: fitWidth(group.rows.map((r) => r.file ?? ""), 10, 30),
  };
  const widths = [...ROSTER_COLUMNS.map((c) => widthOf[c.key] ?? c.width), ...parts.map((c) => c.width)];
  const merges = [`A${ROSTER_ROWS.title}:${lastCol}${ROSTER_ROWS.title}`, `A${ROSTER_ROWS.sentence}:${lastCol}${ROSTER_ROWS.sentence}`];
  const heights: { row: number; height: number }[] = [
    { row: ROSTER_ROWS.title, height: 28 },
    { row: ROSTER_ROWS.sentence, height: 20 },
    { row: ROSTER_ROWS.header, height: 30 },
  ];

  out.value(`A${ROSTER_ROWS.title}`, title, "title");
  out.formula(`A${ROSTER_ROWS.sentence}`, summaryFormulas(name, first, last, settings).sentence, "sentence");
  ROSTER_COLUMNS.forEach((c, i) => out.value(`${colLetter(i + 1)}${ROSTER_ROWS.header}`, parts.length && c.key === "self" ? COMPOSITE_SUM_HEADER : c.header, "header"));
  for (const c of parts) out.value(`${c.letter}${ROSTER_ROWS.header}`, c.header, "header");

  const tiers = tierPlan(group, policy);
  const rowCells = (i: number): RosterCell[] => {
    const row = group.rows[i];
    const cells = new Cells();
    const r = first + i;
    const f = rowFormulas(r, first, last, policy, !tiers.formula ? "constant" : tiers.capped.has(row) ? "capped" : "formula", settings);
    const put = (k: RosterKey, v: PlanValue) => cells.value(`${rosterCol(k)}${r}`, v, rosterStyle(k));
    const calc = (k: RosterKey, fm: string) => cells.formula(`${rosterCol(k)}${r}`, fm, rosterStyle(k));
    calc("seq", f.seq);
    put("unit", row.unit);
    put("category", row.category ?? null);
    if (parts.length) {
      // A composite: 各部分合计 is the live sum of its parts (each already by the policy's basis), ranked as is.
      calc("self", partsSumFormula(parts, r));
      put("review", null);
      put("basis", null);
    } else {
      put("self", row.vetoed ? null : row.selfScore);
      put("review", row.vetoed ? null : row.reviewScore);
      put("basis", row.file === null ? null : BASIS_LABELS[row.basis]);
    }
    put("adjust", null);
    put("adjustReason", null);
    put("veto", row.vetoed ? row.note || "一票否决" : null);
    calc("score", f.score);
    calc("place", f.place);
    if (f.tier === null) put("tier", zhTier(row.tier));
    else calc("tier", f.tier);
    calc("reward", f.reward);
    // A row kept out of the ranking (not vetoed) says why as a constant; otherwise 备注 follows 否决.
    if (!row.vetoed && row.note) put("note", row.note);
    else calc("note", f.note);
    put("problems", row.problems);
    put("file", row.file ?? null);
    for (const c of parts) cells.value(`${c.letter}${r}`, partValue(row, c), "editCenter");
    return cells.cells;
  };
  group.rows.forEach((row, i) => {
    // Readers do not grow a row for wrapped text on load: give a long veto reason or note its lines.
    const lines = Math.max(
      ...(["veto", "note"] as const).map((k) => {
        const text = k === "veto" ? (row.vetoed ? row.note : "") : row.note;
        return Math.ceil(displayWidth(text) / Math.max(1, widths[ROSTER_COLUMNS.findIndex((c) => c.key === k)] - 2));
      }),
    );
    if (lines > 1) heights.push({ row: first + i, height: 13.5 * lines });
  });

  if (group.exempt.length) {
    const h = last + 2;
    out.value(`B${h}`, "免考单位", "header");
    out.value(`C${h}`, "免考原因", "header");
    for (const c of ["D", "E", "F", "G"]) out.value(`${c}${h}`, null, "header");
    merges.push(`C${h}:G${h}`);
    group.exempt.forEach((e, i) => {
      const r = h + 1 + i;
      out.value(`B${r}`, e.unit, "bodyWrap");
      out.value(`C${r}`, e.reason, "bodyWrap");
      for (const c of ["D", "E", "F", "G"]) out.value(`${c}${r}`, null, "bodyWrap");
      merges.push(`C${r}:G${r}`);
    });
  }
  const adjust = rosterCol("adjust");
  return {
    role: "roster",
    name,
    widths,
    cells: out.cells,
    body: { first, count: n, cells: rowCells },
    merges,
    heights,
    freeze: { rows: ROSTER_ROWS.header, columns: 2 },
    print: print("landscape", `${ROSTER_ROWS.header}:${ROSTER_ROWS.header}`, `$A$1:$${lastCol}$${last + exemptRows}`, title),
    validations: n
      ? [
          { range: `${adjust}${first}:${adjust}${first + n - 1}`, type: "decimal", min: -1000, max: 1000, errorTitle: "输入有误", error: "调整请填数字（加分为正，减分为负），不调整留空。" },
          ...parts.map((c) => ({ range: `${c.letter}${first}:${c.letter}${first + n - 1}`, type: "decimal" as const, min: 0, max: c.weight, errorTitle: "输入有误", error: `${c.name}的分数须在 0 到 ${c.weight} 之间。` })),
        ]
      : [],
    charts: [],
  };
}

/** 汇总: per group, the figures as formulas over its 成绩表 next to SafeScore's figures at export, and its 等次 chart. */
function summarySheet(name: string, sheets: PlacedRoster[], settings: string): RosterSheetPlan {
  const out = new Cells();
  const merges: string[] = [];
  const heights: { row: number; height: number }[] = [];
  const charts: RosterChart[] = [];
  let r = 1;
  for (const sh of sheets) {
    const g = sh.group;
    const f = summaryFormulas(sh.name, sh.first, sh.last, settings);
    const top = r;
    out.value(`A${r}`, rosterTitle(g), "heading");
    merges.push(`A${r}:C${r}`);
    r++;
    out.formula(`A${r}`, f.sentence, "sentenceWrap");
    merges.push(`A${r}:C${r}`);
    heights.push({ row: r, height: 30 });
    r++;
    ["项目", "当前（公式）", "导出时"].forEach((h, i) => out.value(`${colLetter(i + 1)}${r}`, h, "header"));
    r++;
    const lines: [string, string, number | string | null][] = [
      ["被考核单位数", f.units, g.summary.units],
      ["达标（分数线以上）单位数", f.atOrAbove, g.summary.atOrAbove],
      ["达标占比（%）", f.share, g.summary.share],
      ...TIER_ORDER.map((t): [string, string, number] => [`${TIER_LABELS[t].zh}`, f.tier(t), g.summary.tiers[t] ?? 0]),
      ["一票否决", f.vetoed, g.rows.filter((x) => x.vetoed).length],
      ["平均分", f.mean, g.summary.mean],
      ["中位数", f.median, g.summary.median],
      ["奖励合计（元）", f.totalReward, g.summary.totalReward],
    ];
    for (const [label, fm, was] of lines) {
      out.value(`A${r}`, label, "body");
      out.formula(`B${r}`, fm, "bodyCenter");
      out.value(`C${r}`, was, "bodyCenter");
      r++;
    }
    out.value(`A${r}`, "免考单位数", "body");
    out.value(`B${r}`, g.exempt.length, "bodyCenter");
    out.value(`C${r}`, g.exempt.length, "bodyCenter");
    if (g.summary.moved.sentence) {
      // As at export: the review's moves compare the two scores, which the meeting's adjustments do not change.
      r++;
      out.value(`A${r}`, `${g.summary.moved.sentence}（导出时）`, "sentenceWrap");
      merges.push(`A${r}:C${r}`);
      heights.push({ row: r, height: 30 });
    }

    // The chart's data: 等次 and 单位数 (the same COUNTIF formulas), beside the block.
    const { labelCol: L, countCol: C } = TIER_CHART;
    const head = top + TIER_CHART.headerOffset;
    out.value(`${L}${head}`, "等次", "header");
    out.value(`${C}${head}`, "单位数", "header");
    TIER_ORDER.forEach((t, i) => {
      out.value(`${L}${head + 1 + i}`, TIER_LABELS[t].zh, "bodyCenter");
      out.formula(`${C}${head + 1 + i}`, f.tier(t), "bodyCenter");
    });
    charts.push({
      type: "columnClustered",
      title: "等次分布（单位数）",
      source: `${L}${head}:${C}${head + TIER_ORDER.length}`,
      seriesBy: "columns",
      from: `${TIER_CHART.from}${top}`,
      to: `${TIER_CHART.to}${top + TIER_CHART.rows - 1}`,
    });
    r = Math.max(r, top + TIER_CHART.rows - 1) + 3;
  }
  return {
    role: "summary",
    name,
    widths: [26, 16, 16, 3, 10, 10],
    cells: out.cells,
    merges,
    heights,
    freeze: null,
    print: print("portrait", "1:1", `$A$1:$C$${Math.max(1, r - 3)}`, "汇总"),
    validations: [],
    charts,
  };
}

function problemsSheet(name: string, c: Consolidation): RosterSheetPlan {
  const out = new Cells();
  const last = Math.max(2, c.problems.length + 1);
  ["序号", "问题类型", "文件", "单位", "说明"].forEach((h, i) => out.value(`${colLetter(i + 1)}1`, h, "header"));
  c.problems.forEach((p, i) => {
    const r = i + 2;
    out.value(`A${r}`, i + 1, "bodyCenter");
    out.value(`B${r}`, PROBLEM_LABELS[p.kind] ?? p.kind, "bodyCenter");
    out.value(`C${r}`, p.file ?? null, "bodyWrap");
    out.value(`D${r}`, p.unit ?? null, "bodyWrap");
    out.value(`E${r}`, p.message, "bodyWrap");
  });
  if (c.problems.length === 0) out.value("C2", "（无）");
  return {
    role: "problems",
    name,
    widths: [6, 14, fitWidth(c.problems.map((p) => p.file ?? ""), 16, 40), fitWidth(c.problems.map((p) => p.unit ?? ""), 12, 28), 60],
    cells: out.cells,
    merges: [],
    heights: [],
    freeze: { rows: 1, columns: 0 },
    print: print("landscape", "1:1", `$A$1:$E$${last}`, "问题清单"),
    validations: [],
    charts: [],
  };
}

function deductionsSheet(name: string, group: RosterGroup): RosterSheetPlan {
  const out = new Cells();
  const m = group.deductions;
  const nCols = m.items.length + 2;
  const lastCol = colLetter(nCols);
  const first = 3;
  const totalRow = first + m.rows.length;
  const wide = m.items.length > 20;
  out.value("A1", `扣分明细（${rosterTitle(group)}）：各单位在各项目上的扣分`, "heading");
  out.value("A2", "单位", "header");
  m.items.forEach((it, i) => out.value(`${colLetter(i + 2)}2`, `${it.label} ${it.title}${it.max === null ? "" : `（${it.max}分）`}`, "header"));
  out.value(`${lastCol}2`, "合计", "header");
  const rowCells = (i: number): RosterCell[] => {
    const row = m.rows[i];
    const cells = new Cells();
    const r = first + i;
    cells.value(`A${r}`, row.unit, "body");
    row.deductions.forEach((d, j) => cells.value(`${colLetter(j + 2)}${r}`, d, "bodyCenter"));
    cells.formula(`${lastCol}${r}`, m.items.length ? `SUM(B${r}:${colLetter(nCols - 1)}${r})` : "0", "bodyCenter");
    return cells.cells;
  };
  out.value(`A${totalRow}`, "合计", "totalLabel");
  for (let k = 2; k <= nCols; k++) {
    const L = colLetter(k);
    out.formula(`${L}${totalRow}`, m.rows.length ? `SUM(${L}${first}:${L}${totalRow - 1})` : "0", "total");
  }
  return {
    role: "deductions",
    name,
    widths: [fitWidth(m.rows.map((r) => r.unit), 12, 30), ...m.items.map(() => 9), 8],
    cells: out.cells,
    body: { first, count: m.rows.length, cells: rowCells },
    merges: [],
    heights: [{ row: 2, height: 60 }],
    freeze: { rows: 2, columns: 1 },
    print: print("landscape", "2:2", `$A$1:$${lastCol}$${totalRow}`, `扣分明细 ${group.rubric.title}`, wide ? { fitWidth: 0, titleColumns: "A:A" } : {}),
    validations: [],
    charts: [],
  };
}

/** The short 成绩表 name for a group: the rubric title without its trailing 表 words, + 成绩表, at most 31 characters. */
function rosterSheetBase(group: RosterGroup): string {
  const stem = rosterTitle(group).replace(/考核成绩表$/, "");
  const suffix = "成绩表";
  return [...stem].slice(0, SHEET_NAME_MAX - suffix.length - 4).join("") + suffix;
}

export interface RosterPlanOptions {
  /** Sheet names already in the workbook: the plan's names avoid them (a free name, never the user's sheet). */
  taken?: Iterable<string>;
}

/** The roster workbook, every sheet as data. Pure. */
export function rosterWorkbookPlan(c: Consolidation, options: RosterPlanOptions = {}): RosterWorkbookPlan {
  const sheets = [...rosterSheets(c, options)].map(withBody);
  return { sheets, settingsSheet: sheets[sheets.length - 1].name };
}

/** A sheet with its on-demand rows made and folded into `cells`, in row order. */
function withBody({ body, ...p }: RosterSheetPlan): RosterSheetPlan {
  if (!body) return p;
  const rows = Array.from({ length: body.count }, (_, i) => body.cells(i)).flat();
  const after = p.cells.findIndex((c) => parseAddr(c.a).row >= body.first);
  const at = after < 0 ? p.cells.length : after;
  return { ...p, cells: [...p.cells.slice(0, at), ...rows, ...p.cells.slice(at)] };
}

/**
 * The same sheets, each built only when the one before has been taken, their data rows made on demand
 * (RosterBody): a writer that streams (roster.xlsx) lets each go once written, so a district of 10,000 returns
 * never holds its 320,000 planned cells at once.
 */
export function* rosterSheets(c: Consolidation, options: RosterPlanOptions = {}): Generator<RosterSheetPlan> {
  const taken = new Set<string>(options.taken ?? []);
  const take = (base: string) => {
    const n = uniqueSheetName(taken, base);
    taken.add(n);
    return n;
  };
  // Every name first, in the order they have always been given, so formulas can reach sheets not yet built.
  const settings = take(SETTINGS_SHEET);
  const names = c.groups.map((g) => take(rosterSheetBase(g)));
  const summaryName = take("汇总");
  const problemsName = take("问题清单");
  const deductionNames = c.groups.map((g) => (g.composite ? "" : take(`扣分明细-${rosterSheetBase(g).replace(/成绩表$/, "")}`)));
  for (const [i, g] of c.groups.entries()) yield rosterSheet(names[i], g, c.policy, settings);
  const placed = c.groups.map((group, i): PlacedRoster => ({ name: names[i], group, first: ROSTER_ROWS.first, last: Math.max(ROSTER_ROWS.first, ROSTER_ROWS.first + group.rows.length - 1) }));
  yield summarySheet(summaryName, placed, settings);
  yield problemsSheet(problemsName, c);
  // A composite has no items of its own: no 扣分明细 (its returns' own rosters have them).
  for (const [i, g] of c.groups.entries()) if (!g.composite) yield deductionsSheet(deductionNames[i], g);
  // 设置 is added last (so the 成绩表 opens first) but formulas reach it by name, not position.
  yield settingsSheet(settings, c.policy, c.groups.find((g) => g.composite)?.composite);
}
