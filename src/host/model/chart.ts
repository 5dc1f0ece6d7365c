/**
 * Charts as plain data: a chart lives on a sheet and draws a source box (on any sheet, kept by id so a
 * rename does not break it); its series are read from the source's current values, so a chart follows
 * recalculation as Excel's does.
 */
import type { Box } from "../address";
import type { CellValue } from "../values";

export interface ChartModel {
  id: string;
  name: string;
  chartType: string;
  title: { text: string; visible: boolean };
  legend: { visible: boolean; position: string };
  source: { sheetId: string; box: Box };
  /** How series were laid out when the chart was made: one per column or one per row. */
  seriesBy: "Columns" | "Rows";
  /** Cells it covers (A1 addresses), once setPosition was called. */
  position: { from: string; to: string } | null;
}

export interface ChartData {
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
}

/** Excel.ChartType values this host draws (the rest of Excel's list is refused as InvalidArgument). */
export const CHART_TYPES = ["ColumnClustered", "ColumnStacked", "BarClustered", "BarStacked", "Line", "LineMarkers", "Pie", "Doughnut", "XYScatter", "Area"] as const;

const isLabel = (v: CellValue) => v === null || typeof v === "string";
const text = (v: CellValue) => (v === null ? "" : String(v));

/**
 * Excel's reading of a source block: a first row of labels is the series names, a first column of labels
 * the categories; the rest are the values (a non-number plots as a gap).
 */
export function chartData(get: (row: number, col: number) => CellValue, box: Box, seriesBy: ChartModel["seriesBy"]): ChartData {
  const rows = box.r1 - box.r0 + 1;
  const cols = box.c1 - box.c0 + 1;
  const at = (i: number, j: number) => (seriesBy === "Columns" ? get(box.r0 + i, box.c0 + j) : get(box.r0 + j, box.c0 + i));
  // In "series" coordinates: i runs along a series (categories), j across series.
  const [n, m] = seriesBy === "Columns" ? [rows, cols] : [cols, rows];
  let headRow = true;
  for (let j = 1; j < m; j++) if (!isLabel(at(0, j)) || at(0, j) === null) headRow = false;
  let catCol = m > 1;
  for (let i = headRow ? 1 : 0; i < n; i++) if (!isLabel(at(i, 0))) catCol = false;
  const i0 = headRow ? 1 : 0;
  const j0 = catCol ? 1 : 0;
  const categories: string[] = [];
  for (let i = i0; i < n; i++) categories.push(catCol ? text(at(i, 0)) : String(i - i0 + 1));
  const series = [];
  for (let j = j0; j < m; j++) {
    const values: (number | null)[] = [];
    for (let i = i0; i < n; i++) {
      const v = at(i, j);
      values.push(typeof v === "number" ? v : null);
    }
    series.push({ name: headRow ? text(at(0, j)) : `系列${j - j0 + 1}`, values });
  }
  return { categories, series };
}
