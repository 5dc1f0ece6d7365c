/**
 * `safescore review <return.xlsx> -o <reviewed.xlsx>`: the assessors' table (核定, sheet format 4) of a return —
 * read by what it records (any readable format), written through the same plan as a template (reviewPlan →
 * planToXlsx). The unit's entries are copied as its return read them and locked; the 核定 cells start as a copy.
 * A return already reviewed keeps its 核定 entries and notes. The input file is never overwritten.
 */
import { existsSync, realpathSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { RubricChoice } from "../rubric/given";
import type { WorkbookGrid } from "../layout/grid";
import { reviewPlan } from "../layout/review";
import { scoreRead } from "../layout/scored";
import { displaySafe } from "../text/display";
import { unfilledText } from "../text/headline";
import { FileError, UsageError, fileError } from "./errors";
import { readOpened } from "./workbook";

/** The same file, by its real path where it exists (a link or another spelling of the path counts). */
function samePath(a: string, b: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
}

export async function reviewCommand(file: string, grid: WorkbookGrid, rubrics: readonly RubricChoice[], out: string | undefined): Promise<{ out: string; notes: string[] }> {
  if (!out) throw new UsageError("缺少 -o <核定表.xlsx> / missing -o <reviewed.xlsx>");
  if (samePath(file, out)) throw new UsageError("-o 不能是被核定的文件本身（原件须保留） / -o must not be the return itself (the original is kept)");
  const result = readOpened(file, grid, rubrics);
  if (result.map.items.length === 0) {
    throw new FileError(file, `${displaySafe(file)}: 巡查表没有得分，无须核定 / a checklist has no scores to review`);
  }
  const { plan, inputs } = reviewPlan(result);
  const { planToXlsx } = await import("../xlsx/write");
  const bytes = await planToXlsx(plan, inputs);
  try {
    writeFileSync(out, bytes);
  } catch (e) {
    throw fileError(out, e, "write");
  }
  const { report, review } = scoreRead(result);
  const notes = result.review
    ? [`${displaySafe(file)} 已核定过：保留原有核定内容（${review?.differences.length ?? 0} 项与自评不同） / already reviewed: the 核定 entries and notes are kept`]
    : [];
  // What the reader found wrong with the file itself (edited formulas, hidden rows…) is not carried into the new table: say so.
  if (result.problems.length) {
    notes.push(`${displaySafe(file)} 有 ${result.problems.length} 处改动或异常（用 score 查看），核定表按读出的填写内容重新生成 / the return has ${result.problems.length} problem(s) (see score); the review table is made from the entries as read`);
  }
  const unit = result.responses.fields?.unitName ?? result.unit;
  return {
    out: `已生成核定表 ${displaySafe(out)}：${displaySafe(String(unit ?? ""), 80) || "（未填写单位名称）"}，自评总分 ${report.state === "unfilled" ? unfilledText("zh-CN").value : report.total}；核定栏已按自评填好，只需改动有异议之处 / wrote the review table; the 核定 columns start as a copy of the unit's entries\n`,
    notes,
  };
}
