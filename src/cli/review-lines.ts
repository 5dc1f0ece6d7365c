/**
 * The 核定 block of the `score` report (pure, so the offline page prints the same lines): moved here from
 * workbook.ts unchanged.
 */
import type { ScoredWorkbook } from "../layout/scored";
import type { Report } from "../scoring/types";
import { displaySafe } from "../text/display";
import { tierHeadline, tierLine, unfilledText } from "../text/headline";
import { inFlagOrder } from "../text/flag-order";

/** The 核定 block of `score` on a reviewed return: the assessors' figures, then each item where they differ, with both values and the note. */
export function reviewLines(review: NonNullable<ScoredWorkbook["review"]>, self: Report, penalties: ReadonlySet<string>): string[] {
  const r = review.report;
  // Neither side holds any entry: no figure to claim (as the sheet's 核定 tier, reviewTierShown).
  if (r.state === "unfilled" && self.state === "unfilled") return [`核定（考核组）：`, `核定总分：${unfilledText("zh-CN").value}（满分 ${self.max}）`];
  const lines = [`核定（考核组）：`, `核定总分：${r.total} / ${self.max}${r.complete ? "" : "（待更正：无效的核定填写按空白计分）"}`];
  if (r.percent !== null) lines.push(`核定得分率：${r.percent}%`);
  // A 核定 without entries of its own (the unit's only notes) is a 核定 of full marks: its tier stands.
  const tier = tierHeadline(r.state === "unfilled" ? { ...r, state: "final" } : r, "zh-CN");
  if (tier) lines.push(tierLine({ ...tier, label: "核定等次" }, "zh-CN"));
  lines.push(`核定否决：${r.veto.reasons.length ? r.veto.reasons.map((v) => `${v.effect === "fail" ? "一票否决" : "优秀否决"}——${v.text}`).join("；") : "无"}`);
  // A deduct section's row scores minus its deduction, a penalty gives its deduction: both shown as the sheet shows them, 扣N分.
  const shown = (v: number | null, penalty: boolean) => (v === null ? "—" : v < 0 || (penalty && v > 0) ? `扣${Math.abs(v)}分` : String(v));
  lines.push(review.differences.length ? `核定与自评不同 ${review.differences.length} 处：` : "核定与自评相同。");
  for (const d of review.differences) {
    const penalty = penalties.has(d.id);
    const what = d.self === null && d.review === null ? "勾选不同" : `自评 ${shown(d.self, penalty)} → 核定 ${shown(d.review, penalty)}`;
    const label = /^\d/.test(d.label) ? `第${d.label}项` : d.label;
    lines.push(`  ${d.cell === null ? "—" : displaySafe(d.cell)}  ${displaySafe(label)} ${displaySafe(d.title.split("\n")[0], 30)}：${what}${d.note ? `；核定说明：${displaySafe(d.note, 200)}` : ""}`);
  }
  if (review.flags.length) {
    lines.push(`核定填写问题 ${review.flags.length} 个：`);
    for (const f of inFlagOrder(review.flags)) lines.push(`  ${f.cell === null ? "—" : displaySafe(f.cell)}  ${displaySafe(f.message, 400)}`);
  }
  return lines;
}
