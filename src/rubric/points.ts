/**
 * Local item points (issue 10): an office may set its own points for items the document prints none for (004's
 * are derived, 参考分值) — `template --points <csv>`. Applying them gives a rubric *variant*: the same id and
 * version, other points, so another fingerprint. A return records the published version (its fingerprint)
 * and the override (format 3's `points` key, layout/format.ts); the reader re-applies it before scoring, and
 * consolidation scores every return by the office's own points, never by what a return says it used.
 *
 * One place for the rules: which items may take local points (an item of a "sum" section; an item of a
 * "deduct" section is a deduction row under its section's budget and has no points of its own to set), what
 * a value may be (≥ 0, whole hundredths), and the normal form (only the items whose points differ from the
 * published ones, in the rubric's order), so two overrides that score alike compare equal. Pure.
 */
import { isWholeHundredths } from "./model";
import { checkConsistency } from "./consistency";
import type { Item, Rubric, Section } from "./schema";

/** Item id → the office's points for it, in the rubric's order; only items whose points differ. */
export type LocalPoints = Readonly<Record<string, number>>;

export interface PointsProblem {
  zh: string;
  en: string;
}

const q = (s: string) => `“${s.length > 30 ? s.slice(0, 30) + "…" : s}”`;

/** Every item with its section, in the rubric's order (penalties have no points: they are not items here). */
function itemsOf(rubric: Rubric): { item: Item; section: Section }[] {
  return rubric.sections.flatMap((section) => (section.items ?? []).map((item) => ({ item, section })));
}

/** The item a local point value may set, or why not. */
export function pointsTarget(rubric: Rubric, by: { id: string } | { label: string }): { item: Item } | PointsProblem {
  const all = itemsOf(rubric);
  const found = "id" in by ? all.filter((x) => x.item.id === by.id) : all.filter((x) => x.item.label.trim() === by.label.trim());
  const name = "id" in by ? `id ${q(by.id)}` : `序号 ${q(by.label)}`;
  const nameEn = "id" in by ? `id "${by.id}"` : `number "${by.label}"`;
  if (!found.length) {
    const penalty = (rubric.penalties ?? []).some((p) => ("id" in by ? p.id === by.id : p.label.trim() === by.label.trim()));
    if (penalty) return { zh: `${name}是减分项，没有分值可设`, en: `${nameEn} is a penalty (减分项): it has no points to set` };
    return { zh: `考核细则 ${rubric.id} 中没有${name}的考核项`, en: `rubric ${rubric.id} has no item with ${nameEn}` };
  }
  if (found.length > 1) return { zh: `${name}对应 ${found.length} 个考核项，请改用 id 列`, en: `${nameEn} names ${found.length} items: use the id column` };
  const { item, section } = found[0];
  if ((section.scoring ?? "sum") === "deduct") {
    // 001's deduction rows print no 序号: named by id then.
    const label = item.label.trim();
    return {
      zh: `${label ? `第${label}项` : `考核项 ${item.id} `}属于扣分制考核项“${section.title.slice(0, 20)}”（从本节 ${section.points ?? 0} 分中扣减），不能单独设分值`,
      en: `item ${label || item.id} is in a "deduct" section (deductions from the section's ${section.points ?? 0} points): it has no points of its own`,
    };
  }
  return { item };
}

/** A points value as typed ("6", "2.5", "６"): a number ≥ 0 in whole hundredths, or why not. */
export function pointsValue(text: string): { value: number } | PointsProblem {
  const t = text.normalize("NFKC").trim();
  const shown = q(text.trim());
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return { zh: `分值${shown}不是数字`, en: `points ${JSON.stringify(text.trim())} is not a number` };
  const value = Number(t);
  if (value < 0) return { zh: `分值${shown}不能为负数`, en: `points ${JSON.stringify(text.trim())} cannot be negative` };
  if (!isWholeHundredths(value)) return { zh: `分值${shown}不是 0.01 的整数倍`, en: `points ${JSON.stringify(text.trim())} is not a multiple of 0.01` };
  return { value };
}

/** The normal form: only items whose points differ from the rubric's, in the rubric's order. */
export function normalPoints(rubric: Rubric, points: Readonly<Record<string, number>>): LocalPoints {
  const out: Record<string, number> = {};
  for (const { item } of itemsOf(rubric)) {
    const v = points[item.id];
    if (v !== undefined && v !== item.points) out[item.id] = v;
  }
  return out;
}

export const samePoints = (a: LocalPoints | null | undefined, b: LocalPoints | null | undefined): boolean => {
  const ka = Object.keys(a ?? {});
  const kb = Object.keys(b ?? {});
  return ka.length === kb.length && ka.every((k) => (b ?? {})[k] === (a ?? {})[k]);
};

export const hasPoints = (p: LocalPoints | null | undefined): p is LocalPoints => p !== null && p !== undefined && Object.keys(p).length > 0;

const variants = new WeakMap<Rubric, Map<string, Rubric>>();

/**
 * The rubric with the local points applied (cached per rubric and override: a thousand returns share one
 * variant). The office's figure replaces a derived one, so those items lose `pointsDerived`. Throws a
 * PointsError when an id cannot take points or the result breaks a rule of the rubric format (an item's
 * points below its part scored above, say).
 */
export function withLocalPoints(rubric: Rubric, points: LocalPoints): Rubric {
  if (!hasPoints(points)) return rubric;
  const key = JSON.stringify(points);
  let byKey = variants.get(rubric);
  if (!byKey) variants.set(rubric, (byKey = new Map()));
  const cached = byKey.get(key);
  if (cached) return cached;
  const problems: PointsProblem[] = [];
  for (const [id, v] of Object.entries(points)) {
    const t = pointsTarget(rubric, { id });
    if (!("item" in t)) problems.push(t);
    else if (!(typeof v === "number" && v >= 0 && isWholeHundredths(v))) problems.push({ zh: `${q(id)} 的分值 ${String(v)} 无效`, en: `invalid points ${String(v)} for "${id}"` });
  }
  if (problems.length) throw new PointsError(problems);
  const out = structuredClone(rubric);
  for (const s of out.sections) {
    for (const item of s.items ?? []) {
      if (points[item.id] === undefined) continue;
      item.points = points[item.id];
      delete item.pointsDerived;
    }
  }
  const errors = checkConsistency(out).filter((f) => f.severity === "error");
  if (errors.length) throw new PointsError(errors.map((f) => ({ zh: `本地分值与考核细则冲突：${f.path}: ${f.message}`, en: `the local points break the rubric: ${f.path}: ${f.message}` })));
  byKey.set(key, out);
  return out;
}

export class PointsError extends Error {
  constructor(readonly problems: PointsProblem[]) {
    super(problems.map((p) => `${p.zh} / ${p.en}`).join("\n"));
    this.name = "PointsError";
  }
}

/** "第12.1项 6 分（细则 5 分）、…": the override as people read it. */
export function pointsSummary(rubric: Rubric, points: LocalPoints): string {
  const byId = new Map(itemsOf(rubric).map((x) => [x.item.id, x.item] as const));
  return Object.entries(points)
    .map(([id, v]) => {
      const item = byId.get(id);
      return item ? `第${item.label}项 ${v} 分（细则${item.pointsDerived ? "参考" : ""} ${item.points ?? "—"} 分）` : `${id} ${v} 分`;
    })
    .join("、");
}
