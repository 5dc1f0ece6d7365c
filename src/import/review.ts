/**
 * The review list (`--report review.md`): every decision a person must make about a draft, in Chinese,
 * grouped, each with its place in the draft, the source line and the printed text, marked 高/中/低:
 * 高 the draft is very likely right (confirm), 中 a reading to check, 低 the draft is a placeholder or may
 * well be wrong. Pure: draft results in, Markdown out.
 */
import { REVIEW_GROUPS, type DraftResult, type ReviewEntry } from "./draft";
import type { SourceKind } from "./table";

const MARK: Record<ReviewEntry["confidence"], string> = { 高: "【高】", 中: "【中】", 低: "【低】" };
const ORDER: Record<ReviewEntry["confidence"], number> = { 低: 0, 中: 1, 高: 2 };

/** Markdown-safe one-line quote of printed text. */
const quote = (s: string) => s.replace(/\s*\n\s*/g, " / ").replace(/([\\`*_[\]|<>])/g, "\\$1");

export function lineName(kind: SourceKind, line: number): string {
  if (!line) return "—";
  return kind === "text" ? `第 ${line} 行` : kind === "docx" ? `第 ${line} 段（表格行）` : `工作表第 ${line} 行`;
}

export function reviewMarkdown(drafts: DraftResult[], source: string, kind: SourceKind, outputs: string[]): string {
  const out: string[] = [`# 导入审核清单：${quote(source)}`, ""];
  out.push("导入草稿中每一处需要人确认或决定的地方都列在下面（按类别分组，先列把握最低的）。");
  out.push("把握：【高】草稿很可能正确，请确认；【中】草稿的读法需要核对；【低】草稿只是占位或很可能需要修改。");
  out.push("草稿中推定的值都在 `derived` / `pointsDerived` / `capDerived` 或 notes 中写明；〖〗内为导入时所加文字。", "");
  drafts.forEach((d, k) => {
    const r = d.rubric;
    const counts = { 高: 0, 中: 0, 低: 0 };
    for (const e of d.review) counts[e.confidence]++;
    out.push(`## ${d.part ? `${quote(d.part)}：` : ""}${quote(r.title)}`, "");
    out.push(`草稿文件：\`${outputs[k] ?? ""}\`；${r.sections.length} 节，${r.sections.reduce((n, s) => n + (s.items?.length ?? 0), 0)} 个考核项，` +
      `${r.sections.reduce((n, s) => n + (s.items ?? []).reduce((m, i) => m + i.clauses.length, 0), 0)} 个条款，${r.sections.reduce((n, s) => n + (s.checks?.length ?? 0), 0)} 个巡查要点；` +
      `待定事项 ${d.review.length} 项（低 ${counts.低}、中 ${counts.中}、高 ${counts.高}）。`, "");
    for (const group of REVIEW_GROUPS) {
      const entries = d.review.filter((e) => e.group === group).sort((a, b) => ORDER[a.confidence] - ORDER[b.confidence] || a.line - b.line);
      if (!entries.length) continue;
      out.push(`### ${group}（${entries.length}）`, "");
      for (const e of entries) {
        const where = [e.where && `\`${e.where}\``, lineName(kind, e.line)].filter(Boolean).join("，");
        out.push(`- ${MARK[e.confidence]} ${where}：${quote(e.decision)}`);
        if (e.source) out.push(`  - 原文：${quote(e.source)}`);
      }
      out.push("");
    }
  });
  return out.join("\n");
}
