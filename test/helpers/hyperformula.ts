/** Evaluates a sheet plan's formulas with HyperFormula (GPL-3.0: test-only, never bundled). */
import { HyperFormula } from "hyperformula";
import type { CellValue, SheetPlan } from "../../src/layout/types";
import { parseAddr } from "../../src/layout/a1";

export interface Evaluated {
  get(a: string): unknown;
  destroy(): void;
}

/**
 * HyperFormula parses raw strings as if typed ("TRUE" → boolean); an .xlsx keeps text as text, so force it.
 * An input starting with "=" is a formula typed into the input cell (test/helpers/typed.ts).
 */
const asTyped = (v: CellValue): CellValue => (typeof v === "string" && !v.startsWith("=") ? `'${v}` : v);

export function evaluatePlan(plan: SheetPlan, inputs: Map<string, CellValue>): Evaluated {
  const grid: (CellValue | string)[][] = Array.from({ length: plan.lastRow }, () => Array(plan.lastCol).fill(null));
  for (const c of plan.cells) {
    const { row, col } = parseAddr(c.a);
    grid[row - 1][col - 1] = c.f !== undefined ? `=${c.f}` : typeof c.v === "string" ? `'${c.v}` : (c.v ?? null);
  }
  for (const [a, v] of inputs) {
    const { row, col } = parseAddr(a);
    grid[row - 1][col - 1] = asTyped(v);
  }
  const hf = HyperFormula.buildFromArray(grid as never, { licenseKey: "gpl-v3" });
  return {
    get(a: string) {
      const { row, col } = parseAddr(a);
      const v = hf.getCellValue({ sheet: 0, row: row - 1, col: col - 1 });
      if (v && typeof v === "object" && "type" in v) return `#ERROR ${(v as { value: string }).value} at ${a}`;
      return v;
    },
    destroy: () => hf.destroy(),
  };
}
