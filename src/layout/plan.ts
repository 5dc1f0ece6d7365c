/**
 * plan(rubric, variant, unit) → the official self-assessment sheet as plain data (see types.ts).
 *
 * One row per clause; an item's number, text, points, score and note are merged over its clause rows.
 * Every computed cell is a formula that reproduces `score()` exactly: clause values are rounded to
 * hundredths, item/section/total sums are rounded again, and the percent is computed from whole
 * hundredths so that half-way cases round up in every spreadsheet application. Formulas use only
 * functions that Excel, WPS, LibreOffice and HyperFormula evaluate alike (IF, AND, OR, MIN, MAX, SUM,
 * ROUND, INT, ISNUMBER, LEN, TRIM, COUNTIF without wildcards, TRUE(), FALSE(); and since sheet format 2
 * ISLOGICAL, ISFORMULA — Excel 2013+, `_xlfn.ISFORMULA` in a file —, SUBSTITUTE, CHAR(9/10/13), FIND).
 * How an entry is read (what is ticked, blank, a valid count) is the sheet format's: entries.ts builds
 * those formulas, and the reader of that format reads the same way. options.format picks the format
 * (the current one by default); format 1 is frozen, character for character.
 */
import type { Clause, Item, Penalty, Rubric, Section } from "../rubric/schema";
import { isCountedKind, isEarningItem, sectionScoring, selfAssessableMaxH, toH } from "../rubric/model";
import { fingerprint } from "../rubric/fingerprint";
import { clauseAmountLimit, discretionaryLimit, penaltyAmountLimit, sectionsFor } from "../scoring/score";
import { MAX_COUNT } from "../scoring/inputs";
import { DEFAULT_TIER_POLICY, TIER_LABELS } from "../scoring/tiers";
import type { TierPolicy } from "../scoring/types";
import { addr, colLetter } from "./a1";
import { STYLES } from "./styles";
import { metaRows } from "./format";
import { printSetup, sheetNameFor, withValidationTexts, type ValidationRule } from "./print";
import { CURRENT_FORMAT, entryRules, type SheetFormat } from "./entries";
import {
  ID_OWNER, META_SHEET, type CellValue, type ColumnKey, type ColumnSpec, type LayoutMap, type PlannedCell,
  type MappedClause, type PlannedRow, type RowKind, type SheetPlan, type StyleName,
} from "./types";

export interface PlanOptions {
  /** Sheet name; defaults to 自评表 (巡查表 for a checklist). */
  sheetName?: string;
  /** Sheet protection without a password (inputs unlocked); on by default. */
  protect?: boolean;
  tiers?: TierPolicy;
  /** The sheet format (how entries are read, see entries.ts); the current one by default. Old formats stay buildable, unchanged. */
  format?: SheetFormat;
}

const HEADER_ROW = 3;
const FIRST_BODY_ROW = HEADER_ROW + 1;


/** Status text and flag count from a list of [condition, message] pairs. */
function statusFormulas(conds: [string, string][]): { text: string; count: string } {
  if (!conds.length) return { text: `""`, count: "0" };
  return {
    text: conds.map(([c, m]) => `IF(${c},"${m}；","")`).join("&"),
    count: conds.map(([c]) => `IF(${c},1,0)`).join("+"),
  };
}

/** Display width of text in spreadsheet character units (CJK counts double). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}
const linesFor = (s: string | undefined, width: number) =>
  !s ? 1 : s.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / Math.max(4, width - 1))), 0);

function columnsFor(rubric: Rubric, sections: Section[]): ColumnSpec[] {
  const items = sections.flatMap((s) => s.items ?? []);
  const hasChecks = sections.some((s) => s.checks?.length);
  const hasItems = items.length > 0;
  const cols: ColumnSpec[] = [
    { key: "label", header: "序号", width: 6 },
    { key: "item", header: rubric.columns?.item ?? (hasChecks && !hasItems ? "巡查要点" : "考核内容"), width: 34 },
  ];
  if (hasItems) cols.push({ key: "points", header: "分值", width: 7 });
  cols.push({ key: "clause", header: rubric.columns?.scoring ?? (hasItems ? "评分标准" : "说明"), width: hasItems ? 40 : 12 });
  if (items.some((i) => i.guidance)) cols.push({ key: "guidance", header: rubric.columns?.guidance ?? "考核方式", width: 30 });
  cols.push({ key: "tick", header: hasItems ? "扣分/未落实（勾选）" : "是否落实（是/否/不适用）", width: hasItems ? 10 : 14 });
  if (hasItems) {
    cols.push({ key: "count", header: "次数/扣分值", width: 10 });
    cols.push({ key: "value", header: "本条扣分/得分", width: 9 });
    cols.push({ key: "score", header: rubric.columns?.score ?? "得分", width: 9 });
  }
  cols.push({ key: "note", header: rubric.columns?.note ?? "自评情况/佐证材料", width: 32 });
  if (items.some((i) => i.responsible) || rubric.penalties?.some((p) => p.responsible)) {
    cols.push({ key: "responsible", header: rubric.columns?.responsible ?? "责任单位", width: 14 });
  }
  cols.push({ key: "status", header: "状态", width: 18 });
  cols.push({ key: "flags", header: "问题数", width: 6, hidden: true });
  cols.push({ key: "id", header: "编号", width: 14, hidden: true });
  return cols;
}

export function plan(rubric: Rubric, variant?: string, unit?: string, options: PlanOptions = {}): SheetPlan {
  const format = options.format ?? CURRENT_FORMAT;
  /** Formulas for reading entries, as this format's reader reads them (entries.ts). */
  const { ticked: tickedFormula, unticked: untickedFormula, blank: blankFormula, countValid, amountValid, text: textOf, number: isNumber } = entryRules(format).formulas;
  /** A valid zero or blank entry (for "ticked but nothing entered"). */
  const zeroOrBlank = (ref: string) => `OR(${blankFormula(ref)},IF(${isNumber(ref)},${ref}=0,FALSE()))`;
  const sections = sectionsFor(rubric, variant);
  const policy = options.tiers ?? rubric.tiers ?? DEFAULT_TIER_POLICY;
  const columns = columnsFor(rubric, sections);
  const colIndex = new Map(columns.map((c, i) => [c.key, i + 1] as const));
  const has = (k: ColumnKey) => colIndex.has(k);
  const col = (k: ColumnKey) => {
    const c = colIndex.get(k);
    if (!c) throw new Error(`plan: no column ${k}`);
    return c;
  };
  const ref = (k: ColumnKey, row: number) => addr(col(k), row);
  const visible = columns.filter((c) => !c.hidden).length;
  const lastVisible = colLetter(visible);

  const cells: PlannedCell[] = [];
  const merges: string[] = [];
  const validations: ValidationRule[] = [];
  const rows: PlannedRow[] = [];
  const put = (a: string, s: StyleName, v?: CellValue, extra: Partial<PlannedCell> = {}) => cells.push({ a, s, ...(v === undefined ? {} : { v }), ...extra });
  const formula = (a: string, s: StyleName, f: string, extra: Partial<PlannedCell> = {}) => cells.push({ a, s, f, ...extra });
  const merge = (a: string, b: string) => {
    if (a !== b) merges.push(`${a}:${b}`);
  };
  const markRow = (row: number, kind: RowKind, id: string, height?: number, owner?: string) => {
    rows.push({ row, kind, id, ...(height ? { height } : {}) });
    put(ref("id", row), "id", `${kind}:${id}${owner ? ID_OWNER + owner : ""}`);
  };
  /** Fills the bordered cells of a row that nothing else writes, so the printed grid is whole. */
  const borderRow = (row: number, from: number, to: number, s: StyleName = "text") => {
    const taken = new Set(cells.filter((c) => c.a.replace(/[A-Z]+/, "") === String(row)).map((c) => c.a));
    for (let c = from; c <= to; c++) if (!taken.has(addr(c, row))) put(addr(c, row), s);
  };

  const map: LayoutMap = {
    columns: Object.fromEntries(columns.map((c, i) => [c.key, colLetter(i + 1)])),
    fields: {}, items: [], penalties: [], checks: [], sections: [], vetoes: [],
    totalCell: null, percentCell: null, tierCell: null, vetoCell: null, flagCountCell: "",
  };
  const fieldRefs: string[] = [];

  // Title and header fields.
  const sheetName = options.sheetName ?? sheetNameFor(rubric, variant);
  put("A1", "title", rubric.title);
  merge("A1", `${lastVisible}1`);
  markRow(1, "title", "title", 30);
  const fieldRow = (row: number, fields: Rubric["fields"]["header"], kind: RowKind) => {
    if (!fields.length) return;
    const span = Math.floor(visible / fields.length);
    fields.forEach((f, k) => {
      const start = 1 + k * span;
      const end = k === fields.length - 1 ? visible : start + span - 1;
      put(addr(start, row), "fieldLabel", `${f.label}：`);
      const input = addr(start + 1, row);
      put(input, "field", f.id === "unitName" && unit ? unit : null);
      for (let c = start + 2; c <= end; c++) put(addr(c, row), "field");
      merge(input, addr(end, row));
      map.fields[f.id] = input;
      if (f.required) fieldRefs.push(input);
    });
    markRow(row, kind, kind, 24);
  };
  fieldRow(2, rubric.fields.header, "fields");
  columns.forEach((c, i) => put(addr(i + 1, HEADER_ROW), "header", c.header));
  rows.push({ row: HEADER_ROW, kind: "header", id: "header", height: 32 });

  let row = FIRST_BODY_ROW;
  const flagRows: number[] = [];
  const sectionScoreExprs: string[] = [];
  const tickCells: string[] = [];

  /** Writes one item (or penalty) block; returns its score/deduction cell. */
  const writeItem = (section: Section | null, item: Item | Penalty, isPenalty: boolean): string => {
    const clauses = item.clauses as Clause[];
    const n = Math.max(1, clauses.length);
    const first = row;
    const last = row + n - 1;
    const scoredAbove = !isPenalty && Boolean((item as Item).scoredAbove);
    const points = isPenalty ? undefined : (item as Item).points;
    const mode = isPenalty ? "deduct" : sectionScoring(section!);
    const earning = !isPenalty && isEarningItem(item as Item);
    const itemLimit = isPenalty ? penaltyAmountLimit(item as Penalty) : discretionaryLimit(section!, item as Item);

    put(ref("label", first), "label", item.label);
    put(ref("item", first), "text", item.text);
    if (has("points")) put(ref("points", first), "points", points ?? null);
    if (has("guidance")) put(ref("guidance", first), "text", item.guidance ?? null);
    put(ref("note", first), "note", null);
    if (has("responsible")) put(ref("responsible", first), "text", item.responsible ?? null);
    for (const k of ["label", "item", "points", "guidance", "note", "responsible", "score"] as ColumnKey[]) {
      if (has(k)) merge(ref(k, first), ref(k, last));
    }

    const valueRange = `${ref("value", first)}:${ref("value", last)}`;
    const lossParts: string[] = [];
    const bonusParts: string[] = [];
    const clauseMaps: MappedClause[] = [];

    for (let k = 0; k < n; k++) {
      const r = first + k;
      const c = clauses[k];
      const E = ref("tick", r);
      const F = ref("count", r);
      const G = ref("value", r);
      const conds: [string, string][] = [];
      if (!c) {
        put(ref("clause", r), "text", null);
        put(E, "computed", null);
        put(F, "computed", null);
        put(G, "computed", null);
        markRow(r, "item", item.id);
      } else {
        put(ref("clause", r), "text", c.text);
        const counts = isCountedKind(c.kind) || c.kind === "discretionary";
        if (scoredAbove) {
          put(E, "computed", null);
          put(F, "computed", null);
          put(G, "computed", null);
          conds.push([`OR(NOT(${untickedFormula(E)}),NOT(${blankFormula(F)}))`, "上级直接评分，不能自评"]);
        } else {
          put(E, "tick", null);
          put(F, counts ? "count" : "computed", null, counts ? { numFmt: c.kind === "discretionary" ? `0.##"分"` : `0"${"unit" in c ? c.unit : ""}"` } : {});
          tickCells.push(E);
          const ticked = tickedFormula(E);
          conds.push([`NOT(OR(${ticked},${untickedFormula(E)}))`, "勾选栏无效"]);
          switch (c.kind) {
            case "fixed":
              formula(G, "computed", `IF(${ticked},${c.amount},0)`);
              conds.push([`NOT(${blankFormula(F)})`, "此条按勾选扣分，不填次数"]);
              lossParts.push(`${G}>0`);
              break;
            case "award":
              formula(G, "computed", `IF(${ticked},0,${c.amount})`);
              conds.push([`NOT(${blankFormula(F)})`, "此条按勾选计分，不填次数"]);
              lossParts.push(ticked);
              break;
            case "counted":
            case "bonus": {
              const product = c.cap !== undefined ? `MIN(${F}*${c.amount},${c.cap})` : `${F}*${c.amount}`;
              formula(G, "computed", `IF(${countValid(F)},ROUND(${product},2),0)`);
              conds.push([`AND(NOT(${blankFormula(F)}),NOT(${countValid(F)}))`, "次数须为不小于0的整数"]);
              conds.push([`AND(${ticked},${zeroOrBlank(F)})`, "已勾选但未填次数"]);
              (c.kind === "bonus" ? bonusParts : lossParts).push(`${G}>0`);
              validations.push({ range: F, type: "whole", min: 0, max: MAX_COUNT, prompt: `填写${"unit" in c ? c.unit : ""}数（不小于0的整数）`, error: "次数须为不小于0的整数" });
              break;
            }
            case "discretionary": {
              const max = clauseAmountLimit(c, itemLimit);
              formula(G, "computed", `IF(${amountValid(F, max)},${F},0)`);
              conds.push([`AND(NOT(${blankFormula(F)}),NOT(${amountValid(F, max)}))`, `扣分须为0到${max}之间、最多两位小数`]);
              conds.push([`AND(${ticked},${zeroOrBlank(F)})`, "已勾选但未填扣分"]);
              lossParts.push(`${G}>0`);
              validations.push({ range: F, type: "decimal", min: 0, max, prompt: "酌情扣分：填写扣分值，并在自评情况中说明", error: `扣分须为0到${max}之间的数字` });
              break;
            }
          }
        }
        markRow(r, "clause", c.id, undefined, item.id);
        clauseMaps.push({
          id: c.id, text: c.text, kind: c.kind,
          amount: "amount" in c ? c.amount : null, cap: "cap" in c && c.cap !== undefined ? c.cap : null,
          unit: "unit" in c ? c.unit : null, inputCell: E, countCell: counts ? F : null, valueCell: G, row: r,
        });
      }
      // The item's own flags (its note) sit on its first row; built once every clause row is known.
      if (k === 0 && !scoredAbove) {
        const noteBlank = blankFormula(ref("note", first));
        itemNoteConds.set(r, () => {
          const loss = lossParts.length ? `OR(${lossParts.join(",")})` : "FALSE()";
          const claims = rubric.evidence.required && !isPenalty ? "TRUE()" : bonusParts.length ? `OR(${bonusParts.join(",")})` : "FALSE()";
          return [
            [`AND(${noteBlank},${loss})`, "有扣分或未落实项，未说明情况"],
            [`AND(${noteBlank},NOT(${loss}),${claims})`, "缺少自评情况"],
          ];
        });
      }
      rowConds.set(r, conds);
      const textLines = Math.max(linesFor(c?.text, 40), Math.ceil(linesFor(item.text, 34) / n), Math.ceil(linesFor(item.guidance, 30) / n));
      rows[rows.length - 1].height = Math.min(409, 4 + 15 * textLines);
    }

    // Item score (or deduction for deduct sections and penalties).
    const S = ref("score", first);
    const P = points ?? 0;
    const cap = (item as Item).cap;
    if (scoredAbove) {
      put(S, "computed", `由${(item as Item).scoredAbove!.by}评分`);
    } else if (mode === "deduct") {
      const capped = cap !== undefined ? `MIN(${cap},SUM(${valueRange}))` : `SUM(${valueRange})`;
      formula(S, "computed", `ROUND(-${capped},2)`);
    } else if (earning) {
      formula(S, "computed", `ROUND(MIN(${P},SUM(${valueRange})),2)`);
    } else {
      const capArg = cap !== undefined ? `${cap},` : "";
      formula(S, "computed", `ROUND(${P}-MIN(${P},${capArg}SUM(${valueRange})),2)`);
    }
    for (let r = first; r <= last; r++) flagRows.push(r);
    (isPenalty ? map.penalties : map.items).push({
      id: item.id, sectionId: section?.id ?? null, label: item.label, title: item.text, max: points ?? null,
      scoreCell: S, noteCell: ref("note", first), statusCell: ref("status", first), scoredAbove, clauses: clauseMaps,
    });
    row = last + 1;
    return S;
  };

  /** A full-width heading row (a section, the penalties, the vetoes). */
  const bandRow = (label: string | null, title: string, kind: RowKind, id: string, height: number) => {
    put(addr(1, row), "section", label);
    put(addr(2, row), "section", title);
    for (let c = 3; c <= visible; c++) put(addr(c, row), "section");
    merge(addr(2, row), addr(visible, row));
    markRow(row, kind, id, height);
    row++;
  };

  const rowConds = new Map<number, [string, string][]>();
  const itemNoteConds = new Map<number, () => [string, string][]>();

  for (const section of sections) {
    const items = section.items ?? [];
    const checks = section.checks ?? [];
    const pointsText = section.points !== undefined && items.length ? `（${section.points}分）` : "";
    if (!section.implicit) {
      bandRow(section.label || null, `${section.group ? section.group + " · " : ""}${section.title}${pointsText}`, "section", section.id, Math.min(409, 6 + 15 * linesFor(section.title, 150)));
    }
    if (items.length) {
      const firstItemRow = row;
      for (const item of items) writeItem(section, item, false);
      const scoreRange = `${ref("score", firstItemRow)}:${ref("score", row - 1)}`;
      const P = section.points ?? 0;
      const expr = sectionScoring(section) === "deduct" ? `ROUND(MAX(0,${P}+SUM(${scoreRange})),2)` : `ROUND(MIN(${P},SUM(${scoreRange})),2)`;
      if (section.implicit) {
        sectionScoreExprs.push(expr);
        map.sections.push({ id: section.id, title: section.title, max: P, scoreCell: null });
      } else {
        put(ref("label", row), "section", null);
        put(ref("item", row), "totalLabel", `小计（${section.title.length > 24 ? section.title.slice(0, 24) + "…" : section.title}）`);
        merge(ref("item", row), ref("value", row));
        formula(ref("score", row), "total", expr);
        borderRow(row, 1, visible, "section");
        markRow(row, "subtotal", section.id, 20);
        sectionScoreExprs.push(ref("score", row));
        map.sections.push({ id: section.id, title: section.title, max: P, scoreCell: ref("score", row) });
        row++;
      }
    }
    for (const check of checks) {
      const E = ref("tick", row);
      const N = ref("note", row);
      put(ref("label", row), "label", check.label);
      put(ref("item", row), "text", check.text);
      merge(ref("item", row), ref("clause", row));
      put(E, "tick", null);
      put(N, "note", null);
      if (has("responsible")) put(ref("responsible", row), "text", null);
      const answer = (a: string) => `${textOf(E)}="${a}"`;
      rowConds.set(row, [
        [blankFormula(E), "未作答"],
        [`AND(NOT(${blankFormula(E)}),NOT(OR(${answer("是")},${answer("否")},${answer("不适用")})))`, "只能填是、否或不适用"],
        [`AND(${answer("否")},${blankFormula(N)})`, "答“否”须说明情况"],
      ]);
      validations.push({ range: E, type: "list", list: ["是", "否", "不适用"], prompt: "填写：是 / 否 / 不适用", error: "只能填“是”“否”或“不适用”" });
      markRow(row, "check", check.id, Math.min(409, 4 + 15 * linesFor(check.text, 60)));
      map.checks.push({ id: check.id, label: check.label, text: check.text, answerCell: E, noteCell: N, statusCell: ref("status", row) });
      flagRows.push(row);
      row++;
    }
  }

  // Penalty items (减分项), outside every section.
  const penaltyCells: string[] = [];
  if (rubric.penalties?.length) {
    bandRow(null, "减分项（从总分中扣除）", "penalty-header", "penalties", 20);
    for (const p of rubric.penalties) penaltyCells.push(writeItem(null, p, true));
  }

  // Vetoes.
  const failSum: string[] = [];
  const neSum: string[] = [];
  if (rubric.vetoes?.length) {
    bandRow(null, "否决项（发生所列情形的，在勾选栏勾选）", "veto-header", "vetoes", 20);
    for (const v of rubric.vetoes) {
      const E = ref("tick", row);
      put(ref("label", row), "label", v.effect === "fail" ? "一票否决" : "优秀否决");
      put(ref("item", row), "text", v.text);
      merge(ref("item", row), addr(col("tick") - 1, row));
      put(E, "tick", null);
      borderRow(row, col("tick") + 1, visible);
      const ticked = tickedFormula(E);
      (v.effect === "fail" ? failSum : neSum).push(`IF(${ticked},1,0)`);
      rowConds.set(row, [[`NOT(OR(${ticked},${untickedFormula(E)}))`, "勾选栏无效"]]);
      markRow(row, "veto", v.id, Math.min(409, 4 + 15 * linesFor(v.text, 60)));
      map.vetoes.push({ id: v.id, text: v.text, effect: v.effect, inputCell: E, statusCell: ref("status", row) });
      flagRows.push(row);
      row++;
    }
  }

  // Status and flag-count formulas, now that every row's conditions are known.
  for (const r of flagRows) {
    const conds = [...(itemNoteConds.get(r)?.() ?? []), ...(rowConds.get(r) ?? [])];
    const s = statusFormulas(conds);
    formula(ref("status", r), "status", s.text);
    formula(ref("flags", r), "id", s.count);
  }

  // Totals.
  const scored = map.items.length > 0;
  const totalRow = (label: string, kind: string, value: { f?: string; v?: CellValue }, numFmt?: string): string => {
    put(ref("item", row), "totalLabel", label);
    merge(ref("item", row), ref(scored ? "value" : "clause", row));
    const cellAddr = ref(scored ? "score" : "tick", row);
    if (value.f !== undefined) formula(cellAddr, "total", value.f, numFmt ? { numFmt } : {});
    else put(cellAddr, "total", value.v ?? null, numFmt ? { numFmt } : {});
    borderRow(row, 1, visible, "totalLabel");
    markRow(row, "total", kind, 22);
    row++;
    return cellAddr;
  };
  const fails = failSum.length ? failSum.join("+") : "0";
  const nes = neSum.length ? neSum.join("+") : "0";
  if (scored) {
    const subtotal = totalRow("各考核项得分合计", "subtotal", { f: `ROUND(${sectionScoreExprs.join("+")},2)` });
    let penalty = "0";
    if (penaltyCells.length) penalty = totalRow("减分项扣分", "penalties", { f: `ROUND(-(${penaltyCells.join("+")}),2)` });
    const total = totalRow("总分", "total", { f: `ROUND(MAX(0,${subtotal}-${penalty}),2)` });
    const maxH = map.sections.reduce((s, x) => s + toH(x.max), 0);
    const selfMaxH = sections.filter((s) => s.items?.length).reduce((acc, s) => acc + selfAssessableMaxH(s), 0);
    totalRow("满分", "max", { v: maxH / 100 });
    if (selfMaxH !== maxH) totalRow("可自评满分（不含上级直接评分项）", "selfMax", { v: selfMaxH / 100 });
    const percent = totalRow(rubric.percentScale ? "百分制得分" : "得分率（百分制）", "percent", {
      f: selfMaxH > 0 ? `ROUND(ROUND(${total}*100,0)*10000/${selfMaxH},0)/100` : `""`,
    });
    const vetoCell = totalRow("否决情况", "veto", { f: `IF(${fails}>0,"一票否决",IF(${nes}>0,"优秀否决","无"))` });
    // Thresholds are visible (and locked) beside the tier so that the policy in force is printed.
    const tierRow = row;
    const thr = (k: "excellent" | "good" | "pass", key: ColumnKey) => {
      put(ref(key, tierRow), "total", policy[k], { numFmt: `"${TIER_LABELS[k].zh}≥"0.##` });
      return ref(key, tierRow);
    };
    put(ref("label", tierRow), "totalLabel", null);
    put(ref("item", tierRow), "totalLabel", "考核等次（等次标准：得分率）");
    merge(ref("item", tierRow), ref("clause", tierRow));
    const [ex, gd, ps] = [thr("excellent", "tick"), thr("good", "count"), thr("pass", "value")];
    const tier = ref("score", tierRow);
    formula(
      tier,
      "total",
      `IF(${fails}>0,"不合格",IF(${percent}="","",IF(AND(${percent}>=${ex},${nes}=0),"优秀",IF(${percent}>=${gd},"良好",IF(${percent}>=${ps},"合格","不合格")))))`,
    );
    borderRow(tierRow, 1, visible, "totalLabel");
    markRow(tierRow, "total", "tier", 22);
    row++;
    Object.assign(map, { totalCell: total, percentCell: percent, tierCell: tier, vetoCell });
  } else {
    const first = FIRST_BODY_ROW;
    const answers = `${ref("tick", first)}:${ref("tick", row - 1)}`;
    for (const a of ["是", "否", "不适用"]) totalRow(`答“${a}”的要点数`, `count-${a}`, { f: `COUNTIF(${answers},"${a}")` });
  }
  // Footer fields sit one blank row below the flag count, which counts them too.
  const footerRow = row + 2;
  fieldRow(footerRow, rubric.fields.footer, "footer");
  const fieldFlags = fieldRefs.map((f) => `IF(${blankFormula(f)},1,0)`);
  map.flagCountCell = totalRow("待处理问题（见状态栏）", "flags", {
    f: `SUM(${ref("flags", FIRST_BODY_ROW)}:${ref("flags", row - 1)})${fieldFlags.length ? "+" + fieldFlags.join("+") : ""}`,
  });
  const lastRow = rubric.fields.footer.length ? footerRow : row - 1;

  const fp = fingerprint(rubric);
  const meta = metaRows({ format, rubric: { id: rubric.id, version: rubric.version, fingerprint: fp }, variant, unit, sheet: sheetName, columns: map.columns });
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
    cells,
    merges,
    validations: withValidationTexts(validations),
    rows: rows.sort((a, b) => a.row - b.row),
    styles: STYLES,
    print: printSetup({ rubric, unit, columns, lastRow, titleRows: [1, HEADER_ROW] }),
    freezeRow: HEADER_ROW,
    protect: options.protect ?? true,
    meta,
    map,
    lastRow,
    lastCol: columns.length,
  };
}

export { META_SHEET };
