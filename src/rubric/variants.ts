/**
 * Which variant of a rubric a unit fills, from the unit's name (pure). One function for the command line,
 * the task pane and consolidation: `matchUnit(rubric, "龙湾区教育局")` → the 区教育局 variant, reported as a
 * fuzzy match so the caller can say so. Nothing is ever guessed silently: no match gives suggestions.
 */
import type { Rubric, Variant } from "./schema";

export type UnitMatch =
  | { kind: "exact"; variant: Variant }
  | { kind: "fuzzy"; variant: Variant; matchedUnit: string }
  | { kind: "none"; suggestions: UnitSuggestion[] };

export interface UnitSuggestion {
  variant: Variant;
  unit: string;
  /** Edit distance between the normalised names (smaller is nearer). */
  distance: number;
}

/** Zero-width and bidi formatting characters: invisible, never part of a name. */
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF\u202A-\u202E\u2066-\u2069\u061C]/gu;

/**
 * A unit name as compared: NFKC (full-width ASCII → half-width, U+3000 → space), every kind of whitespace
 * (ASCII, full-width, NBSP, tabs, line breaks) and invisible formatting characters removed, ASCII lower-cased.
 */
export function normalizeUnitName(name: string): string {
  return name.normalize("NFKC").replace(INVISIBLE, "").replace(/\s+/gu, "").toLowerCase();
}

/** Listed names start with the level (区教育局, 市交警三大队); a typed name may carry the place before it. */
const LEVELS = new Set(["区", "市", "县"]);
/** The shortest place name accepted before the level (龙湾区, 温州市龙湾区): two characters, so 社区… is not 区…. */
const MIN_PLACE = 2;

/** `typed` is `listed` with a place name in front: 龙湾区教育局 ⊃ 区教育局. Both normalised. */
function withPlace(typed: string, listed: string): boolean {
  return LEVELS.has(listed[0]) && typed.length >= listed.length + MIN_PLACE && typed.endsWith(listed);
}

/** Forms of a typed name to compare with listed names: itself, and each tail that starts at a level after a place. */
function tails(typed: string): string[] {
  const out = [typed];
  const chars = Array.from(typed);
  for (let i = MIN_PLACE; i < chars.length - 1; i++) if (LEVELS.has(chars[i])) out.push(chars.slice(i).join(""));
  return out;
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}

/** Every listed name of every variant: its units, then its title when it is not one of them. */
function listed(rubric: Rubric): { variant: Variant; unit: string }[] {
  return (rubric.variants ?? []).flatMap((variant) => [...variant.units, ...(variant.units.includes(variant.title) ? [] : [variant.title])].map((unit) => ({ variant, unit })));
}

/** How many suggestions an unmatched name gets. */
export const SUGGESTIONS = 5;

/**
 * The variant whose listed units name this unit. Exact: the name as listed. Fuzzy: equal once normalised,
 * or the listed name with a place in front (龙湾区教育局 → 区教育局). None: the nearest listed names, best
 * first — also when the name fits listed names of more than one variant.
 */
export function matchUnit(rubric: Rubric, unitName: string): UnitMatch {
  const names = listed(rubric);
  const exact = names.find((n) => n.unit === unitName);
  if (exact) return { kind: "exact", variant: exact.variant };
  const typed = normalizeUnitName(unitName);
  if (!typed) return { kind: "none", suggestions: [] };
  const same = names.filter((n) => normalizeUnitName(n.unit) === typed);
  const found = same.length ? same : names.filter((n) => withPlace(typed, normalizeUnitName(n.unit)));
  const variants = new Set(found.map((n) => n.variant.id));
  if (variants.size === 1) return { kind: "fuzzy", variant: found[0].variant, matchedUnit: found[0].unit };
  const forms = tails(typed);
  const suggestions = names
    .map((n, order) => ({ ...n, order, distance: Math.min(...forms.map((f) => editDistance(f, normalizeUnitName(n.unit)))) }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .slice(0, SUGGESTIONS)
    .map(({ variant, unit, distance }) => ({ variant, unit, distance }));
  return { kind: "none", suggestions };
}

export type NameMatch = { kind: "exact" | "fuzzy"; index: number } | { kind: "none" };

/**
 * A typed unit name against a plain list of names (the office's unit list), by the rules of `matchUnit`:
 * exact; else equal once normalised; else a listed name with a place in front (周村区教体局 → 区教体局).
 * A fuzzy name that fits several listed names matches none (never guessed). `index` is the first listed.
 */
export function matchName(typed: string, names: readonly string[]): NameMatch {
  const exact = names.indexOf(typed);
  if (exact >= 0) return { kind: "exact", index: exact };
  const t = normalizeUnitName(typed);
  if (!t) return { kind: "none" };
  const norm = names.map(normalizeUnitName);
  const same = norm.flatMap((n, i) => (n === t ? [i] : []));
  const found = same.length ? same : norm.flatMap((n, i) => (n && withPlace(t, n) ? [i] : []));
  const distinct = new Set(found.map((i) => norm[i]));
  return distinct.size === 1 ? { kind: "fuzzy", index: found[0] } : { kind: "none" };
}
