/**
 * The summary of one roster (the sentence of 003_…, tier counts, mean and median, total reward) and its
 * 扣分明细 matrix: units × items, the points each unit lost on each item (pure).
 */
import type { TierId } from "../scoring/types";
import type { DeductionMatrix, MovedByReview, Policy, RosterRow, Summary } from "./types";

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
export function summarize(rows: RosterRow[], policy: Policy, moved: MovedByReview = movedByReview([], policy)): Summary {
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
    moved,
  };
}

/** Where one set of figures (自评 or 核定) puts a counted unit: a vetoed one is below the line and 不合格. */
export interface Standing {
  atOrAbove: boolean;
  tier: TierId | null;
}

/**
 * What the review changed, over the counted units whose return was reviewed (in roster order): how many it
 * moved across the threshold either way, how many into another tier, and the sentence
 * "12个单位经核定，核定改变了3个单位的80分线归属、5个单位的等次".
 */
export function movedByReview(reviewed: { unit: string; self: Standing; review: Standing }[], policy: Pick<Policy, "threshold">): MovedByReview {
  const across = reviewed.filter((u) => u.self.atOrAbove !== u.review.atOrAbove);
  const tier = reviewed.filter((u) => u.self.tier !== u.review.tier);
  return {
    reviewed: reviewed.length,
    threshold: across.length,
    tier: tier.length,
    units: reviewed.filter((u) => across.includes(u) || tier.includes(u)).map((u) => u.unit),
    sentence: reviewed.length
      ? `${reviewed.length}个单位经核定，核定改变了${across.length}个单位的${shown(policy.threshold)}分线归属、${tier.length}个单位的等次`
      : null,
  };
}

/** A return's items with the deductions the roster itemises (its ranked figures': see basis.ts). */
export interface ItemsOf {
  items: { id: string; label: string; title: string; max: number | null; deduction: number }[];
}

/**
 * 扣分明细: one row per ranked or vetoed row that has a return (a vetoed unit that sent none has no
 * deductions to show), in roster order; items in the order they first appear (variants and older versions
 * add their own items); an item a unit's table does not have counts 0 for it. Totals per item.
 */
export function deductionMatrix(rows: { row: RosterRow; ret: ItemsOf | null }[]): DeductionMatrix {
  const items: DeductionMatrix["items"] = [];
  const at = new Map<string, number>();
  const withReturn = rows.filter((r): r is { row: RosterRow; ret: ItemsOf } => r.ret !== null && r.row.rank !== null);
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
