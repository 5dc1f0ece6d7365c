import { readFileSync } from "node:fs";
import { join } from "node:path";
import { applyDecisions, loadDecisions, DecisionsError, type Decision } from "../src/import/decisions";
import { parseRubric } from "../src/rubric/load";

const FIX = join(__dirname, "fixtures", "decisions");
const ROOT = join(__dirname, "..");

/** A small draft, as an importer would write it. */
const draft = () => ({
  format: 1,
  id: "draft",
  version: "0",
  title: "表",
  source: { file: "f.txt" },
  fields: { header: [], footer: [] },
  evidence: { required: true },
  sections: [
    {
      id: "s1",
      label: "一",
      title: "甲",
      points: 10,
      items: [
        { id: "s1.i1", label: "1", text: "内容一", points: 5, clauses: [{ id: "s1.i1.c1", kind: "fixed", text: "未落实扣2分；每少1次扣1分", amount: 2 }] },
        { id: "s1.i2", label: "2", text: "内容二", points: 5, clauses: [{ id: "s1.i2.c1", kind: "fixed", text: "扣1分", amount: 1 }] },
      ],
    },
    { id: "s2", label: "二", title: "乙", points: 10, items: [{ id: "s2.i1", label: "1", text: "内容三", points: 10, clauses: [] }] },
  ],
});
type Draft = ReturnType<typeof draft>;

const why = "按原文";
const apply = (...ds: Decision[]) => applyDecisions(draft(), ds, "d.json") as Draft;

/** The lines of the DecisionsError the decisions give. */
function refused(ds: Decision[], base: unknown = draft()): string[] {
  try {
    applyDecisions(base, ds, "d.json");
  } catch (e) {
    expect(e).toBeInstanceOf(DecisionsError);
    return (e as Error).message.split("\n");
  }
  throw new Error("expected the decisions to be refused");
}

describe("reproduction: the draft of 001 附件2 plus its decisions file is the shipped qhd2016-party", () => {
  test("deep equal to rubrics/qhd2016-party.json, and valid", () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, "rubrics", "qhd2016-party.json"), "utf8"));
    const draftJson = JSON.parse(readFileSync(join(FIX, "qhd2016-party.draft.json"), "utf8"));
    const decisions = loadDecisions(readFileSync(join(FIX, "qhd2016-party.decisions.json"), "utf8"), "qhd2016-party.decisions.json");
    // The draft is degraded: it is not the shipped rubric, and it does not even validate as one.
    expect(draftJson).not.toEqual(shipped);
    const before = JSON.stringify(draftJson);
    const out = applyDecisions(draftJson, decisions, "qhd2016-party.decisions.json");
    expect(out).toEqual(shipped);
    expect(JSON.stringify(draftJson)).toBe(before); // pure: the draft is untouched
    expect(parseRubric(out, "out.json").id).toBe("qhd2016-party");
  });

  test("applying the decisions twice is refused: every decision is stale the second time", () => {
    const draftJson = JSON.parse(readFileSync(join(FIX, "qhd2016-party.draft.json"), "utf8"));
    const decisions = loadDecisions(readFileSync(join(FIX, "qhd2016-party.decisions.json"), "utf8"), "x.json");
    const once = applyDecisions(draftJson, decisions);
    const lines = refused(decisions.decisions, once);
    expect(lines).toHaveLength(decisions.decisions.length);
  });
});

describe("each operation", () => {
  test("set: fields of a clause, null removes one", () => {
    const r = apply({ op: "set", at: "s1.i2.c1", set: { kind: "counted", amount: 0.5, unit: "家", cap: 2 }, why });
    expect(r.sections[0].items[1].clauses[0]).toEqual({ id: "s1.i2.c1", kind: "counted", text: "扣1分", amount: 0.5, unit: "家", cap: 2 });
    const r2 = apply({ op: "set", at: "s1.i1", set: { points: null, pointsDerived: "按节均分" }, why });
    expect(r2.sections[0].items[0]).not.toHaveProperty("points");
    expect(r2.sections[0].items[0]).toHaveProperty("pointsDerived", "按节均分");
  });

  test("set: an id renames the node", () => {
    const r = apply({ op: "set", at: "s2.i1", set: { id: "s2.i9" }, why });
    expect(r.sections[1].items[0].id).toBe("s2.i9");
  });

  test("set: cap, capDerived and a clause's derived", () => {
    const r = apply(
      { op: "set", at: "s1.i1", set: { cap: 4, capDerived: "每季度1次，全年4次" }, why },
      { op: "set", at: "s1.i1.c1", set: { derived: "未印金额，按同类条款" }, why },
    );
    expect(r.sections[0].items[0]).toMatchObject({ cap: 4, capDerived: "每季度1次，全年4次" });
    expect(r.sections[0].items[0].clauses[0]).toHaveProperty("derived", "未印金额，按同类条款");
  });

  test("setRubric: id, version, title, tiers", () => {
    const r = apply({ op: "setRubric", set: { id: "x2024", version: "2024.1", tiers: { excellent: 90, good: 80, pass: 60 } }, why }) as Draft & { tiers: unknown };
    expect([r.id, r.version, r.tiers]).toEqual(["x2024", "2024.1", { excellent: 90, good: 80, pass: 60 }]);
  });

  test("remove: a clause and an item", () => {
    const r = apply({ op: "remove", at: "s1.i1.c1", why }, { op: "remove", at: "s1.i2", why });
    expect(r.sections[0].items).toEqual([{ id: "s1.i1", label: "1", text: "内容一", points: 5, clauses: [] }]);
  });

  test("insert: before, after and into", () => {
    const c = (id: string) => ({ id, kind: "fixed", text: "扣1分", amount: 1 });
    const r = apply(
      { op: "insert", before: "s1.i2.c1", node: c("s1.i2.c0"), why },
      { op: "insert", after: "s1.i2.c1", node: c("s1.i2.c2"), why },
      { op: "insert", into: "s2.i1", node: c("s2.i1.c1"), why },
      { op: "insert", into: "s2", node: { id: "s2.i2", label: "2", text: "内容四", points: 0, clauses: [] }, why },
    );
    expect(r.sections[0].items[1].clauses.map((x) => x.id)).toEqual(["s1.i2.c0", "s1.i2.c1", "s1.i2.c2"]);
    expect(r.sections[1].items[0].clauses.map((x) => x.id)).toEqual(["s2.i1.c1"]);
    expect(r.sections[1].items.map((x) => x.id)).toEqual(["s2.i1", "s2.i2"]);
  });

  test("split: a clause's text into two clauses, fields over the original's", () => {
    const r = apply({
      op: "split",
      at: "s1.i1.c1",
      into: [
        { id: "s1.i1.c1", text: "未落实扣2分" },
        { id: "s1.i1.c2", text: "每少1次扣1分", kind: "counted", amount: 1, unit: "次" },
      ],
      why,
    });
    expect(r.sections[0].items[0].clauses).toEqual([
      { id: "s1.i1.c1", kind: "fixed", text: "未落实扣2分", amount: 2 },
      { id: "s1.i1.c2", kind: "counted", text: "每少1次扣1分", amount: 1, unit: "次" },
    ]);
  });

  test("merge: two items, texts joined by a line break, clauses concatenated", () => {
    const r = apply({ op: "merge", ids: ["s1.i1", "s1.i2"], set: { label: "1" }, why });
    expect(r.sections[0].items).toHaveLength(1);
    expect(r.sections[0].items[0].text).toBe("内容一\n内容二");
    expect(r.sections[0].items[0].clauses.map((c) => c.id)).toEqual(["s1.i1.c1", "s1.i2.c1"]);
  });

  test("merge: a separator and a set deciding a field the two disagree on", () => {
    const r = apply({ op: "merge", ids: ["s1.i1", "s1.i2"], separator: "", set: { points: 10, label: "1" }, why });
    expect(r.sections[0].items[0]).toMatchObject({ text: "内容一内容二", points: 10, label: "1" });
  });

  test("move: an item to another section, and a clause before another", () => {
    const r = apply({ op: "move", at: "s1.i2", into: "s2", why }, { op: "move", at: "s1.i1.c1", before: "s1.i2.c1", why });
    expect(r.sections[0].items.map((i) => i.id)).toEqual(["s1.i1"]);
    expect(r.sections[1].items.map((i) => i.id)).toEqual(["s2.i1", "s1.i2"]);
    expect(r.sections[1].items[1].clauses.map((c) => c.id)).toEqual(["s1.i1.c1", "s1.i2.c1"]);
  });

  test("note: on an item, and on the rubric", () => {
    const r = apply({ op: "note", at: "s1.i1", notes: ["原文无句号"], why }, { op: "note", notes: ["整表说明"], why }) as Draft & { notes: string[] };
    expect(r.sections[0].items[0]).toHaveProperty("notes", ["原文无句号"]);
    expect(r.notes).toEqual(["整表说明"]);
  });
});

describe("each error names the decision's index and its target", () => {
  test("a missing id", () => {
    expect(refused([{ op: "set", at: "s9.i1", set: { points: 1 }, why }])).toEqual([
      'd.json: decisions[0] (set s9.i1): 草稿中没有 id “s9.i1” / no id "s9.i1" in the draft',
    ]);
  });

  test("an id found twice in the draft", () => {
    const d = draft();
    d.sections[1].items[0].id = "s1.i1";
    expect(refused([{ op: "remove", at: "s1.i1", why }], d)).toEqual([
      'd.json: decisions[0] (remove s1.i1): 草稿中 id “s1.i1” 出现 2 次，无法确定目标 / id "s1.i1" occurs 2 times in the draft',
    ]);
  });

  test("a set, setRubric or note that changes nothing (stale)", () => {
    const lines = refused([
      { op: "set", at: "s1.i1.c1", set: { amount: 2 }, why },
      { op: "setRubric", set: { version: "0" }, why },
      { op: "set", at: "s1.i1", set: { cap: null }, why },
    ]);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("d.json: decisions[0] (set s1.i1.c1): 没有改变任何内容（已经如此，决定可能已过时） / changes nothing (already so: a stale decision?)");
    expect(lines[1]).toContain("decisions[1] (setRubric)");
    expect(lines[2]).toContain("decisions[2] (set s1.i1)");
    const twice = refused([{ op: "note", at: "s1", notes: ["说明"], why }, { op: "note", at: "s1", notes: ["说明"], why }]);
    expect(twice).toEqual([expect.stringContaining("decisions[1] (note s1): 没有改变任何内容")]);
  });

  test("a move to where the node already is", () => {
    expect(refused([{ op: "move", at: "s1.i1", before: "s1.i2", why }])[0]).toContain("decisions[0] (move s1.i1): 没有改变任何内容");
  });

  test("a move of an item into a clause list", () => {
    expect(refused([{ op: "move", at: "s1.i2", after: "s1.i1.c1", why }])[0]).toContain('cannot move "s1.i2" from items into clauses');
  });

  test("a move into itself", () => {
    expect(refused([{ op: "move", at: "s1", into: "s1.i1", why }])[0]).toContain('"s1.i1" is inside "s1"');
  });

  test("into a node that holds no children", () => {
    expect(refused([{ op: "insert", into: "s1.i1.c1", node: { id: "x" }, why }])[0]).toContain('decisions[0] (insert x): “s1.i1.c1” 下不能放入子项 / "s1.i1.c1" cannot hold children');
  });

  test("an insert or a rename onto an existing id", () => {
    expect(refused([{ op: "insert", after: "s1.i1", node: { id: "s1.i2" }, why }])[0]).toContain('decisions[0] (insert s1.i2): id “s1.i2” 已存在 / id "s1.i2" already exists');
    expect(refused([{ op: "set", at: "s1.i1", set: { id: "s2" }, why }])[0]).toContain("id “s2” 已存在");
  });

  test("a split whose part is not in the text, or whose parts share an id", () => {
    expect(refused([{ op: "split", at: "s1.i1.c1", into: [{ id: "s1.i1.c1", text: "未落实扣2分" }, { id: "s1.i1.c2", text: "每少1次扣3分" }], why }])[0]).toBe(
      'd.json: decisions[0] (split s1.i1.c1): 第2部分的文字“每少1次扣3分”不在原文中 / part 2\'s text "每少1次扣3分" is not in the text of "s1.i1.c1"',
    );
    expect(refused([{ op: "split", at: "s1.i1.c1", into: [{ id: "s1.i1.c9", text: "未落实扣2分" }, { id: "s1.i1.c9", text: "每少1次扣1分" }], why }])[0]).toContain("拆分后的 id 重复");
  });

  test("a merge of nodes in different lists, or disagreeing on a field nothing decides", () => {
    expect(refused([{ op: "merge", ids: ["s1.i1", "s2.i1"], why }])[0]).toContain("decisions[0] (merge s1.i1+s2.i1): 要合并的项不在同一列表中");
    expect(refused([{ op: "merge", ids: ["s1.i1", "s1.i2"], separator: "", why }].map((d) => d as Decision))[0]).toContain(
      '“s1.i2” 的 label 与 “s1.i1” 不同，请用 set 决定合并后的值 / "s1.i2".label differs from "s1.i1": decide it with set',
    );
  });

  test("every refused decision is reported, and a refused one leaves nothing half done", () => {
    const lines = refused([
      { op: "remove", at: "nope", why },
      // refused after its first item was already changed: the later decisions see the draft unchanged
      { op: "merge", ids: ["s1.i1", "s1.i2"], why },
      { op: "set", at: "s1.i1", set: { text: "内容一" }, why },
    ]);
    expect(lines.map((l) => l.split(":")[1].trim())).toEqual(["decisions[0] (remove nope)", "decisions[1] (merge s1.i1+s1.i2)", "decisions[2] (set s1.i1)"]);
  });
});

describe("loadDecisions: the file's format, with bilingual errors and JSON paths", () => {
  const file = (decisions: unknown[]) => JSON.stringify({ format: 1, decisions });
  const loadErrors = (text: string) => {
    try {
      loadDecisions(text, "d.json");
    } catch (e) {
      expect(e).toBeInstanceOf(DecisionsError);
      return (e as Error).message.split("\n");
    }
    throw new Error("expected the file to be refused");
  };

  test("a valid file loads", () => {
    expect(loadDecisions(file([{ op: "remove", at: "s1", why }]), "d.json").decisions).toHaveLength(1);
  });

  test("not JSON: the line and column", () => {
    expect(loadErrors('{"format": 1,\n  "decisions": [,]}')[0]).toMatch(/^d\.json: 决定文件不是有效的 JSON \/ not valid JSON/);
  });

  test("a decision without why, or with a why not in Chinese", () => {
    expect(loadErrors(file([{ op: "remove", at: "s1" }]))).toEqual(["d.json: decisions[0].why: 决定文件格式错误 / missing (expected a string)"]);
    expect(loadErrors(file([{ op: "remove", at: "s1", why: "because" }]))).toEqual([
      "d.json: decisions[0].why: 决定文件格式错误 / expected the reason in Chinese (why: 说明理由)",
    ]);
  });

  test("an unknown op, an unknown field, two places", () => {
    expect(loadErrors(file([{ op: "rename", at: "s1", why }]))[0]).toContain("decisions[0].op: 决定文件格式错误 / expected one of");
    expect(loadErrors(file([{ op: "remove", at: "s1", id: "x", why }]))[0]).toContain('decisions[0]: 决定文件格式错误 / unknown field "id"');
    expect(loadErrors(file([{ op: "move", at: "s1", before: "s2", after: "s3", why }]))[0]).toContain("expected exactly one of before, after or into");
  });

  test("setRubric refuses sections (changed node by node)", () => {
    expect(loadErrors(file([{ op: "setRubric", set: { sections: [] }, why }]))[0]).toContain("decisions[0].set");
  });
});
