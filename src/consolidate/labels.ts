/** Words shared by the roster's .xlsx and .docx writers: titles, sheet names, problem kinds. */
import type { ProblemKind, RosterGroup } from "./types";

/** The results table's title from the rubric's (or scheme's): "…安全生产目标管理考核自评表" → "…安全生产目标管理考核成绩表", "…目标考核方案" → "…目标考核成绩表". */
export function rosterTitle(group: Pick<RosterGroup, "rubric">): string {
  const t = group.rubric.title.trim();
  // "…考核实施细则" → "…考核成绩表", not "…考核实施考核成绩表".
  const stem = t.replace(/(考核)?(实施)?(巡查|自评|评分|评价|检查|考评|标准)*(细则|表|清单|办法|方案)$/, "");
  return `${stem || t}考核成绩表`;
}

/** Display width of a string in Excel's character units: CJK and full-width characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return w;
}

export const PROBLEM_LABELS: Record<ProblemKind, string> = {
  unreadable: "无法读取",
  "other-rubric": "其他考核表",
  "older-version": "旧版考核表",
  tampered: "表格被改动",
  "invalid-entry": "无效填写",
  "duplicate-unit": "重复上报",
  "missing-return": "未上报",
  "unlisted-unit": "名单外单位",
  "fuzzy-match": "名称近似匹配",
  "no-unit-name": "未填单位名称",
  unfilled: "自评表未填写",
  "local-points": "本地分值不一致",
  "missing-part": "缺少组成部分",
  "invalid-score": "分数表有误",
  "review-invalid": "核定无效填写",
};

/** A score or amount as the document prints it: 95, 91.5, 6000 (no thousands separator, no trailing zeros). */
export function plainNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}
