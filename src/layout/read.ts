/**
 * readWorkbook(grid) → responses: the inverse of plan + fill. Finds the workbook's identity in its
 * veryHidden metadata sheet, rebuilds the expected plan from the same rubric, locates every row by the
 * hidden id column (so inserted or sorted rows do not matter), reads the entries, and reports damage and
 * tampering with cells: changed text or points, formulas replaced by values, deleted rows.
 */
import type { Rubric } from "../rubric/schema";
import { fingerprint } from "../rubric/fingerprint";
import { TierThresholdsSchema } from "../rubric/schema";
import type { Flag, InputValue, Responses, TierPolicy } from "../scoring/types";
import { sheetTrim } from "../scoring/inputs";
import { parseAddr, colLetter } from "./a1";
import type { GridCell, SheetGrid, WorkbookGrid } from "./grid";
import { plan as buildPlan } from "./plan";
import { readTickValue } from "./ticks";
import { ID_OWNER, META_SHEET, PLAN_VERSION, type CellValue, type LayoutMap, type SheetPlan } from "./types";

/** The file cannot be read as a SafeScore workbook at all. */
export class WorkbookError extends Error {
  constructor(
    readonly reason: "not-xlsx" | "encrypted" | "old-format" | "damaged" | "not-safescore" | "unknown-rubric" | "rubric-version",
    message: string,
  ) {
    super(message);
    this.name = "WorkbookError";
  }
}

export interface ReadProblem {
  kind: "deleted-row" | "changed-text" | "changed-points" | "formula-replaced" | "formula-changed" | "duplicate-row";
  /** Sheet!A1, or null for a row that is gone. */
  cell: string | null;
  message: string;
  messageEn: string;
}

export interface ReadResult {
  rubric: Rubric;
  variant: string | undefined;
  unit: string | undefined;
  tiers: TierPolicy | undefined;
  sheetName: string;
  /** The plan the workbook was made from (addresses as generated). */
  plan: SheetPlan;
  /** The layout with addresses where the rows are now. */
  map: LayoutMap;
  responses: Responses;
  problems: ReadProblem[];
}

function metaOf(sheet: SheetGrid): Map<string, string> {
  const out = new Map<string, string>();
  for (const [a, cell] of sheet.cells) {
    const { col, row } = parseAddr(a);
    if (col !== 1 || cell.value === null) continue;
    const v = sheet.cells.get(`B${row}`)?.value;
    out.set(String(cell.value), v === null || v === undefined ? "" : String(v));
  }
  return out;
}

const cellText = (v: CellValue | undefined): string => (v === null || v === undefined ? "" : String(v));
const short = (s: string, n = 16) => (s.length > n ? s.slice(0, n) + "…" : s);

/** A value as the engine should see it: blanks become undefined, everything else is passed on as typed. */
function entry(cell: GridCell | undefined): InputValue {
  const v = cell?.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === "string" && sheetTrim(v) === "") return undefined;
  return v;
}

/** A tick as the engine should see it; marks people type (√, 是, x, 1) become true, invalid text stays as typed. */
function tickEntry(cell: GridCell | undefined): InputValue {
  const v = entry(cell);
  const t = readTickValue(v);
  return t === "ticked" ? true : t === "unticked" ? (v === undefined ? undefined : false) : v;
}

const normaliseFormula = (f: string) => f.replace(/^=/, "").replace(/\s+/g, "").toUpperCase();

export function readWorkbook(grid: WorkbookGrid, findRubric: (id: string) => Rubric | undefined): ReadResult {
  const metaSheet = grid.sheets.find((s) => s.name === META_SHEET);
  if (!metaSheet) {
    throw new WorkbookError("not-safescore", `不是 SafeScore 生成的自评表（缺少隐藏的标识工作表 ${META_SHEET}） / not a SafeScore workbook: no ${META_SHEET} sheet`);
  }
  const meta = metaOf(metaSheet);
  if (meta.get("format") !== "safescore-sheet") throw new WorkbookError("damaged", `标识工作表 ${META_SHEET} 已损坏 / the ${META_SHEET} sheet is damaged`);
  const planVersion = Number(meta.get("planVersion"));
  if (!(planVersion >= 1 && planVersion <= PLAN_VERSION)) {
    throw new WorkbookError("damaged", `自评表版本 ${meta.get("planVersion")} 不受支持，请升级 SafeScore / unsupported sheet version ${meta.get("planVersion")}`);
  }
  const rubricId = meta.get("rubricId") ?? "";
  const rubric = findRubric(rubricId);
  if (!rubric) throw new WorkbookError("unknown-rubric", `工作簿由未知的考核细则“${rubricId}”生成 / made from an unknown rubric "${rubricId}"`);
  if (fingerprint(rubric) !== meta.get("fingerprint")) {
    throw new WorkbookError(
      "rubric-version",
      `工作簿由考核细则 ${rubricId} 的 ${meta.get("rubricVersion")} 版生成，与本程序所含的 ${rubric.version} 版计分内容不同，请用新版模板重新填报 / made from rubric ${rubricId} version ${meta.get("rubricVersion")}, whose scoring differs from the shipped version ${rubric.version}`,
    );
  }
  const variant = meta.get("variant") || undefined;
  const unit = meta.get("unit") || undefined;
  let tiers: TierPolicy | undefined;
  try {
    const parsed = TierThresholdsSchema.safeParse(JSON.parse(meta.get("tiers") ?? "null"));
    tiers = parsed.success ? parsed.data : undefined;
  } catch {
    tiers = undefined;
  }
  const expected = buildPlan(rubric, variant, unit, { tiers });
  const columns = expected.map.columns;
  const idCol = columns.id!;

  // The sheet is found by name, or — if it was renamed — by the title marker in its hidden id column.
  const isOurs = (s: SheetGrid) => s.cells.get(`${idCol}1`)?.value === "title:title";
  const sheet = grid.sheets.find((s) => s.name === meta.get("sheet") && isOurs(s)) ?? grid.sheets.find((s) => s.name !== META_SHEET && isOurs(s));
  if (!sheet) {
    throw new WorkbookError("damaged", `找不到自评表工作表“${meta.get("sheet")}”（可能已被删除或损坏） / the assessment sheet "${meta.get("sheet")}" is missing`);
  }
  const at = (a: string) => `${sheet.name}!${a}`;
  const problems: ReadProblem[] = [];

  // Where is each id now?
  const actualRowOf = new Map<string, number>();
  for (const [a, cell] of sheet.cells) {
    const { col, row } = parseAddr(a);
    if (colLetter(col) !== idCol || typeof cell.value !== "string") continue;
    const key = cell.value.split(ID_OWNER)[0];
    if (actualRowOf.has(key)) {
      problems.push({ kind: "duplicate-row", cell: at(a), message: `第${row}行与第${actualRowOf.get(key)}行重复（行被复制）`, messageEn: `row ${row} duplicates row ${actualRowOf.get(key)}` });
      continue;
    }
    actualRowOf.set(key, row);
  }
  const rowMap = new Map<number, number>();
  let moved = false;
  for (const r of expected.rows) {
    const key = `${r.kind}:${r.id}`;
    const actual = actualRowOf.get(key) ?? (r.kind === "header" ? r.row : undefined);
    if (actual === undefined) continue;
    rowMap.set(r.row, actual);
    if (actual !== r.row) moved = true;
  }
  const relocate = (a: string): string => {
    const { col, row } = parseAddr(a);
    return `${colLetter(col)}${rowMap.get(row) ?? row}`;
  };

  // Deleted rows.
  const describeRow = (kind: string, id: string): { zh: string; en: string } => {
    for (const item of [...expected.map.items, ...expected.map.penalties]) {
      const c = item.clauses.find((x) => x.id === id);
      if (c) return { zh: `第${item.label}项的评分标准“${short(c.text)}”`, en: `item ${item.label}, clause “${short(c.text)}”` };
      if (item.id === id) return { zh: `第${item.label}项“${short(item.title)}”`, en: `item ${item.label} “${short(item.title)}”` };
    }
    const check = expected.map.checks.find((c) => c.id === id);
    if (check) return { zh: `巡查要点${check.label}“${short(check.text)}”`, en: `checklist point ${check.label}` };
    const veto = expected.map.vetoes.find((v) => v.id === id);
    if (veto) return { zh: `否决项“${short(veto.text)}”`, en: `veto “${short(veto.text)}”` };
    const section = expected.map.sections.find((s) => s.id === id);
    if (section) return { zh: `考核项“${short(section.title)}”的${kind === "subtotal" ? "小计" : "标题"}`, en: `section “${short(section.title)}” ${kind}` };
    return { zh: `“${kind}:${id}”`, en: `${kind}:${id}` };
  };
  for (const r of expected.rows) {
    if (rowMap.has(r.row)) continue;
    const d = describeRow(r.kind, r.id);
    problems.push({ kind: "deleted-row", cell: null, message: `${d.zh}一行已被删除（原第${r.row}行）`, messageEn: `${d.en}: row deleted (was row ${r.row})` });
  }

  // Changed text, points and formulas, on the rows that are still there.
  const pointsCol = columns.points;
  for (const c of expected.cells) {
    if (expected.styles[c.s].locked === false || c.s === "id") continue;
    const { row } = parseAddr(c.a);
    if (!rowMap.has(row)) continue;
    const a = relocate(c.a);
    const actual = sheet.cells.get(a);
    if (c.f !== undefined) {
      if (!actual?.formula) {
        problems.push({ kind: "formula-replaced", cell: at(a), message: `${a} 的公式被替换为数值“${cellText(actual?.value)}”`, messageEn: `${a}: formula replaced by the value "${cellText(actual?.value)}"` });
      } else if (!moved && normaliseFormula(actual.formula) !== normaliseFormula(c.f)) {
        problems.push({ kind: "formula-changed", cell: at(a), message: `${a} 的公式被改动`, messageEn: `${a}: formula changed` });
      }
    } else if (c.v !== undefined && c.v !== null && cellText(actual?.value) !== cellText(c.v)) {
      const isPoints = pointsCol !== undefined && a.startsWith(pointsCol) && /^\d/.test(a.slice(pointsCol.length));
      problems.push({
        kind: isPoints ? "changed-points" : "changed-text",
        cell: at(a),
        message: isPoints ? `${a} 的分值被改为“${cellText(actual?.value)}”，考核细则为 ${cText(c.v)}` : `${a} 的内容被改动，考核细则原文为“${short(cText(c.v), 30)}”`,
        messageEn: isPoints ? `${a}: points changed to "${cellText(actual?.value)}", the rubric says ${cText(c.v)}` : `${a}: text changed from the rubric's wording`,
      });
    }
  }

  // Entries.
  const map = relocateMap(expected.map, relocate);
  const get = (a: string) => sheet.cells.get(a);
  const countColumn = columns.count;
  const responses: Responses = { variant, fields: {}, items: {}, clauses: {}, vetoes: {} };
  for (const [id, a] of Object.entries(map.fields)) {
    const v = entry(get(a));
    if (v !== undefined) responses.fields![id] = typeof v === "string" ? v : String(v);
  }
  for (const item of [...map.items, ...map.penalties]) {
    const note = entry(get(item.noteCell));
    if (note !== undefined) responses.items![item.id] = { note: typeof note === "string" ? note : String(note) };
    if (item.scoredAbove) {
      for (const c of item.clauses) {
        const t = tickEntry(get(c.inputCell));
        const n = countColumn ? entry(get(`${countColumn}${parseAddr(c.inputCell).row}`)) : undefined;
        if (t !== undefined || n !== undefined) responses.clauses![c.id] = { ticked: t, count: n };
      }
      continue;
    }
    for (const c of item.clauses) {
      const ticked = tickEntry(get(c.inputCell));
      const countAddr = c.countCell ?? (countColumn ? `${countColumn}${parseAddr(c.inputCell).row}` : undefined);
      const typed = countAddr ? entry(get(countAddr)) : undefined;
      const input: { ticked?: InputValue; count?: InputValue; amount?: InputValue } = {};
      if (ticked !== undefined) input.ticked = ticked;
      if (typed !== undefined) {
        if (c.kind === "discretionary") input.amount = typed;
        else input.count = typed;
      }
      if (Object.keys(input).length) responses.clauses![c.id] = input;
    }
  }
  for (const check of map.checks) {
    const answer = entry(get(check.answerCell));
    const note = entry(get(check.noteCell));
    if (answer !== undefined || note !== undefined) {
      responses.items![check.id] = {
        ...(answer !== undefined ? { answer } : {}),
        ...(note !== undefined ? { note: typeof note === "string" ? note : String(note) } : {}),
      };
    }
  }
  for (const v of map.vetoes) {
    const t = tickEntry(get(v.inputCell));
    if (t !== undefined) responses.vetoes![v.id] = t;
  }

  return { rubric, variant, unit, tiers, sheetName: sheet.name, plan: expected, map, responses, problems };
}

const cText = (v: CellValue) => cellText(v);

function relocateMap(map: LayoutMap, relocate: (a: string) => string): LayoutMap {
  const r = (a: string | null) => (a === null ? null : relocate(a));
  const item = (i: LayoutMap["items"][number]) => ({
    ...i,
    scoreCell: relocate(i.scoreCell),
    noteCell: relocate(i.noteCell),
    statusCell: relocate(i.statusCell),
    clauses: i.clauses.map((c) => ({ ...c, inputCell: relocate(c.inputCell), countCell: r(c.countCell), valueCell: relocate(c.valueCell), row: parseAddr(relocate(c.inputCell)).row })),
  });
  return {
    columns: map.columns,
    fields: Object.fromEntries(Object.entries(map.fields).map(([k, a]) => [k, relocate(a)])),
    items: map.items.map(item),
    penalties: map.penalties.map(item),
    checks: map.checks.map((c) => ({ ...c, answerCell: relocate(c.answerCell), noteCell: relocate(c.noteCell), statusCell: relocate(c.statusCell) })),
    sections: map.sections.map((s) => ({ ...s, scoreCell: r(s.scoreCell) })),
    vetoes: map.vetoes.map((v) => ({ ...v, inputCell: relocate(v.inputCell), statusCell: relocate(v.statusCell) })),
    totalCell: r(map.totalCell),
    percentCell: r(map.percentCell),
    tierCell: r(map.tierCell),
    vetoCell: r(map.vetoCell),
    flagCountCell: relocate(map.flagCountCell),
  };
}

/** The cell a flag is about (for messages and for taking the user there). */
export function cellForFlag(map: LayoutMap, flag: Flag): string | null {
  const { type, id, input } = flag.target;
  switch (type) {
    case "field":
      return map.fields[id] ?? null;
    case "item":
    case "penalty":
      return [...map.items, ...map.penalties].find((i) => i.id === id)?.noteCell ?? null;
    case "clause": {
      for (const i of [...map.items, ...map.penalties]) {
        const c = i.clauses.find((x) => x.id === id);
        if (c) return input === "count" || input === "amount" ? (c.countCell ?? `${map.columns.count}${c.row}`) : c.inputCell;
      }
      return null;
    }
    case "check": {
      const c = map.checks.find((x) => x.id === id);
      return c ? (input === "note" ? c.noteCell : c.answerCell) : null;
    }
    case "veto":
      return map.vetoes.find((v) => v.id === id)?.inputCell ?? null;
    default:
      return null;
  }
}
