/**
 * A composite's 成绩表 (sheets.ts): one editable column per component after the ordinary columns, and the
 * 自评分数 column (headed 各部分合计) a formula summing them, so the review meeting can change a part and see
 * the composite, rank, tier and reward follow. A row with a blank part sums to "" and is not ranked, as the
 * composite itself never ranks a partial sum.
 */
import { colLetter } from "../layout/a1";
import type { RosterGroup, RosterRow } from "./types";

export interface PartColumn {
  /** Component name (the key of RosterRow.parts). */
  name: string;
  weight: number;
  letter: string;
  header: string;
  width: number;
}

/** The 自评分数 column's header on a composite's sheet. */
export const COMPOSITE_SUM_HEADER = "各部分合计";

/** The part columns of a group's sheet, from column number `first` on; none for an ordinary roster. */
export function partColumns(group: RosterGroup, first: number): PartColumn[] {
  return (group.composite?.components ?? []).map((c, k) => ({
    name: c.name,
    weight: c.weight,
    letter: colLetter(first + k),
    header: `${c.name}（${c.weight}）`,
    width: Math.max(9, Math.min(16, [...c.name].length * 2 + 6)),
  }));
}

/** 各部分合计 of data row `r`: the sum of its part cells, "" while any is blank. */
export function partsSumFormula(cols: PartColumn[], r: number): string {
  const range = `${cols[0].letter}${r}:${cols[cols.length - 1].letter}${r}`;
  return `IF(COUNT(${range})<${cols.length},"",SUM(${range}))`;
}

/** A row's value for one part column. */
export function partValue(row: RosterRow, col: PartColumn): number | null {
  return row.parts?.[col.name] ?? null;
}
