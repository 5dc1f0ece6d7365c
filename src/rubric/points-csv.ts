/**
 * The office's points file (`template --points <csv>`, `consolidate --points <csv>`): CSV decoded as the unit
 * list is (UTF-8 with or without BOM, GBK/GB18030 as Excel on a Chinese Windows saves it: consolidate/units.ts),
 * a header row with a 分值 column and a 序号 (the printed number, "12.1") or id column; each row sets one item's
 * points. Every problem is one bilingual line naming the file and the line. Pure: bytes in, LocalPoints out.
 */
import { decodeCsv, parseCsv } from "../consolidate/units";
import { sniff } from "../xlsx/open";
import { normalizeUnitName } from "./variants";
import { normalPoints, pointsTarget, pointsValue, PointsError, withLocalPoints, type LocalPoints } from "./points";
import type { Rubric } from "./schema";

/** Thrown with every problem of a points file, one line each (`file 第3行：… / file line 3: …`). */
export class PointsFileError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "PointsFileError";
  }
}

const HEADERS: Record<string, "label" | "id" | "points"> = { 序号: "label", id: "id", 分值: "points" };

export function parsePointsCsv(bytes: Uint8Array, fileName: string, rubric: Rubric): LocalPoints {
  const at = (line: number | null, zh: string, en: string) =>
    line === null ? `${fileName}：${zh} / ${fileName}: ${en}` : `${fileName} 第${line}行：${zh} / ${fileName} line ${line}: ${en}`;
  if (sniff(bytes) !== "other") throw new PointsFileError([at(null, "分值文件须为 CSV（在 Excel 中另存为“CSV”）", "the points file must be a CSV (save it as CSV in Excel)")]);
  const { text } = decodeCsv(bytes);
  const firstLine = text.split(/\r?\n/, 1)[0];
  const records = parseCsv(text, firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",");
  const blank = (f: string[]) => f.every((x) => x.trim() === "");
  const headerAt = records.findIndex((r) => !blank(r.fields));
  const header = headerAt >= 0 ? records[headerAt].fields.map((h) => HEADERS[normalizeUnitName(h)]) : [];
  const col = (k: "label" | "id" | "points") => header.indexOf(k);
  if (col("points") < 0 || (col("label") < 0 && col("id") < 0)) {
    throw new PointsFileError([at(headerAt >= 0 ? records[headerAt].line : null, "第一行须为表头：序号（或 id）,分值", "the first row must be the header: 序号 (or id),分值")]);
  }
  const problems: string[] = [];
  const points: Record<string, number> = {};
  const lineOf = new Map<string, number>();
  for (const { fields, line } of records.slice(headerAt + 1)) {
    if (blank(fields)) continue;
    const cell = (k: "label" | "id" | "points") => (col(k) >= 0 ? (fields[col(k)] ?? "").replace(/^[\s\u3000\uFEFF]+|[\s\u3000\uFEFF]+$/gu, "") : "");
    const id = cell("id");
    const label = cell("label");
    if (!id && !label) {
      problems.push(at(line, "没有序号或 id", "no 序号 or id"));
      continue;
    }
    const target = pointsTarget(rubric, id ? { id } : { label });
    const value = pointsValue(cell("points"));
    if (!("item" in target)) problems.push(at(line, target.zh, target.en));
    if (!("value" in value)) problems.push(at(line, value.zh, value.en));
    if (!("item" in target) || !("value" in value)) continue;
    const first = lineOf.get(target.item.id);
    if (first !== undefined) {
      problems.push(at(line, `与第${first}行是同一考核项（第${target.item.label}项）`, `sets the same item as line ${first} (item ${target.item.label})`));
      continue;
    }
    lineOf.set(target.item.id, line);
    points[target.item.id] = value.value;
  }
  if (problems.length) throw new PointsFileError(problems);
  const local = normalPoints(rubric, points);
  try {
    withLocalPoints(rubric, local);
  } catch (e) {
    if (e instanceof PointsError) throw new PointsFileError(e.problems.map((p) => at(null, p.zh, p.en)));
    throw e;
  }
  return local;
}
