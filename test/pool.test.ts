/** The worker pool: one outcome per file, in order, with progress; a garbage or missing file is an outcome, not a crash. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readMany, workerFile } from "../src/consolidate/pool";
import type { ReadOutcome } from "../src/consolidate/types";
import { workbookFor } from "./helpers/workbooks";

const dir = mkdtempSync(join(tmpdir(), "safescore-pool-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const units = ["区教育局", "区卫生局", "区民政局", "区财政局", "区司法局"];
const files: string[] = [];
beforeAll(async () => {
  for (const [k, unit] of units.entries()) {
    const f = join(dir, `${k}.xlsx`);
    writeFileSync(f, await workbookFor("lw2015-dept", { variant: "jyj", fields: { unitName: unit } }, unit));
    files.push(f);
  }
  writeFileSync(join(dir, "garbage.xlsx"), "this is not a workbook");
}, 30_000);

/** A fake reader: no files needed. */
const fake = (file: string): Promise<ReadOutcome> =>
  Promise.resolve(file.includes("bad") ? { ok: false, error: { file, reason: "not-xlsx", message: "no" } } : ({ ok: true, ret: { file } } as unknown as ReadOutcome));

describe("readMany", () => {
  test("in-process: one outcome per file in order, a progress call per file, a thrown reader is an outcome", async () => {
    const progress: [number, number][] = [];
    const names = ["a", "bad", "c", "throws"];
    const out = await readMany(names, {
      read: (f) => (f === "throws" ? Promise.reject(new Error("boom")) : fake(f)),
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(out.map((o) => (o.ok ? o.ret.file : o.error.file))).toEqual(names);
    expect(out.map((o) => o.ok)).toEqual([true, false, true, false]);
    expect(out[3]).toMatchObject({ ok: false, error: { reason: "internal" } });
    expect(progress).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
  });

  test("no files: no outcomes, no pool", async () => {
    expect(await readMany([], { inProcessMax: 0 })).toEqual([]);
  });

  test("through worker threads: real returns scored, a garbage file and a missing file reported, order kept", async () => {
    expect(workerFile()).toMatch(/read-worker-dev\.cjs$/);
    const list = [files[0], join(dir, "garbage.xlsx"), files[1], join(dir, "missing.xlsx"), ...files.slice(2)];
    const progress: number[] = [];
    const out = await readMany(list, { inProcessMax: 0, threads: 2, onProgress: (d, t) => (expect(t).toBe(list.length), progress.push(d)) });
    expect(out).toHaveLength(list.length);
    expect(out.map((o) => (o.ok ? o.ret.file : o.error.file))).toEqual(list);
    expect(out.map((o) => o.ok)).toEqual([true, false, true, false, true, true, true]);
    expect(out[1]).toMatchObject({ ok: false, error: { reason: "not-xlsx" } });
    expect(out[3]).toMatchObject({ ok: false, error: { reason: "file", message: expect.stringContaining("no such file") } });
    const ok = out.filter((o): o is Extract<ReadOutcome, { ok: true }> => o.ok);
    expect(ok.map((o) => o.ret.unit)).toEqual(units);
    expect(ok[0].ret).toMatchObject({ rubric: { id: "lw2015-dept" }, variant: "jyj", max: 200 });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
  }, 60_000);

  test("in-process with the real reader gives the same outcomes as the pool", async () => {
    const list = [files[0], join(dir, "garbage.xlsx")];
    const [a, b] = await Promise.all([readMany(list), readMany(list, { inProcessMax: 0, threads: 1 })]);
    expect(a).toEqual(b);
  }, 60_000);
});
