import { parseRubric, parseRubricText } from "../src/rubric/load";
import { RubricError } from "../src/rubric/errors";

const base = () => ({
  format: 1,
  id: "x",
  version: "1",
  title: "表",
  source: { file: "f" },
  fields: { header: [], footer: [] },
  evidence: { required: true },
  sections: [
    { id: "s1", label: "1", title: "甲", points: 10, items: [{ id: "s1.i1", label: "1", text: "内容", points: 10, clauses: [{ id: "s1.i1.c1", kind: "fixed", text: "扣2分", amount: 2 }] }] },
    { id: "s2", label: "2", title: "乙", points: 10, items: [{ id: "s2.i1", label: "1", text: "内容", points: 10, clauses: [{ id: "s2.i1.c1", kind: "counted", text: "每次扣1分", amount: 1, unit: "次" }] }] },
  ],
});

function problems(json: unknown): string[] {
  try {
    parseRubric(json, "rubrics/x.json");
  } catch (e) {
    expect(e).toBeInstanceOf(RubricError);
    return (e as Error).message.split("\n");
  }
  throw new Error("expected the rubric to be rejected");
}

describe("rubric loading reports the file, the JSON path and the problem", () => {
  test("a valid rubric loads", () => {
    expect(parseRubric(base(), "rubrics/x.json").id).toBe("x");
  });

  test("a negative amount deep in the tree", () => {
    const r = base();
    r.sections[1].items[0].clauses[0].amount = -1;
    expect(problems(r)).toEqual(["rubrics/x.json: sections[1].items[0].clauses[0].amount: expected a number > 0, got number -1"]);
  });

  test("a missing field, a wrong type and an unknown field", () => {
    const r = base() as Record<string, unknown>;
    delete r.title;
    r.version = 3;
    (r as { extra?: boolean }).extra = true;
    expect(problems(r).sort()).toEqual([
      "rubrics/x.json: title: missing (expected a string)",
      'rubrics/x.json: unknown field "extra"',
      "rubrics/x.json: version: expected a string, got number 3",
    ]);
  });

  test("an unknown clause kind names the allowed kinds", () => {
    const r = base();
    (r.sections[0].items[0].clauses[0] as { kind: string }).kind = "plus";
    expect(problems(r)[0]).toBe(
      'rubrics/x.json: sections[0].items[0].clauses[0].kind: expected one of "fixed", "counted", "award", "bonus", "discretionary", "scoredAbove", got the string "plus"',
    );
  });

  test("amounts must be whole hundredths", () => {
    const r = base();
    r.sections[0].items[0].clauses[0].amount = 0.125;
    expect(problems(r)[0]).toBe("rubrics/x.json: sections[0].items[0].clauses[0].amount: expected a multiple of 0.01 (scores are kept in hundredths)");
  });

  test("duplicate ids are consistency errors with both places", () => {
    const r = base();
    r.sections[1].items[0].clauses[0].id = "s1.i1.c1";
    expect(problems(r)).toEqual(['rubrics/x.json: sections[1].items[0].clauses[0].id: duplicate id "s1.i1.c1" (first used at sections[0].items[0].clauses[0])']);
  });

  test("an item may not both earn and lose points", () => {
    const r = base();
    (r.sections[0].items[0].clauses as unknown[]).push({ id: "s1.i1.c2", kind: "award", text: "得2分", amount: 2 });
    expect(problems(r)[0]).toMatch(/sections\[0\]\.items\[0\]\.clauses: an item either earns points/);
  });

  test("items of a sum section need points; an unknown variant is named", () => {
    const r = base();
    delete (r.sections[0].items[0] as { points?: number }).points;
    (r.sections[1].items[0] as { appliesTo?: string[] }).appliesTo = ["nope"];
    expect(problems(r)).toEqual([
      'rubrics/x.json: sections[0].items[0].points: missing (items of a "sum" section need points)',
      'rubrics/x.json: sections[1].items[0].appliesTo[0]: unknown variant "nope"',
    ]);
  });

  test("a clause cap below its amount is an error", () => {
    const r = base();
    (r.sections[1].items[0].clauses[0] as { cap?: number }).cap = 0.5;
    expect(problems(r)[0]).toBe("rubrics/x.json: sections[1].items[0].clauses[0].cap: clause cap 0.5 is below its amount 1");
  });

  test("tier thresholds must be ordered", () => {
    expect(problems({ ...base(), tiers: { excellent: 80, good: 90, pass: 60 } })).toEqual(["rubrics/x.json: tiers: expected excellent ≥ good ≥ pass"]);
  });

  test("broken JSON names the line and column, not a stack trace", () => {
    expect(() => parseRubricText('{\n  "id": "x",\n  oops\n}', "rubrics/x.json")).toThrow(/^rubrics\/x\.json: not valid JSON at line 3, column 3/);
  });
});
