/** A read workbook, scored: the engine's report plus every problem and flag with its cell (pure). */
import { score, type Report } from "../scoring";
import { cellForFlag, type ReadResult } from "./read";

export interface CellFlag {
  kind: string;
  /** Sheet!A1, or null where there is no cell (a deleted row). */
  cell: string | null;
  message: string;
  messageEn: string;
}

export interface ScoredWorkbook {
  result: ReadResult;
  report: Report;
  flags: CellFlag[];
}

const quoted = (sheet: string, a: string | null) => (a === null ? null : `${sheet}!${a}`);

export function scoreRead(result: ReadResult): ScoredWorkbook {
  const report = score(result.rubric, result.responses, { tiers: result.tiers });
  const flags: CellFlag[] = [
    ...result.problems.map((p) => ({ kind: p.kind, cell: p.cell, message: p.message, messageEn: p.messageEn })),
    ...report.flags.map((f) => ({ kind: f.kind, cell: quoted(result.sheetName, cellForFlag(result.map, f)), message: f.message, messageEn: f.messageEn })),
  ];
  return { result, report, flags };
}
