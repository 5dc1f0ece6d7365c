/**
 * TEMPORARY STAND-INS — delete at merge. The real `readReturn` (from-read.ts), `parseUnitList` (units.ts),
 * `parsePolicy` (policy.ts), `consolidate` (roster.ts), `rosterToXlsx` (xlsx.ts) and `noticeToDocx` (docx.ts)
 * are written on other branches. These have the same names and signatures and do the least that lets the
 * command line, the worker pool and the bench run end to end on this branch. Importers: read-worker.ts
 * and ../cli/consolidate-deps.ts (two import lines to change).
 */
import { readWorkbook } from "../layout/read";
import { WorkbookError } from "../layout/format";
import { scoreRead } from "../layout/scored";
import { openWorkbook } from "../xlsx/open";
import { findRubric } from "../rubric/library";
import type { TierPolicy } from "../scoring/types";
import type { Consolidation, Policy, ReadOutcome, RosterGroup, RosterRow, ScoredReturn, UnitEntry } from "./types";

export async function readReturn(bytes: Uint8Array, file: string, opts: { tiers?: TierPolicy } = {}): Promise<ReadOutcome> {
  try {
    const result = readWorkbook(await openWorkbook(bytes), findRubric);
    const { report, flags } = scoreRead(result, { tiers: opts.tiers });
    const ret: ScoredReturn = {
      file,
      rubric: { id: result.rubric.id, version: result.rubric.version, title: result.rubric.title },
      newerRubricVersion: result.newerRubric?.version ?? null,
      variant: result.variant ?? null,
      variantTitle: result.rubric.variants?.find((v) => v.id === result.variant)?.title ?? null,
      unit: result.unit ?? null,
      total: report.total,
      max: report.max,
      selfMax: report.selfMax,
      percent: report.percent,
      tier: report.tier,
      veto: { fail: report.veto.fail, noExcellent: report.veto.noExcellent, reasons: report.veto.reasons.map((r) => ({ ...r })) },
      complete: report.complete,
      items: report.sections.flatMap((s) => s.items.map((i) => ({ id: i.id, label: i.label, title: s.title, max: i.points ?? null, deduction: i.deduction }))),
      flags: flags.map((f) => ({ kind: f.kind, cell: f.cell, message: f.message })),
    };
    return { ok: true, ret };
  } catch (e) {
    if (e instanceof WorkbookError) return { ok: false, error: { file, reason: e.reason, message: e.message } };
    return { ok: false, error: { file, reason: "internal", message: (e as Error)?.message ?? String(e) } };
  }
}

export function parseUnitList(bytes: Uint8Array, fileName: string): UnitEntry[] {
  void fileName;
  const lines = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "").split(/\r?\n/);
  const head = lines[0].split(",").map((s) => s.trim());
  const col = (name: string) => head.indexOf(name);
  return lines.slice(1).flatMap((l, k) => {
    const c = l.split(",").map((s) => s.trim());
    const get = (name: string) => (col(name) >= 0 && c[col(name)] ? c[col(name)] : null);
    const name = get("单位");
    return name ? [{ name, category: get("类别"), veto: get("否决原因"), noExcellent: get("优秀否决原因"), exempt: get("免考原因"), line: k + 2 }] : [];
  });
}

export function parsePolicy(text: string, fileName: string): Policy {
  void fileName;
  return { scoreBasis: "percent", threshold: 80, decimals: 2, reward: { perPointAboveThreshold: {} }, ...(JSON.parse(text) as Partial<Policy>) };
}

export function consolidate(outcomes: ReadOutcome[], units: UnitEntry[] | null, policy: Policy): Consolidation {
  const problems: Consolidation["problems"] = outcomes.flatMap((o) => (o.ok ? [] : [{ file: o.error.file, unit: null, kind: "unreadable" as const, message: o.error.message }]));
  const byRubric = new Map<string, ScoredReturn[]>();
  for (const o of outcomes) if (o.ok) byRubric.set(o.ret.rubric.id, [...(byRubric.get(o.ret.rubric.id) ?? []), o.ret]);
  const groups: RosterGroup[] = [...byRubric.values()].map((rets) => {
    const category = (u: string | null) => units?.find((x) => x.name === u)?.category ?? null;
    const scoreOf = (r: ScoredReturn) => Number((policy.scoreBasis === "raw" ? r.total : (r.percent ?? 0)).toFixed(policy.decimals));
    const ranked = rets.filter((r) => !r.veto.fail).sort((a, b) => scoreOf(b) - scoreOf(a));
    const rows: RosterRow[] = [
      ...ranked.map((r, k) => {
        const s = scoreOf(r);
        const rate = policy.reward.perPointAboveThreshold[category(r.unit) ?? ""] ?? 0;
        return { rank: k + 1, unit: r.unit ?? r.file, category: category(r.unit), score: s, tier: r.tier, reward: s >= policy.threshold ? Math.round((s - policy.threshold) * rate * 100) / 100 : 0, note: "", vetoed: false, problems: r.flags.length, file: r.file, match: null };
      }),
      ...rets.filter((r) => r.veto.fail).map((r, k) => ({ rank: ranked.length + k + 1, unit: r.unit ?? r.file, category: category(r.unit), score: null, tier: r.tier, reward: null, note: `一票否决：${r.veto.reasons.map((x) => x.text).join("；")}`, vetoed: true, problems: r.flags.length, file: r.file, match: null })),
    ];
    const scored = rows.filter((r) => r.score !== null);
    const atOrAbove = scored.filter((r) => r.score! >= policy.threshold).length;
    const share = rows.length ? Math.round((atOrAbove / rows.length) * 10000) / 100 : 0;
    return {
      rubric: rets[0].rubric,
      rows,
      exempt: [],
      summary: {
        units: rows.length,
        atOrAbove,
        share,
        sentence: `在被考核的${rows.length}个单位中，考核分数在${policy.threshold}分以上的有${atOrAbove}个，占${share.toFixed(2)}%`,
        tiers: { excellent: 0, good: 0, pass: 0, fail: 0, ...Object.fromEntries([]) } as RosterGroup["summary"]["tiers"],
        mean: scored.length ? scored.reduce((a, r) => a + r.score!, 0) / scored.length : null,
        median: null,
        totalReward: rows.reduce((a, r) => a + (r.reward ?? 0), 0),
      },
      deductions: { items: [], rows: [] },
    };
  });
  return { groups, problems, policy };
}

export async function rosterToXlsx(c: Consolidation): Promise<Uint8Array> {
  return new TextEncoder().encode(JSON.stringify(c));
}

export async function noticeToDocx(group: RosterGroup, opts: { policy: Policy }): Promise<Uint8Array> {
  return new TextEncoder().encode(JSON.stringify({ threshold: opts.policy.threshold, group }));
}
