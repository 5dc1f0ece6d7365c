/** `safescore consolidate`: input expansion, exit codes, the --json shape, escaping in text, the bundled CLI. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { workbookFor } from "./helpers/workbooks";
import { expandInputs } from "../src/cli/files";
import { consolidateCommand, type ConsolidateDeps } from "../src/cli/consolidate";
import { FileError, UsageError } from "../src/cli/errors";
import { DEFAULT_POLICY, type Consolidation, type ReadOutcome, type RosterGroup, type ScoredReturn } from "../src/consolidate/types";
import type { ReadManyOptions } from "../src/consolidate/pool";
import { buildCli } from "../scripts/build-cli";

const dir = mkdtempSync(join(tmpdir(), "safescore-consolidate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const touch = (path: string, text = "x") => writeFileSync(path, text);

describe("expanding <file|dir>…", () => {
  const root = join(dir, "expand");
  beforeAll(() => {
    mkdirSync(join(root, "b", "deep"), { recursive: true });
    mkdirSync(join(root, ".hidden"));
    touch(join(root, "z.xlsx"));
    touch(join(root, "a.XLSX"));
    touch(join(root, "~$a.xlsx"));
    touch(join(root, ".secret.xlsx"));
    touch(join(root, ".hidden", "h.xlsx"));
    touch(join(root, "notes.txt"));
    touch(join(root, "b", "m.xlsx"));
    touch(join(root, "b", "deep", "d.xlsx"));
    symlinkSync(root, join(root, "b", "loop")); // a link back up: read once
  });

  test("recursive, sorted, each file once; lock, hidden and other files skipped with notes; a link loop ends", () => {
    const e = expandInputs([root]);
    expect(e.files).toEqual([join(root, "a.XLSX"), join(root, "b", "deep", "d.xlsx"), join(root, "b", "m.xlsx"), join(root, "z.xlsx")]);
    expect(e.problems).toEqual([]);
    expect(e.notes.join("\n")).toMatch(/跳过 1 个 Excel 锁定文件/);
    expect(e.notes.join("\n")).toMatch(/跳过 2 个隐藏文件/);
    expect(e.notes.join("\n")).toMatch(/跳过 1 个非 \.xlsx 文件/);
    expect(e.notes.join("\n")).toMatch(/symbolic link/);
  });

  test("a missing path is a problem line; a file named twice is read once; an explicit lock file is a problem", () => {
    const e = expandInputs([join(root, "z.xlsx"), join(root, "nope"), root, join(root, "~$a.xlsx")]);
    expect(e.files[0]).toBe(join(root, "z.xlsx"));
    expect(e.files.filter((f) => f.endsWith("z.xlsx"))).toHaveLength(1);
    expect(e.problems.map((p) => p.message)).toEqual([expect.stringContaining("no such file or folder"), expect.stringContaining("lock file")]);
  });
});

// ----------------------------------------------------------------------------------- the command on fakes

const ret = (file: string, unit: string): ScoredReturn => ({
  file, rubric: { id: "r", version: "1", title: "细则" }, newerRubricVersion: null, variant: null, variantTitle: null, unit,
  total: 90, max: 100, selfMax: 100, percent: 90, tier: "excellent", veto: { fail: false, noExcellent: false, reasons: [] },
  complete: true, state: "final", items: [], flags: [], review: null,
});

const group = (rows: RosterGroup["rows"], id = "r"): RosterGroup => ({
  rubric: { id, version: "1", title: `细则${id}` },
  rows,
  exempt: [],
  summary: { units: rows.length, atOrAbove: 1, share: 50, sentence: "在被考核的2个单位中，考核分数在80分以上的有1个，占50.00%", tiers: { excellent: 1, good: 0, pass: 0, fail: 0 }, mean: 90, median: 90, totalReward: 400, moved: { reviewed: 0, threshold: 0, tier: 0, units: [], sentence: null } },
  deductions: { items: [], rows: [] },
});

const HOSTILE = "=HYPERLINK(\"x\")\u202e\x1b[31m\n伪造行";
const rows: RosterGroup["rows"] = [
  { rank: 1, unit: HOSTILE, category: "镇街", score: 90, selfScore: 90, reviewScore: null, basis: "self", tier: "excellent", reward: 4000, note: "", vetoed: false, problems: 0, file: "a.xlsx", match: "exact" },
  { rank: 2, unit: "区教体局", category: "部门", score: 75.5, selfScore: null, reviewScore: null, basis: "self", tier: "pass", reward: 0, note: "一票否决：发生较大事故", vetoed: true, problems: 2, file: "b.xlsx", match: "fuzzy" },
];

function fakes(over: Partial<ConsolidateDeps> = {}): ConsolidateDeps & { written: Consolidation[] } {
  const written: Consolidation[] = [];
  return {
    written,
    readMany: async (files, opts) =>
      files.map((f, k): ReadOutcome => {
        opts.onProgress?.(k + 1, files.length);
        return f.includes("bad") ? { ok: false, error: { file: f, reason: "not-xlsx", message: "不是 .xlsx" } } : { ok: true, ret: ret(f, "u") };
      }),
    parseUnitList: async () => ({ units: [], problems: [], encoding: "utf-8" }),
    parsePolicy: async () => ({ scoreBasis: "percent", threshold: 80, decimals: 2, reward: { perPointAboveThreshold: {} }, basis: "review" }),
    consolidate: (outcomes, _u, policy) => ({ groups: [group(rows)], problems: [{ file: "b.xlsx", unit: "区教体局", kind: "fuzzy-match", message: `按“教体局”匹配\u202e` }], policy }),
    rosterToXlsx: async (c) => (written.push(c), new Uint8Array([1])),
    noticeToDocx: async () => new Uint8Array([2]),
    ...over,
  };
}

async function run(inputs: string[], opts: Parameters<typeof consolidateCommand>[1], deps: ConsolidateDeps, env: Record<string, string> = {}) {
  let out = "";
  const notes: string[] = [];
  await consolidateCommand(inputs, opts, { out: (s) => (out += s), note: (s) => notes.push(s), env }, deps);
  return { out, notes };
}

describe("consolidate (on fakes of the core)", () => {
  const folder = join(dir, "returns");
  beforeAll(() => {
    mkdirSync(folder);
    touch(join(folder, "a.xlsx"));
    touch(join(folder, "bad.xlsx"));
  });

  test("--json: rows, summary, problems (and groups); a vetoed unit's score and reward are null; path problems included", async () => {
    const d = fakes();
    const { out } = await run([folder, join(dir, "missing")], { out: join(dir, "r.xlsx"), json: true }, d);
    const j = JSON.parse(out);
    expect(Object.keys(j).sort()).toEqual(["exempt", "groups", "problems", "rows", "rubric", "summary"]);
    expect(j.rows[0]).toEqual({ rank: 1, unit: HOSTILE, category: "镇街", score: 90, selfScore: 90, reviewScore: null, basis: "self", tier: "优秀", reward: 4000, note: "", problems: 0, file: "a.xlsx", vetoed: false, match: "exact" });
    expect(j.rows[1]).toMatchObject({ score: null, reward: null, vetoed: true, note: "一票否决：发生较大事故" });
    expect(j.summary).toMatchObject({ units: 2, atOrAbove: 1, share: 50, sentence: expect.stringContaining("80分以上"), tiers: { 优秀: 1 } });
    expect(j.problems[0]).toEqual({ file: join(dir, "missing"), unit: null, kind: "unreadable", message: expect.stringContaining("no such file") });
    expect(j.problems[1]).toMatchObject({ kind: "fuzzy-match" });
    expect(out).not.toContain("\u202e"); // escaped in the JSON text, raw once parsed
    expect(d.written[0].problems).toHaveLength(2); // the roster.xlsx gets every problem too
  });

  test("SAFESCORE_TIMING=1: one line of when each phase ended, in order (what npm run bench prints); nothing without it", async () => {
    const timed = await run([folder], { out: join(dir, "r.xlsx"), json: true }, fakes(), { SAFESCORE_TIMING: "1" });
    const line = timed.notes.find((n) => n.startsWith("timing: "));
    const marks = line?.slice("timing: ".length).split(", ").map((m) => m.split(" "));
    expect(marks?.map(([phase]) => phase)).toEqual(["start", "first", "read", "consolidated", "written", "output"]);
    const ms = marks!.map(([, t]) => Number(t));
    expect(ms.every((t, k) => Number.isInteger(t) && (k === 0 || t >= ms[k - 1]))).toBe(true);
    const plain = await run([folder], { out: join(dir, "r.xlsx"), json: true }, fakes());
    expect(plain.notes.some((n) => n.startsWith("timing"))).toBe(false);
  });

  test("several rubrics: { groups: [...], problems }", async () => {
    const d = fakes({ consolidate: (_o, _u, policy) => ({ groups: [group(rows, "a"), group(rows, "b")], problems: [], policy }) });
    const j = JSON.parse((await run([folder], { out: join(dir, "r.xlsx"), json: true, notice: join(dir, "n.docx") }, d)).out);
    expect(Object.keys(j).sort()).toEqual(["groups", "problems"]);
    expect(j.groups.map((g: { rubric: { id: string } }) => g.rubric.id)).toEqual(["a", "b"]);
  });

  test("text: an aligned Chinese table, the sentence and the problems; every string from a file made safe", async () => {
    const { out } = await run([folder], { out: join(dir, "r.xlsx") }, fakes());
    expect(out).toContain("序号  单位");
    expect(out).toContain("在被考核的2个单位中，考核分数在80分以上的有1个，占50.00%");
    expect(out).toContain("[名称近似匹配]");
    expect(out).not.toContain("\u202e");
    expect(out).not.toContain("\x1b");
    expect(out).toContain("\\u202e");
    expect(out).toContain("\\x1b[31m\\n伪造行");
    expect(out.split("\n").some((l) => l.startsWith("伪造行"))).toBe(false);
    // Columns line up by display width: 考核分数 ends at the same column in every row.
    const lines = out.split("\n").filter((l) => /^\s+\d+\s/.test(l));
    expect(lines).toHaveLength(2);
  });

  test("the pool starts before the options are read, reads the returns, and stops if an option fails", async () => {
    const pool = { destroy: jest.fn(async () => undefined) } as unknown as NonNullable<ReadManyOptions["pool"]>;
    const startPool = jest.fn(async () => pool);
    const readMany = jest.fn(fakes().readMany);
    touch(join(dir, "policy.json"), "{}");
    await run([folder], { out: join(dir, "r.xlsx"), policy: join(dir, "policy.json") }, fakes({ startPool, readMany, parsePolicy: async () => (expect(startPool).toHaveBeenCalled(), DEFAULT_POLICY) }));
    expect(startPool).toHaveBeenCalledWith(2, { inProcessMax: undefined });
    expect(readMany.mock.calls[0][1].pool).toBe(pool);
    expect(pool.destroy).not.toHaveBeenCalled(); // readMany's to stop
    await expect(run([folder], { out: join(dir, "r.xlsx"), scores: join(dir, "s.csv") }, fakes({ startPool }))).rejects.toThrow(UsageError);
    await expect(run([folder], { out: join(dir, "r.xlsx"), units: join(dir, "missing.csv") }, fakes({ startPool }))).rejects.toThrow(FileError);
    expect(pool.destroy).toHaveBeenCalledTimes(2);
    // With --rubric the workers take the choices as they start: readMany starts them.
    startPool.mockClear();
    await run([folder], { out: join(dir, "r.xlsx"), rubric: ["lw2015-dept"] }, fakes({ startPool }));
    expect(startPool).not.toHaveBeenCalled();
  });

  test("usage errors and nothing readable", async () => {
    await expect(run([folder], {}, fakes())).rejects.toThrow(UsageError);
    await expect(run([join(dir, "missing")], { out: join(dir, "r.xlsx") }, fakes())).rejects.toThrow(FileError);
    const allBad = fakes({ readMany: async (fs) => fs.map((f) => ({ ok: false as const, error: { file: f, reason: "x", message: "坏" } })) });
    await expect(run([folder], { out: join(dir, "r.xlsx") }, allBad)).rejects.toThrow(/nothing readable/);
  });
});

// ------------------------------------------------------------------------------ end to end, exit codes

describe("safescore consolidate (exit codes)", () => {
  const folder = join(dir, "e2e");
  beforeAll(async () => {
    mkdirSync(folder);
    writeFileSync(join(folder, "jyj.xlsx"), await workbookFor("lw2015-dept", { variant: "jyj", fields: { unitName: "区教育局" } }, "区教育局"));
    touch(join(folder, "garbage.xlsx"), "not a zip");
  }, 30_000);

  test("0 with problems: the roster is written, the garbage file is a problem line", async () => {
    const r = await cli(["consolidate", folder, "-o", join(dir, "roster.xlsx"), "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.groups).toHaveLength(1);
    expect(j.problems.some((p: { file: string; kind: string }) => p.file.endsWith("garbage.xlsx") && p.kind === "unreadable")).toBe(true);
  });

  test("1 for usage: no inputs, no -o, -o without a value", async () => {
    expect((await cli(["consolidate"])).code).toBe(1);
    expect((await cli(["consolidate", folder])).code).toBe(1);
    const r = await cli(["consolidate", folder, "-o", "--json"]);
    expect(r.code).toBe(1);
  });

  test("2 when nothing is readable, in one line", async () => {
    const r = await cli(["consolidate", join(folder, "garbage.xlsx"), "-o", join(dir, "x.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toContain("nothing readable");
    expect((await cli(["consolidate", join(dir, "nope"), "-o", join(dir, "x.xlsx")])).code).toBe(2);
  });
});

describe("the bundled command line", () => {
  // Inside the repository (piscina is loaded from node_modules, as in dist-cli/), removed afterwards.
  const out = mkdtempSync(join(__dirname, "..", "dist-cli-test-"));
  beforeAll(() => buildCli(out), 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test("starts and answers rubrics --json", () => {
    const list = JSON.parse(execFileSync(process.execPath, [join(out, "safescore.mjs"), "rubrics", "--json"], { encoding: "utf8" }));
    expect(list.map((r: { id: string }) => r.id)).toContain("lw2015-dept");
  });

  test.each([["", []], [" with --rubric (read-worker-rubrics.cjs)", ["--rubric", "lw2015-dept"]]])("its worker pool reads returns%s (forced past the in-process threshold)", (_name, args) => {
    const folder = join(dir, "e2e");
    const r = execFileSync(process.execPath, [join(out, "safescore.mjs"), "consolidate", folder, "-o", join(dir, "b.xlsx"), "--json", ...args], {
      encoding: "utf8",
      env: { ...process.env, SAFESCORE_IN_PROCESS_MAX: "0" },
    });
    const j = JSON.parse(r);
    expect(j.rows[0].unit).toBe("区教育局");
    expect(j.problems.some((p: { kind: string }) => p.kind === "unreadable")).toBe(true);
  });
});
