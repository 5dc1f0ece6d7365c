/**
 * Golden returns (test/golden/format-N/): reading and scoring a committed workbook with the current code,
 * reduced to the projection that every later release must reproduce exactly. Used by
 * scripts/make-golden.ts (to write the expected reports once) and by test/golden.test.ts (to check them).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readFile, scoreJson } from "../../src/cli/workbook";
import { scoreRead } from "../../src/layout/scored";

export const GOLDEN_ROOT = join(__dirname, "..", "golden");

type ScoreJson = ReturnType<typeof scoreJson>;

export interface GoldenReport {
  rubric: { id: string; version: string; fingerprint: string };
  variant: string | null;
  unit: string | null;
  total: number;
  max: number;
  selfMax: number;
  percent: number | null;
  penalties: number;
  tier: string | null;
  tierId: string | null;
  veto: { fail: boolean; noExcellent: boolean; reasons: string[] };
  complete: boolean;
  sections: { id: string; score: number; max: number }[];
  items: { id: string; score: number | null; deduction: number }[];
  checks: { id: string; answer: string | null }[];
  flags: { kind: string; cell: string | null }[];
}

const byFlag = (a: { kind: string; cell: string | null }, b: { kind: string; cell: string | null }) =>
  a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : (a.cell ?? "\uffff") < (b.cell ?? "\uffff") ? -1 : (a.cell ?? "\uffff") > (b.cell ?? "\uffff") ? 1 : 0;

/** The stable part of a `score --json` report: what a return scores, never how the report words it. */
export function goldenProjection(s: ScoreJson): GoldenReport {
  return {
    rubric: { id: s.rubric.id, version: s.rubric.version, fingerprint: s.rubric.fingerprint },
    variant: s.variant,
    unit: s.unit,
    total: s.total,
    max: s.max,
    selfMax: s.selfMax,
    percent: s.percent,
    penalties: s.penalties,
    tier: s.tier,
    tierId: s.tierId ?? null,
    veto: { fail: s.veto.fail, noExcellent: s.veto.noExcellent, reasons: s.veto.reasons.map((r) => r.id) },
    complete: s.complete,
    sections: s.sections.map((x) => ({ id: x.id, score: x.score, max: x.max })),
    items: s.items.map((i) => ({ id: i.id, score: i.score, deduction: i.deduction })),
    checks: s.checks.map((c) => ({ id: c.id, answer: c.answer })),
    flags: s.flags.map((f) => ({ kind: f.kind, cell: f.cell })).sort(byFlag),
  };
}

/** Reads and scores one workbook file with the current code. */
export async function goldenReportOf(path: string): Promise<GoldenReport> {
  return goldenProjection(scoreJson(scoreRead(await readFile(path))));
}

/** `x.xlsx` → `x.expected.json` (also `x.lo.xlsx` → `x.lo.expected.json`). */
export const expectedPathOf = (xlsxPath: string) => xlsxPath.replace(/\.xlsx$/, ".expected.json");

/** Every golden workbook, as [folder, file name], folders format-1, format-2, … in order. */
export function goldenFiles(root = GOLDEN_ROOT): [string, string][] {
  const folders = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^format-\d+$/.test(d.name))
    .map((d) => d.name)
    .sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)));
  return folders.flatMap((f) => readdirSync(join(root, f)).filter((n) => n.endsWith(".xlsx")).sort().map((n) => [f, n] as [string, string]));
}

/** Stable JSON text of a report, as committed. */
export const goldenJson = (r: GoldenReport) => JSON.stringify(r, null, 2) + "\n";
