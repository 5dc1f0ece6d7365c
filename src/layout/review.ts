/**
 * The review (核定, sheet format 4), pure: a read return → the format-4 table to write (its plan and the values of
 * its input cells), and a reviewed return's 核定 → where it differs from the unit's 自评.
 *
 * Both adapters write what `reviewPlan` returns — the command line through ExcelJS (planToXlsx), the add-in through
 * Office.js (src/excel/write-plan.ts) — so a review made either way is the same workbook.
 *
 * The unit's entries are written as its return's own format read them (entries.ts): a valid tick as √, a valid
 * "not ticked" (否, FALSE, 0) as blank, counts, amounts, notes and fields as read; so the reviewed table's 自评 scores
 * exactly what the return scored. Where format 3's rules (which format 4 keeps) would read a written value otherwise
 * — a format-1 x/X is ticked there and written as √; a format-1 "√" + ideographic space is invalid there but a tick
 * under format 3 — the canonical value is written (√), or, for an invalid entry, its text marked 无效 so that it stays
 * invalid. The 核定 starts as a copy of those entries (核定说明 blank): the assessors change only what they disagree with.
 */
import { sha256 } from "@noble/hashes/sha256";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import { entryRules, type EntryReading, type SheetFormat } from "./entries";
import { META_KEYS } from "./format";
import { fillInputs } from "./fill";
import { plan } from "./plan";
import type { ReadResult } from "./read";
import type { CellValue, SheetPlan } from "./types";
import type { ClauseInput, InputValue, Report, Responses } from "../scoring/types";
import type { ReviewDifference } from "./scored";

/** The sheet format a review makes. */
export const REVIEW_FORMAT: SheetFormat = 4;

/** What the assessors entered in a reviewed return (format 4), as read. */
export interface ReviewRead {
  /** The 核定 entries: the unit's fields, notes and 抽查 ticks (the assessors keep them), their own ticks, counts and vetoes. */
  responses: Responses;
  /** 核定说明 per item, penalty and veto id, the rows' notes joined with "；" (only where one is written). */
  notes: Record<string, string>;
  /** What the 核定 total and tier cells last showed (null when the file saved no result). */
  cached: { total: CellValue; tier: CellValue };
  /** Problems reading the assessors' cells (a formula in a 核定 cell…), with their cells. */
  problems: { kind: "ambiguous-mark" | "formula-in-input"; cell: string; message: string; messageEn: string }[];
}

export interface ReviewTable {
  plan: SheetPlan;
  /** Values of the input cells: the unit's entries (locked) and the 核定 prefilled with them. */
  inputs: Map<string, CellValue>;
}

/**
 * The format-4 table of a read return: its plan (the rubric version, variant, unit, local points and reference tier the
 * return records) and its input cells. A return already reviewed keeps its 核定 entries and notes (re-made in the
 * current layout): the assessors' work is never dropped. A checklist (no scores) cannot be reviewed.
 */
export function reviewPlan(result: ReadResult): ReviewTable {
  const p = plan(result.publishedRubric, result.variant, result.unit, {
    format: REVIEW_FORMAT,
    ...(result.tiersOff ? { tiers: null } : {}),
    ...(result.localPoints ? { points: result.localPoints } : {}),
  });
  const unit = asFormat4(result.responses, result.format);
  const review = result.review ? asFormat4(result.review.responses, result.format) : unit;
  const inputs = fillInputs(p, unit, { tickMark: "√" });
  // A field the unit left blank stays blank (the plan would put the recorded unit's name in 单位名称).
  for (const a of Object.values(p.map.fields)) if (!inputs.has(a)) inputs.set(a, null);
  // The 核定 side: the same filling, into the assessors' cells (their ticks, counts and veto ticks only).
  for (const [a, v] of fillInputs(reviewView(p), { clauses: review.clauses, vetoes: review.vetoes }, { tickMark: "√" })) inputs.set(a, v);
  if (result.review) {
    for (const item of [...p.map.items, ...p.map.penalties]) {
      const note = result.review.notes[item.id];
      if (note && item.review) inputs.set(item.review.noteCells[0], note);
    }
    for (const v of p.map.vetoes) {
      const note = result.review.notes[v.id];
      if (note && v.review) inputs.set(v.review.noteCell, note);
    }
  }
  // The unit's entries as written, for the reader to tell when they are edited later (format.ts META_KEYS.given).
  p.meta.push([META_KEYS.given, givenDigest(unit)]);
  return { plan: p, inputs };
}

/**
 * A digest of the unit's entries as a format-4 reader reads them back: fields, notes, 抽查 ticks, clause entries and
 * veto ticks, in a canonical order; a tick's "not ticked" (false) and blank are one, as they are written blank.
 */
export function givenDigest(r: Responses): string {
  const tick = (v: InputValue) => (v === false ? undefined : v);
  const sorted = <T>(o: Record<string, T> | undefined, f: (v: T) => unknown) =>
    Object.keys(o ?? {}).sort().flatMap((k) => {
      const v = f(o![k]);
      return v === undefined || (typeof v === "object" && v !== null && Object.keys(v).length === 0) ? [] : [[k, v]];
    });
  const drop = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const canonical = {
    fields: sorted(r.fields, (v) => v),
    items: sorted(r.items, (i) => drop({ note: i.note, answer: i.answer, selected: tick(i.selected) })),
    clauses: sorted(r.clauses, (c) => drop({ ticked: tick(c.ticked), count: c.count, amount: c.amount })),
    vetoes: sorted(r.vetoes, (v) => tick(v)),
  };
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(canonical))));
}

/** The plan seen from the assessors' side: each clause's and veto's input cells are the 核定 cells (for fillInputs). */
export function reviewView(p: SheetPlan): SheetPlan {
  const item = (i: SheetPlan["map"]["items"][number]) => ({
    ...i,
    clauses: i.clauses.map((c) => ({ ...c, inputCell: c.review!.inputCell, countCell: c.review!.countCell })),
  });
  const map = { ...p.map, fields: {}, checks: [], items: p.map.items.map(item), penalties: p.map.penalties.map(item), vetoes: p.map.vetoes.map((v) => ({ ...v, inputCell: v.review!.inputCell })) };
  return { ...p, map };
}

type Kind = "tick" | "entry";

/** Whether format 4 reads `written` as the entry `read` was (a tick's blank and "not ticked" are one). */
function sameReading(kind: Kind, read: InputValue, written: CellValue): boolean {
  const again = reading(kind, written).value;
  const norm = (v: InputValue) => (kind === "tick" && (v === false || v === undefined) ? undefined : v);
  return norm(again) === norm(read);
}

function reading(kind: Kind, v: CellValue): EntryReading {
  const rules = entryRules(REVIEW_FORMAT);
  const cell = v === null ? undefined : { value: v };
  return kind === "tick" ? rules.tick(cell) : rules.entry(cell);
}

/** What to write for an entry read as `v`: √ / blank for a tick, the value itself otherwise; marked 无效 when format 4 would read it otherwise. */
function writable(kind: Kind, v: InputValue): InputValue {
  if (v === undefined) return undefined;
  if (kind === "tick" && typeof v === "boolean") return v;
  const written: CellValue = v;
  if (sameReading(kind, v, written)) return v;
  // Only an invalid entry of an older format can read otherwise (a valid one is written canonically above).
  return `无效：${String(v)}`;
}

/** Responses read by `format`'s rules, as values that format 4 reads the same way. */
export function asFormat4(r: Responses, format: number): Responses {
  // Formats 2 and 3 read entries as format 4 does.
  if (format >= 2) return r;
  const clauses: Record<string, ClauseInput> = {};
  for (const [id, c] of Object.entries(r.clauses ?? {})) {
    const out: ClauseInput = {};
    if (c.ticked !== undefined) out.ticked = writable("tick", c.ticked);
    if (c.count !== undefined) out.count = writable("entry", c.count);
    if (c.amount !== undefined) out.amount = writable("entry", c.amount);
    clauses[id] = out;
  }
  const items: NonNullable<Responses["items"]> = {};
  for (const [id, i] of Object.entries(r.items ?? {})) {
    items[id] = {
      ...i,
      ...(i.note !== undefined ? { note: writable("entry", i.note) as string } : {}),
      ...(i.selected !== undefined ? { selected: writable("tick", i.selected) } : {}),
    };
  }
  const fields = Object.fromEntries(Object.entries(r.fields ?? {}).map(([k, v]) => [k, writable("entry", v) as string]));
  const vetoes = Object.fromEntries(Object.entries(r.vetoes ?? {}).map(([k, v]) => [k, writable("tick", v)]));
  return { ...r, fields, items, clauses, vetoes };
}

/**
 * How a side reads an entry, for comparing the two (↔ the sheet's 核定对比, rows.ts rowDiffers): a tick 0 (blank or
 * not ticked), 1 ticked, 2 invalid; a count or amount 0 blank, 1 a number (compared by value), -1 FALSE, 2 anything else.
 */
const tickCode = (v: InputValue) => (v === undefined || v === false ? 0 : v === true ? 1 : 2);
const entryCode = (v: InputValue) => (v === undefined ? 0 : v === false ? -1 : typeof v === "number" ? 1 : 2);

/** Whether two readings of a clause's cells differ. */
export function entriesDiffer(a: ClauseInput | undefined, b: ClauseInput | undefined): boolean {
  if (tickCode(a?.ticked) !== tickCode(b?.ticked)) return true;
  const x = a?.count ?? a?.amount;
  const y = b?.count ?? b?.amount;
  return entryCode(x) !== entryCode(y) || (typeof x === "number" && x !== y);
}

/**
 * The items (penalties, vetoes) whose 核定 entries differ from the unit's, in table order, with both scores and the
 * 核定说明. A deduct section's row shows minus its deduction (as its cell does), a penalty its deduction.
 */
export function reviewDifferences(result: ReadResult, review: ReviewRead, self: Report, reviewed: Report): ReviewDifference[] {
  const cell = (a: string | undefined) => (a ? `${result.sheetName}!${a}` : null);
  const scoreOf = (r: Report, id: string): number | null => {
    for (const s of r.sections) {
      const i = s.items.find((x) => x.id === id);
      if (i) return i.scoredAbove ? null : (i.score ?? -i.deduction);
    }
    const p = r.penalties.find((x) => x.id === id);
    return p ? p.deduction : null;
  };
  const out: ReviewDifference[] = [];
  for (const item of [...result.map.items, ...result.map.penalties]) {
    const differs = item.clauses.some((c) => entriesDiffer(result.responses.clauses?.[c.id], review.responses.clauses?.[c.id]));
    if (!differs) continue;
    out.push({
      id: item.id, label: item.label, title: item.title, self: scoreOf(self, item.id), review: scoreOf(reviewed, item.id),
      note: review.notes[item.id] ?? "", cell: cell(item.review?.scoreCell),
    });
  }
  for (const v of result.map.vetoes) {
    if (tickCode(result.responses.vetoes?.[v.id]) === tickCode(review.responses.vetoes?.[v.id])) continue;
    out.push({
      id: v.id, label: v.effect === "fail" ? "一票否决" : "优秀否决", title: v.text, self: null, review: null,
      note: review.notes[v.id] ?? "", cell: cell(v.review?.inputCell),
    });
  }
  return out;
}
