/**
 * `safescore import`: a scoring table in (text, .docx or .xlsx bytes), rubric drafts and their review out.
 * Pure apart from nothing: the caller reads and writes the files (src/cli/import.ts).
 */
import { parseRubric } from "../rubric/load";
import { ID_PATTERN } from "../rubric/schema";
import { RubricError } from "../rubric/errors";
import { readDocx } from "./docx";
import { draftAll, type DraftResult } from "./draft";
import { parseTable } from "./structure";
import { ImportError, decodeText, readText, type SourceKind, type Table } from "./table";
import { readXlsx } from "./xlsx";

export { ImportError } from "./table";
export type { DraftResult, ReviewEntry } from "./draft";

/** The kind of input by its name: .txt (or anything else read as text), .docx, .xlsx. */
export function kindOf(name: string): SourceKind | undefined {
  if (/\.docx$/i.test(name)) return "docx";
  if (/\.xlsx$/i.test(name)) return "xlsx";
  if (/\.(txt|text|csv|tsv)$/i.test(name)) return "text";
  return undefined;
}

export function readTable(bytes: Uint8Array, kind: SourceKind): Table {
  if (kind === "docx") return readDocx(bytes);
  if (kind === "xlsx") return readXlsx(bytes);
  return readText(decodeText(bytes));
}

/**
 * Imports a table: one draft per scoring table found (a notice may hold several annexes). Every draft is
 * validated by the rubric loader; a draft that does not validate is a bug, reported as such.
 */
/** A rubric id from a name ("县级细则2024.json" → none; "county2024.json" → "county2024"), else "import". */
export function idFrom(name: string | undefined): string {
  const base = (name ?? "").replace(/^.*[\\/]/, "").replace(/\.json$/i, "").toLowerCase();
  return ID_PATTERN.test(base) && base.length <= 40 ? base : "import";
}

export function importTable(bytes: Uint8Array, file: string, kind: SourceKind = kindOf(file) ?? "text", id = "import"): DraftResult[] {
  const table = readTable(bytes, kind);
  const parsed = parseTable(table);
  if (!parsed.parts.length) {
    // 003: a 通报 with the results (序号 / 单位 / 考核分数 / 奖励金额): what consolidation writes, not a rubric.
    if (table.rows.some((r) => r.cells.some((c) => /^考核(分数|得分)$|^奖励金额/.test(c.lines[0]?.text.replace(/\s+/g, "") ?? "")))) {
      throw new ImportError("这是考核结果表（序号/单位/考核分数），不是评分表", "this is a results table (单位 / 考核分数), not a scoring table");
    }
    throw new ImportError("没有找到评分表（未识别出考核项或巡查要点）", "no scoring table found (no items or checklist points recognised)");
  }
  const drafts = draftAll(parsed, file.replace(/^.*[\\/]/, ""), id);
  for (const d of drafts) {
    try {
      parseRubric(d.rubric, `${file}${d.part ? `（${d.part}）` : ""}`);
    } catch (e) {
      if (e instanceof RubricError) throw new Error(`导入草稿未通过校验（程序错误）/ the imported draft does not validate (a bug): ${e.message}`);
      throw e;
    }
  }
  return drafts;
}
