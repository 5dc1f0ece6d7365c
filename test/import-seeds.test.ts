/**
 * `safescore import` on the five seeds (issue 10): every draft validates through the rubric loader, and
 * clause by clause it is measured against the shipped hand transcription (kind, amount, unit, cap).
 * Floors sit just below the shares measured when this was written (printed by the test and by `npm run bench`).
 *
 * Decisions tested here: 003 (a 通报 with results) is refused as not a scoring table; 002 (a checklist with no
 * points) gives a draft of checks only. Expected values come from the documents (counts of printed 巡查要点,
 * the lost 序号 1, 3, 5 of 004, 004's 减分项 39), not from the importer's output.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importTable, ImportError, type DraftResult } from "../src/import";
import { compareItems, compareRubrics } from "../src/import/measure";
import { reviewMarkdown } from "../src/import/review";
import { applyDecisions, loadDecisions } from "../src/import/decisions";
import { parseRubric } from "../src/rubric/load";
import { plan } from "../src/layout/plan";
import { findRubric } from "../src/rubric/library";
import { clauseText } from "../src/rubric/model";
import { cli } from "./helpers/cli";
import { SHARED_DIR } from "./helpers/shared";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";

const SEEDS = join(SHARED_DIR, "seeds");
const seed = (prefix: string) => {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix))!;
  return { name, bytes: new Uint8Array(readFileSync(join(SEEDS, name))) };
};
const imported = (prefix: string): DraftResult[] => {
  const { name, bytes } = seed(prefix);
  return importTable(bytes, name);
};

/** Per shipped rubric: the seed, the part, and the floor under today's measured share. */
const FLOORS: [string, string, string | undefined, number][] = [
  ["county2023", "004", undefined, 0.93], // 387/413 (93.7%) on the complete 2023.2: target ≥ 80%; the misses are the decisions (parts scored above, 检查要求 restatements, lists read otherwise)
  ["lw2015-dept", "000", "附件", 0.99], // 188/188
  ["qhd2016-party", "001", "附件2", 0.99], // 9/9
  ["qhd2016-gov", "001", "附件3", 0.98], // 54/55
  ["qhd2016-dept", "001", "附件4", 0.94], // 17/18
];

/**
 * Clause texts identical to the hand transcription: 000, 001 附件2/3 and 004 cut sentences as the importer
 * does (a deduction without its 。, an award sub-item whole); 附件4's transcription kept the 。 (0 of 18).
 */
const SAME_TEXT: Record<string, number> = { county2023: 0.91 /* 378/413 */, "lw2015-dept": 1, "qhd2016-party": 1, "qhd2016-gov": 1, "qhd2016-dept": 0 };

describe("every seed imports to drafts that validate", () => {
  test.each(["000", "001", "002", "004"])("%s", (prefix) => {
    const drafts = imported(prefix);
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) expect(() => parseRubric(JSON.parse(JSON.stringify(d.rubric)), "draft")).not.toThrow();
  });

  test.each(["000", "001", "002", "004"])("%s: every draft lays out as a workbook (the sheet plan), per unit where it has variants", (prefix) => {
    for (const d of imported(prefix)) {
      for (const v of d.rubric.variants?.map((x) => x.id) ?? [undefined]) expect(plan(d.rubric, v).rows.length).toBeGreaterThan(10);
    }
  });

  test("001 holds three scoring tables: 附件2, 附件3, 附件4 (附件1 lists the inspectors)", () => {
    expect(imported("001").map((d) => d.part)).toEqual(["附件2", "附件3", "附件4"]);
  });

  test("003 is a results table (通报), refused with one bilingual line", () => {
    const { name, bytes } = seed("003");
    expect(() => importTable(bytes, name)).toThrow(ImportError);
    expect(() => importTable(bytes, name)).toThrow(/考核结果表.* \/ .*results table/);
  });

  test("the same input drafts the same rubric (ids in reading order)", () => {
    expect(JSON.stringify(imported("004"))).toBe(JSON.stringify(imported("004")));
  });
});

describe("damaged seeds (cut, lines dropped, shuffled, tabs lost or added) never crash the importer", () => {
  test("400 variants: each is a draft that validates or one ImportError line", () => {
    const texts = readdirSync(SEEDS).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(join(SEEDS, f), "utf8"));
    let state = 42;
    const rnd = (n: number) => (state = (state * 1103515245 + 12345) % 2147483648) % n;
    const unexpected: string[] = [];
    for (let i = 0; i < 400; i++) {
      const lines = texts[rnd(texts.length)].split("\n");
      let text: string;
      if (i % 4 === 0) {
        const a = rnd(lines.length);
        text = lines.slice(a, a + rnd(lines.length - a)).join("\n");
      } else if (i % 4 === 1) text = lines.filter(() => rnd(3) > 0).join("\n");
      else if (i % 4 === 2) {
        for (let k = 0; k < 30; k++) {
          const [a, b] = [rnd(lines.length), rnd(lines.length)];
          [lines[a], lines[b]] = [lines[b], lines[a]];
        }
        text = lines.join("\n");
      } else text = lines.map((l) => (rnd(5) === 0 ? l.replace(/\t/g, "") : rnd(7) === 0 ? "\t" + l : l)).join("\n");
      try {
        importTable(new TextEncoder().encode(text), "damaged.txt");
      } catch (e) {
        if (!(e instanceof ImportError)) unexpected.push(`${i}: ${(e as Error).message}`);
      }
    }
    expect(unexpected).toEqual([]);
  });
});

describe("the measure against the hand transcriptions", () => {
  const lines: string[] = [];
  afterAll(() => console.log(lines.join("\n")));
  test.each(FLOORS)("%s (seed %s %s)", (id, prefix, part, floor) => {
    const draft = imported(prefix).find((d) => d.part === part)!;
    const m = compareRubrics(draft.rubric, findRubric(id)!);
    lines.push(`${id}: ${m.exact}/${m.shipped} (${(m.share * 100).toFixed(1)}%), ${m.sameText} with the shipped text exactly` + m.misses.map((x) => `\n   ${x.id}: ${x.reason}`).join(""));
    expect(m.share).toBeGreaterThanOrEqual(floor);
    expect(m.sameText / m.shipped).toBeGreaterThanOrEqual(SAME_TEXT[id]);
  });

  test("004: the 66 考核要点 of county2023 (65 items and 39) keep its 考核要点, 评分依据, 检查要求 and 责任单位 text exactly", () => {
    const [d] = imported("004");
    // One 评分依据 differs: 35's "5.2023年…" put back on its own line by a decision (the extraction ran it on).
    expect(compareItems(d.rubric, findRubric("county2023")!)).toEqual({ items: 66, matched: 66, same: { text: 66, basis: 65, guidance: 66, responsible: 66 } });
  });

  test("001 附件2: the nine rows' 考核内容 (cut from the rules in the same cell, ；kept) and 考核方式 as transcribed", () => {
    const draft = imported("001").find((d) => d.part === "附件2")!.rubric.sections[0].items!;
    const shipped = findRubric("qhd2016-party")!.sections[0].items!;
    expect(draft.map((i) => [i.text, i.guidance])).toEqual(shipped.map((i) => [i.text, i.guidance]));
  });

  test("002 (checklist): every printed 巡查要点 is a check with the same text, no scored clause; 主要内容 and groups as transcribed", () => {
    const [d] = imported("002");
    const shipped = findRubric("xc2018-checklist")!;
    const m = compareRubrics(d.rubric, shipped);
    expect(m.checks).toEqual({ shipped: 72, found: 72 });
    expect(d.rubric.sections.map((s) => [s.title, s.group])).toEqual(shipped.sections.map((s) => [s.title, s.group]));
    expect(d.rubric.sections.every((s) => !s.items?.length)).toBe(true);
    expect(d.rubric.evidence.required).toBe(false);
  });

  test("a clause drafted with another amount is a miss (the measure is not blind)", () => {
    const draft = imported("001").find((d) => d.part === "附件2")!.rubric;
    const changed = JSON.parse(JSON.stringify(draft));
    changed.sections[0].items[0].clauses[0].amount = 9;
    const m = compareRubrics(changed, findRubric("qhd2016-party")!);
    expect(m.exact).toBe(8);
    expect(m.misses[0].reason).toBe("amount 9→10");
  });
});

describe("004: structure read as a person reads the printed table", () => {
  const [d] = imported("004");
  const r = d.rubric;
  const items = r.sections.flatMap((s) => s.items ?? []);
  test("66 考核要点 less 39 (a 减分项) = 65 items, 37 whole-number sections (序号 38 is not printed)", () => {
    expect(items).toHaveLength(65);
    expect(r.sections.map((s) => s.label)).toEqual(Array.from({ length: 37 }, (_, i) => String(i + 1)));
    expect(r.penalties?.map((p) => [p.label, p.text])).toEqual([["39", "减分项"]]);
  });
  test("the lost 序号 1, 3 and 5 are inferred from reading order and reported", () => {
    for (const label of ["1", "3", "5"]) {
      expect(items.find((i) => i.label === label)?.notes?.join()).toMatch(/按阅读顺序补为/);
      expect(d.review).toContainEqual(expect.objectContaining({ group: "表格结构", decision: expect.stringContaining(`补为“${label}”`) }));
    }
  });
  test("2.1: its 评分依据, 责任单位 and both 评分要点 clauses, verbatim", () => {
    const i = items.find((x) => x.label === "2.1")!;
    expect(i.text).toBe("将学习习近平总书记关于安全生产重要论述纳入各级党委宣传工作重点，纳入党委理论学习中心组学习重要内容。");
    expect(i.responsible).toBe("县委宣传部");
    expect(i.basis).toMatch(/^国务院安委会2023年工作要点：一、统筹发展和安全/);
    expect(i.clauses.slice(0, 2).map((c) => [c.text, c.kind, "amount" in c ? c.amount : 0])).toEqual([
      ["未将习近平总书记关于安全生产重要论述纳入党委宣传工作重点的，扣2分", "fixed", 2],
      ["未纳入党委理论学习中心组学习的重要内容的，扣2分", "fixed", 2],
    ]);
  });
  test("2.2 “未将安全生产、消防工作作为……的，各扣2分”: a closed list, the sentence once, each thing named (guessed, in the review)", () => {
    const i = items.find((x) => x.label === "2.2")!;
    const sentence = "未将安全生产、消防工作作为党政正职应急管理培训的重要内容的，各扣2分";
    expect(i.clauses).toEqual([
      { id: i.clauses[0].id, text: sentence, kind: "fixed", amount: 2, listed: "安全生产" },
      { id: i.clauses[1].id, kind: "fixed", amount: 2, listed: "消防工作", sameText: i.clauses[0].id },
    ]);
    expect(d.review).toContainEqual(expect.objectContaining({
      group: "“每项”与列举", where: i.clauses[0].id, source: sentence, decision: expect.stringContaining("所列事项（listed）按“、”推测为：“安全生产”、“消防工作”"),
    }));
  });
  test("points are not printed: every item's are derived and marked 参考分值", () => {
    for (const i of items) expect(i.pointsDerived).toMatch(/^参考分值/);
  });
  test("the floor the document states", () => expect(r.floor).toBe("扣完对应考核要点分值为止"));
  test("the review names the decisions the issue lists", () => {
    const groups = new Set(d.review.map((e) => e.group));
    for (const g of ["表格结构", "分值", "“每项”与列举", "检查要求中的扣分规则", "上级直接评分", "针对其他层级", "选查", "减分项"]) expect(groups).toContain(g);
    // 9.1 检查要求4: 15 points of the item scored above — not representable per clause, so low and said.
    expect(d.review).toContainEqual(expect.objectContaining({ group: "上级直接评分", confidence: "低", source: expect.stringContaining("日常工作占15分") }));
    const md = reviewMarkdown([d], "004.txt", "text", ["004.json"]);
    expect(md).toMatch(/^# 导入审核清单/);
    expect(md).toMatch(/【低】/);
    expect(md).toMatch(/第 67 行/);
  });
});

describe("a Word file written by a real library (the docx package), with 004's layout", () => {
  /** county2023's rows as an office would type them in Word: 序号, 考核要点, 评分依据, 评分要点和操作指南, 责任单位. */
  async function wordTable(): Promise<Uint8Array> {
    const { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } = await import("docx");
    const county = findRubric("county2023")!;
    const cell = (text: string) => new TableCell({ children: text.split("\n").map((t) => new Paragraph({ children: [new TextRun({ text: t, font: "仿宋_GB2312", size: 21 })] })) });
    const items = county.sections.flatMap((s) => s.items ?? []).slice(0, 6);
    const rows = [
      new TableRow({ tableHeader: true, children: ["序号", "考核要点", "评分依据", "评分要点和操作指南", "责任单位"].map(cell) }),
      ...items.map((i) => new TableRow({ children: [i.label, i.text, i.basis ?? "", `评分要点：${[...new Set(i.clauses.map((c) => clauseText(c, i).split("\n")[0]))].join("；")}。\n检查要求：${i.guidance ?? ""}`, i.responsible ?? ""].map(cell) })),
    ];
    const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun("2023年度县级安全生产和消防工作考核巡查评分细则")] }), new Table({ rows })] }] });
    return new Uint8Array(await Packer.toArrayBuffer(doc));
  }

  test("imports with every column in its place and the clauses drafted as transcribed", async () => {
    const [d] = importTable(await wordTable(), "细则.docx");
    const county = findRubric("county2023")!;
    const want = county.sections.flatMap((s) => s.items ?? []).slice(0, 6);
    const got = d.rubric.sections.flatMap((s) => s.items ?? []);
    expect(d.rubric.title).toBe("2023年度县级安全生产和消防工作考核巡查评分细则");
    expect(got.map((i) => [i.label, i.text, i.basis, i.responsible])).toEqual(want.map((i) => [i.label, i.text, i.basis, i.responsible]));
    expect(got.map((i) => i.guidance)).toEqual(want.map((i) => i.guidance));
    // Items 2.1 and 2.2: their 评分要点 clauses as county2023 drafts them (2.2's closed list makes two).
    expect(got[1].clauses.slice(0, 2).map((c) => [c.kind, "amount" in c ? c.amount : 0])).toEqual([["fixed", 2], ["fixed", 2]]);
    expect(got[2].clauses.map((c) => [c.kind, "amount" in c ? c.amount : 0])).toEqual([["fixed", 2], ["fixed", 2]]);
  });
});

describe("decisions are data: 001 附件2 as imported + its decisions file = the shipped qhd2016-party", () => {
  test("applyDecisions(import, decisions) equals rubrics/qhd2016-party.json", () => {
    const { name, bytes } = seed("001");
    const draft = importTable(bytes, name, "text", "qhd2016-party").find((d) => d.part === "附件2")!.rubric;
    const file = join(__dirname, "fixtures", "decisions", "qhd2016-party.import.decisions.json");
    const rubric = applyDecisions(draft, loadDecisions(readFileSync(file, "utf8"), file), file);
    const shipped = JSON.parse(readFileSync(join(__dirname, "..", "rubrics", "qhd2016-party.json"), "utf8"));
    expect(rubric).toEqual(shipped);
    expect(() => parseRubric(rubric, "qhd2016-party")).not.toThrow();
  });
});

describe("001: vetoes from the notice", () => {
  test("the 一票否决 sentence and the five listed 优秀否决 conditions become vetoes (headings do not), each in the review", () => {
    const d = imported("001")[0];
    const effects = (d.rubric.vetoes ?? []).map((v) => v.effect);
    expect(effects).toEqual(["fail", "noExcellent", "noExcellent", "noExcellent", "noExcellent", "noExcellent"]);
    expect(d.rubric.vetoes![5].text).toBe("在考核中提供不真实情况，弄虚作假的。");
    expect(d.review.filter((e) => e.group === "否决")).toHaveLength(d.rubric.vetoes!.length);
  });
});

describe("the command line", () => {
  const dir = mkdtempSync(join(tmpdir(), "safescore-import-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("import 004 -o … --report …: exit 0, a draft that loads, a review in Chinese", async () => {
    const out = join(dir, "county.json");
    const report = join(dir, "review.md");
    const r = await cli(["import", join(SEEDS, seed("004").name), "-o", out, "--report", report]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/已生成草稿.* \/ draft written/);
    const draft = JSON.parse(readFileSync(out, "utf8"));
    expect(() => parseRubric(draft, out)).not.toThrow();
    expect(draft.id).toBe("county");
    expect(readFileSync(report, "utf8")).toMatch(/### 分值/);
  });

  test("three commands from a table to a scored workbook: import, template --rubric <draft>, score --rubric <draft>", async () => {
    const out = join(dir, "party.json");
    expect((await cli(["import", join(SEEDS, seed("001").name), "-o", out])).code).toBe(0);
    const xlsx = join(dir, "party.xlsx");
    const t = await cli(["template", "--rubric", join(dir, "party-附件2.json"), "-o", xlsx]);
    expect(t).toMatchObject({ code: 0 });
    const s = await cli(["score", xlsx, "--rubric", join(dir, "party-附件2.json")]);
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/满分 100/);
  });

  test("001 writes one draft per 附件", async () => {
    const out = join(dir, "qhd.json");
    const r = await cli(["import", join(SEEDS, seed("001").name), "-o", out]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.startsWith("qhd-"))).toEqual(["qhd-附件2.json", "qhd-附件3.json", "qhd-附件4.json"]);
  });

  test.each<[string, string[], number, RegExp]>([
    ["no -o", ["import", "x.txt"], 1, /缺少 -o/],
    ["no file", ["import"], 1, /import 需要一个评分表文件/],
    ["an unknown extension", ["import", "x.pdf", "-o", "y.json"], 1, /只读 \.txt、\.docx 或 \.xlsx/],
    ["a missing file", ["import", "/nonexistent/x.txt", "-o", "y.json"], 2, /找不到文件/],
    ["the results table 003", ["import", join(SEEDS, "003_1f5d50bdbafa9036.txt"), "-o", "/tmp/never.json"], 2, /不是评分表/],
  ])("%s: the exit code and one line", async (_n, args, code, message) => {
    const r = await cli(args);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
