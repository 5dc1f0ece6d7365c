/** The sheet's formulas and the reader agree on what counts as ticked, in every sheet format (HyperFormula here; LibreOffice in its own test). */
import { readTickValue } from "../src/layout/ticks";
import { entryRules, type SheetFormat } from "../src/layout/entries";
import { evaluatePlan } from "./helpers/hyperformula";
import { tickProbe, TYPED_MARKS } from "./helpers/tick-marks";
import { typedCell } from "./helpers/typed";

describe.each<SheetFormat>([1, 2, 3])("format %s: what counts as ticked", (format) => {
  const probe = tickProbe(format);
  const rules = entryRules(format);
  test.each(TYPED_MARKS.map((m) => [JSON.stringify(m), m]))("typed %s: formula and reader agree", (_name, mark) => {
    const ev = evaluatePlan(probe.plan, new Map([[probe.tick, mark]]));
    const seen = rules.tick(typedCell(mark ?? undefined)).value;
    const reading = seen === true ? "ticked" : seen === false || seen === undefined ? "unticked" : "invalid";
    // An award sub-item: ticked (未落实) earns 0, otherwise its amount; an invalid entry counts as blank and is flagged.
    expect([ev.get(probe.value), String(ev.get(probe.status)).includes("勾选栏无效")]).toEqual([reading === "ticked" ? 0 : probe.amount, reading === "invalid"]);
    ev.destroy();
  });
});

test("format 1: the marks of the releases before format 2 (x is ticked, with a warning)", () => {
  const read = (v: unknown) => readTickValue(v, 1);
  expect(["√", "✓", "☑", "是", "x", "X", " x ", true, 1].map(read)).toEqual(Array(9).fill("ticked"));
  expect([false, 0, "", null, "否", "  "].map(read)).toEqual(Array(6).fill("unticked"));
  expect(["maybe", 2, "TRUE", "1", "×", "√\u3000", "\u00a0√", "√\t"].map(read)).toEqual(Array(8).fill("invalid"));
  expect(entryRules(1).tick({ value: "X" }).warning?.kind).toBe("ambiguous-mark");
});

test("format 2: every kind of space is a space; x, X and × are not ticks", () => {
  const read = (v: unknown) => readTickValue(v, 2);
  expect(["√", "✓", "☑", "是", "√\u3000", "\u00a0√", "√\t", "\n是\r", true, 1].map(read)).toEqual(Array(10).fill("ticked"));
  expect([false, 0, "", null, "否", "  ", "\t\u3000\u00a0", "\u3000否"].map(read)).toEqual(Array(8).fill("unticked"));
  expect(["maybe", 2, "TRUE", "1", "x", "X", "×", "√ √"].map(read)).toEqual(Array(8).fill("invalid"));
  const x = entryRules(2).tick({ value: " × " });
  expect(x).toEqual({ value: " × ", warning: expect.objectContaining({ kind: "ambiguous-mark", zh: expect.stringContaining("勾选：TRUE、1、√、✓、☑、是；不勾选：空白、FALSE、0、否") }) });
  expect(x.warning?.zh).toContain("× 常表示“否/错”");
});

test("the default is the current format", () => {
  expect(readTickValue("x")).toBe("invalid");
});

test("format 2: a formula is read as its text, except a Boolean-valued one (LibreOffice saves TRUE as =TRUE())", () => {
  const rules = entryRules(2);
  expect(rules.tick({ value: true, formula: "TRUE()" })).toEqual({ value: true });
  expect(rules.tick({ value: null, formula: "FALSE()" })).toEqual({ value: false });
  expect(rules.tick({ value: true, formula: "1>0" })).toEqual({ value: true, warning: expect.objectContaining({ kind: "formula-in-input" }) });
  expect(rules.tick({ value: 1, formula: "2-1" })).toEqual({ value: "=2-1", warning: expect.objectContaining({ kind: "formula-in-input", zh: expect.stringContaining("输入单元格不能填写公式") }) });
  expect(rules.entry({ value: 5, formula: "2+3" }).value).toBe("=2+3");
  expect(entryRules(1).entry({ value: 5, formula: "2+3" })).toEqual({ value: 5, warning: expect.objectContaining({ kind: "formula-in-input" }) });
  expect(entryRules(1).entry({ value: null, formula: "2+3" }).value).toBe("=2+3");
  expect(() => entryRules(5 as never)).toThrow(/unknown sheet format 5/);
});
