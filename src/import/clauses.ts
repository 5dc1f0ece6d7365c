/**
 * Cutting a printed 评分标准 / 评分要点 into clause texts, verbatim. Pure.
 *
 * A cell is read line by line (a numbered line "1.…" always begins a new piece; a line that does not end a
 * sentence runs on into the next, joined by "\n" as the format allows), then cut into sentences at 。and ；.
 * A sentence holding two rules ("…扣2分，…扣2分") is cut after the first rule. What is left is sorted:
 * - a rule ("扣N分", "得N分", "加N分", "酌情扣分"): a clause;
 * - a cap alone ("最高扣12分"): joined to the rule before it when one rule precedes it, else a cap on the item
 *   ("…扣3分；…扣3分。最高扣12分", 001);
 * - "扣完…为止": the floor the document states;
 * - "由…直接评分": scored above;
 * - an exemption ("…不扣分"): guidance shown beside the clauses;
 * - anything else: before the first rule it is the item's own text (001 prints 考核内容 and 评分标准 in one
 *   cell), after it a sentence the reviewer must place.
 */
import type { SourceLine } from "./table";
import { parseNumber } from "./phrases";

export interface Piece {
  text: string;
  line: number;
  /** Cut at ；(the sentence goes on). */
  semi?: boolean;
}

export interface CutScoring {
  /** Sentences before the first rule (the 考核内容 printed in the same cell). */
  lead: Piece[];
  rules: Piece[];
  /** A cap printed after several rules: "最高扣12分". */
  itemCap?: { amount: number; piece: Piece };
  floor?: Piece;
  scoredAbove: Piece[];
  exemptions: Piece[];
  /** Sentences after the first rule that state no rule. */
  other: Piece[];
}

const NUM = "(?:[0-9]+(?:\\.[0-9]+)?|[一二两三四五六七八九十]+)";
export const RULE = new RegExp(`(?<!最[高多]可?)扣\\s*${NUM}\\s*分|得[，,]?\\s*${NUM}\\s*分|(?<!最[高多]可?)加\\s*${NUM}\\s*分|酌情扣`);
export const CAP = new RegExp(`最[高多]可?[扣加](${NUM})分`);
const FLOOR = /扣完[^。；，,]*为止/;
export const SCORED_ABOVE = /直接评分/;
const EXEMPTION = /不扣分|不作为扣分依据|不计入次数/;
const NUMBERED = /^[0-9]{1,2}\s*[.．、]/;
const AWARD = new RegExp(`得[，,]?\\s*${NUM}\\s*分`);

/** Lines → runs: a line that does not end a sentence runs on into the next, unless the next is numbered. */
function runs(lines: SourceLine[]): Piece[] {
  const out: Piece[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    // "扣1" / "分" (004 wraps anywhere): a line that ends neither a sentence nor an amount runs on.
    if (prev && !/[。；;!！?？）)分]$/.test(prev.text) && !NUMBERED.test(l.text) && !/^（/.test(l.text)) {
      prev.text += "\n" + l.text;
    } else out.push({ text: l.text, line: l.line });
  }
  return out;
}

/** A run → its sentences at 。；; a closing parenthesis right after 。 stays with its sentence. */
function sentences(run: Piece): Piece[] {
  const out: Piece[] = [];
  let depth = 0;
  let start = 0;
  const s = run.text;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "（" || c === "(") depth++;
    else if ((c === "）" || c === ")") && depth > 0) depth--;
    else if ((c === "。" || c === "；" || c === ";") && depth === 0) {
      const piece = s.slice(start, c === "。" ? i + 1 : i).trim();
      if (piece && piece !== "。") out.push({ text: piece, line: run.line, ...(c === "。" ? {} : { semi: true }) });
      start = i + 1;
    }
  }
  const tail = s.slice(start).trim();
  if (tail) out.push({ text: tail, line: run.line });
  return out;
}

/** "…扣2分，…扣2分": cut after each rule that another rule follows in the same sentence. */
function byRule(p: Piece): Piece[] {
  const out: Piece[] = [];
  let rest = p.text;
  for (;;) {
    const first = RULE.exec(rest);
    if (!first) break;
    const after = rest.slice(first.index + first[0].length);
    const comma = /^[^，,]*?[，,]/.exec(after);
    if (!comma) break;
    const remainder = after.slice(comma[0].length);
    const next = RULE.exec(remainder);
    // The rest holds a rule of its own (not a cap or a floor on this one).
    if (!next || CAP.test(remainder.slice(0, next.index + next[0].length)) || FLOOR.test(remainder)) break;
    out.push({ text: rest.slice(0, first.index + first[0].length + comma[0].length - 1), line: p.line });
    rest = remainder;
  }
  out.push({ text: rest, line: p.line, ...(p.semi ? { semi: true } : {}) });
  return out;
}

export function cutScoring(lines: SourceLine[]): CutScoring {
  const cut: CutScoring = { lead: [], rules: [], scoredAbove: [], exemptions: [], other: [] };
  let sinceCap = 0;
  // "2.…落实工作责任；建立…制度，得12分。" (000): a numbered sub-item cut at ；before its rule goes on.
  let carry: Piece | undefined;
  for (const piece of runs(lines).flatMap(sentences).flatMap(byRule)) {
    const s = carry ? { ...piece, text: `${carry.text}；${piece.text}`, line: carry.line } : piece;
    carry = undefined;
    const isRule = RULE.test(s.text);
    if (!isRule && s.semi && NUMBERED.test(s.text) && !CAP.test(s.text) && !FLOOR.test(s.text) && !EXEMPTION.test(s.text) && !SCORED_ABOVE.test(s.text)) {
      carry = s;
      continue;
    }
    if (SCORED_ABOVE.test(s.text) && !isRule) {
      cut.scoredAbove.push(s);
      continue;
    }
    if (isRule) {
      // A deduction's full stop is left out like its ；(001, 004); an award sub-item, 000's "1.…，得3分。", keeps it.
      // "…的不扣分；…扣1分" was cut at ；, so a rule with an exemption in one sentence is rare: it stays a rule.
      cut.rules.push(NUMBERED.test(s.text) || AWARD.test(s.text) ? s : { ...s, text: s.text.replace(/。$/, "") });
      sinceCap++;
      continue;
    }
    const cap = CAP.exec(s.text);
    if (cap && s.text.replace(CAP, "").replace(/[，,。（()）\s]/g, "").length <= 4) {
      if (sinceCap === 1) {
        const last = cut.rules[cut.rules.length - 1];
        const capText = NUMBERED.test(last.text) ? s.text : s.text.replace(/。$/, "");
        last.text += /[。]$/.test(last.text) ? capText : "。" + capText;
      } else if (sinceCap > 1) {
        cut.itemCap = { amount: parseNumber(cap[1]) ?? 0, piece: s };
      } else cut.other.push(s);
      sinceCap = 0;
      continue;
    }
    const floor = FLOOR.exec(s.text);
    if (floor) {
      cut.floor = { text: floor[0], line: s.line };
      continue;
    }
    if (EXEMPTION.test(s.text)) {
      cut.exemptions.push(s);
      continue;
    }
    if (cut.rules.length === 0) cut.lead.push(s);
    else cut.other.push(s);
  }
  if (carry) cut.other.push(carry);
  return cut;
}
