/**
 * The sheet format: the contract every SafeScore return keeps, whatever release made it.
 *
 * A return records, in the veryHidden `_safescore` sheet (key in column A, value in B), what it was made
 * from: the format version, the rubric (id, version, fingerprint), the variant, the unit, the table's sheet
 * name and its column map. In the table, a hidden id column names every row (`clause:c6@i3`); row 1 of
 * that column holds the table mark (`title:title`). Readers — the ExcelJS/streaming reader via
 * `readWorkbook` and the add-in's session — find and parse this only through this module.
 *
 * Format versions: 1 is the layout of the first release; 2 reads every kind of whitespace and refuses x/×;
 * 3 reads as 2, its formulas testing each input cell once, in hidden helper columns after the id column; 4 is a
 * reviewed return (核定): format 3 plus the assessors' columns, made only by review (src/layout/review.ts).
 * Each version keeps its own reading rules (see entries.ts), so a return is always read by the rules of the
 * formulas inside it.
 */
import type { RubricRef } from "../rubric/library";
// Types only: the command line loads this module at start (WorkbookError), before zod and the rubrics.
import type { LocalPoints } from "../rubric/points";
import { CURRENT_FORMAT, type SheetFormat } from "./entries";
import type { SheetGrid, WorkbookGrid } from "./grid";
import type { CellValue, ColumnKey, RowKind } from "./types";

/** The veryHidden sheet that records what a workbook was made from. */
export const META_SHEET = "_safescore";
/** The value of the `format` key. */
export const FORMAT_NAME = "safescore-sheet";
/** Every format this release reads. */
export const READABLE_FORMATS: readonly SheetFormat[] = [1, 2, 3, 4];
export { CURRENT_FORMAT };

/** Metadata keys. `planVersion` holds the format version (its name is kept from format 1). */
export const META_KEYS = {
  format: "format",
  formatVersion: "planVersion",
  rubricId: "rubricId",
  rubricVersion: "rubricVersion",
  fingerprint: "fingerprint",
  variant: "variant",
  unit: "unit",
  sheet: "sheet",
  columns: "columns",
  /** Format 3 on: "off" when the table was made without its reference tier (a policy's choice); absent otherwise. */
  referenceTier: "referenceTier",
  /**
   * Format 3 on: the office's local item points (rubric/points.ts) as JSON, item id → points, only where they
   * differ from the recorded version's; absent otherwise. The fingerprint stays the published version's.
   */
  points: "points",
  /**
   * Format 4 (核定): SHA-256 (hex) of the unit's entries as the review copied them (review.ts givenDigest), so that a
   * reviewed table whose locked 自评 cells were edited afterwards (the protection has no password) is reported.
   */
  given: "given",
} as const;

/** In a clause row's id cell, separates the row from its owner item: `clause:i3.c6b@i3`. */
export const ID_OWNER = "@";
/** The id-column value of a table's first row: how a table is recognised, even after a rename. */
export const TABLE_MARK = encodeRowId("title", "title");

export interface SheetMeta {
  format: SheetFormat;
  rubric: RubricRef;
  variant: string | undefined;
  unit: string | undefined;
  /** The table's sheet name when it was made. */
  sheet: string;
  /** Column letters by role, as the table was laid out. */
  columns: Partial<Record<ColumnKey, string>>;
  /**
   * The table was made without its reference tier (参考等次): no tier row, and the return is scored without one
   * unless the reader's caller brings its own tiers — the office always does, so this never hides a tier it uses.
   */
  tiersOff?: boolean;
  /** Local item points the table was made with (format 3 on): re-applied to the recorded version when read. */
  points?: LocalPoints;
  /** Format 4: the digest of the unit's entries when the review was made. */
  given?: string;
}

/** The file cannot be read as a SafeScore workbook at all. */
export class WorkbookError extends Error {
  constructor(
    readonly reason:
      | "not-xlsx" | "encrypted" | "old-format" | "damaged" | "not-safescore" | "unknown-rubric" | "rubric-version"
      | "newer-format" | "unknown-variant" | "several-tables" | "no-table",
    message: string,
  ) {
    super(message);
    this.name = "WorkbookError";
  }
}

/** The metadata rows a workbook of `meta` carries (written by both adapters). */
export function metaRows(meta: SheetMeta): [string, string][] {
  return [
    [META_KEYS.format, FORMAT_NAME],
    [META_KEYS.formatVersion, String(meta.format)],
    [META_KEYS.rubricId, meta.rubric.id],
    [META_KEYS.rubricVersion, meta.rubric.version],
    [META_KEYS.fingerprint, meta.rubric.fingerprint],
    [META_KEYS.variant, meta.variant ?? ""],
    [META_KEYS.unit, meta.unit ?? ""],
    [META_KEYS.sheet, meta.sheet],
    [META_KEYS.columns, JSON.stringify(meta.columns)],
    ...(meta.tiersOff ? [[META_KEYS.referenceTier, "off"] as [string, string]] : []),
    ...(meta.points && Object.keys(meta.points).length ? [[META_KEYS.points, JSON.stringify(meta.points)] as [string, string]] : []),
    ...(meta.given ? [[META_KEYS.given, meta.given] as [string, string]] : []),
  ];
}

const damaged = (what: string, whatEn: string) =>
  new WorkbookError("damaged", `标识工作表 ${META_SHEET} 已损坏：${what} / the ${META_SHEET} sheet is damaged: ${whatEn}`);

const COLUMN_KEYS: readonly ColumnKey[] = [
  "label", "item", "points", "clause", "guidance", "tick", "count", "value", "score", "note", "responsible", "status", "flags", "id", "invalid",
  // Format 4: the assessors' columns (核定).
  "rtick", "rcount", "rvalue", "rscore", "rnote", "rmark", "rstatus", "rinvalid",
];
/** Format 3's helper columns (`helper1`, `helper2`, …). */
const HELPER_KEY = /^helper[1-9]$/;
const MAX_META_ROWS = 200;
/** Keys earlier formats wrote and nothing reads: format 1's `tiers` (a return may not set its own bar). */
const LEGACY_KEYS = ["tiers"];
const KNOWN_KEYS: ReadonlySet<string> = new Set<string>([...Object.values(META_KEYS), ...LEGACY_KEYS]);
const COLUMN_LETTERS = /^[A-Z]{1,2}$/;
const MAX_META_TEXT = 4000;

/** The key/value rows of a metadata sheet (columns A and B). */
export function metaPairs(sheet: SheetGrid): [CellValue, CellValue][] {
  const pairs: [CellValue, CellValue][] = [];
  for (const [a, cell] of sheet.cells) {
    const m = /^A(\d+)$/.exec(a);
    if (!m || cell.value === null) continue;
    pairs.push([cell.value, sheet.cells.get(`B${m[1]}`)?.value ?? null]);
  }
  return pairs;
}

/**
 * The one metadata parser. Strict: unknown or duplicated keys, a format this release does not know, or a
 * column map that is not a set of distinct columns make the workbook unreadable (never guessed around).
 * Format 1's `tiers` is accepted there and ignored: nothing here may set a bar.
 */
export function parseMeta(pairs: [CellValue, CellValue][]): SheetMeta {
  if (pairs.length > MAX_META_ROWS) throw damaged(`超过 ${MAX_META_ROWS} 行`, `more than ${MAX_META_ROWS} rows`);
  const m = new Map<string, string>();
  for (const [k, v] of pairs) {
    const key = String(k);
    const value = v === null ? "" : String(v);
    if (value.length > MAX_META_TEXT) throw damaged(`“${key.slice(0, 20)}”过长`, `"${key.slice(0, 20)}" is too long`);
    if (m.has(key)) throw damaged(`“${key.slice(0, 20)}”出现了两次`, `"${key.slice(0, 20)}" appears twice`);
    if (!KNOWN_KEYS.has(key)) throw damaged(`多出了“${key.slice(0, 20)}”`, `unknown key "${key.slice(0, 20)}"`);
    m.set(key, value);
  }
  if (m.get(META_KEYS.format) !== FORMAT_NAME) throw damaged("缺少格式标识", "no format mark");
  const versionText = m.get(META_KEYS.formatVersion) ?? "";
  const version = /^\d{1,4}$/.test(versionText) ? Number(versionText) : NaN;
  if (!Number.isInteger(version) || version < 1) throw damaged(`格式版本“${versionText.slice(0, 20)}”无效`, `invalid format version "${versionText.slice(0, 20)}"`);
  if (version !== 1 && LEGACY_KEYS.some((k) => m.has(k))) throw damaged(`格式 ${version} 不含“${LEGACY_KEYS.find((k) => m.has(k))}”`, `format ${version} has no "${LEGACY_KEYS.find((k) => m.has(k))}"`);
  if (!(READABLE_FORMATS as readonly number[]).includes(version)) {
    throw new WorkbookError(
      "newer-format",
      `工作簿由较新版本的 SafeScore 生成（自评表格式 ${version}），请升级 SafeScore 后再读取 / made by a newer SafeScore (sheet format ${version}); please upgrade`,
    );
  }
  const need = (k: string) => {
    const v = m.get(k);
    if (!v) throw damaged(`缺少“${k}”`, `"${k}" is missing`);
    return v;
  };
  const rubric = { id: need(META_KEYS.rubricId), version: need(META_KEYS.rubricVersion), fingerprint: need(META_KEYS.fingerprint) };
  if (!/^[0-9a-f]{64}$/.test(rubric.fingerprint)) throw damaged("考核细则指纹无效", "invalid rubric fingerprint");
  let columns: Partial<Record<ColumnKey, string>>;
  try {
    columns = JSON.parse(need(META_KEYS.columns)) as Partial<Record<ColumnKey, string>>;
  } catch {
    throw damaged("列信息无法解析", "the column map is not JSON");
  }
  const letters = Object.entries(columns ?? {});
  const valid =
    columns !== null && typeof columns === "object" && !Array.isArray(columns) &&
    letters.every(([k, v]) => ((COLUMN_KEYS as readonly string[]).includes(k) || HELPER_KEY.test(k)) && typeof v === "string" && COLUMN_LETTERS.test(v)) &&
    new Set(letters.map(([, v]) => v)).size === letters.length && typeof columns.id === "string";
  if (!valid) throw damaged("列信息无效", "invalid column map");
  const referenceTier = m.get(META_KEYS.referenceTier);
  if (referenceTier !== undefined && (referenceTier !== "off" || version < 3)) {
    throw damaged(`“${META_KEYS.referenceTier}”无效`, `invalid "${META_KEYS.referenceTier}"`);
  }
  const pointsText = m.get(META_KEYS.points);
  let points: LocalPoints | undefined;
  if (pointsText !== undefined) {
    // Only the shape here; which items may take points is checked against the rubric by the reader.
    let parsed: unknown;
    try {
      parsed = JSON.parse(pointsText);
    } catch {
      parsed = undefined;
    }
    const entries = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? Object.entries(parsed as Record<string, unknown>) : [];
    const ok = version >= 3 && entries.length > 0 && entries.every(([k, v]) => /^[a-z0-9][a-z0-9._-]*$/.test(k) && typeof v === "number" && Number.isFinite(v) && v >= 0);
    if (!ok) throw damaged(`“${META_KEYS.points}”无效`, `invalid "${META_KEYS.points}"`);
    points = Object.fromEntries(entries) as LocalPoints;
  }
  const given = m.get(META_KEYS.given);
  if (given !== undefined && (version < 4 || !/^[0-9a-f]{64}$/.test(given))) throw damaged(`“${META_KEYS.given}”无效`, `invalid "${META_KEYS.given}"`);
  return {
    format: version as SheetFormat,
    rubric,
    variant: m.get(META_KEYS.variant) || undefined,
    unit: m.get(META_KEYS.unit) || undefined,
    sheet: need(META_KEYS.sheet),
    columns,
    ...(referenceTier === "off" ? { tiersOff: true } : {}),
    ...(points ? { points } : {}),
    ...(given !== undefined ? { given } : {}),
  };
}

/** Encodes a row's id-column value. */
export function encodeRowId(kind: RowKind, id: string, owner?: string): string {
  return `${kind}:${id}${owner ? ID_OWNER + owner : ""}`;
}

/** An id-column value taken apart (`clause:c6@i3` → clause, c6, i3); null for anything else. */
export function decodeRowId(value: CellValue | undefined): { kind: string; id: string; owner: string | undefined } | null {
  if (typeof value !== "string") return null;
  const m = /^([a-z-]+):([^@\s]+)(?:@([^@\s]+))?$/.exec(value);
  return m ? { kind: m[1], id: m[2], owner: m[3] } : null;
}

/** The row key (`kind:id`) of an id-column value, without its owner; null for anything else. */
export function rowKey(value: CellValue | undefined): string | null {
  const d = decodeRowId(value);
  return d ? `${d.kind}:${d.id}` : null;
}

/** The metadata sheet of a workbook, or null. Excel keeps sheet names unique ignoring case. */
export function findMetaSheet(grid: WorkbookGrid): SheetGrid | null {
  return grid.sheets.find((s) => s.name.toLowerCase() === META_SHEET) ?? null;
}

/** Sheets that carry the table mark in the recorded id column. */
export function tableCandidates(grid: WorkbookGrid, idColumn: string): SheetGrid[] {
  return grid.sheets.filter((s) => s.name.toLowerCase() !== META_SHEET && s.cells.get(`${idColumn}1`)?.value === TABLE_MARK);
}
