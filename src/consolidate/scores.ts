/**
 * The office's scores sheet for a composite (--scores): the parts of a unit's score no return carries
 * (001: 行政执法, 行业专项 per sector, 日常考核). CSV (UTF-8, BOM, GBK…) or .xlsx, read as the unit list is
 * (units.ts); a header row with 单位, 组成部分, 分数. Pure: bytes in, lines and problem lines out. Whether a
 * line fits the scheme (its part, its points, its unit) is the composite's to judge (composite.ts).
 */
import { normalizeUnitName } from "../rubric/variants";
import { blank, clean, tableRecords, type TableKind, type UnitListEncoding } from "./units";
import type { Problem } from "./types";

export class ScoresError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*[\r\n]+\s*/g, " "));
    this.name = "ScoresError";
  }
}

export interface ScoreLine {
  unit: string;
  /** 组成部分 as typed (a component, a part, or a line averaged into a part). */
  part: string;
  score: number;
  /** Line (CSV) or row (xlsx), for messages. */
  line: number;
}

export interface ScoreSheet {
  /** The file's name, as messages give it. */
  file: string;
  lines: ScoreLine[];
  /** Lines that cannot be read at all (no unit, no part, not a number, negative): kind "invalid-score". */
  problems: Problem[];
  encoding: UnitListEncoding;
}

const COLUMNS: Record<string, "unit" | "part" | "score"> = {
  单位: "unit",
  单位名称: "unit",
  组成部分: "part",
  项目: "part",
  分数: "score",
  得分: "score",
};

const SCORES: TableKind = { zh: "分数表", en: "the scores sheet", fail: (m) => new ScoresError(m) };

/** A score as typed: digits with at most one decimal point (full-width digits too); anything else is not a score. */
function number(text: string): number | null {
  const t = text.normalize("NFKC").trim();
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : null;
}

export function parseScoreSheet(bytes: Uint8Array, fileName: string): ScoreSheet {
  const { records, encoding } = tableRecords(bytes, fileName, SCORES);
  const headerAt = records.findIndex((r) => !blank(r.fields));
  const header = headerAt >= 0 ? records[headerAt].fields.map((h) => COLUMNS[normalizeUnitName(h)]) : [];
  for (const [key, zh] of [["unit", "单位"], ["part", "组成部分"], ["score", "分数"]] as const) {
    if (!header.includes(key)) {
      throw new ScoresError(`${fileName}：分数表缺少“${zh}”列（第一行须为表头：单位,组成部分,分数） / ${fileName}: the scores sheet has no ${zh} column (the first row must be the header: 单位,组成部分,分数)`);
    }
  }
  const lines: ScoreLine[] = [];
  const problems: Problem[] = [];
  for (const { fields, line } of records.slice(headerAt + 1)) {
    if (blank(fields)) continue;
    const at = (key: "unit" | "part" | "score") => clean(fields[header.indexOf(key)]);
    const [unit, part, text] = [at("unit"), at("part"), at("score")];
    const bad = (zh: string, en: string) =>
      problems.push({ file: fileName, unit, kind: "invalid-score", message: `${fileName} 第${line}行：${zh}，未计入 / ${fileName} line ${line}: ${en}; not counted` });
    if (unit === null) bad("没有单位名称", "no unit name");
    else if (part === null) bad("没有组成部分", "no 组成部分");
    else if (text === null) bad(`“${part}”没有分数`, `no score for "${part}"`);
    else {
      const score = number(text);
      if (score === null) bad(`“${part}”的分数“${text}”不是数字`, `the score "${text}" for "${part}" is not a number`);
      else if (score < 0) bad(`“${part}”的分数 ${text} 为负数`, `the score ${text} for "${part}" is negative`);
      else lines.push({ unit, part, score, line });
    }
  }
  return { file: fileName, lines, problems, encoding };
}
