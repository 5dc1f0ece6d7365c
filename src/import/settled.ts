/**
 * Which review entries a decisions file settles (`import … --decisions`): decisions address the draft by id,
 * and so do review entries (`where`), so an entry whose id a decision targets is settled by it. An entry about
 * the whole table (`where` ""), or about an id no decision names, stays open. Pure.
 *
 * Deliberately by id only: a decision on an item does not settle the entries of its clauses, and a decision
 * that targets an id an earlier decision created (a renamed or split node) settles nothing in the draft's list.
 */
import { decisionTarget, type Decision } from "./decisions";
import type { ReviewEntry } from "./draft";

/** The draft ids a decision addresses (before it applies). */
export function decisionIds(d: Decision): string[] {
  switch (d.op) {
    case "setRubric":
      return [];
    case "merge":
      return d.ids;
    case "insert":
      // Into a parent: it completes that node. Before or after a sibling: that sibling is not decided on.
      return d.into === undefined ? [] : [d.into];
    case "note":
      return d.at === undefined ? [] : [d.at];
    default:
      return [d.at];
  }
}

export interface SettledEntry {
  entry: ReviewEntry;
  /** The decisions that address it: "decisions[3] (set s1.i2)". */
  by: string[];
}

export function settle(review: readonly ReviewEntry[], decisions: readonly Decision[]): { open: ReviewEntry[]; settled: SettledEntry[] } {
  const byId = new Map<string, string[]>();
  decisions.forEach((d, k) => {
    for (const id of decisionIds(d)) byId.set(id, [...(byId.get(id) ?? []), `decisions[${k}] (${decisionTarget(d)})`]);
  });
  const open: ReviewEntry[] = [];
  const settled: SettledEntry[] = [];
  for (const entry of review) {
    const by = entry.where ? byId.get(entry.where) : undefined;
    if (by) settled.push({ entry, by });
    else open.push(entry);
  }
  return { open, settled };
}

const quote = (s: string) => s.replace(/\s*\n\s*/g, " / ").replace(/([\\`*_[\]|<>])/g, "\\$1");

/** The review list's closing section: what the decisions file settled, each with the decisions that address it. */
export function settledMarkdown(settled: readonly SettledEntry[], decisionsFile: string): string {
  const out = [`## 已决定（${settled.length}）`, "", `以下事项由决定文件 \`${quote(decisionsFile)}\` 中针对同一 id 的决定处理，上文不再列出；请核对这些决定本身。`, ""];
  for (const { entry, by } of settled) out.push(`- 【已决定】\`${entry.where}\`（${entry.group}）：${quote(entry.decision)} ← ${by.map(quote).join("；")}`);
  return out.join("\n") + "\n";
}
