/** Builders for small rubrics and responses in tests. */
import type { Clause, Item, Rubric, Section } from "../../src/rubric/schema";
import { parseRubric } from "../../src/rubric/load";

export function rubric(sections: Section[], extra: Partial<Rubric> = {}): Rubric {
  return parseRubric(
    {
      format: 1,
      id: "test",
      version: "1",
      title: "测试表",
      source: { file: "test" },
      fields: { header: [], footer: [] },
      evidence: { required: false },
      sections,
      ...extra,
    },
    "test.json",
  );
}

export function section(items: Item[], extra: Partial<Section> = {}): Section {
  return { id: "s1", label: "1", title: "第一部分", points: items.reduce((s, i) => s + (i.points ?? 0), 0), items, ...extra };
}

export function item(id: string, points: number | undefined, clauses: Clause[], extra: Partial<Item> = {}): Item {
  return { id, label: id, text: `项目${id}`, ...(points === undefined ? {} : { points }), clauses, ...extra };
}

export const fixed = (id: string, amount: number): Clause => ({ id, kind: "fixed", text: `未落实扣${amount}分`, amount });
export const award = (id: string, amount: number): Clause => ({ id, kind: "award", text: `得${amount}分`, amount });
export const counted = (id: string, amount: number, cap?: number, unit = "次"): Clause => ({
  id, kind: "counted", text: `每${unit}扣${amount}分`, amount, unit, ...(cap === undefined ? {} : { cap }),
});
export const bonus = (id: string, amount: number, cap?: number): Clause => ({
  id, kind: "bonus", text: `每项加${amount}分`, amount, unit: "项", ...(cap === undefined ? {} : { cap }),
});
export const discretionary = (id: string, cap?: number): Clause => ({
  id, kind: "discretionary", text: "酌情扣分", ...(cap === undefined ? {} : { cap }),
});
