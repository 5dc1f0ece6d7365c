/** Choosing a rubric's variant from a unit's name: src/rubric/variants.ts. Expected values worked out by hand. */
import { editDistance, matchUnit, normalizeUnitName } from "../src/rubric/variants";
import { findRubric } from "../src/rubric/library";

const lw = findRubric("lw2015-dept")!;
const ids = (m: ReturnType<typeof matchUnit>) => (m.kind === "none" ? m.suggestions.map((s) => `${s.variant.id}:${s.unit}:${s.distance}`) : m.variant.id);

describe("normalizeUnitName", () => {
  test("removes every kind of whitespace and invisible mark", () => {
    expect(normalizeUnitName(" 区\u3000教育\t局\u00A0\n")).toBe("区教育局");
    expect(normalizeUnitName("\u200B区教育局\uFEFF")).toBe("区教育局");
  });
  test("full-width ASCII becomes half-width, ASCII lower case", () => {
    expect(normalizeUnitName("ＡＢＣ１２３（区）")).toBe("abc123(区)");
  });
});

test("editDistance counts code points", () => {
  expect(editDistance("区教育局", "区教委")).toBe(2); // 育→委, delete 局
  expect(editDistance("", "区教育局")).toBe(4);
  expect(editDistance("𠀀a", "a")).toBe(1); // an astral character is one
});

describe("matchUnit", () => {
  test("a name as listed is exact", () => {
    expect(matchUnit(lw, "区教育局")).toEqual({ kind: "exact", variant: expect.objectContaining({ id: "jyj" }) });
    expect(matchUnit(lw, "永强供电公司")).toMatchObject({ kind: "exact", variant: { id: "gd" } });
    // A variant's title counts as a listed name too.
    expect(matchUnit(lw, "区供电分局、永强供电公司")).toMatchObject({ kind: "exact", variant: { id: "gd" } });
  });

  test("equal after normalising is fuzzy, and says which listed name it matched", () => {
    expect(matchUnit(lw, " 区教育局\u3000")).toEqual({ kind: "fuzzy", variant: expect.objectContaining({ id: "jyj" }), matchedUnit: "区教育局" });
    expect(matchUnit(lw, "区 教 育 局")).toMatchObject({ kind: "fuzzy", matchedUnit: "区教育局" });
  });

  test("a district name before 区 is fuzzy: 龙湾区教育局, 温州市龙湾区教育局 → 区教育局", () => {
    expect(matchUnit(lw, "龙湾区教育局")).toMatchObject({ kind: "fuzzy", variant: { id: "jyj" }, matchedUnit: "区教育局" });
    expect(matchUnit(lw, "温州市龙湾区教育局")).toMatchObject({ kind: "fuzzy", variant: { id: "jyj" }, matchedUnit: "区教育局" });
    expect(matchUnit(lw, "龙湾区　供电分局")).toMatchObject({ kind: "fuzzy", variant: { id: "gd" }, matchedUnit: "区供电分局" });
    // The same for 市…: 温州市交警三大队 → 市交警三大队.
    expect(matchUnit(lw, "温州市交警三大队")).toMatchObject({ kind: "fuzzy", variant: { id: "jj3dd" } });
  });

  test("one character before 区 is not a place name: 社区教育局 is not 区教育局", () => {
    expect(matchUnit(lw, "社区教育局").kind).toBe("none");
  });

  test("no match: the nearest listed names, best first, ties in the rubric's order", () => {
    // 龙湾区教肓局 (a typo) against 区教育局 after the place: 1; 区住建局, 区交通局: 2 (two substitutions);
    // 区公安分局: 3. Of the many at 2, 区住建局 (zhujj) and 区交通局 (jtj) come first in the rubric.
    const m = matchUnit(lw, "龙湾区教肓局");
    expect(m.kind).toBe("none");
    expect(ids(m)).toEqual(["jyj:区教育局:1", "zhujj:区住建局:2", "jtj:区交通局:2", "nlj:区农林局:2", "slj:区水利局:2"]);
    // 区教委: 区教育局 is 2 away (育→委, delete 局); every other 区X局 at least 3.
    expect((matchUnit(lw, "区教委") as { suggestions: { unit: string; distance: number }[] }).suggestions[0]).toMatchObject({ unit: "区教育局", distance: 2 });
  });

  test("an empty name matches nothing and suggests nothing", () => {
    expect(matchUnit(lw, " \u3000")).toEqual({ kind: "none", suggestions: [] });
  });

  test("a rubric without variants matches nothing", () => {
    expect(matchUnit(findRubric("qhd2016-dept")!, "市教育局")).toEqual({ kind: "none", suggestions: [] });
  });

  test("a name that fits two variants is never guessed", () => {
    const two = { ...lw, variants: [{ id: "a", title: "区教育局", units: ["区教育局"] }, { id: "b", title: "区 教育局", units: ["区 教育局"] }] };
    const m = matchUnit(two, "龙湾区教育局");
    expect(m.kind).toBe("none");
    expect(ids(m)).toEqual(["a:区教育局:0", "b:区 教育局:0"]);
  });
});
