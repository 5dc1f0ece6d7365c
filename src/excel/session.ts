/**
 * Everything the task pane asks of Excel. The only module (with write-plan.ts) that calls Excel.run.
 *
 * - inspect: is there a SafeScore table in this workbook, and from which rubric version? (1 sync)
 * - insert: a new sheet with the official table and its metadata sheet (2 syncs, whatever the size).
 * - update: the table rebuilt for the current rubric version, the old sheet kept and renamed, every entry
 *   carried by id (5 syncs).
 * - startReview: 开始核定 — a returned table (formats 1–3) rebuilt as a review table (format 4, layout/review.ts):
 *   the unit's entries as returned and locked, the 核定 prefilled with them; the old sheet kept, renamed (5 syncs).
 * - read: the table read and scored (1 sync; more only if the sheet was renamed since).
 * - watch: Worksheet.onChanged → debounce → read, ignoring the add-in's own writes.
 * - writeConsolidation: the 汇总 page's roster as new sheets with the 等次 chart (write-roster.ts; 2 syncs).
 */
import type { Rubric } from "../rubric/schema";
import { fingerprint } from "../rubric/fingerprint";
import { loadArchivedRubrics } from "../rubric/library";
// The shipped rubrics and those the office loaded from a file in this pane (rubric/given.ts).
import { findRubricOrLoaded } from "../rubric/given";
import { plan } from "../layout/plan";
import { sheetNameFor, uniqueSheetName } from "../layout/print";
import { readWorkbook, WorkbookError } from "../layout/read";
import { scoreRead, type ScoredWorkbook } from "../layout/scored";
import { carryEntries, type LostEntry } from "../layout/carry";
import type { GridCell, SheetGrid, WorkbookGrid } from "../layout/grid";
import type { CellValue, SheetPlan } from "../layout/types";
import { META_KEYS, META_SHEET, parseMeta, TABLE_MARK, type SheetMeta } from "../layout/format";
import { addr, parseAddr } from "../layout/a1";
import { REVIEW_FORMAT, reviewPlan } from "../layout/review";
import { queueMeta, queuePlan, tickAddresses } from "./write-plan";
import { CHECKBOX_API } from "./requirements";
import type { RosterWritten } from "./write-roster";
import type { Consolidation } from "../consolidate/types";

export type WorkbookStatus =
  | { kind: "empty" }
  | {
      kind: "table"; sheetName: string; rubricId: string; rubricVersion: string; variant?: string; unit?: string; rubric?: Rubric; current: boolean;
      /** The sheet format; 4 is a reviewed table (核定). */
      format: number;
    };

export interface InsertResult {
  sheetName: string;
  syncs: number;
}

export interface ReviewResult extends InsertResult {
  /** Where the return's own sheet is kept (e.g. 自评表（自评原件）). */
  oldSheetName: string;
}

export interface UpdateResult extends InsertResult {
  oldSheetName: string;
  carried: number;
  lost: LostEntry[];
}

/** Why Excel could not answer, in words for the pane. */
export class ExcelProblem extends Error {
  constructor(
    readonly code: "editing" | "timeout" | "deleted" | "no-table" | "has-table" | "unreadable" | "excel" | "reviewed" | "not-reviewable",
    message: string,
  ) {
    super(message);
    this.name = "ExcelProblem";
  }
}

export interface SessionOptions {
  /** A sync that takes longer than this is abandoned with a message. */
  syncTimeoutMs?: number;
  /** Quiet time after the user's last change before reading. */
  debounceMs?: number;
}

const SHEET_NAME = "自评表";

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ExcelProblem("timeout", `Excel 在 ${Math.round(ms / 1000)} 秒内没有响应，请稍后再试 / Excel did not answer in time`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Office errors in words: cell-edit mode is the usual one while the user types. */
function translate(e: unknown): Error {
  if (e instanceof ExcelProblem || e instanceof WorkbookError) return e;
  const code = (e as { code?: string }).code ?? "";
  if (/CellEditMode|InvalidOperationInCellEditMode/i.test(code)) {
    return new ExcelProblem("editing", "正在编辑单元格：完成编辑（按 Enter）后会自动更新 / finish editing the cell first");
  }
  return new ExcelProblem("excel", `Excel 出错：${(e as Error).message ?? String(e)}${code ? `（${code}）` : ""}`);
}

/** Used range → the grid the pure reader takes. */
function gridOf(name: string, range: Excel.Range): SheetGrid {
  const cells = new Map<string, GridCell>();
  const local = range.address.includes("!") ? range.address.slice(range.address.lastIndexOf("!") + 1) : range.address;
  const start = parseAddr(local.split(":")[0]);
  range.values.forEach((row, r) =>
    row.forEach((value, c) => {
      const f = range.formulas[r][c];
      const formula = typeof f === "string" && f.startsWith("=") ? f.slice(1) : undefined;
      if (value === "" && formula === undefined) return;
      cells.set(addr(start.col + c, start.row + r), { value: value === "" ? null : (value as GridCell["value"]), ...(formula ? { formula } : {}) });
    }),
  );
  return { name, state: "visible", cells };
}

/** The metadata sheet's used range, parsed by the one metadata parser (format.ts). */
function metaOf(range: Excel.Range): SheetMeta {
  const pairs = range.values.filter((r) => r[0] !== "").map((r) => [r[0], r[1] === "" ? null : r[1]] as [CellValue, CellValue]);
  try {
    return parseMeta(pairs);
  } catch (e) {
    throw new ExcelProblem("unreadable", (e as Error).message);
  }
}

/** What an archived table's id column holds in row 1 instead of the table mark: found by nobody. */
const ARCHIVED_MARK = "archived:title";

/** Keeps a replaced table's sheet under a new name; it must not count as a second table (a workbook holds exactly one). */
function archive(sheet: Excel.Worksheet, name: string, idCol: string): void {
  sheet.name = name;
  sheet.protection.unprotect();
  sheet.getRange(`${idCol}1`).values = [[ARCHIVED_MARK]];
  sheet.protection.protect({ allowFormatColumns: true, allowFormatRows: true, allowInsertRows: false, allowDeleteRows: false });
}

/** A plan written under another sheet name: the name is in the plan and in its metadata (layout/review.ts takes no name). */
function named(p: SheetPlan, sheetName: string): SheetPlan {
  return { ...p, sheetName, meta: p.meta.map(([k, v]) => [k, k === META_KEYS.sheet ? sheetName : v]) };
}

/** Where the tick cells are checkboxes, a √ goes in as TRUE (a checkbox holds TRUE/FALSE; both read as the same tick). */
function ticksForCheckboxes(p: SheetPlan, inputs: Map<string, CellValue>): Map<string, CellValue> {
  const out = new Map(inputs);
  for (const a of tickAddresses(p)) if (out.get(a) === "√") out.set(a, true);
  return out;
}

export function createSession(options: SessionOptions = {}) {
  const syncTimeoutMs = options.syncTimeoutMs ?? 15_000;
  const debounceMs = options.debounceMs ?? 300;
  let tableSheet: string | undefined;
  let tableSheetId: string | undefined;
  // Where Excel lacks triggerSource (before ExcelApi 1.14), the add-in's own writes are recognised by time.
  let ownWritesUntil = 0;
  const writing = <T>(p: Promise<T>) => {
    ownWritesUntil = Number.POSITIVE_INFINITY;
    return p.finally(() => (ownWritesUntil = Date.now() + 1000));
  };

  /** Excel.run with a timeout on every sync, and Office errors translated. */
  async function run<T>(batch: (ctx: Excel.RequestContext, sync: () => Promise<void>) => Promise<T>): Promise<T> {
    try {
      return await Excel.run(async (ctx) => batch(ctx, () => withTimeout(ctx.sync(), syncTimeoutMs)));
    } catch (e) {
      throw translate(e);
    }
  }

  const checkboxes = () => typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported?.("ExcelApi", CHECKBOX_API) === true;

  async function inspect(): Promise<WorkbookStatus> {
    return run(async (ctx, sync) => {
      const meta = ctx.workbook.worksheets.getItemOrNullObject(META_SHEET);
      const used = meta.getUsedRangeOrNullObject(true);
      used.load("values");
      await sync();
      if (meta.isNullObject || used.isNullObject) return { kind: "empty" };
      const m = metaOf(used);
      const rubric = findRubricOrLoaded(m.rubric.id);
      tableSheet = m.sheet;
      return {
        kind: "table",
        sheetName: m.sheet,
        rubricId: m.rubric.id,
        rubricVersion: m.rubric.version,
        variant: m.variant,
        unit: m.unit,
        rubric,
        current: Boolean(rubric && fingerprint(rubric) === m.rubric.fingerprint && rubric.version === m.rubric.version),
        format: m.format,
      };
    });
  }

  /** Adds the plan's sheet (named as the plan says) and its metadata sheet, activates it: one sync. */
  async function writeTable(ctx: Excel.RequestContext, sync: () => Promise<void>, p: SheetPlan, inputs?: Map<string, CellValue>): Promise<void> {
    const sheet = ctx.workbook.worksheets.add(p.sheetName);
    queuePlan(sheet, p, { checkboxes: checkboxes(), inputs });
    queueMeta(ctx, p);
    sheet.activate();
    sheet.load("id");
    await sync();
    tableSheet = p.sheetName;
    tableSheetId = sheet.id;
  }

  async function insert(rubric: Rubric, variant: string | undefined, unit: string | undefined): Promise<InsertResult> {
    return writing(run(async (ctx, sync) => {
      let syncs = 0;
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name");
      const meta = sheets.getItemOrNullObject(META_SHEET);
      await sync();
      syncs++;
      if (!meta.isNullObject) throw new ExcelProblem("has-table", "此工作簿已有 SafeScore 自评表，不能再插入一份；可更新为新版 / this workbook already holds a SafeScore table");
      const name = uniqueSheetName(new Set(sheets.items.map((s) => s.name)), sheetNameFor(rubric, variant));
      const p = plan(rubric, variant, unit, { sheetName: name });
      await writeTable(ctx, sync, p);
      syncs++;
      return { sheetName: name, syncs };
    }));
  }

  /**
   * The table about to be replaced (update, 开始核定): its metadata, its sheet and used range, the names taken (4 syncs).
   * A reviewed table is neither rebuilt (its 核定 would go) nor reviewed again: it stands on the version it was made from.
   */
  async function tableToReplace(ctx: Excel.RequestContext, sync: () => Promise<void>, reviewed: string) {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name");
    const metaSheet = sheets.getItemOrNullObject(META_SHEET);
    const metaRange = metaSheet.getUsedRangeOrNullObject(true);
    metaRange.load("address,values,formulas");
    await sync();
    if (metaSheet.isNullObject || metaRange.isNullObject) throw new ExcelProblem("no-table", "没有找到 SafeScore 自评表 / no SafeScore table in this workbook");
    const meta = metaOf(metaRange);
    if (meta.format >= REVIEW_FORMAT) throw new ExcelProblem("reviewed", reviewed);
    const name = await locateTable(ctx, sync, meta.sheet, meta.columns.id!);
    const sheet = sheets.getItem(name);
    const used = sheet.getUsedRange(false);
    used.load("address,values,formulas");
    await sync();
    return { meta, metaSheet, metaRange, name, sheet, used, taken: new Set(sheets.items.map((s) => s.name)), syncs: 4 };
  }

  /** The new table in the old one's place (one sync): the old sheet kept as `keptAs`, archived; the metadata re-made. */
  async function replaceTable(ctx: Excel.RequestContext, sync: () => Promise<void>, old: Awaited<ReturnType<typeof tableToReplace>>, keptAs: string, p: SheetPlan, inputs: Map<string, CellValue>): Promise<void> {
    archive(old.sheet, keptAs, old.meta.columns.id!);
    old.metaSheet.delete();
    await writeTable(ctx, sync, p, inputs);
  }

  /** Rebuilds the table for the current rubric version; the old sheet stays, renamed, with its entries. */
  async function update(): Promise<UpdateResult> {
    return writing(run(async (ctx, sync) => {
      const old = await tableToReplace(ctx, sync, "核定表不能更新为新版 / a reviewed table is not updated to a new version");
      const m = old.meta;
      const rubric = findRubricOrLoaded(m.rubric.id);
      if (!rubric) throw new ExcelProblem("unreadable", `本程序不含考核细则“${m.rubric.id}”，无法更新 / this release does not hold rubric "${m.rubric.id}"`);
      const archived = uniqueSheetName(old.taken, `${old.name}（${m.rubric.version}版）`);
      const p = plan(rubric, m.variant, m.unit, { sheetName: old.name });
      const carried = carryEntries(gridOf(old.name, old.used), m.columns, p, m.format);
      await replaceTable(ctx, sync, old, archived, p, carried.inputs);
      return { sheetName: old.name, oldSheetName: archived, carried: carried.carried, lost: carried.lost, syncs: old.syncs + 1 };
    }));
  }

  /**
   * 开始核定: the returned table (formats 1–3) read as it is, rebuilt as a review table by the one pure function
   * (layout/review.ts reviewPlan: the unit's entries as read, locked; the 核定 prefilled with them) and put in its
   * place; the return's own sheet is kept as "…（自评原件）", marked archived. Refused on a reviewed table or none.
   */
  async function startReview(): Promise<ReviewResult> {
    // A return made by an older release is read by its own rubric version.
    await loadArchivedRubrics();
    return writing(run(async (ctx, sync) => {
      const old = await tableToReplace(ctx, sync, "此表已经核定过 / this table has already been reviewed");
      const grid: WorkbookGrid = { sheets: [gridOf(old.name, old.used), { ...gridOf(META_SHEET, old.metaRange), state: "veryHidden" }] };
      const result = readWorkbook(grid, findRubricOrLoaded);
      if (!result.map.items.length && !result.map.penalties.length) {
        throw new ExcelProblem("not-reviewable", "巡查表没有得分，不能核定 / a checklist has no scores to review");
      }
      const table = reviewPlan(result);
      const p = named(table.plan, old.name);
      const inputs = checkboxes() ? ticksForCheckboxes(p, table.inputs) : table.inputs;
      const archived = uniqueSheetName(old.taken, `${old.name}（自评原件）`);
      await replaceTable(ctx, sync, old, archived, p, inputs);
      return { sheetName: old.name, oldSheetName: archived, syncs: old.syncs + 1 };
    }));
  }

  /** The table's sheet name: the one recorded, or — after a rename — the sheet with the title marker. */
  async function locateTable(ctx: Excel.RequestContext, sync: () => Promise<void>, recorded: string, idCol: string): Promise<string> {
    const sheets = ctx.workbook.worksheets;
    sheets.load("items/name");
    await sync();
    const marks = sheets.items.filter((s) => s.name !== META_SHEET).map((s) => {
      const r = s.getRange(`${idCol}1`);
      r.load("values");
      return [s.name, r] as const;
    });
    await sync();
    const found = marks.find(([n, r]) => n === recorded && r.values[0][0] === TABLE_MARK) ?? marks.find(([, r]) => r.values[0][0] === TABLE_MARK);
    if (!found) throw new ExcelProblem("deleted", "自评表工作表已被删除 / the assessment sheet was deleted");
    return found[0];
  }

  /** Reads and scores the table: one sync when the sheet is where it was. */
  async function read(): Promise<ScoredWorkbook> {
    await loadArchivedRubrics();
    return run(async (ctx, sync) => {
      const sheets = ctx.workbook.worksheets;
      const load = (name: string) => {
        const sheet = sheets.getItemOrNullObject(name);
        const used = sheet.getUsedRangeOrNullObject(false);
        used.load("address,values,formulas");
        const metaUsed = sheets.getItemOrNullObject(META_SHEET).getUsedRangeOrNullObject(true);
        metaUsed.load("address,values,formulas");
        return { sheet, used, metaUsed };
      };
      let name = tableSheet ?? SHEET_NAME;
      let got = load(name);
      await sync();
      if (got.metaUsed.isNullObject) throw new ExcelProblem("no-table", "没有找到 SafeScore 自评表 / no SafeScore table in this workbook");
      if (got.sheet.isNullObject || got.used.isNullObject) {
        const m = metaOf(got.metaUsed);
        name = await locateTable(ctx, sync, m.sheet, m.columns.id!);
        got = load(name);
        await sync();
      }
      tableSheet = name;
      const grid: WorkbookGrid = { sheets: [gridOf(name, got.used), { ...gridOf(META_SHEET, got.metaUsed), state: "veryHidden" }] };
      return scoreRead(readWorkbook(grid, findRubricOrLoaded));
    });
  }

  async function select(cell: string): Promise<void> {
    const bang = cell.lastIndexOf("!");
    const sheetName = bang >= 0 ? cell.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'") : (tableSheet ?? SHEET_NAME);
    const address = bang >= 0 ? cell.slice(bang + 1) : cell;
    await run(async (ctx, sync) => {
      const sheet = ctx.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(address).select();
      await sync();
    });
  }

  /**
   * Calls `onResult` with a fresh score after each burst of user edits on the table's sheet (the add-in's
   * own writes are ignored), and `onError` when the sheet is deleted or Excel cannot answer.
   */
  async function watch(onResult: (r: ScoredWorkbook) => void, onError: (e: Error) => void): Promise<() => Promise<void>> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    let again = false;
    const refresh = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        onResult(await read());
      } catch (e) {
        const err = translate(e);
        onError(err);
        // While the user is still typing in a cell, try again shortly.
        if (err instanceof ExcelProblem && err.code === "editing") timer = setTimeout(refresh, 1000);
      } finally {
        running = false;
        if (again) {
          again = false;
          void refresh();
        }
      }
    };
    const schedule = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(refresh, debounceMs);
    };
    const handlers = await run(async (ctx, sync) => {
      const sheets = ctx.workbook.worksheets;
      const sheet = sheets.getItem(tableSheet ?? SHEET_NAME);
      sheet.load("id");
      await sync();
      tableSheetId = sheet.id;
      const changed = sheet.onChanged.add(async (event) => {
        if (event.triggerSource === "ThisLocalAddin") return;
        if (event.triggerSource === undefined && Date.now() < ownWritesUntil) return;
        schedule();
      });
      const deleted = sheets.onDeleted.add(async (event) => {
        if (event.worksheetId === tableSheetId) onError(new ExcelProblem("deleted", "自评表工作表已被删除 / the assessment sheet was deleted"));
      });
      await sync();
      return [changed, deleted];
    });
    return async () => {
      if (timer) clearTimeout(timer);
      // Handlers are removed in the context they were added in.
      for (const h of handlers) {
        await Excel.run(h.context, async (ctx) => {
          h.remove();
          await ctx.sync();
        }).catch(() => undefined);
      }
    };
  }

  /** The 汇总 page's result as new sheets (never over the user's), the 等次 chart on 汇总: 2 syncs. */
  async function writeConsolidation(c: Consolidation): Promise<RosterWritten> {
    // Loaded with the 汇总 page, not with the pane (the pane's first load stays small).
    const { writeRoster } = await import("./write-roster");
    return writing(run((ctx, sync) => writeRoster(ctx, c, sync)));
  }

  return { inspect, insert, update, startReview, read, select, watch, writeConsolidation, get tableSheet() {
    return tableSheet;
  } };
}

export type Session = ReturnType<typeof createSession>;
