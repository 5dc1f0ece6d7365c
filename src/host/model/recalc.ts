/**
 * Full recalculation in dependency order. The graph (which formula reads which) is rebuilt only when
 * formulas change; a recalculation after a value edit just re-evaluates every formula once, in order.
 * Formulas on a cycle, and those that depend on one, become #CYCLE!.
 */
import { Box, boxArea, cellKey, contains } from "../address";
import { Grid } from "../formula/coerce";
import { Evaluator } from "../formula/evaluate";
import { Node, parseFormula, references } from "../formula/parser";
import { CellValue, Errors } from "../values";
import { SheetModel } from "./sheet";
import { CellModel } from "./types";

interface FormulaNode {
  sheet: SheetModel;
  row: number;
  col: number;
  cell: CellModel;
  ast: Node | null;
  dependents: FormulaNode[];
  waiting: number;
}

/** Looks cells up by sheet name (case-insensitive, like Excel); null means the formula's own sheet. */
export class WorkbookGrid implements Grid {
  current!: SheetModel;
  private readonly byName = new Map<string, SheetModel>();

  constructor(sheets: readonly SheetModel[]) {
    for (const s of sheets) this.byName.set(s.name.toLowerCase(), s);
  }

  sheet(name: string | null): SheetModel | undefined {
    return name === null ? this.current : this.byName.get(name.toLowerCase());
  }

  hasSheet(name: string | null): boolean {
    return this.sheet(name) !== undefined;
  }

  get(name: string | null, row: number, col: number): CellValue {
    return this.sheet(name)?.cell(row, col)?.value ?? null;
  }

  isFormula(name: string | null, row: number, col: number): boolean {
    const f = this.sheet(name)?.cell(row, col)?.formula;
    return f !== null && f !== undefined;
  }

  each(name: string | null, box: Box, fn: (v: CellValue) => void): number {
    let n = 0;
    this.sheet(name)?.forEachCell(box, (cell) => {
      if (cell.value === null) return;
      n++;
      fn(cell.value);
    });
    return n;
  }
}

export class Calculator {
  private builtFor = -1;
  private order: FormulaNode[] = [];
  private cyclic: FormulaNode[] = [];
  /** Milliseconds the last recalculation took (graph build included when it was rebuilt). */
  lastMs = 0;

  recalc(sheets: readonly SheetModel[], structureVersion: number): void {
    const t0 = now();
    const grid = new WorkbookGrid(sheets);
    if (structureVersion !== this.builtFor) {
      this.build(sheets, grid);
      this.builtFor = structureVersion;
    }
    for (const n of this.cyclic) n.cell.value = Errors.cycle;
    const ev = new Evaluator(grid);
    for (const n of this.order) {
      grid.current = n.sheet;
      n.cell.value = n.ast ? ev.evaluate(n.ast, n.row, n.col) : Errors.name;
    }
    this.lastMs = now() - t0;
  }

  private build(sheets: readonly SheetModel[], grid: WorkbookGrid): void {
    const nodes: FormulaNode[] = [];
    const bySheet = new Map<SheetModel, { list: FormulaNode[]; at: Map<string, FormulaNode> }>();
    for (const sheet of sheets) {
      const entry = { list: [] as FormulaNode[], at: new Map<string, FormulaNode>() };
      bySheet.set(sheet, entry);
      sheet.forEachCell({ r0: 0, c0: 0, r1: 1_048_575, c1: 16_383 }, (cell, row, col) => {
        if (cell.formula === null) return;
        let ast: Node | null = null;
        try {
          ast = parseFormula(cell.formula);
        } catch {
          ast = null;
        }
        const node: FormulaNode = { sheet, row, col, cell, ast, dependents: [], waiting: 0 };
        nodes.push(node);
        entry.list.push(node);
        entry.at.set(cellKey(row, col), node);
      });
    }
    for (const node of nodes) {
      if (!node.ast) continue;
      grid.current = node.sheet;
      for (const ref of references(node.ast)) {
        const target = grid.sheet(ref.sheet);
        const entry = target && bySheet.get(target);
        if (!entry) continue;
        const link = (dep: FormulaNode) => {
          dep.dependents.push(node);
          node.waiting++;
        };
        if (boxArea(ref.box) <= 256) {
          for (let r = ref.box.r0; r <= ref.box.r1; r++) {
            for (let c = ref.box.c0; c <= ref.box.c1; c++) {
              const dep = entry.at.get(cellKey(r, c));
              if (dep) link(dep);
            }
          }
        } else {
          for (const dep of entry.list) if (contains(ref.box, dep.row, dep.col)) link(dep);
        }
      }
    }
    // Kahn's algorithm: a formula is evaluated once everything it reads is.
    const order: FormulaNode[] = nodes.filter((n) => n.waiting === 0);
    for (let i = 0; i < order.length; i++) {
      for (const d of order[i].dependents) if (--d.waiting === 0) order.push(d);
    }
    this.order = order;
    this.cyclic = nodes.filter((n) => n.waiting > 0);
  }
}

const now = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());
