/** fillInputs' tickMark: a filled example prints a tick as √ (what a format-3 tick cell offers), not TRUE. */
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";

const lw = findRubric("lw2015-dept")!;
const award = "i3.c6b";

test("fillInputs writes a tick given as true as √ when asked (what a format-3 tick cell offers), false as blank", () => {
  const p = plan(lw, "jyj");
  const cell = p.map.items.flatMap((i) => i.clauses).find((c) => c.id === award)!.inputCell;
  const other = p.map.items.flatMap((i) => i.clauses).find((c) => c.id === "i3.c1")!.inputCell;
  const responses = { variant: "jyj", clauses: { [award]: { ticked: true }, "i3.c1": { ticked: false } } };
  expect(fillInputs(p, responses).get(cell)).toBe(true);
  const marked = fillInputs(p, responses, { tickMark: "√" });
  expect([marked.get(cell), marked.get(other)]).toEqual(["√", null]);
});
