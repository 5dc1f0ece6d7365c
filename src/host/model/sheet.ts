/** One worksheet: a sparse map of cells keyed by A1 address, plus sheet-level settings. */
import { Box, boxArea, cellKey, contains, formatBox, keyPosition } from "../address";
import type { ChartModel } from "./chart";
import { CellModel, DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, PageLayoutModel, ProtectionModel, Visibility, defaultFormat, defaultPageLayout, defaultProtectionOptions } from "./types";

export class SheetModel {
  visibility: Visibility = "Visible";
  tabColor = "";
  showGridlines = true;
  /** Cells that were ever written, keyed "E5". Absent means blank with default format. */
  readonly cells = new Map<string, CellModel>();
  merges: Box[] = [];
  /** Points, by 0-based column / row; absent means the default. */
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly hiddenRows = new Set<number>();
  frozenRows = 0;
  /** Manual page breaks: 0-based rows a new printed page starts at (horizontalPageBreaks, ExcelApi 1.9). */
  rowBreaks: number[] = [];
  frozenColumns = 0;
  protection: ProtectionModel = { protected: false, password: null, options: defaultProtectionOptions() };
  pageLayout: PageLayoutModel = defaultPageLayout();
  /** Charts on this sheet, in the order they were added. */
  readonly charts: ChartModel[] = [];

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  cell(row: number, col: number): CellModel | undefined {
    return this.cells.get(cellKey(row, col));
  }

  /** The cell at row/col, created blank on first write. */
  ensure(row: number, col: number): CellModel {
    const key = cellKey(row, col);
    let c = this.cells.get(key);
    if (!c) {
      c = { value: null, formula: null, format: defaultFormat(), locked: true, control: null, validation: null };
      this.cells.set(key, c);
    }
    return c;
  }

  /**
   * Calls fn for each existing cell in box. Walks the box when it is small and the map when the box is
   * large (a whole column), so SUM(A:A) does not visit a million blanks.
   */
  forEachCell(box: Box, fn: (cell: CellModel, row: number, col: number) => void): void {
    if (boxArea(box) <= this.cells.size * 4) {
      for (let r = box.r0; r <= box.r1; r++) {
        for (let c = box.c0; c <= box.c1; c++) {
          const cell = this.cells.get(cellKey(r, c));
          if (cell) fn(cell, r, c);
        }
      }
      return;
    }
    for (const [key, cell] of this.cells) {
      const p = keyPosition(key);
      if (contains(box, p.row, p.col)) fn(cell, p.row, p.col);
    }
  }

  columnWidth(col: number): number {
    return this.hiddenColumns.has(col) ? 0 : (this.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH);
  }

  rowHeight(row: number): number {
    return this.hiddenRows.has(row) ? 0 : (this.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT);
  }

  mergeAt(row: number, col: number): Box | undefined {
    return this.merges.find((m) => contains(m, row, col));
  }

  mergedAddress(row: number, col: number): string | null {
    const m = this.mergeAt(row, col);
    return m ? formatBox(m) : null;
  }

  /** Box of cells holding a value or formula (valuesOnly), or also formatting, validation or a control. */
  usedBox(valuesOnly: boolean): Box | null {
    let box: Box | null = null;
    for (const [key, cell] of this.cells) {
      const hasValue = cell.value !== null || cell.formula !== null;
      if (!hasValue && (valuesOnly || !isDecorated(cell))) continue;
      const { row, col } = keyPosition(key);
      if (!box) box = { r0: row, c0: col, r1: row, c1: col };
      else {
        box.r0 = Math.min(box.r0, row);
        box.c0 = Math.min(box.c0, col);
        box.r1 = Math.max(box.r1, row);
        box.c1 = Math.max(box.c1, col);
      }
    }
    return box;
  }
}

const DEFAULT_FORMAT_JSON = JSON.stringify(defaultFormat());

function isDecorated(cell: CellModel): boolean {
  return cell.control !== null || cell.validation !== null || !cell.locked || JSON.stringify(cell.format) !== DEFAULT_FORMAT_JSON;
}
