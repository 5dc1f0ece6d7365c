/**
 * Formula truth, by a real spreadsheet application: random fills of every shipped rubric are written as
 * .xlsx (ExcelJS, no cached results), recalculated by LibreOffice Calc headless with forced
 * recalculation, read back, and compared with the scoring engine cell by cell.
 */
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shippedRubrics } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { planToXlsx } from "../src/xlsx/write";
import { variantIds } from "../src/rubric/model";
import type { Responses } from "../src/scoring";
import { responsesArb } from "./helpers/arbitrary";
import { readTickValue } from "../src/layout/ticks";
import { tickProbe, TYPED_MARKS } from "./helpers/tick-marks";
import { compareSheetWithEngine } from "./helpers/compare";
import { describeWithTool } from "./helpers/tools";
import { disposeProfile, readValues, recalcMany } from "./helpers/libreoffice";

const FILLS_PER_RUBRIC = Number(process.env.LIBREOFFICE_FILLS ?? 6);

describeWithTool("libreoffice", "LibreOffice Calc recalculates the official workbook to the engine's numbers", () => {
  const dir = mkdtempSync(join(tmpdir(), "safescore-lo-"));
  afterAll(async () => {
    await disposeProfile();
    rmSync(dir, { recursive: true, force: true });
  });

  test("random fills of every shipped rubric, and every way of typing a tick (one soffice run)", async () => {
    const cases: { name: string; rubric: ReturnType<typeof shippedRubrics>[number]; resp: Responses }[] = [];
    for (const rubric of shippedRubrics()) {
      // A blank table for the first variant, then random fills (valid and invalid entries).
      cases.push({ name: `${rubric.id}-blank`, rubric, resp: { variant: variantIds(rubric)[0] } });
      fc.sample(responsesArb(rubric), { numRuns: FILLS_PER_RUBRIC, seed: 2026 }).forEach((resp, k) => cases.push({ name: `${rubric.id}-${k}`, rubric, resp }));
    }
    const inputs: string[] = [];
    for (const c of cases) {
      const p = plan(c.rubric, c.resp.variant);
      const file = join(dir, `${c.name}.xlsx`);
      writeFileSync(file, await planToXlsx(p, fillInputs(p, c.resp)));
      inputs.push(file);
    }
    // What people type in a tick cell: LibreOffice's reading must be the reader's.
    const probe = tickProbe();
    const markFiles: string[] = [];
    for (const [k, mark] of TYPED_MARKS.entries()) {
      const file = join(dir, `tick-${k}.xlsx`);
      writeFileSync(file, await planToXlsx(probe.plan, new Map([[probe.tick, mark]])));
      markFiles.push(file);
    }
    const outDir = join(dir, "out");
    const all = await recalcMany([...inputs, ...markFiles], outDir);
    const outputs = all.slice(0, inputs.length);
    const failures: string[] = [];
    for (const [k, c] of cases.entries()) {
      const p = plan(c.rubric, c.resp.variant);
      const values = await readValues(outputs[k], p.sheetName);
      const get = (a: string) => values.get(a) ?? null;
      for (const m of compareSheetWithEngine(c.rubric, c.resp, get, p)) failures.push(`${c.name}: ${m}`);
    }
    for (const [k, mark] of TYPED_MARKS.entries()) {
      const values = await readValues(all[inputs.length + k], probe.plan.sheetName);
      const reading = readTickValue(mark);
      const value = values.get(probe.value);
      const invalid = String(values.get(probe.status) ?? "").includes("勾选栏无效");
      if (value !== (reading === "ticked" ? 0 : probe.amount) || invalid !== (reading === "invalid")) {
        failures.push(`typed ${JSON.stringify(mark)}: LibreOffice gives ${value}${invalid ? " (invalid)" : ""}, the reader says ${reading}`);
      }
    }
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(30);
  }, 300_000);
});
