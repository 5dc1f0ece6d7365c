/**
 * The measure: an imported draft against a shipped (hand-transcribed) rubric, clause by clause. Pure.
 *
 * Each shipped clause is looked for among the draft's clauses by its text (white space, editorial 〖…〗, a
 * leading "1." and trailing punctuation set aside; equal first, else one containing the other), each draft
 * clause used once, in reading order. A shipped clause is drafted exactly when a draft clause is found and
 * agrees on kind, amount, unit and cap. Penalty clauses count with the rest. The share is over the shipped
 * clauses, so a partial rubric (county2023) measures only what it holds.
 */
import type { Clause, Rubric } from "../rubric/schema";
import { clauseText } from "../rubric/model";

export interface ClauseMiss {
  id: string;
  text: string;
  /** "未找到" (no draft clause with that text) or the fields that differ, draft → shipped. */
  reason: string;
}

export interface Measure {
  shipped: number;
  exact: number;
  share: number;
  misses: ClauseMiss[];
  /** Matched clauses whose text is the shipped text exactly (the hand transcription may cut a sentence otherwise). */
  sameText: number;
  /** Draft clauses no shipped clause matched (restatements the hand transcription merged, extra rules). */
  extra: number;
  /** Checklists: shipped checks and how many the draft has with the same text. */
  checks: { shipped: number; found: number };
}

function clausesOf(r: Rubric): (Clause & { text: string })[] {
  return [...r.sections.flatMap((s) => s.items ?? []), ...(r.penalties ?? [])].flatMap((i) => (i.clauses as Clause[]).map((c) => ({ ...c, text: clauseText(c, i) })));
}

/** The words of a clause text, for matching: its first fragment, without what printing adds. */
export function matchKey(text: string): string {
  const first = text.replace(/〖[^〗]*〗/g, "").split("\n").find((l) => l.trim()) ?? "";
  return first
    .replace(/[\s\u3000]+/g, "")
    .replace(/^[0-9]{1,2}[.．、]/, "")
    .replace(/[。；;，,]+$/, "");
}

const show = (v: unknown) => (v === undefined ? "–" : String(v));

export function compareRubrics(draft: Rubric, shipped: Rubric): Measure {
  const drafted = clausesOf(draft).map((c) => ({ c, key: matchKey(c.text).replace(/最[高多]可?[扣加].*$/, ""), used: false }));
  const misses: ClauseMiss[] = [];
  let exact = 0;
  let sameText = 0;
  const hand = clausesOf(shipped);
  for (const h of hand) {
    const key = matchKey(h.text).replace(/最[高多]可?[扣加].*$/, "");
    const free = drafted.filter((d) => !d.used);
    const found =
      free.find((d) => d.key === key) ??
      free.find((d) => key.length >= 6 && d.key.length >= 6 && (d.key.includes(key) || key.includes(d.key)));
    if (!found) {
      misses.push({ id: h.id, text: h.text, reason: "未找到" });
      continue;
    }
    found.used = true;
    if (found.c.text === h.text) sameText++;
    const a = found.c as Record<string, unknown>;
    const b = h as Record<string, unknown>;
    const diffs = ["kind", "amount", "unit", "cap"].filter((f) => a[f] !== b[f]).map((f) => `${f} ${show(a[f])}→${show(b[f])}`);
    if (diffs.length) misses.push({ id: h.id, text: h.text, reason: diffs.join(", ") });
    else exact++;
  }
  const draftChecks = draft.sections.flatMap((s) => s.checks ?? []).map((c) => matchKey(c.text));
  const handChecks = shipped.sections.flatMap((s) => s.checks ?? []);
  const found = handChecks.filter((c) => {
    const k = draftChecks.indexOf(matchKey(c.text));
    if (k >= 0) draftChecks.splice(k, 1);
    return k >= 0;
  }).length;
  return {
    shipped: hand.length,
    exact,
    share: hand.length ? exact / hand.length : 1,
    misses,
    sameText,
    extra: drafted.filter((d) => !d.used).length,
    checks: { shipped: handChecks.length, found },
  };
}

/** Items (and penalties) matched by printed label: how many keep the shipped text, 评分依据, 检查要求, 责任单位. */
export interface ItemMeasure {
  items: number;
  matched: number;
  /** Per field: items whose text is identical to the hand transcription (both absent counts). */
  same: Record<"text" | "basis" | "guidance" | "responsible", number>;
}

export function compareItems(draft: Rubric, shipped: Rubric): ItemMeasure {
  const all = (r: Rubric) => [...r.sections.flatMap((s) => s.items ?? []), ...(r.penalties ?? [])];
  const drafted = all(draft);
  const hand = all(shipped).filter((i) => i.label !== "");
  const same = { text: 0, basis: 0, guidance: 0, responsible: 0 };
  let matched = 0;
  for (const h of hand) {
    const d = drafted.find((i) => i.label === h.label);
    if (!d) continue;
    matched++;
    for (const k of Object.keys(same) as (keyof typeof same)[]) if (d[k] === h[k]) same[k]++;
  }
  return { items: hand.length, matched, same };
}
