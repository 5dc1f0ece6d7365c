/**
 * Where a return lost its points and why, per section and item with their titles (pure): the readable
 * `score` report lists these, and `score --json` gives each item its title and clauses. Built here from the
 * rubric and the entries, so the engine's Report stays the plain figures it is.
 */
import type { Clause, Item, Penalty } from "../rubric/schema";
import { clauseText, listedOf, resolveVariant } from "../rubric/model";
import type { ReadResult } from "../layout/read";
import type { ClauseResult, ItemResult, Report } from "../scoring/types";
import { displaySafe } from "../text/display";
import { quoted } from "../scoring/score";

type AnyClause = Clause | Penalty["clauses"][number];

/** The rubric's items, penalties and clauses of this return's variant, by id, and each clause's sentence (clauseText). */
export function rubricIndex(result: ReadResult) {
  const items = new Map<string, Item | Penalty>();
  const clauses = new Map<string, AnyClause>();
  const texts = new Map<string, string>();
  for (const s of resolveVariant(result.rubric, result.variant)) {
    for (const i of s.items ?? []) items.set(i.id, i);
  }
  for (const p of result.rubric.penalties ?? []) items.set(p.id, p);
  for (const i of items.values()) {
    for (const c of i.clauses) {
      clauses.set(c.id, c);
      texts.set(c.id, clauseText(c, i));
    }
  }
  return { items, clauses, texts };
}

/** A long text's first line, cut at `max` characters ("…"). */
export function shortText(text: string, max = 30): string {
  return displaySafe(text.split("\n")[0].trim(), max);
}

/** 第3项 or, where the document prints no number, nothing. */
const itemLabel = (label: string) => (label ? `第${label}项 ` : "");

/**
 * Why one clause cost (or earned) points, in the sheet's words (勾选 扣分/未落实, 次数, 扣分值): “text”，entry：effect.
 * A thing of a closed list says which thing after its (shared) sentence: “未将安全生产、消防工作…”（消防工作）.
 */
export function clauseReason(clause: AnyClause, sentence: string, r: ClauseResult, entry: { count?: unknown; amount?: unknown } | undefined): string {
  const listed = listedOf(clause);
  const text = quoted(shortText(sentence, 24)) + (listed ? `（${displaySafe(listed, 24)}）` : "");
  const capped = "cap" in clause && clause.cap !== undefined && r.value >= clause.cap ? `（已到上限 ${clause.cap} 分）` : "";
  switch (clause.kind) {
    case "fixed":
      return `${text}，已勾选：扣 ${r.value} 分`;
    case "award":
      return `${text}，勾选为未落实：不得这 ${clause.amount} 分`;
    case "counted":
      return `${text}，次数 ${String(entry?.count)}：扣 ${r.value} 分${capped}`;
    case "bonus":
      return `${text}，次数 ${String(entry?.count)}：加 ${r.value} 分${capped}`;
    case "discretionary":
      return `${text}，酌情扣 ${r.value} 分`;
    case "scoredAbove":
      return `${text}：由${clause.by}直接评分`;
  }
}

/** The item's line: 第3项 按要求组织开展…：23 / 24，失分 1 (a row of a "deduct" section or a penalty: 扣 2 分). */
function itemLine(i: { label: string; score?: number; points?: number; deduction: number }, title: string): string {
  const head = `${itemLabel(i.label)}${shortText(title)}`;
  return i.score !== undefined && i.points !== undefined ? `${head}：${i.score} / ${i.points}，失分 ${i.deduction}` : `${head}：扣 ${i.deduction} 分`;
}

/** An item is listed when it lost points or anything was entered against it (a capped award may lose nothing). */
const listed = (i: { deduction: number; clauses: ClauseResult[] }) => i.deduction > 0 || i.clauses.some((c) => c.entered || (c.kind === "bonus" && c.value > 0));

/** The readable lines: each section with its score, under it each item that lost points and each clause why. */
export function lossLines(result: ReadResult, report: Report): string[] {
  const { items, clauses, texts } = rubricIndex(result);
  const entries = result.responses.clauses ?? {};
  const lines: string[] = [];
  const reasons = (i: ItemResult | Report["penalties"][number]) => {
    for (const c of i.clauses) {
      const clause = clauses.get(c.id);
      if (clause && (c.entered || (c.kind === "bonus" && c.value > 0))) lines.push(`      · ${clauseReason(clause, texts.get(c.id) ?? "", c, entries[c.id])}`);
    }
  };
  for (const s of report.sections) {
    const lost = Math.round((s.selfMax - s.score) * 100) / 100;
    lines.push(`  ${s.label ? s.label + " " : ""}${shortText(s.title)}：${s.score} / ${s.max}${lost > 0 ? `（失分 ${lost}）` : ""}`);
    for (const i of s.items.filter(listed)) {
      lines.push(`    ${itemLine(i, items.get(i.id)?.text ?? "")}`);
      reasons(i);
    }
  }
  for (const p of report.penalties.filter(listed)) {
    const title = items.get(p.id)?.text ?? "";
    // 004 names its penalty item 减分项 itself; say so once.
    lines.push(`  ${title.startsWith("减分项") ? "" : "减分项 "}${itemLine({ label: p.label, deduction: p.deduction }, title)}`);
    reasons(p);
  }
  return lines;
}

/** `score --json` items: the engine's figures with the item's title and each clause's text and entry. */
export function jsonItems(result: ReadResult, report: Report) {
  const { items, clauses, texts } = rubricIndex(result);
  return report.sections.flatMap((s) => s.items).map((i) => ({
    id: i.id,
    sectionId: i.sectionId,
    label: i.label,
    title: items.get(i.id)?.text ?? null,
    score: i.score ?? null,
    max: i.points ?? null,
    deduction: i.deduction,
    scoredAbove: i.scoredAbove,
    hasNote: i.hasNote,
    clauses: i.clauses.map((c) => {
      const listed = clauses.has(c.id) ? listedOf(clauses.get(c.id)!) : undefined;
      return { id: c.id, kind: c.kind, text: texts.get(c.id) ?? null, ...(listed ? { listed } : {}), value: c.value, entered: c.entered };
    }),
  }));
}
