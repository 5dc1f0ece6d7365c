/**
 * roster.xlsx: the live sheet for the review meeting (ExcelJS; Node and the browser).
 *
 * Sheets: 设置 (the policy: threshold, decimals, tier thresholds, reward rate by 类别), one 成绩表 per rubric
 * group, 汇总, 问题清单 and one 扣分明细 per group. On a 成绩表, 自评分数 is SafeScore's score (a constant);
 * 调整, 调整理由 and 否决 are for the meeting; 考核分数, 序号, 名次, 等次, 奖励金额, 备注, the summary sentence
 * and the 汇总 figures are formulas over those cells and 设置, so an adjustment or a veto re-ranks at once.
 *
 * Portability (Excel 2007+, WPS, LibreOffice): only IF, OR, AND, ROUND, COUNT, SUMPRODUCT, ISNUMBER,
 * VLOOKUP, IFERROR, FIXED, COUNTIF with a literal text criterion, AVERAGE, MEDIAN, SUM. Ranking counts with
 * SUMPRODUCT(ISNUMBER(r)*(r>x)) rather than COUNTIF(r,">"&x), so no number is turned into criterion text
 * (locale decimal separators) and "" results (text, which compares above every number) are never counted.
 *
 * Every string from a return or the unit list is written as a cell value (a shared string), never inside
 * a formula: a unit named =HYPERLINK(…) stays text.
 */
import ExcelJS from "exceljs";
import { colLetter, sheetRef } from "../layout/a1";
import { PAGE_NUMBER_FOOTER, PRINT_MARGINS, SHEET_FONT, SHEET_NAME_MAX, headerText, uniqueSheetName } from "../layout/print";
import { DEFAULT_TIER_POLICY, TIER_LABELS } from "../scoring/tiers";
import type { TierId, TierPolicy } from "../scoring/types";
import { PROBLEM_LABELS, displayWidth, rosterTitle } from "./labels";
import type { Consolidation, Policy, RosterGroup, RosterRow } from "./types";

const PAPER_A4 = 9;
const THIN = { style: "thin" as const, color: { argb: "FF7F7F7F" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEAD_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFD9E1F2" } };
const EDIT_FILL = { type: "pattern" as const, pattern: "solid" as const, fgColor: { argb: "FFFFF2CC" } };

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
  { key: "self", header: "自评分数", width: 9 },
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
  if (policy.scoreBasis !== "percent") return { formula: false, capped };
  for (const r of group.rows) {
    if (r.vetoed || r.score === null) continue;
    const t = tierOf(r.score, p);
    if (t === r.tier) continue;
    if (t === "excellent" && r.tier === "good") capped.add(r);
    else return { formula: false, capped };
  }
  return { formula: true, capped };
}

function pageSetup(orientation: "portrait" | "landscape", titleRows: string, area: string, fitWidth = 1): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: PAPER_A4,
    orientation,
    fitToPage: true,
    fitToWidth: fitWidth,
    fitToHeight: 0,
    horizontalCentered: true,
    showGridLines: false,
    printTitlesRow: titleRows,
    printArea: area,
    margins: { ...PRINT_MARGINS },
  };
}

function footer(title: string): Partial<ExcelJS.HeaderFooter> {
  return { oddHeader: `&L${headerText(title)}`, oddFooter: `&C${PAGE_NUMBER_FOOTER}` };
}

function font(bold = false, size: number = SHEET_FONT.size): Partial<ExcelJS.Font> {
  return { name: SHEET_FONT.name, size, ...(bold ? { bold: true } : {}) };
}

function styleHeader(row: ExcelJS.Row, from: number, to: number): void {
  for (let c = from; c <= to; c++) {
    const cell = row.getCell(c);
    cell.font = font(true);
    cell.fill = HEAD_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  }
}

function styleBody(cell: ExcelJS.Cell, align: "left" | "center" | "right" = "left", wrap = false): void {
  cell.font = font();
  cell.border = BORDER;
  cell.alignment = { horizontal: align, vertical: "middle", wrapText: wrap };
}

/** A width (Excel character units) for a column of texts: the widest, clamped. */
function fitWidth(texts: string[], min: number, max: number): number {
  return Math.min(max, Math.max(min, ...texts.map((t) => displayWidth(t) + 2)));
}

const formula = (f: string): ExcelJS.CellFormulaValue => ({ formula: f, date1904: false });

function addSettings(wb: ExcelJS.Workbook, policy: Policy): void {
  const ws = wb.addWorksheet(SETTINGS_SHEET, {
    views: [{ showGridLines: false }],
    pageSetup: pageSetup("portrait", "1:1", `$A$1:$C$${SETTINGS.ratesFirstRow + Object.keys(policy.reward.perPointAboveThreshold).length + SETTINGS.spareRates}`),
    headerFooter: footer("考核政策"),
  });
  ws.columns = [{ width: 28 }, { width: 16 }, { width: 44 }];
  ws.getCell("A1").value = "考核政策（修改后各成绩表、汇总自动重算）";
  ws.getCell("A1").font = font(true, 12);
  const tiers = policy.tiers ?? DEFAULT_TIER_POLICY;
  const rows: [number, string, number | string, string][] = [
    [3, "达标分数线（以上含本数）", policy.threshold, "考核分数≥此分数计入“以上”，并按超出分数奖励"],
    [4, "分数小数位数", policy.decimals, "考核分数按此位数四舍五入"],
    [5, "计分口径", policy.scoreBasis === "percent" ? "百分制" : "原始分", "自评分数由 SafeScore 按考核表重算"],
    [6, "优秀（≥）", tiers.excellent, "等次分数线"],
    [7, "良好（≥）", tiers.good, ""],
    [8, "合格（≥）", tiers.pass, "低于合格线或被否决为不合格"],
  ];
  for (const [r, label, v, hint] of rows) {
    ws.getCell(`A${r}`).value = label;
    ws.getCell(`B${r}`).value = v;
    ws.getCell(`C${r}`).value = hint;
    styleBody(ws.getCell(`A${r}`));
    styleBody(ws.getCell(`B${r}`), "center");
    ws.getCell(`B${r}`).fill = EDIT_FILL;
    ws.getCell(`C${r}`).font = font(false, 9);
  }
  const h = SETTINGS.ratesFirstRow - 1;
  ws.getCell(`A${h}`).value = "类别";
  ws.getCell(`B${h}`).value = "每超出1分奖励（元）";
  styleHeader(ws.getRow(h), 1, 2);
  const rates = Object.entries(policy.reward.perPointAboveThreshold);
  for (let i = 0; i < rates.length + SETTINGS.spareRates; i++) {
    const r = SETTINGS.ratesFirstRow + i;
    if (i < rates.length) {
      ws.getCell(`A${r}`).value = rates[i][0];
      ws.getCell(`B${r}`).value = rates[i][1];
    }
    styleBody(ws.getCell(`A${r}`), "center");
    styleBody(ws.getCell(`B${r}`), "center");
    ws.getCell(`A${r}`).fill = EDIT_FILL;
    ws.getCell(`B${r}`).fill = EDIT_FILL;
  }
}

/** Absolute reference to a 设置 cell, for formulas on other sheets. */
const setting = (a: string): string => sheetRef(SETTINGS_SHEET, a);
function ratesRange(policy: Policy): string {
  const last = SETTINGS.ratesFirstRow + Object.keys(policy.reward.perPointAboveThreshold).length + SETTINGS.spareRates - 1;
  return sheetRef(SETTINGS_SHEET, `$A$${SETTINGS.ratesFirstRow}:$B$${last}`);
}

/** Where one group's 成绩表 put its columns, for the 汇总 formulas. */
interface RosterSheet {
  name: string;
  group: RosterGroup;
  first: number;
  last: number;
  /** An absolute range of one column over the data rows, on that sheet (for formulas elsewhere). */
  range(key: RosterKey): string;
}

/** The formulas of one data row (row `r` of a sheet whose data spans first..last). Exposed for tests. */
export function rowFormulas(r: number, first: number, last: number, policy: Policy, tier: "formula" | "capped" | "constant") {
  const c = (k: RosterKey) => `$${rosterCol(k)}${r}`;
  const col = (k: RosterKey) => `$${rosterCol(k)}$${first}:$${rosterCol(k)}$${last}`;
  const upTo = (k: RosterKey) => `$${rosterCol(k)}$${first}:$${rosterCol(k)}${r}`;
  const [score, veto, self] = [c("score"), c("veto"), c("self")];
  const above = `SUMPRODUCT(ISNUMBER(${col("score")})*(${col("score")}>${score}))`;
  const threshold = setting(SETTINGS.threshold);
  const rate = `IFERROR(VLOOKUP(${c("category")},${ratesRange(policy)},2,FALSE),0)`;
  const chain = `IF(${score}>=${setting(SETTINGS.good)},"良好",IF(${score}>=${setting(SETTINGS.pass)},"合格","不合格"))`;
  return {
    score: `IF(OR(${veto}<>"",${self}=""),"",ROUND(${self}+${c("adjust")},${setting(SETTINGS.decimals)}))`,
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
export function summaryFormulas(name: string, first: number, last: number) {
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

function addRosterSheet(wb: ExcelJS.Workbook, name: string, group: RosterGroup, policy: Policy): RosterSheet {
  const n = group.rows.length;
  const first = ROSTER_ROWS.first;
  const last = Math.max(first, first + n - 1);
  const lastCol = colLetter(ROSTER_COLUMNS.length);
  const exemptRows = group.exempt.length ? group.exempt.length + 2 : 0;
  const title = rosterTitle(group);
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 2, ySplit: ROSTER_ROWS.header, showGridLines: false }],
    pageSetup: pageSetup("landscape", `${ROSTER_ROWS.header}:${ROSTER_ROWS.header}`, `$A$1:$${lastCol}$${last + exemptRows}`),
    headerFooter: footer(title),
  });
  const widths: Partial<Record<RosterKey, number>> = {
    unit: fitWidth(group.rows.map((r) => r.unit), 12, 30),
    note: fitWidth(group.rows.map((r) => r.note), 10, 30),
    veto: fitWidth(group.rows.map((r) => (r.vetoed ? r.note : "")), 10, 30),
    file: fitWidth(group.rows.map((r) => r.file ?? ""), 10, 30),
  };
  ws.columns = ROSTER_COLUMNS.map((c) => ({ key: c.key, width: widths[c.key] ?? c.width, style: { font: font() } }));

  ws.mergeCells(`A${ROSTER_ROWS.title}:${lastCol}${ROSTER_ROWS.title}`);
  const t = ws.getCell(`A${ROSTER_ROWS.title}`);
  t.value = title;
  t.font = font(true, 16);
  t.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(ROSTER_ROWS.title).height = 28;

  const s = summaryFormulas(name, first, last);
  ws.mergeCells(`A${ROSTER_ROWS.sentence}:${lastCol}${ROSTER_ROWS.sentence}`);
  const sc = ws.getCell(`A${ROSTER_ROWS.sentence}`);
  sc.value = formula(s.sentence);
  sc.font = font(false, 11);
  sc.alignment = { horizontal: "left", vertical: "middle" };
  ws.getRow(ROSTER_ROWS.sentence).height = 20;

  const header = ws.getRow(ROSTER_ROWS.header);
  ROSTER_COLUMNS.forEach((c, i) => (header.getCell(i + 1).value = c.header));
  styleHeader(header, 1, ROSTER_COLUMNS.length);
  header.height = 30;

  const tiers = tierPlan(group, policy);
  group.rows.forEach((row, i) => {
    const r = first + i;
    const f = rowFormulas(r, first, last, policy, !tiers.formula ? "constant" : tiers.capped.has(row) ? "capped" : "formula");
    const cell = (k: RosterKey) => ws.getCell(`${rosterCol(k)}${r}`);
    cell("seq").value = formula(f.seq);
    cell("unit").value = row.unit;
    cell("category").value = row.category ?? null;
    cell("self").value = row.vetoed ? null : row.score;
    cell("adjust").value = null;
    cell("adjustReason").value = null;
    cell("veto").value = row.vetoed ? row.note || "一票否决" : null;
    cell("score").value = formula(f.score);
    cell("place").value = formula(f.place);
    cell("tier").value = f.tier === null ? zhTier(row.tier) : formula(f.tier);
    cell("reward").value = formula(f.reward);
    // A row kept out of the ranking (not vetoed) says why as a constant; otherwise 备注 follows 否决.
    cell("note").value = !row.vetoed && row.note ? row.note : formula(f.note);
    cell("problems").value = row.problems;
    cell("file").value = row.file ?? null;
    for (const c of ROSTER_COLUMNS) {
      const align = c.key === "unit" || c.key === "note" || c.key === "file" || c.key === "veto" || c.key === "adjustReason" ? "left" : "center";
      styleBody(cell(c.key), align, c.key === "note" || c.key === "veto");
    }
    for (const k of ["adjust", "adjustReason", "veto"] as const) cell(k).fill = EDIT_FILL;
    // Readers do not grow a row for wrapped text on load: give a long veto reason or note its lines.
    const lines = Math.max(
      ...(["veto", "note"] as const).map((k) => {
        const text = k === "veto" ? (row.vetoed ? row.note : "") : row.note;
        return Math.ceil(displayWidth(text) / Math.max(1, (ws.getColumn(rosterCol(k)).width ?? 10) - 2));
      }),
    );
    if (lines > 1) ws.getRow(r).height = 13.5 * lines;
    cell("adjust").dataValidation = {
      type: "decimal",
      operator: "between",
      formulae: [-1000, 1000],
      allowBlank: true,
      showErrorMessage: true,
      errorTitle: "输入有误",
      error: "调整请填数字（加分为正，减分为负），不调整留空。",
    };
  });

  if (group.exempt.length) {
    const h = last + 2;
    ws.getCell(`B${h}`).value = "免考单位";
    ws.getCell(`C${h}`).value = "免考原因";
    ws.mergeCells(`C${h}:G${h}`);
    styleHeader(ws.getRow(h), 2, 7);
    group.exempt.forEach((e, i) => {
      const r = h + 1 + i;
      ws.getCell(`B${r}`).value = e.unit;
      ws.getCell(`C${r}`).value = e.reason;
      ws.mergeCells(`C${r}:G${r}`);
      for (let c = 2; c <= 7; c++) styleBody(ws.getRow(r).getCell(c), "left", true);
    });
  }
  return { name, group, first, last, range: (k) => sheetRef(name, `$${rosterCol(k)}$${first}:$${rosterCol(k)}$${last}`) };
}

/** 汇总: per group, the figures as formulas over its 成绩表 next to SafeScore's figures at export. */
function addSummarySheet(wb: ExcelJS.Workbook, name: string, sheets: RosterSheet[]): void {
  const ws = wb.addWorksheet(name, { views: [{ showGridLines: false }], headerFooter: footer("汇总") });
  ws.columns = [{ width: 26 }, { width: 16 }, { width: 16 }];
  let r = 1;
  for (const sh of sheets) {
    const g = sh.group;
    const f = summaryFormulas(sh.name, sh.first, sh.last);
    ws.getCell(`A${r}`).value = rosterTitle(g);
    ws.getCell(`A${r}`).font = font(true, 12);
    r++;
    const sentence = ws.getCell(`A${r}`);
    ws.mergeCells(`A${r}:C${r}`);
    sentence.value = formula(f.sentence);
    sentence.alignment = { wrapText: true, vertical: "middle" };
    ws.getRow(r).height = 30;
    r++;
    ws.getRow(r).values = ["项目", "当前（公式）", "导出时"];
    styleHeader(ws.getRow(r), 1, 3);
    r++;
    const lines: [string, string, number | string | null][] = [
      ["被考核单位数", f.units, g.summary.units],
      ["达标（分数线以上）单位数", f.atOrAbove, g.summary.atOrAbove],
      ["达标占比（%）", f.share, g.summary.share],
      ...(["excellent", "good", "pass", "fail"] as const).map((t): [string, string, number] => [`${TIER_LABELS[t].zh}`, f.tier(t), g.summary.tiers[t] ?? 0]),
      ["一票否决", f.vetoed, g.rows.filter((x) => x.vetoed).length],
      ["平均分", f.mean, g.summary.mean],
      ["中位数", f.median, g.summary.median],
      ["奖励合计（元）", f.totalReward, g.summary.totalReward],
    ];
    for (const [label, fm, was] of lines) {
      ws.getCell(`A${r}`).value = label;
      ws.getCell(`B${r}`).value = formula(fm);
      ws.getCell(`C${r}`).value = was;
      styleBody(ws.getCell(`A${r}`));
      styleBody(ws.getCell(`B${r}`), "center");
      styleBody(ws.getCell(`C${r}`), "center");
      r++;
    }
    ws.getCell(`A${r}`).value = "免考单位数";
    ws.getCell(`B${r}`).value = g.exempt.length;
    ws.getCell(`C${r}`).value = g.exempt.length;
    for (const c of ["A", "B", "C"]) styleBody(ws.getCell(`${c}${r}`), c === "A" ? "left" : "center");
    r += 3;
  }
  ws.pageSetup = { ...pageSetup("portrait", "1:1", `$A$1:$C$${Math.max(1, r - 3)}`) } as ExcelJS.PageSetup;
}

function addProblemsSheet(wb: ExcelJS.Workbook, name: string, c: Consolidation): void {
  const last = Math.max(2, c.problems.length + 1);
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", ySplit: 1, showGridLines: false }],
    pageSetup: pageSetup("landscape", "1:1", `$A$1:$E$${last}`),
    headerFooter: footer("问题清单"),
  });
  ws.columns = [
    { width: 6 },
    { width: 14 },
    { width: fitWidth(c.problems.map((p) => p.file ?? ""), 16, 40) },
    { width: fitWidth(c.problems.map((p) => p.unit ?? ""), 12, 28) },
    { width: 60 },
  ];
  ws.getRow(1).values = ["序号", "问题类型", "文件", "单位", "说明"];
  styleHeader(ws.getRow(1), 1, 5);
  c.problems.forEach((p, i) => {
    const row = ws.getRow(i + 2);
    row.getCell(1).value = i + 1;
    row.getCell(2).value = PROBLEM_LABELS[p.kind] ?? p.kind;
    row.getCell(3).value = p.file ?? null;
    row.getCell(4).value = p.unit ?? null;
    row.getCell(5).value = p.message;
    for (let k = 1; k <= 5; k++) styleBody(row.getCell(k), k === 1 || k === 2 ? "center" : "left", k >= 3);
  });
  if (c.problems.length === 0) ws.getCell("C2").value = "（无）";
}

function addDeductionsSheet(wb: ExcelJS.Workbook, name: string, group: RosterGroup): void {
  const m = group.deductions;
  const nCols = m.items.length + 2;
  const lastCol = colLetter(nCols);
  const first = 3;
  const totalRow = first + m.rows.length;
  const wide = m.items.length > 20;
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 1, ySplit: 2, showGridLines: false }],
    pageSetup: { ...pageSetup("landscape", "2:2", `$A$1:$${lastCol}$${totalRow}`, wide ? 0 : 1), ...(wide ? { printTitlesColumn: "A:A" } : {}) },
    headerFooter: footer(`扣分明细 ${group.rubric.title}`),
  });
  ws.columns = [{ width: fitWidth(m.rows.map((r) => r.unit), 12, 30) }, ...m.items.map(() => ({ width: 9 })), { width: 8 }];
  ws.getCell("A1").value = `扣分明细（${rosterTitle(group)}）：各单位在各项目上的扣分`;
  ws.getCell("A1").font = font(true, 12);
  const header = ws.getRow(2);
  header.getCell(1).value = "单位";
  m.items.forEach((it, i) => (header.getCell(i + 2).value = `${it.label} ${it.title}${it.max === null ? "" : `（${it.max}分）`}`));
  header.getCell(nCols).value = "合计";
  styleHeader(header, 1, nCols);
  header.height = 60;
  m.rows.forEach((r, i) => {
    const row = ws.getRow(first + i);
    row.getCell(1).value = r.unit;
    styleBody(row.getCell(1));
    r.deductions.forEach((d, j) => {
      row.getCell(j + 2).value = d;
      styleBody(row.getCell(j + 2), "center");
    });
    row.getCell(nCols).value = formula(m.items.length ? `SUM(B${first + i}:${colLetter(nCols - 1)}${first + i})` : "0");
    styleBody(row.getCell(nCols), "center");
  });
  const total = ws.getRow(totalRow);
  total.getCell(1).value = "合计";
  for (let k = 2; k <= nCols; k++) {
    const L = colLetter(k);
    total.getCell(k).value = formula(m.rows.length ? `SUM(${L}${first}:${L}${totalRow - 1})` : "0");
  }
  for (let k = 1; k <= nCols; k++) {
    styleBody(total.getCell(k), k === 1 ? "left" : "center");
    total.getCell(k).font = font(true);
  }
}

/** The short 成绩表 name for a group: the rubric title without its trailing 表 words, + 成绩表, at most 31 characters. */
function rosterSheetBase(group: RosterGroup): string {
  const stem = rosterTitle(group).replace(/考核成绩表$/, "");
  const suffix = "成绩表";
  return [...stem].slice(0, SHEET_NAME_MAX - suffix.length - 4).join("") + suffix;
}

/** The roster as a live .xlsx for the review meeting. */
export async function rosterToXlsx(c: Consolidation): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "SafeScore";
  wb.created = new Date(0);
  wb.modified = new Date(0);
  // No cached results are written: every reader recalculates on open.
  wb.calcProperties.fullCalcOnLoad = true;
  const taken = new Set<string>([SETTINGS_SHEET]);
  const take = (base: string) => {
    const n = uniqueSheetName(taken, base);
    taken.add(n);
    return n;
  };
  const names = c.groups.map((g) => take(rosterSheetBase(g)));
  const sheets = c.groups.map((g, i) => addRosterSheet(wb, names[i], g, c.policy));
  addSummarySheet(wb, take("汇总"), sheets);
  addProblemsSheet(wb, take("问题清单"), c);
  c.groups.forEach((g, i) => addDeductionsSheet(wb, take(`扣分明细-${names[i].replace(/成绩表$/, "")}`), g));
  addSettings(wb, c.policy);
  // 设置 is written last (so the 成绩表 opens first) but formulas reach it by name, not position.
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
