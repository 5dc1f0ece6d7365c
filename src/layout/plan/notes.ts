/**
 * The 填表说明 printed below the signatures (sheet format 3 on): what a clerk must know to fill the table without
 * guessing — what a tick means, which marks count, what goes in 次数, that every item needs 自评情况 — worded
 * for this table (award items, counted and discretionary clauses, derived points, reference tiers).
 */
import type { Clause, Rubric, Section } from "../../rubric/schema";
import { isOneFact, notApplicableOf } from "../../rubric/model";
import type { TierPolicy } from "../../scoring/types";

export function fillingNotes(rubric: Rubric, sections: Section[], policy: TierPolicy | null, localLabels: readonly string[] = []): string[] {
  const items = [...sections.flatMap((s) => s.items ?? []), ...(rubric.penalties ?? [])];
  const clauses = items.flatMap((i) => i.clauses as Clause[]);
  const has = (kind: string) => clauses.some((c) => c.kind === kind);
  const lines: string[] = [];
  if (!items.length) {
    lines.push("“是否落实”栏填写“是”“否”或“不适用”；答“否”的，须在“自评情况/佐证材料”栏说明情况；每个巡查要点都须作答。");
  } else {
    lines.push(
      "勾选栏选“√”（或勾选复选框）表示该条扣分、未落实；不扣分、已落实的留空。在其他软件中填写的“是”“1”“✓”“☑”也算勾选，“否”“0”算未勾选；其他内容（如“×”）无效，须更正。",
    );
    if (has("award")) lines.push("得分项（如“……，得3分”）同样勾选未做到（未落实）的子项：做到的留空，得分；勾选的，不得该项分。");
    if (has("counted") || has("bonus")) {
      lines.push("“次数/扣分值”栏：按条款所列单位（次、地、家、人、起、项……）填写发现的次数，不小于0的整数，并勾选该条；按次数加分的条款填写开展的次数。");
    }
    if (has("discretionary")) lines.push("酌情扣分的条款在“次数/扣分值”栏填写扣分值（最多两位小数），并在自评情况中说明理由。");
    // The constructs of 004 (only in tables that have them).
    if (has("scoredAbove")) lines.push("显示“上级评分”的条款由上级部门直接评分，本单位不填；其分值不计入可自评满分。");
    if (clauses.some((c) => notApplicableOf(c))) lines.push("显示“不适用”的条款针对其他层级（如省级、市级），本单位不填，不计分。");
    if (clauses.some((c) => c.exemptions)) lines.push("条款下的〖注〗照录原文所列不扣分、不计入次数等情形，供自评时参照，不影响公式计分。");
    if (rubric.exclusive?.some(isOneFact)) lines.push("标〖择一扣分〗的条款是同一事实的不同扣分规定，只能在其中一条填写；同时填写两条以上的，均暂不计分，须更正。");
    if (rubric.exclusive?.some((g) => !isOneFact(g))) lines.push("标〖分处扣分〗的条款按发现的问题分处扣分（如重大隐患在减分项扣分，其他隐患在所属考核要点扣分）：同一问题只在一处填写，各处可分别填写不同的问题。");
    if (items.some((i) => "selectable" in i && i.selectable)) {
      lines.push("标〖抽查〗的考核要点为选查项目：经抽查的，在其“抽查”行的勾选栏选“√”，再按评分标准填写；未抽查的留空，该项得满分，不填扣分，也不须填写自评情况。");
    }
    lines.push("每个考核项目都须填写“自评情况/佐证材料”，简要说明工作开展情况及佐证材料；有扣分或未落实的，写明原因。");
  }
  lines.push(`表中${items.length ? "分数" : "计数"}由公式自动计算。“待处理问题”不为0时，请在屏幕上查看“状态”栏（不打印），逐项补充或更正后再打印、签字、盖章。`);
  if (localLabels.length) {
    lines.push(`分值（本地）：第${localLabels.join("、")}项的分值由考核机关按本地情况设定，不同于考核细则所列分值；本表按这些分值计分，汇总时按考核机关的分值文件核对。`);
  }
  if (items.some((i) => "pointsDerived" in i && i.pointsDerived)) lines.push(`参考分值：原表未列分值的考核要点${localLabels.length ? "（本地设定分值的除外）" : ""}，其分值按评分要点推定，仅供参考。`);
  if (policy && items.length) lines.push("参考等次按本表得分率计算，仅供参考；正式考核等次以考核机关认定为准。未填写任何内容时显示“未填写”，有无效填写时显示“待更正”。");
  return ["填表说明：", ...lines.map((l, k) => `${k + 1}. ${l}`)];
}
