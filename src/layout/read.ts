/**
 * readWorkbook(grid) → responses: the inverse of plan + fill, by what the return records (format.ts).
 *
 * The `_safescore` sheet says which format and which exact rubric version the return was made from; that
 * rubric version and that format's plan are rebuilt (never today's), and the recorded column map must be
 * the one that plan lays out. The table is located by its mark and every row by the hidden id column, so
 * inserted, sorted or moved rows are followed. Entries are read by the rules of the return's own format
 * (entries.ts), so the engine agrees with the formulas inside it. Everything that does not fit — changed
 * text, points or formulas (compared after following moved rows), deleted, duplicated or hidden rows,
 * inputs in rows without an id, hidden copies of the table — is reported with its cell.
 */
import type { Rubric } from "../rubric/schema";
import type { RubricLookup } from "../rubric/library";
import type { ClauseInput, Flag, InputValue, Responses } from "../scoring/types";
import { parseAddr, colLetter } from "./a1";
import { entryRules, toFileFormula, type EntryReading, type EntryRules, type SheetFormat } from "./entries";
import {
  findMetaSheet, metaPairs, parseMeta, rowKey, tableCandidates, WorkbookError, META_SHEET,
} from "./format";
import type { GridCell, SheetGrid, WorkbookGrid } from "./grid";
import { plan as buildPlan } from "./plan";
import { PointsError, withLocalPoints, type LocalPoints } from "../rubric/points";
import type { CellValue, ColumnKey, LayoutMap, MappedClause, MappedItem, SheetPlan } from "./types";
import { givenDigest, type ReviewRead } from "./review";

export { WorkbookError };

export type ReadProblemKind =
  | "deleted-row" | "changed-text" | "changed-points" | "formula-replaced" | "formula-changed" | "duplicate-row"
  | "hidden-row" | "row-without-id" | "hidden-table" | "ambiguous-mark" | "formula-in-input"
  /** Format 4: the unit's (locked) entries differ from those the review copied. */
  | "given-changed";

export interface ReadProblem {
  kind: ReadProblemKind;
  /** Sheet!A1, or null for a row that is gone. */
  cell: string | null;
  message: string;
  messageEn: string;
}

export interface ReadResult {
  /** The exact rubric version the return was made from, with the local points it records applied (rubric/points.ts). */
  rubric: Rubric;
  /** That version as published (without local points): what the return's fingerprint names. */
  publishedRubric: Rubric;
  /** The local item points the return records (format 3 on), null when it uses the published ones. */
  localPoints: LocalPoints | null;
  /** The current version of that rubric, when it is newer than the one the return was made from. */
  newerRubric: Rubric | undefined;
  format: SheetFormat;
  /** Made without its reference tier (format.ts SheetMeta.tiersOff). */
  tiersOff: boolean;
  variant: string | undefined;
  unit: string | undefined;
  sheetName: string;
  /** The plan the workbook was made from (addresses as generated). */
  plan: SheetPlan;
  /** The layout with addresses where the rows are now. */
  map: LayoutMap;
  responses: Responses;
  problems: ReadProblem[];
  /** What the sheet's own formulas last showed (null when the file saved no result). */
  cached: { total: CellValue; tier: CellValue };
  /** A reviewed return's (format 4) 核定 entries, notes and cached figures; null for a return not reviewed. */
  review: ReviewRead | null;
}

const cellText = (v: CellValue | undefined): string => (v === null || v === undefined ? "" : String(v));
const short = (s: string, n = 16) => (s.length > n ? s.slice(0, n) + "…" : s);

/** Formula text for comparison: no "=", no `_xlfn.` prefixes, no "$", no spaces or case outside strings. */
export function normaliseFormula(f: string): string {
  return f
    .replace(/^=/, "")
    .split(/("(?:[^"]|"")*")/)
    .map((part, k) => (k % 2 ? part : part.replace(/_xlfn\./gi, "").replace(/[\s$]+/g, "").toUpperCase()))
    .join("");
}

/**
 * A planned formula with its row references moved to where those rows are now; null when it refers to a
 * row that no longer exists. Only the plan's own formulas pass through here, so a plain A1 pattern outside
 * string literals is exact (they name no sheet and no function that looks like a reference).
 */
export function relocateFormula(f: string, rowMap: ReadonlyMap<number, number>): string | null {
  let lost = false;
  const out = f
    .split(/("(?:[^"]|"")*")/)
    .map((part, k) =>
      k % 2
        ? part
        : part.replace(/\b([A-Z]{1,3})(\d+)\b(?!\()/g, (_m, col: string, row: string) => {
            const to = rowMap.get(Number(row));
            if (to === undefined) lost = true;
            return `${col}${to ?? row}`;
          }),
    )
    .join("");
  return lost ? null : out;
}

function rubricFor(meta: ReturnType<typeof parseMeta>, lookup: RubricLookup): { rubric: Rubric; newer: Rubric | undefined } {
  const { id, version, fingerprint } = meta.rubric;
  // The exact version first: a rubric given from a file (rubric/given.ts) is found only this way.
  const rubric = lookup(id, version, fingerprint);
  const current = lookup(id);
  if (!rubric && !current) {
    throw new WorkbookError(
      "unknown-rubric",
      `工作簿由未知的考核细则“${short(id, 40)}”（${short(version, 20)} 版）生成，本程序未内置；请提供该考核细则文件（命令行：--rubric <文件>） / rubric not available: "${short(id, 40)}" version "${short(version, 20)}" is not shipped — pass --rubric <file>`,
    );
  }
  if (!rubric) {
    throw new WorkbookError(
      "rubric-version",
      `工作簿由考核细则 ${id} 的“${short(version, 20)}”版生成，本程序不含该版本（或该版本的计分内容被改动），请升级 SafeScore 或用现行 ${current!.version} 版模板重新填报 / made from rubric ${id} version "${short(version, 20)}", which this release does not hold (or whose scoring was altered); the current version is ${current!.version}`,
    );
  }
  return { rubric, newer: current && current.version !== rubric.version ? current : undefined };
}

function variantFor(rubric: Rubric, recorded: string | undefined): string | undefined {
  const ids = rubric.variants?.map((v) => v.id) ?? [];
  if (!ids.length && recorded === undefined) return undefined;
  if (recorded !== undefined && ids.includes(recorded)) return recorded;
  throw new WorkbookError(
    "unknown-variant",
    recorded === undefined
      ? `工作簿没有记录适用单位版本，考核细则 ${rubric.id} 需要（可选：${ids.join("、")}） / no variant recorded; rubric ${rubric.id} needs one`
      : `工作簿记录的适用单位版本“${short(recorded, 20)}”在考核细则 ${rubric.id} 中不存在 / rubric ${rubric.id} has no variant "${short(recorded, 20)}"`,
  );
}

/**
 * The plan a return is read against, built once per rubric version, variant and format: reading a
 * thousand returns of one table builds it once. The unit's name is left out — it only fills an input
 * cell and the print header, neither of which reading compares.
 */
const plans = new WeakMap<Rubric, Map<string, SheetPlan>>();
function planFor(rubric: Rubric, variant: string | undefined, format: SheetFormat, tiersOff: boolean, points: LocalPoints | undefined): SheetPlan {
  let byKey = plans.get(rubric);
  if (!byKey) plans.set(rubric, (byKey = new Map()));
  const key = `${variant ?? ""}|${format}|${tiersOff}|${points ? JSON.stringify(points) : ""}`;
  let p = byKey.get(key);
  if (!p) byKey.set(key, (p = buildPlan(rubric, variant, undefined, { format, ...(tiersOff ? { tiers: null } : {}), ...(points ? { points } : {}) })));
  return p;
}

/** The row of `a` when it is a plain address in column `col` ("K12" in "K" → 12), else 0. */
function rowInColumn(a: string, col: string): number {
  if (a.length <= col.length || !a.startsWith(col)) return 0;
  let row = 0;
  for (let i = col.length; i < a.length; i++) {
    const ch = a.charCodeAt(i);
    if (ch < 48 || ch > 57) return 0;
    row = row * 10 + ch - 48;
  }
  return row;
}

/**
 * What every return of one plan is checked against, worked out once per plan (plans are cached per rubric
 * version) rather than once per return: each row's key, the row key of each id the plan writes (so a genuine
 * row's id is not parsed again), and the locked cells that hold a formula or a value, in the plan's order.
 */
interface PlanChecks {
  /** `kind:id` of each of the plan's rows, in order. */
  rowKeys: string[];
  /** An id-column text as the plan writes it → its row key (rowKey). */
  idKeys: Map<string, string>;
  locked: LockedCell[];
}

interface LockedCell {
  a: string;
  row: number;
  /** The planned formula, and as an .xlsx file stores it (toFileFormula); undefined for a value. */
  f: string | undefined;
  fileFormula: string | undefined;
  /** The planned value and its text (cellText), for a cell without a formula. */
  v: CellValue | undefined;
  text: string;
  /** In the points column: a change there is changed-points. */
  points: boolean;
}

const planChecksOf = new WeakMap<SheetPlan, PlanChecks>();
function planChecks(p: SheetPlan): PlanChecks {
  let checks = planChecksOf.get(p);
  if (checks) return checks;
  const pointsCol = p.map.columns.points;
  const idKeys = new Map<string, string>();
  const locked: LockedCell[] = [];
  for (const c of p.cells) {
    if (c.s === "id") {
      const key = rowKey(c.v);
      if (key !== null && typeof c.v === "string") idKeys.set(c.v, key);
      continue;
    }
    // Unlocked cells are inputs; a locked cell with neither formula nor value has nothing to compare.
    if (p.styles[c.s].locked === false || (c.f === undefined && (c.v === undefined || c.v === null))) continue;
    locked.push({
      a: c.a,
      row: parseAddr(c.a).row,
      f: c.f,
      fileFormula: c.f === undefined ? undefined : toFileFormula(c.f),
      v: c.v,
      text: cellText(c.v),
      points: pointsCol !== undefined && c.a.startsWith(pointsCol) && /^\d/.test(c.a.slice(pointsCol.length)),
    });
  }
  checks = { rowKeys: p.rows.map((r) => `${r.kind}:${r.id}`), idKeys, locked };
  planChecksOf.set(p, checks);
  return checks;
}

/**
 * A layout's items and penalties in table order, the cell of each clause's count, the fields as pairs, and the
 * first item and clause of each id (for flags' cells), worked out once per layout: the plan's layout is shared by
 * every return whose rows have not moved.
 */
interface LayoutEntries {
  items: MappedItem[];
  countCells: Map<MappedClause, string | undefined>;
  fields: [string, string][];
  itemById: Map<string, MappedItem>;
  clauseById: Map<string, MappedClause>;
}

const layoutEntriesOf = new WeakMap<LayoutMap, LayoutEntries>();
function layoutEntries(map: LayoutMap): LayoutEntries {
  let entries = layoutEntriesOf.get(map);
  if (entries) return entries;
  const items = [...map.items, ...map.penalties];
  const countColumn = map.columns.count;
  const countCells = new Map<MappedClause, string | undefined>();
  const itemById = new Map<string, MappedItem>();
  const clauseById = new Map<string, MappedClause>();
  for (const item of items) {
    if (!itemById.has(item.id)) itemById.set(item.id, item);
    for (const c of item.clauses) {
      countCells.set(c, c.countCell ?? (countColumn ? `${countColumn}${parseAddr(c.inputCell).row}` : undefined));
      if (!clauseById.has(c.id)) clauseById.set(c.id, c);
    }
  }
  entries = { items, countCells, fields: Object.entries(map.fields), itemById, clauseById };
  layoutEntriesOf.set(map, entries);
  return entries;
}

function sameColumns(a: Partial<Record<ColumnKey, string>>, b: Partial<Record<ColumnKey, string>>): boolean {
  const keys = Object.keys(a) as ColumnKey[];
  return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && a[k] === b[k]);
}

/** An entry as text (notes and fields). */
const asText = (v: InputValue): string | undefined => (v === undefined ? undefined : typeof v === "string" ? v : String(v));

/** Sheet!A1 of a cell of the table. */
type At = (a: string) => string;
type ItemEntries = NonNullable<Responses["items"]>[string];

export function readWorkbook(grid: WorkbookGrid, lookup: RubricLookup): ReadResult {
  const metaSheet = findMetaSheet(grid);
  if (!metaSheet) {
    throw new WorkbookError("not-safescore", `不是 SafeScore 生成的自评表（缺少隐藏的标识工作表 ${META_SHEET}） / not a SafeScore workbook: no ${META_SHEET} sheet`);
  }
  const meta = parseMeta(metaPairs(metaSheet));
  const { rubric: published, newer } = rubricFor(meta, lookup);
  // Local points the return records are re-applied to the recorded version (whoever scores it may bring its own).
  let rubric = published;
  try {
    if (meta.points) rubric = withLocalPoints(published, meta.points);
  } catch (e) {
    if (!(e instanceof PointsError)) throw e;
    throw new WorkbookError("damaged", `标识工作表 ${META_SHEET} 记录的本地分值不适用于考核细则 ${published.id} ${published.version}：${e.problems[0].zh} / the local points recorded do not fit rubric ${published.id} ${published.version}: ${e.problems[0].en}`);
  }
  const variant = variantFor(rubric, meta.variant);
  const unit = meta.unit;
  // The plan of the return's own format, rubric version and points — its layout, formulas and texts.
  const expected = planFor(published, variant, meta.format, meta.tiersOff === true, meta.points);
  if (!sameColumns(expected.map.columns, meta.columns)) {
    throw new WorkbookError("damaged", `标识工作表 ${META_SHEET} 记录的列与该版本的自评表不符（被改动） / the recorded column map does not match this sheet format`);
  }
  const columns = meta.columns;
  const idCol = columns.id!;

  // Exactly one visible table; hidden copies are reported and never read.
  const candidates = tableCandidates(grid, idCol);
  const visible = candidates.filter((s) => s.state === "visible");
  if (visible.length > 1) {
    throw new WorkbookError(
      "several-tables",
      `工作簿中有 ${visible.length} 份自评表（${visible.map((s) => `“${short(s.name, 20)}”`).join("、")}），只能保留一份 / the workbook holds ${visible.length} assessment tables; keep one`,
    );
  }
  const sheet = visible[0];
  if (!sheet) {
    const hidden = candidates.length ? `（只有隐藏的工作表“${short(candidates[0].name, 20)}”） / only a hidden copy` : "";
    throw new WorkbookError("no-table", `找不到自评表工作表“${short(meta.sheet, 20)}”（可能已被删除或损坏）${hidden} / the assessment sheet "${short(meta.sheet, 20)}" is missing`);
  }
  const at: At = (a) => `${sheet.name}!${a}`;
  const problems: ReadProblem[] = [];
  for (const s of candidates) {
    if (s === sheet) continue;
    problems.push({
      kind: "hidden-table",
      cell: `${s.name}!A1`,
      message: `隐藏的工作表“${short(s.name, 20)}”是自评表的副本，未计分，请删除`,
      messageEn: `hidden sheet "${short(s.name, 20)}" is a copy of the table; not scored — delete it`,
    });
  }

  const checks = planChecks(expected);
  const { rowMap, moved } = locateRows(sheet, idCol, expected, checks, problems, at);
  const relocate = (a: string): string => {
    if (!moved) return a;
    const { col, row } = parseAddr(a);
    return `${colLetter(col)}${rowMap.get(row) ?? row}`;
  };
  checkRows(sheet, columns, expected, rowMap, problems, at);
  checkLocked(sheet, checks, rowMap, moved, relocate, problems, at);

  // Entries, by the rules of this return's format.
  const rules = entryRules(meta.format);
  const map = moved ? relocateMap(expected.map, relocate) : expected.map;
  const responses = readEntries(sheet, map, rules, variant, problems, at);
  const cachedOf = (a: string | null): CellValue => (a && sheet.cells.get(a)?.formula !== undefined ? (sheet.cells.get(a)?.value ?? null) : null);

  // Format 4: the unit's entries are locked as the review copied them; edited since (the protection has no password), they are reported.
  if (meta.given !== undefined && givenDigest(responses) !== meta.given) {
    problems.push({
      kind: "given-changed", cell: null,
      message: "核定表中单位的自评内容与开始核定时不一致（锁定的自评栏被改动），请以单位报回的原表为准核对",
      messageEn: "the unit's entries in this review table differ from those copied when the review began (the locked 自评 cells were edited); check against the unit's original return",
    });
  }
  const review = map.review ? readReview(sheet, map, map.review, rules, responses, cachedOf, at) : null;
  return {
    rubric, publishedRubric: published, localPoints: meta.points ?? null, newerRubric: newer, format: meta.format, tiersOff: meta.tiersOff === true, variant, unit, sheetName: sheet.name, plan: expected, map, responses, problems,
    cached: { total: cachedOf(map.totalCell), tier: cachedOf(map.tierCell) },
    review,
  };
}

/** Where each of the plan's rows is now, by the id column (so inserted, sorted or moved rows are followed); a duplicated id is reported. */
function locateRows(sheet: SheetGrid, idCol: string, expected: SheetPlan, checks: PlanChecks, problems: ReadProblem[], at: At): { rowMap: Map<number, number>; moved: boolean } {
  const actualRowOf = new Map<string, number>();
  // Keys, not entries: most cells are not in the id column, and an entry is an array allocated per cell.
  for (const a of sheet.cells.keys()) {
    const row = rowInColumn(a, idCol);
    if (row === 0) continue;
    const value = sheet.cells.get(a)!.value;
    const key = (typeof value === "string" ? checks.idKeys.get(value) : undefined) ?? rowKey(value);
    if (!key) continue;
    const first = actualRowOf.get(key);
    if (first !== undefined) {
      problems.push({ kind: "duplicate-row", cell: at(a), message: `第${row}行与第${first}行重复（行被复制），未计分`, messageEn: `row ${row} duplicates row ${first}; not scored` });
      continue;
    }
    actualRowOf.set(key, row);
  }
  const rowMap = new Map<number, number>();
  let moved = false;
  for (let k = 0; k < expected.rows.length; k++) {
    const r = expected.rows[k];
    const actual = actualRowOf.get(checks.rowKeys[k]) ?? (r.kind === "header" ? r.row : undefined);
    if (actual !== undefined) rowMap.set(r.row, actual);
    if (actual !== r.row) moved = true;
  }
  return { rowMap, moved };
}

/** Deleted rows, hidden rows of the table, and entries typed in rows the table does not know. */
function checkRows(sheet: SheetGrid, columns: Partial<Record<ColumnKey, string>>, expected: SheetPlan, rowMap: Map<number, number>, problems: ReadProblem[], at: At): void {
  for (const r of expected.rows) {
    if (rowMap.has(r.row)) continue;
    const d = describeRow(expected.map, r.kind, r.id);
    problems.push({ kind: "deleted-row", cell: null, message: `${d.zh}一行已被删除（原第${r.row}行）`, messageEn: `${d.en}: row deleted (was row ${r.row})` });
  }
  // What is hidden is neither printed nor seen by the people who sign.
  const tableRows = new Set(rowMap.values());
  for (const row of [...(sheet.hiddenRows ?? [])].sort((a, b) => a - b)) {
    if (!tableRows.has(row) && !rowHasInput(sheet, columns, row)) continue;
    problems.push({ kind: "hidden-row", cell: at(`A${row}`), message: `第${row}行被隐藏（打印和查看时看不到），请取消隐藏`, messageEn: `row ${row} is hidden (not printed, not seen); unhide it` });
  }
  // Entries typed in rows the table does not know (no id, or an id that is not this table's): not scored.
  let lastTableRow = -Infinity;
  for (const row of tableRows) if (row > lastTableRow) lastTableRow = row;
  for (let row = 1; row <= lastTableRow; row++) {
    if (tableRows.has(row) || !rowHasInput(sheet, columns, row)) continue;
    problems.push({ kind: "row-without-id", cell: at(`A${row}`), message: `第${row}行有填写内容，但不是自评表的行（没有编号），未计分`, messageEn: `row ${row} holds entries but is not a row of the table (no id); not scored` });
  }
}

/** What a row that is gone held, for its message. */
function describeRow(map: LayoutMap, kind: string, id: string): { zh: string; en: string } {
  for (const item of [...map.items, ...map.penalties]) {
    const c = item.clauses.find((x) => x.id === id);
    if (c) {
      const thing = c.listed ? `（${c.listed}）` : "";
      return { zh: `第${item.label}项的评分标准“${short(c.text)}”${thing}`, en: `item ${item.label}, clause “${short(c.text)}”${thing}` };
    }
    if (item.id === id) return { zh: `第${item.label}项“${short(item.title)}”`, en: `item ${item.label} “${short(item.title)}”` };
  }
  const check = map.checks.find((c) => c.id === id);
  if (check) return { zh: `巡查要点${check.label}“${short(check.text)}”`, en: `checklist point ${check.label}` };
  const veto = map.vetoes.find((v) => v.id === id);
  if (veto) return { zh: `否决项“${short(veto.text)}”`, en: `veto “${short(veto.text)}”` };
  const section = map.sections.find((s) => s.id === id);
  if (section) return { zh: `考核项“${short(section.title)}”的${kind === "subtotal" ? "小计" : "标题"}`, en: `section “${short(section.title)}” ${kind}` };
  return { zh: `“${kind}:${id}”`, en: `${kind}:${id}` };
}

/**
 * Changed text, points and formulas — every locked cell of the plan, on the rows that are still there; formulas
 * compared after following moved rows.
 */
function checkLocked(sheet: SheetGrid, checks: PlanChecks, rowMap: Map<number, number>, moved: boolean, relocate: (a: string) => string, problems: ReadProblem[], at: At): void {
  for (const c of checks.locked) {
    if (!rowMap.has(c.row)) continue;
    const a = relocate(c.a);
    const actual = sheet.cells.get(a);
    if (c.f !== undefined) {
      if (!actual?.formula) {
        problems.push({ kind: "formula-replaced", cell: at(a), message: `${a} 的公式被替换为数值“${short(cellText(actual?.value), 30)}”`, messageEn: `${a}: formula replaced by the value "${short(cellText(actual?.value), 30)}"` });
        continue;
      }
      // Fast path: a formula as written, on a row that has not moved (most cells of most returns).
      if (!moved && (actual.formula === c.f || actual.formula === c.fileFormula)) continue;
      const want = moved ? relocateFormula(c.f, rowMap) : c.f;
      if (want !== null && normaliseFormula(actual.formula) !== normaliseFormula(want)) {
        problems.push({ kind: "formula-changed", cell: at(a), message: `${a} 的公式被改动`, messageEn: `${a}: formula changed` });
      }
    } else if (actual?.value !== c.v && cellText(actual?.value) !== c.text) {
      problems.push({
        kind: c.points ? "changed-points" : "changed-text",
        cell: at(a),
        message: c.points ? `${a} 的分值被改为“${short(cellText(actual?.value), 20)}”，考核细则为 ${c.text}` : `${a} 的内容被改动，考核细则原文为“${short(c.text, 30)}”`,
        messageEn: c.points ? `${a}: points changed to "${short(cellText(actual?.value), 20)}", the rubric says ${c.text}` : `${a}: text changed from the rubric's wording`,
      });
    }
  }
}

/** The unit's entries, by the rules of the return's format; an entry read with a warning is a problem at its cell. */
function readEntries(sheet: SheetGrid, map: LayoutMap, rules: EntryRules, variant: string | undefined, problems: ReadProblem[], at: At): Responses {
  const read = (a: string, how: (cell: GridCell | undefined) => EntryReading): InputValue => {
    const r = how(sheet.cells.get(a));
    if (r.warning) problems.push({ kind: r.warning.kind, cell: at(a), message: `${a}：${r.warning.zh}`, messageEn: `${a}: ${r.warning.en}` });
    return r.value;
  };
  const { items, countCells, fields } = layoutEntries(map);
  const responses: Responses = { variant, fields: {}, items: {}, clauses: {}, vetoes: {} };
  for (const [id, a] of fields) {
    const v = asText(read(a, rules.entry));
    if (v !== undefined) responses.fields![id] = v;
  }
  for (const item of items) {
    const note = asText(read(item.noteCell, rules.entry));
    // A selectable item's 抽查 tick (选查): read as a tick.
    const selected = item.selectCell ? read(item.selectCell, rules.tick) : undefined;
    if (note !== undefined || selected !== undefined) {
      const entered: ItemEntries = {};
      if (note !== undefined) entered.note = note;
      if (selected !== undefined) entered.selected = selected;
      responses.items![item.id] = entered;
    }
    for (const c of item.clauses) {
      const ticked = read(c.inputCell, rules.tick);
      const countAddr = countCells.get(c);
      const typed = countAddr ? read(countAddr, rules.entry) : undefined;
      if (ticked === undefined && typed === undefined) continue;
      const input: ClauseInput = {};
      if (ticked !== undefined) input.ticked = ticked;
      if (typed !== undefined) {
        if (c.kind === "discretionary" && !item.scoredAbove && !c.locked) input.amount = typed;
        else input.count = typed;
      }
      responses.clauses![c.id] = input;
    }
  }
  for (const check of map.checks) {
    const answer = read(check.answerCell, rules.entry);
    const note = asText(read(check.noteCell, rules.entry));
    if (answer !== undefined || note !== undefined) {
      const entered: ItemEntries = {};
      if (answer !== undefined) entered.answer = answer;
      if (note !== undefined) entered.note = note;
      responses.items![check.id] = entered;
    }
  }
  for (const v of map.vetoes) {
    const t = read(v.inputCell, rules.tick);
    if (t !== undefined) responses.vetoes![v.id] = t;
  }
  return responses;
}

/** Format 4: the assessors' entries (核定), by the same rules; the unit's fields, notes and 抽查 ticks stay the unit's. */
function readReview(
  sheet: SheetGrid, map: LayoutMap, cells: NonNullable<LayoutMap["review"]>, rules: EntryRules, unit: Responses, cachedOf: (a: string | null) => CellValue, at: At,
): ReviewRead {
  const reviewProblems: ReviewRead["problems"] = [];
  const readReview = (a: string, how: (cell: GridCell | undefined) => EntryReading): InputValue => {
    const r = how(sheet.cells.get(a));
    if (r.warning) reviewProblems.push({ kind: r.warning.kind, cell: at(a), message: `${a}：${r.warning.zh}`, messageEn: `${a}: ${r.warning.en}` });
    return r.value;
  };
  const clauses: NonNullable<Responses["clauses"]> = {};
  const vetoes: NonNullable<Responses["vetoes"]> = {};
  const notes: Record<string, string> = {};
  const noteOf = (noteCells: string[]) => noteCells.map((a) => asText(readReview(a, rules.entry))).filter((n): n is string => n !== undefined).join("；");
  for (const item of layoutEntries(map).items) {
    if (!item.review) continue;
    const note = noteOf(item.review.noteCells);
    if (note) notes[item.id] = note;
    for (const c of item.clauses) {
      if (!c.review) continue;
      const ticked = readReview(c.review.inputCell, rules.tick);
      const typed = readReview(c.review.countCell, rules.entry);
      if (ticked === undefined && typed === undefined) continue;
      const input: ClauseInput = {};
      if (ticked !== undefined) input.ticked = ticked;
      if (typed !== undefined) {
        if (c.kind === "discretionary" && !item.scoredAbove && !c.locked) input.amount = typed;
        else input.count = typed;
      }
      clauses[c.id] = input;
    }
  }
  for (const v of map.vetoes) {
    if (!v.review) continue;
    const t = readReview(v.review.inputCell, rules.tick);
    if (t !== undefined) vetoes[v.id] = t;
    const note = noteOf([v.review.noteCell]);
    if (note) notes[v.id] = note;
  }
  return {
    responses: { variant: unit.variant, fields: unit.fields, items: unit.items, clauses, vetoes },
    notes,
    cached: { total: cachedOf(cells.totalCell), tier: cachedOf(cells.tierCell) },
    problems: reviewProblems,
  };
}

/** The unit a return names: the 单位名称 the unit typed (fields are read as text), else the one the template was made for. */
export function statedUnit(result: ReadResult): string | null {
  const typed = result.responses.fields?.unitName;
  return typeof typed === "string" ? typed : (result.unit ?? null);
}

/** Does a row hold anything in the table's input columns (ticks, counts)? */
function rowHasInput(sheet: SheetGrid, columns: Partial<Record<ColumnKey, string>>, row: number): boolean {
  return (["tick", "count", "rtick", "rcount"] as const).some((k) => {
    const v = columns[k] ? sheet.cells.get(`${columns[k]}${row}`)?.value : undefined;
    return v !== undefined && v !== null && !(typeof v === "string" && !/\S/.test(v));
  });
}

function relocateMap(map: LayoutMap, relocate: (a: string) => string): LayoutMap {
  const r = (a: string | null) => (a === null ? null : relocate(a));
  const item = (i: LayoutMap["items"][number]) => ({
    ...i,
    scoreCell: relocate(i.scoreCell),
    noteCell: relocate(i.noteCell),
    statusCell: relocate(i.statusCell),
    clauses: i.clauses.map((c) => ({
      ...c, inputCell: relocate(c.inputCell), countCell: r(c.countCell), valueCell: relocate(c.valueCell), row: parseAddr(relocate(c.inputCell)).row,
      ...(c.review ? { review: { inputCell: relocate(c.review.inputCell), countCell: relocate(c.review.countCell), valueCell: relocate(c.review.valueCell), noteCell: relocate(c.review.noteCell) } } : {}),
    })),
    ...(i.selectCell ? { selectCell: relocate(i.selectCell) } : {}),
    ...(i.review ? { review: { scoreCell: relocate(i.review.scoreCell), markCell: relocate(i.review.markCell), noteCells: i.review.noteCells.map(relocate) } } : {}),
  });
  return {
    columns: map.columns,
    fields: Object.fromEntries(Object.entries(map.fields).map(([k, a]) => [k, relocate(a)])),
    items: map.items.map(item),
    penalties: map.penalties.map(item),
    checks: map.checks.map((c) => ({ ...c, answerCell: relocate(c.answerCell), noteCell: relocate(c.noteCell), statusCell: relocate(c.statusCell) })),
    sections: map.sections.map((s) => ({ ...s, scoreCell: r(s.scoreCell) })),
    vetoes: map.vetoes.map((v) => ({
      ...v, inputCell: relocate(v.inputCell), statusCell: relocate(v.statusCell),
      ...(v.review ? { review: { inputCell: relocate(v.review.inputCell), noteCell: relocate(v.review.noteCell), markCell: relocate(v.review.markCell) } } : {}),
    })),
    totalCell: r(map.totalCell),
    percentCell: r(map.percentCell),
    tierCell: r(map.tierCell),
    vetoCell: r(map.vetoCell),
    flagCountCell: relocate(map.flagCountCell),
    ...(map.review ? { review: { ...map.review, totalCell: relocate(map.review.totalCell), percentCell: relocate(map.review.percentCell), vetoCell: relocate(map.review.vetoCell), tierCell: r(map.review.tierCell), invalidCell: relocate(map.review.invalidCell) } } : {}),
  };
}

/** The cell a flag is about (for messages and for taking the user there). */
export function cellForFlag(map: LayoutMap, flag: Flag): string | null {
  const { type, id, input } = flag.target;
  switch (type) {
    case "field":
      return map.fields[id] ?? null;
    case "item":
    case "penalty": {
      const item = layoutEntries(map).itemById.get(id);
      // An item's tick is its 抽查 (选查); everything else about an item is its note.
      return (input === "tick" ? item?.selectCell : item?.noteCell) ?? null;
    }
    case "clause": {
      const c = layoutEntries(map).clauseById.get(id);
      if (!c) return null;
      return input === "count" || input === "amount" ? (c.countCell ?? `${map.columns.count}${c.row}`) : c.inputCell;
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
