/**
 * One returned workbook → a ScoredReturn (plain data, safe to send from a worker thread): read by what the
 * return records, re-scored by the engine from its entries under the office's tiers, never from its cached
 * cells. `readReturn` never throws: anything that goes wrong becomes an UnreadableReturn with one line.
 */
import { readWorkbook, statedUnit, WorkbookError } from "../layout/read";
import { scoreRead, type ScoredWorkbook } from "../layout/scored";
import { openWorkbook } from "../xlsx/open";
import { findRubric, registerArchivedRubrics, type RubricLookup } from "../rubric/library";
import { ARCHIVE } from "../rubric/archive";
import type { Report, TierPolicy } from "../scoring/types";
import { tierPolicyFor } from "../scoring/tiers";
import type { ReadOutcome, ScoredReturn } from "./types";
import type { LocalPoints } from "../rubric/points";
import type { Rubric } from "../rubric/schema";

/** Item and penalty id → its text, once per rubric (not once per return). */
const textsOf = new WeakMap<Rubric, Map<string, string>>();
function itemTexts(rubric: Rubric): Map<string, string> {
  let texts = textsOf.get(rubric);
  if (texts) return texts;
  texts = new Map();
  for (const s of rubric.sections) for (const i of s.items ?? []) texts.set(i.id, i.text);
  for (const p of rubric.penalties ?? []) texts.set(p.id, p.text);
  textsOf.set(rubric, texts);
  return texts;
}

export function toScoredReturn(scored: ScoredWorkbook, file: string): ScoredReturn {
  const { result, report, flags } = scored;
  const rubric = result.rubric;
  const texts = itemTexts(rubric);
  return {
    file,
    rubric: { id: report.rubric.id, version: report.rubric.version, title: rubric.title },
    newerRubricVersion: result.newerRubric?.version ?? null,
    variant: report.variant ?? null,
    variantTitle: rubric.variants?.find((v) => v.id === result.variant)?.title ?? null,
    unit: statedUnit(scored.result),
    ...figures(report, result),
    max: report.max,
    selfMax: report.selfMax,
    items: [
      ...report.sections.flatMap((s) => s.items).map((i) => ({ id: i.id, label: i.label, title: texts.get(i.id) ?? i.id, max: i.points ?? null, deduction: i.deduction })),
      ...report.penalties.map((p) => ({ id: p.id, label: p.label, title: texts.get(p.id) ?? p.id, max: null, deduction: p.deduction })),
    ],
    flags: flags.map((f) => ({ kind: f.kind, cell: f.cell, message: f.message })),
    review: reviewedScore(scored),
  };
}

/** A report's headline figures as plain data (the unit's or the assessors'); incomplete too when the reader had problems. */
function figures(r: Report, result: ScoredWorkbook["result"]) {
  return {
    total: r.total,
    percent: r.percent,
    tier: r.tier,
    veto: { fail: r.veto.fail, noExcellent: r.veto.noExcellent, reasons: r.veto.reasons.map((v) => ({ id: v.id, effect: v.effect, text: v.text })) },
    complete: r.complete && result.problems.length === 0,
    state: r.state,
  };
}

/** The 核定 figures of a reviewed return (sheet format 4), deductions in the order of `items` above; null when not reviewed. */
function reviewedScore({ result, review }: ScoredWorkbook): ScoredReturn["review"] {
  if (!review) return null;
  const r = review.report;
  return {
    ...figures(r, result),
    deductions: [...r.sections.flatMap((s) => s.items).map((i) => i.deduction), ...r.penalties.map((p) => p.deduction)],
    differences: review.differences.map((d) => ({ id: d.id, label: d.label, self: d.self, review: d.review, note: d.note })),
  };
}

export interface ReadReturnOptions {
  /** The office's tier thresholds (policy.tiers); the rubric's otherwise. */
  tiers?: TierPolicy;
  /** Where the return's rubric is found (rubric/given.ts with --rubric); the shipped library otherwise. */
  lookup?: RubricLookup;
  /** The office's local item points (--points); none: every return is scored by its rubric's published points. */
  points?: LocalPoints | null;
}

/** Bytes of one file → its scored return, or why it cannot be read. Never throws. */
export async function readReturn(bytes: Uint8Array, file: string, options: ReadReturnOptions = {}): Promise<ReadOutcome> {
  // Returns made from superseded rubric versions are scored by those versions.
  registerArchivedRubrics(ARCHIVE);
  try {
    const grid = await openWorkbook(bytes);
    const result = readWorkbook(grid, options.lookup ?? findRubric);
    // Always explicit tiers: a return made without its reference tier still gets the office's (or the rubric's).
    const tiers = tierPolicyFor(result.rubric, options.tiers);
    // Always explicit points too: a return's own local points are never taken on its word.
    return { ok: true, ret: toScoredReturn(scoreRead(result, { tiers, points: options.points ?? null }), file) };
  } catch (e) {
    if (e instanceof WorkbookError) return { ok: false, error: { file, reason: e.reason, message: e.message } };
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { file, reason: "error", message: `无法读取：${message} / cannot be read: ${message}`.replace(/\s*[\r\n]+\s*/g, " ") } };
  }
}
