/**
 * fast-check generators of responses for a rubric: mostly valid entries, some invalid ones. With
 * `typed: true` the values are what people type into the sheet's cells — every mark wrapped in every kind
 * of whitespace, numbers as text, full-width digits, Booleans in count cells, formulas in input cells
 * (test/helpers/typed.ts) — to be read through a format's entry rules (engineResponses) before scoring.
 */
import fc from "fast-check";
import type { Rubric } from "../../src/rubric/schema";
import { isOneFact, resolveVariant, takesInput, variantIds } from "../../src/rubric/model";
import type { ClauseInput, InputValue, Responses } from "../../src/scoring";
import { ANSWER_VOCABULARY, COUNT_VOCABULARY, TEXT_VOCABULARY, TICK_VOCABULARY } from "./typed";

const typedFrom = (values: readonly (InputValue | null)[]) => fc.constantFrom<InputValue>(...values.map((v) => (v === null ? undefined : v)));

const invalid: fc.Arbitrary<InputValue> = fc.constantFrom<InputValue>(-1, 1.5, "三", "maybe", 2.345);

export function clauseInputArb(kind: string, validOnly: boolean, maxAmount = 5, typed = false): fc.Arbitrary<ClauseInput> {
  const maybeInvalid = <T extends InputValue>(a: fc.Arbitrary<T>) =>
    validOnly ? a : typed ? fc.oneof({ weight: 1, arbitrary: a }, { weight: 1, arbitrary: typedFrom(COUNT_VOCABULARY) }) : fc.oneof({ weight: 9, arbitrary: a }, { weight: 1, arbitrary: invalid });
  const tick = typed && !validOnly ? typedFrom(TICK_VOCABULARY) : fc.constantFrom<InputValue>(undefined, false, true);
  const count = fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 8 }));
  const amount = fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: Math.round((validOnly ? maxAmount : 5) * 100) }).map((h) => h / 100));
  // Stray entries in a column the clause does not use (a count on a tick-only clause, a tick beside a
  // count): rare, and only when invalid entries are allowed — except ticks beside counts, which are valid.
  const stray = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });
  switch (kind) {
    case "fixed":
    case "award":
      return fc.record({ ticked: typed ? tick : maybeInvalid(tick), count: validOnly ? fc.constant(undefined) : stray(count) }, { requiredKeys: [] });
    case "counted":
    case "bonus":
      return fc.record({ count: maybeInvalid(count), ticked: validOnly ? fc.constant(undefined) : stray(tick) }, { requiredKeys: [] });
    default:
      return fc.record({ amount: maybeInvalid(amount), ticked: validOnly ? fc.constant(undefined) : stray(tick) }, { requiredKeys: [] });
  }
}

/** Ids of the clauses (with kinds) and note-bearing items a variant shows. */
export function inputsOf(rubric: Rubric, variant: string | undefined) {
  /** maxAmount: what a discretionary entry may be (its cap, else the item's points or cap, else the section's). */
  const clauses: { id: string; kind: string; maxAmount: number }[] = [];
  /** Clauses whose cells are locked (a part scored above, another level): an entry there is always invalid. */
  const locked: { id: string; kind: string }[] = [];
  const items: string[] = [];
  /** Selectable items (选查): their 抽查 tick. */
  const selectable: string[] = [];
  const checks: string[] = [];
  for (const s of resolveVariant(rubric, variant)) {
    for (const i of s.items ?? []) {
      items.push(i.id);
      if (i.selectable) selectable.push(i.id);
      const itemMax = i.points ?? i.cap ?? s.points ?? 0;
      if (i.scoredAbove) continue;
      for (const c of i.clauses) {
        if (!takesInput(c)) locked.push({ id: c.id, kind: c.kind === "scoredAbove" ? "fixed" : c.kind });
        else clauses.push({ id: c.id, kind: c.kind, maxAmount: Math.min(("cap" in c && c.cap) || Infinity, itemMax) });
      }
    }
    s.checks?.forEach((c) => checks.push(c.id));
  }
  for (const p of rubric.penalties ?? []) {
    items.push(p.id);
    for (const c of p.clauses) {
      if (!takesInput(c)) locked.push({ id: c.id, kind: c.kind });
      else clauses.push({ id: c.id, kind: c.kind, maxAmount: Math.min(("cap" in c && c.cap) || Infinity, p.cap ?? 5) });
    }
  }
  return { clauses, locked, items, selectable, checks };
}

export function responsesArb(rubric: Rubric, opts: { validOnly?: boolean; typed?: boolean } = {}): fc.Arbitrary<Responses> {
  const validOnly = opts.validOnly ?? false;
  const typed = (opts.typed ?? false) && !validOnly;
  return fc.constantFrom(...variantIds(rubric)).chain((variant) => {
    const { clauses, locked, items, selectable, checks } = inputsOf(rubric, variant);
    const clauseArbs = Object.fromEntries([
      ...clauses.map((c) => [c.id, clauseInputArb(c.kind, validOnly, c.maxAmount, typed)] as const),
      // A locked clause is mostly left alone; an entry there (a file edited elsewhere) is invalid on both sides.
      ...(validOnly ? [] : locked.map((c) => [c.id, fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: clauseInputArb(c.kind, false, 1, typed) })] as const)),
    ]);
    const selected = typed ? typedFrom(TICK_VOCABULARY) : fc.constantFrom<InputValue>(undefined, false, true, true);
    const note = typed ? typedFrom(TEXT_VOCABULARY) : fc.constantFrom<InputValue>(undefined, "", "已落实，见台账");
    const answer = typed ? typedFrom(ANSWER_VOCABULARY) : validOnly ? fc.constantFrom<InputValue>(undefined, "是", "否", "不适用") : fc.constantFrom<InputValue>(undefined, "是", "否", "不适用", "可能");
    const itemArbs = Object.fromEntries([
      ...items.map((id) => [id, selectable.includes(id) ? fc.record({ note, selected }, { requiredKeys: [] }) : fc.record({ note }, { requiredKeys: [] })] as const),
      ...checks.map((id) => [id, fc.record({ note, answer }, { requiredKeys: [] })] as const),
    ]);
    const veto = typed
      ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom<InputValue>(undefined, false) }, { weight: 1, arbitrary: typedFrom(TICK_VOCABULARY) })
      : fc.constantFrom<InputValue>(undefined, false, false, false, true);
    const vetoArbs = Object.fromEntries((rubric.vetoes ?? []).map((v) => [v.id, veto]));
    const fieldArbs = Object.fromEntries(
      [...rubric.fields.header, ...rubric.fields.footer].map((f) => [f.id, typed ? typedFrom(TEXT_VOCABULARY) : fc.constantFrom<InputValue>(undefined, "", "填写")]),
    );
    const arb = fc.record({
      variant: fc.constant(variant),
      clauses: fc.record(clauseArbs, { requiredKeys: [] }),
      items: fc.record(itemArbs, { requiredKeys: [] }),
      vetoes: fc.record(vetoArbs, { requiredKeys: [] }),
      fields: fc.record(fieldArbs, { requiredKeys: [] }),
    }) as fc.Arbitrary<Responses>;
    return validOnly ? arb.map((r) => validFor(rubric, r)) : arb;
  });
}

/**
 * What makes entries that are each valid invalid together (the constructs of 004), undone: entries in the clauses
 * of a selectable item not ticked as inspected are dropped, and of each exclusive group only the first clause
 * with an entry keeps it.
 */
function validFor(rubric: Rubric, r: Responses): Responses {
  const clauses = { ...r.clauses };
  for (const s of resolveVariant(rubric, r.variant)) {
    for (const i of s.items ?? []) {
      if (i.selectable && r.items?.[i.id]?.selected !== true) for (const c of i.clauses) delete clauses[c.id];
    }
  }
  for (const g of rubric.exclusive ?? []) {
    if (!isOneFact(g)) continue;
    const entered = g.clauses.filter((id) => clauses[id] !== undefined && Object.values(clauses[id]).some((v) => v !== undefined));
    for (const id of entered.slice(1)) delete clauses[id];
  }
  return { ...r, clauses };
}
