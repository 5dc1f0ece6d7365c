/**
 * The 汇总 chart's data (pure): ranked units per score band, and units per 等次 as the summary counts them. Only
 * rows with a score count (vetoed and unranked rows have none); a band is [from, from + width), the top
 * band closed so 100 falls in 90–100.
 */
import type { RosterGroup } from "../consolidate/types";
import type { TierId } from "../scoring/types";

export interface Band {
  from: number;
  to: number;
  units: number;
}

/** Bands of `width` points (10 on a percent scale); on a wider scale (raw points, 千分制) wider bands, at most 12. */
export function scoreBands(scores: number[], width = 10): { width: number; bands: Band[] } {
  if (!scores.length) return { width, bands: [] };
  const lo0 = Math.min(...scores);
  const hi0 = Math.max(...scores);
  let w = width;
  while ((Math.floor(hi0 / w) - Math.floor(lo0 / w)) + 1 > 12) w *= 2;
  const lo = Math.floor(lo0 / w) * w;
  // The top band holds its upper bound: a 100 is counted in 90–100, not in a band of its own.
  const top = hi0 > lo && hi0 % w === 0 ? hi0 - w : Math.floor(hi0 / w) * w;
  const bands: Band[] = [];
  for (let from = lo; from <= top; from += w) bands.push({ from, to: from + w, units: 0 });
  for (const s of scores) {
    const k = Math.min(bands.length - 1, Math.floor((s - lo) / w));
    bands[k].units++;
  }
  return { width: w, bands };
}

export function groupBands(group: RosterGroup): { width: number; bands: Band[] } {
  return scoreBands(group.rows.filter((r) => !r.vetoed && r.score !== null).map((r) => r.score!));
}

export const TIER_ORDER: TierId[] = ["excellent", "good", "pass", "fail"];

/** Units per tier as the summary (and roster.xlsx's 等次 chart) counts them: a vetoed unit is in 不合格. */
export function tierCounts(group: RosterGroup): { tier: TierId; units: number }[] {
  return TIER_ORDER.map((tier) => ({ tier, units: group.summary.tiers[tier] ?? 0 }));
}
