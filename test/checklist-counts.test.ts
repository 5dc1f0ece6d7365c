/**
 * The checklist's totals (答“是/否/不适用”的要点数) count the answers as the engine reads them: from sheet
 * format 3 on, an answer typed with other kinds of space (" 是", "否\t", "不适用\u00a0") counts too. Format 2
 * counted the cells as typed (kept as it was: its returns are frozen). Checked by LibreOffice recalculation.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { planToXlsx } from "../src/xlsx/write";
import { openWorkbook } from "../src/xlsx/open";
import { readWorkbook } from "../src/layout/read";
import { scoreRead } from "../src/layout/scored";
import type { SheetFormat } from "../src/layout/entries";
import { disposeProfile, readValues, recalcMany } from "./helpers/libreoffice";
import { describeWithTool } from "./helpers/tools";

describeWithTool("libreoffice", "checklist totals count answers as the engine reads them", () => {
  const rubric = findRubric("xc2018-checklist")!;
  const checks = rubric.sections.flatMap((s) => s.checks ?? []);
  // Six answers with spaces of other kinds around them, then plain ones: by hand, 是 4, 否 3, 不适用 2.
  const typed = [" 是", "是\u3000", "\u00a0否", "不适用\t", "是", "否", "否", "不适用", "是"];
  const items = Object.fromEntries(checks.slice(0, typed.length).map((c, k) => [c.id, { answer: typed[k], note: "已说明" }]));
  const dir = mkdtempSync(join(tmpdir(), "safescore-checklist-"));
  const values = new Map<SheetFormat, Map<string, unknown>>();
  const countCells = new Map<SheetFormat, Record<string, string>>();
  let sheetName = "";

  beforeAll(async () => {
    const files: string[] = [];
    for (const format of [2, 3] as SheetFormat[]) {
      const p = plan(rubric, undefined, "某单位", { format });
      const cellOf = (answer: string) => p.cells.find((c) => c.f?.startsWith("COUNTIF(") && c.f.endsWith(`"${answer}")`))!.a;
      countCells.set(format, { 是: cellOf("是"), 否: cellOf("否"), 不适用: cellOf("不适用") });
      sheetName = p.sheetName;
      const file = join(dir, `format${format}.xlsx`);
      writeFileSync(file, await planToXlsx(p, fillInputs(p, { items })));
      files.push(file);
    }
    const out = await recalcMany(files, join(dir, "out"));
    for (const [k, format] of ([2, 3] as SheetFormat[]).entries()) values.set(format, await readValues(out[k], sheetName));
  }, 180_000);
  afterAll(async () => {
    await disposeProfile();
    rmSync(dir, { recursive: true, force: true });
  });

  test.each([2, 3] as SheetFormat[])("format %s: the engine, reading the return, takes every one of them as an answer", async (format) => {
    const bytes = new Uint8Array(readFileSync(join(dir, `format${format}.xlsx`)));
    const { report } = scoreRead(readWorkbook(await openWorkbook(bytes), findRubric));
    const count = (a: string) => report.checks.filter((c) => c.answer === a).length;
    expect([count("yes"), count("no"), count("na")]).toEqual([4, 3, 2]);
  });

  test("format 3 counts them all: 是 4, 否 3, 不适用 2", () => {
    const cells = countCells.get(3)!;
    const got = values.get(3)!;
    expect([got.get(cells["是"]), got.get(cells["否"]), got.get(cells["不适用"])]).toEqual([4, 3, 2]);
  });

  test("format 2 (frozen) counts only the answers typed exactly: 是 2, 否 2, 不适用 1", () => {
    const cells = countCells.get(2)!;
    const got = values.get(2)!;
    expect([got.get(cells["是"]), got.get(cells["否"]), got.get(cells["不适用"])]).toEqual([2, 2, 1]);
  });
});
