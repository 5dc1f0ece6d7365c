/**
 * The summary of one roster (the sentence of 003_…, tier counts, mean and median, total reward) and its
 * 扣分明细 matrix: units × items, the points each unit lost on each item (pure).
 */
import type { TierId } from "../scoring/types";
import type { DeductionMatrix, Policy, RosterRow, ScoredReturn, Summary } from "./types";

/** Half-up rounding to `decimals`, exact on decimal input (89.475 → 89.48, not 89.47 as 89.475 * 100 would give). */
export function roundTo(x: number, decimals: number): number {
  const r = Number(`${Math.round(Number(`${x}e${decimals}`))}e-${decimals}`);
  return Object.is(r, -0) ? 0 : r;
}

/** A number as the document prints it: no trailing zeros (80, 92.5). */
const shown = (n: number) => String(n);

/**
 * "在被考核的38个单位中，考核分数在80分以上的有34个，占89.47%": units = ranked + vetoed rows; at or above =
 * ranked rows scoring ≥ the threshold ("以上" includes it; a vetoed unit has no score); share to 2 decimals.
 */
export function summarize(rows: RosterRow[], policy: Policy): Summary {
  const ranked = rows.filter((r) => !r.vetoed && r.rank !== null && r.score !== null);
  const counted = rows.filter((r) => r.rank !== null);
  const units = counted.length;
  const atOrAbove = ranked.filter((r) => r.score! >= policy.threshold).length;
  const share = units ? roundTo((atOrAbove / units) * 100, 2) : 0;
  const tiers: Record<TierId, number> = { excellent: 0, good: 0, pass: 0, fail: 0 };
  for (const r of counted) if (r.tier) tiers[r.tier]++;
  const scores = ranked.map((r) => r.score!).sort((a, b) => a - b);
  const mid = scores.length >> 1;
  return {
    units,
    atOrAbove,
    share,
    sentence: `在被考核的${units}个单位中，考核分数在${shown(policy.threshold)}分以上的有${atOrAbove}个，占${share.toFixed(2)}%`,
    tiers,
    mean: scores.length ? roundTo(scores.reduce((s, x) => s + x, 0) / scores.length, 2) : null,
    median: scores.length ? roundTo(scores.length % 2 ? scores[mid] : (scores[mid - 1] + scores[mid]) / 2, 2) : null,
    totalReward: roundTo(rows.reduce((s, r) => s + (r.reward ?? 0), 0), 2),
  };
}

/**
 * 扣分明细: one row per ranked or vetoed row that has a return (a vetoed unit that sent none has no
 * deductions to show), in roster order; items in the order they first appear (variants and older versions
 * add their own items); an item a unit's table does not have counts 0 for it. Totals per item.
 */
export function deductionMatrix(rows: { row: RosterRow; ret: ScoredReturn | null }[]): DeductionMatrix {
  const items: DeductionMatrix["items"] = [];
  const at = new Map<string, number>();
  const withReturn = rows.filter((r): r is { row: RosterRow; ret: ScoredReturn } => r.ret !== null && r.row.rank !== null);
  for (const { ret } of withReturn) {
    for (const i of ret.items) {
      if (at.has(i.id)) continue;
      at.set(i.id, items.length);
      items.push({ id: i.id, label: i.label, title: i.title, max: i.max, total: 0 });
    }
  }
  const out: DeductionMatrix["rows"] = withReturn.map(({ row, ret }) => {
    const deductions = items.map(() => 0);
    for (const i of ret.items) deductions[at.get(i.id)!] += i.deduction;
    return { unit: row.unit, deductions };
  });
  items.forEach((item, k) => (item.total = roundTo(out.reduce((s, r) => s + r.deductions[k], 0), 2)));
  return { items, rows: out };
}
