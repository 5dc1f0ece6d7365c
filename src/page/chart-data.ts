/**
 * The 汇总 chart's data (pure): ranked units per score band, and units per 等次 as the summary counts them. Only
 * rows with a score count (vetoed and unranked rows have none); a band is [from, from + width), except
 * that the scale's top (100 on a percent scale) closes the band below it: 100 falls in 90–100.
 */
import type { Policy, RosterGroup } from "../consolidate/types";
import type { TierId } from "../scoring/types";

export interface Band {
  from: number;
  to: number;
  units: number;
}

/** Bands of `width` points (10 on a percent scale); on a wider scale (raw points, 千分制) wider bands, at most 12. */
export function scoreBands(scores: number[], top?: number, width = 10): { width: number; bands: Band[] } {
  if (!scores.length) return { width, bands: [] };
  const lo0 = Math.min(...scores);
  const hi0 = Math.max(...scores);
  let w = width;
  while ((Math.floor(hi0 / w) - Math.floor(lo0 / w)) + 1 > 12) w *= 2;
  const lo = Math.floor(lo0 / w) * w;
  // The scale's top is counted in the band below it (100 in 90–100), never in a band of its own.
  const bandOf = (s: number) => (s === top && s % w === 0 && s > lo ? s - w : Math.floor(s / w) * w);
  const bands: Band[] = [];
  for (let from = lo; from <= bandOf(hi0); from += w) bands.push({ from, to: from + w, units: 0 });
  for (const s of scores) bands[(bandOf(s) - lo) / w].units++;
  return { width: w, bands };
}

/** The scale's top: 100 for percent, a composite's maximum (千分制); raw totals have no one top. */
export function groupBands(group: RosterGroup, policy: Policy): { width: number; bands: Band[] } {
  const top = group.composite ? group.composite.max : policy.scoreBasis === "percent" ? 100 : undefined;
  return scoreBands(group.rows.filter((r) => !r.vetoed && r.score !== null).map((r) => r.score!), top);
}

export const TIER_ORDER: TierId[] = ["excellent", "good", "pass", "fail"];

/** Units per tier as the summary (and roster.xlsx's 等次 chart) counts them: a vetoed unit is in 不合格. */
export function tierCounts(group: RosterGroup): { tier: TierId; units: number }[] {
  return TIER_ORDER.map((tier) => ({ tier, units: group.summary.tiers[tier] ?? 0 }));
}
