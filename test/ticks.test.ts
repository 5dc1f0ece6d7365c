/** The sheet's formulas and the reader agree on what counts as ticked (HyperFormula here; LibreOffice in its own test). */
import { readTickValue } from "../src/layout/ticks";
import { evaluatePlan } from "./helpers/hyperformula";
import { tickProbe, TYPED_MARKS } from "./helpers/tick-marks";

describe("what counts as ticked", () => {
  const probe = tickProbe();
  test.each(TYPED_MARKS.map((m) => [JSON.stringify(m), m]))("typed %s: formula and reader agree", (_name, mark) => {
    const ev = evaluatePlan(probe.plan, new Map([[probe.tick, mark]]));
    const reading = readTickValue(mark);
    // An award sub-item: ticked (未落实) earns 0, otherwise its amount; an invalid entry counts as blank and is flagged.
    expect(ev.get(probe.value)).toBe(reading === "ticked" ? 0 : probe.amount);
    expect(String(ev.get(probe.status)).includes("勾选栏无效")).toBe(reading === "invalid");
    ev.destroy();
  });

  test("the documented marks", () => {
    expect(["√", "✓", "☑", "是", "x", "X", true, 1].map(readTickValue)).toEqual(Array(8).fill("ticked"));
    expect([false, 0, "", null, "否", "  "].map(readTickValue)).toEqual(Array(6).fill("unticked"));
    expect(["maybe", 2, "TRUE", "1"].map(readTickValue)).toEqual(Array(4).fill("invalid"));
  });
});
