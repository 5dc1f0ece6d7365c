/**
 * The draft: a parsed part → a rubric that loads and validates, and the review list of every decision a
 * person must make. Pure.
 *
 * Ids are made in reading order (s1, s1.i1, s1.i1.c1; checks s1.k1; penalties p<序号>; vetoes v1), so a
 * second import of the same table gives the same ids. Texts are the document's, cut but never reworded;
 * what the importer had to supply (a title, points the table does not print, a cap) is marked in `derived`
 * fields and `notes`, editorial text in 〖〗, and listed in the review.
 */
import type { Check, Clause, Field, Item, Penalty, PenaltyClause, Rubric, Section, Veto } from "../rubric/schema";
import { clauseText } from "../rubric/model";
import { draftClause, type Draft } from "./phrases";
import { cutScoring, RULE, SCORED_ABOVE, type Piece } from "./clauses";
import type { PItem, PSection, Parsed, Part, Text } from "./structure";
import { ImportError, type SourceKind, type SourceLine } from "./table";

export type Confidence = "高" | "中" | "低";

/** One decision for a person: what, where, the printed text, how sure the draft is. */
export interface ReviewEntry {
  group: ReviewGroup;
  confidence: Confidence;
  /** The part of the draft concerned: an id, or "" for the whole table. */
  where: string;
  line: number;
  source: string;
  decision: string;
}

export const REVIEW_GROUPS = [
  "表格结构",
  "分值",
  "条款识别",
  "“每项”与列举",
  "检查要求中的扣分规则",
  "上限",
  "上级直接评分",
  "针对其他层级",
  "选查",
  "减分项",
  "否决",
  "免扣说明",
  "表头表尾",
] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];

export interface DraftResult {
  rubric: Rubric;
  review: ReviewEntry[];
  /** The part as printed ("附件3"), when the file has several. */
  part?: string;
}

interface Context {
  kind: SourceKind;
  file: string;
  review: ReviewEntry[];
  floor?: Piece;
}

const EARNING = new Set(["award", "bonus"]);
/** The `derived` of a clause drafted from a 检查要求 rule (not from the 评分要点). */
const FROM_GUIDANCE = "取自检查要求（评分要点未列此规则），导入时设为条款，不计入推定分值；";
const h = (n: number) => Math.round(n * 100);
const sum = (xs: number[]) => xs.reduce((a, b) => a + h(b), 0) / 100;
const firstLine = (t?: Text) => t?.lines[0]?.line ?? 0;
const OTHER_LEVEL = /省级|市级|省份|地市|设区的市|省、市/;

function add(ctx: Context, group: ReviewGroup, confidence: Confidence, whereId: string, line: number, source: string, decision: string) {
  ctx.review.push({ group, confidence, where: whereId, line, source, decision });
}

/** Items' clauses from the printed rules; every reading goes to the review when it needs a person. */
function clausesOf(ctx: Context, id: string, pieces: Piece[], clauses: Clause[] = [], derived?: string): { clauses: Clause[]; drafts: { piece: Piece; draft: Draft }[] } {
  const drafts: { piece: Piece; draft: Draft }[] = [];
  for (const piece of pieces) {
    const d = draftClause(piece.text);
    drafts.push({ piece, draft: d });
    if (!d.clause) {
      add(ctx, "条款识别", "低", id, piece.line, piece.text, `未识别为条款：${d.why}。请补写条款或确认不计分`);
      continue;
    }
    const clause = { id: `${id}.c${clauses.length + 1}`, text: piece.text, ...d.clause, ...(derived ? { derived } : {}) } as Clause;
    if ("cap" in clause && clause.cap !== undefined && "amount" in clause && clause.cap < clause.amount) {
      add(ctx, "上限", "低", clause.id, piece.line, piece.text, `上限${clause.cap}分小于每次扣分${clause.amount}分，草稿未设上限，请核对`);
      delete (clause as { cap?: number }).cap;
    }
    clauses.push(clause);
    const things = d.confidence === "low" && /分别\/各扣|封闭列举/.test(d.why) ? listedThings(piece.text) : [];
    if (things.length > 1 && clause.kind !== "scoredAbove") {
      // One fixed deduction per listed thing (the shipped county2023's decision): the first carries the sentence,
      // the others point at it (sameText); each names its thing (listed), guessed from the words around 、/和.
      clause.listed = things[0];
      for (const thing of things.slice(1)) {
        const { text: _t, exemptions: _e, ...rest } = clause;
        clauses.push({ ...rest, id: `${id}.c${clauses.length + 1}`, listed: thing, sameText: clause.id } as Clause);
      }
      add(ctx, "“每项”与列举", "中", clause.id, piece.line, piece.text, `${d.why}。草稿按所列${things.length}项各设一个固定扣分条款（每条${"amount" in clause ? clause.amount : ""}分，原文只录一次，其余各条以 sameText 指向第一条），所列事项（listed）按“${things.length > 2 || /、/.test(piece.text) ? "、" : "和"}”推测为：${things.map((t) => `“${t}”`).join("、")}：请核对项数和各条所指事项（须为原文字词）；若为开放列举，改为计数扣分`);
    } else if (d.confidence === "low") {
      add(ctx, "条款识别", "低", clause.id, piece.line, piece.text, `草稿：${d.why}`);
    } else if (clause.kind === "counted" && clause.unit === "项") {
      add(ctx, "“每项”与列举", "中", clause.id, piece.line, piece.text, `“每项”按计数扣分起草（每项扣${clause.amount}分${clause.cap ? `，最高${clause.cap}分` : "，未印上限"}）：请确认“项”指什么（所列事项还是不定数量的对象）`);
    }
    if (OTHER_LEVEL.test(piece.text)) {
      add(ctx, "针对其他层级", "中", clause.id, piece.line, piece.text, "条款提到其他层级（省级/市级）：本级是否适用？格式无“不适用”条款，不适用时应删去或在说明中注明");
    }
  }
  return { clauses, drafts };
}

/**
 * The things a closed list names, in the condition before "各扣/分别扣/每项扣": the 、-separated ones
 * ("安全生产、消防工作" → 2), else those joined by 和 ("专项排查整治和应急演练" → 2); none when no list. Each is
 * words of the sentence, guessed: the first without a leading 未将/未/对…, the last cut before 作为/的/等…; the
 * review asks a person to check them.
 */
export function listedThings(text: string): string[] {
  const m = /^(.*?)[，,]?(?:各|分别|每项)扣/s.exec(text);
  if (!m) return [];
  const condition = m[1];
  const parts = condition.includes("、") ? condition.split("、") : condition.split("和");
  if (parts.length < 2) return [];
  return parts.map((raw, k) => {
    let t = raw.trim();
    if (k === 0) t = t.replace(/^(?:未能|未将|未对|未把|未按|未|没有|对|将|把)/, "");
    if (k === parts.length - 1) t = t.replace(/(?:作为|的|等|纳入|列入|进行|开展).*$/s, "");
    return t || raw.trim();
  });
}

/** How many things a closed list names (listedThings); 0 when no list. */
export function listed(text: string): number {
  return listedThings(text).length;
}

/** The printed points, or the sum of what the rules print (the county2023 rule), marked as derived. */
function derivePoints(clauses: Clause[]): { points: number; how: string } {
  const earning = clauses.filter((c) => EARNING.has(c.kind));
  if (earning.length) {
    const parts = earning.map((c) => (c.kind === "bonus" ? (c.cap ?? c.amount) : c.kind === "award" ? c.amount : 0));
    return { points: sum(parts), how: `参考分值：原文未印分值，取各得分条款分值之和 ${parts.join("+")}=${sum(parts)}` };
  }
  // Rules drafted from 检查要求 (derived) are not the 评分要点's printed values: they do not add points.
  const printed = (c: Clause) => !c.derived?.startsWith(FROM_GUIDANCE);
  const parts = clauses.map((c) => (!printed(c) ? 0 : c.kind === "fixed" ? c.amount : c.kind === "counted" ? (c.cap ?? c.amount) : 0));
  const shown = clauses.map((c, k) => (c.kind === "discretionary" || !printed(c) ? null : `${parts[k]}（${c.id.split(".").pop()}）`)).filter(Boolean);
  return {
    points: sum(parts),
    how: `参考分值：原文未印分值，取评分要点各扣分规则印出的分值之和（计数扣分有上限取上限，否则取一次；酌情扣分不计）：${shown.join("+") || "0"}=${sum(parts)}`,
  };
}

function itemOf(ctx: Context, id: string, p: PItem, scoringSection: "sum" | "deduct", vIds?: string[]): { item: Item; earning: boolean } {
  const cut = cutScoring(p.scoring);
  if (cut.floor && !ctx.floor) ctx.floor = cut.floor;
  let text = p.text?.text;
  const notes: string[] = [];
  // The 考核内容 sentences as printed: one cut at ；gets it back.
  if (!text && cut.lead.length) text = cut.lead.map((l) => l.text + (l.semi ? "；" : "")).join("");
  else if (cut.lead.length) {
    for (const l of cut.lead) add(ctx, "条款识别", "中", id, l.line, l.text, "评分标准中不含计分用语的句子，未作为条款；请确认是否为考核内容或说明");
  }
  if (!text) {
    text = "〖原文未印考核内容〗";
    notes.push("考核内容：原文未印，〖〗内为导入时所加。");
    add(ctx, "表格结构", "低", id, p.line, p.scoring[0]?.text ?? "", "没有找到考核内容，草稿用〖〗占位");
  }
  const { clauses: all } = clausesOf(ctx, id, cut.rules);
  // An item earns or deducts, not both; a "deduct" section holds no earning clause.
  const earningFirst = all.length > 0 && EARNING.has(all[0].kind) && scoringSection === "sum";
  const clauses = all.filter((c) => EARNING.has(c.kind) === earningFirst);
  for (const c of all.filter((c) => !clauses.includes(c))) {
    add(ctx, "条款识别", "低", id, p.line, clauseText(c, { clauses: all }), `${earningFirst ? "得分考核项中的扣分条款" : "扣分考核项中的得分/加分条款"}：格式不允许同一考核项既得分又扣分，未收入草稿，请改设考核项或删去`);
  }
  // Ids stay in reading order when a clause was left out (the review names the ones it kept).
  if (clauses.length !== all.length) clauses.forEach((c, k) => (c.id = `${id}.c${k + 1}`));
  for (const o of cut.other) add(ctx, "条款识别", "低", id, o.line, o.text, "评分标准中的句子没有扣分/得分规则，未作为条款；请确认是条件、说明还是漏识别的规则");
  for (const e of cut.exemptions) {
    notes.push(`免扣说明（原文）：${e.text}`);
    add(ctx, "免扣说明", "高", id, e.line, e.text, "免扣说明：作为说明显示在条款旁（记入 notes），不设条款");
  }
  const item: Item = { id, label: p.label, text, clauses };
  if (p.basis) item.basis = p.basis.text;
  if (p.guidance) item.guidance = p.guidance.text;
  if (p.responsible) item.responsible = p.responsible.text;
  if (vIds) item.appliesTo = vIds;
  if (cut.itemCap) {
    if (cut.itemCap.amount > 0 && !earningFirst) item.cap = cut.itemCap.amount;
    add(ctx, "上限", "高", id, cut.itemCap.piece.line, cut.itemCap.piece.text, `“${cut.itemCap.piece.text}”印在${clauses.length}条规则之后，草稿作为考核项上限（各条合计最多扣${cut.itemCap.amount}分）`);
  }
  // Scored above: a whole item only when nothing else in it is self-assessed.
  const above = [...cut.scoredAbove, ...(p.guidance?.lines ?? []).filter((l) => SCORED_ABOVE.test(l.text)).map((l) => ({ text: l.text, line: l.line }))];
  for (const a of above) {
    const by = /由(.{2,30}?)(?:结合实际)?直接评分/.exec(a.text)?.[1] ?? /([^，。；0-9.、]{2,30}?)(?:结合实际)?直接评分/.exec(a.text)?.[1]?.replace(/^.*由/, "") ?? "上级";
    if (!clauses.length && !item.scoredAbove) {
      item.scoredAbove = { by, text: a.text };
      add(ctx, "上级直接评分", "中", id, a.line, a.text, `整项由${by}直接评分：草稿设 scoredAbove，本单位不自评`);
    } else {
      const pts = /占\s*([0-9]+(?:\.[0-9]+)?)\s*分/.exec(a.text);
      add(ctx, "上级直接评分", "低", id, a.line, a.text, `部分内容由${by}直接评分${pts ? `（印有${pts[1]}分）` : ""}，其余仍自评：格式只能整项标注上级直接评分，草稿未标注；请决定该部分分值是否从本项扣除`);
    }
  }
  // Guidance rules: a 检查要求 that states an amount may restate a clause (same amount: nothing to add;
  // another amount: one fact, two rules — the reviewer picks one) or add a rule of its own (drafted, marked).
  for (const g of guidanceRules(p.guidance?.lines ?? [])) {
    const d = draftClause(g.text);
    if (!d.clause) continue;
    if (EARNING.has(d.clause.kind) !== earningFirst) {
      add(ctx, "检查要求中的扣分规则", "低", id, g.line, g.text, `检查要求中的${EARNING.has(d.clause.kind) ? "得分/加分" : "扣分"}规则与本项其他条款方向相反（格式不允许同一考核项既得分又扣分），未收入草稿：请决定如何处理`);
      continue;
    }
    const near = nearest(g.text, clauses);
    const same = near && d.clause.kind === near.kind && "amount" in d.clause && "amount" in near && d.clause.amount === near.amount;
    if (near) {
      add(
        ctx,
        "检查要求中的扣分规则",
        same ? "高" : "低",
        near.id,
        g.line,
        g.text,
        same
          ? `与评分要点条款 ${near.id}“${near.text}”同额，视为重述，未另设条款`
          : `与评分要点条款 ${near.id}“${near.text}”所指相近而分值或计法不同（检查要求：${d.why}）：同一事实只扣一次，请二者择一；草稿按评分要点`,
      );
      continue;
    }
    const at = clauses.length;
    clausesOf(ctx, id, [g], clauses, FROM_GUIDANCE);
    if (clauses.length > at) add(ctx, "检查要求中的扣分规则", "中", clauses[at].id, g.line, g.text, `检查要求另有扣分规则，评分要点中没有相近条款：草稿另设条款（${d.why}）；请确认不与其他条款重复扣分`);
  }
  if (/选\s*查/.test(text)) add(ctx, "选查", "中", id, firstLine(p.text), text, "“结合检查重点选查”：格式尚无“选查”标记，草稿按必查起草；未选查时应不扣分并保留满分");
  if (notes.length) item.notes = notes;
  return { item, earning: earningFirst };
}

/**
 * The rules a 检查要求 states: a parenthesis holding a rule ("（不清楚的，每人扣1分）") gives its inner
 * sentences, else the line's sentences that hold one. Exemptions and "扣除相应分值" are not rules.
 */
function guidanceRules(lines: SourceLine[]): Piece[] {
  const out: Piece[] = [];
  for (const l of lines) {
    if (!RULE.test(l.text) || SCORED_ABOVE.test(l.text)) continue;
    const inner = [...l.text.matchAll(/[（(]([^（）()]*)[)）]/g)].map((m) => m[1]).filter((t) => RULE.test(t));
    const pieces = inner.length ? inner.flatMap((t) => t.split(/[；;]/)) : cutScoring([l]).rules.map((r) => r.text);
    for (const t of pieces.map((x) => x.trim().replace(/[。]$/, "")).filter((x) => RULE.test(x))) out.push({ text: t, line: l.line });
  }
  return out;
}

/** The scoring clause whose words are nearest to a 检查要求 sentence (character bigrams), if any is near. */
function nearest(s: string, clauses: Clause[]): Clause | undefined {
  const grams = (t: string) => new Set([...t.replace(RULE, "").replace(/[，。；、的\s]/g, "")].map((c, i, a) => c + (a[i + 1] ?? "")));
  const g = grams(s);
  let best: Clause | undefined;
  let score = 0;
  for (const c of clauses) {
    const cg = grams(clauseText(c, { clauses }));
    const both = [...cg].filter((x) => g.has(x)).length;
    const sc = both / Math.min(cg.size, g.size || 1);
    if (sc > score) {
      score = sc;
      best = c;
    }
  }
  return score >= 0.5 ? best : undefined;
}

// ------------------------------------------------------------------------------------------ fields, vetoes

const FIELD_IDS: Record<string, string> = {
  单位名称: "unitName", 被考核单位: "unitName", 填报单位: "unitName", 自评时间: "date", 填报日期: "date", 填表日期: "date", 日期: "date",
  单位负责人: "head", 负责人: "head", 填表人: "filler", 联系电话: "phone", 电话: "phone",
};

function fieldsIn(lines: SourceLine[], re: RegExp): Field[] {
  const line = lines.find((l) => re.test(l.text));
  if (!line) return [];
  const out: Field[] = [];
  for (const m of line.text.matchAll(/([\u4e00-\u9fa5]{2,8})[：:]/g)) {
    const id = FIELD_IDS[m[1]] ?? `field${out.length + 1}`;
    if (!out.some((f) => f.id === id)) out.push({ id, label: m[1], required: true });
  }
  return out;
}

/**
 * Vetoes in the notice (001): a sentence that imposes 一票否决 on a condition is one veto (fail); under a
 * heading or an intro saying what bars 优秀 ("有下列情形之一的，年度考核不能评为优秀等次："), each listed
 * condition "（1）…" is one (noExcellent). Headings ("1．“一票否决”项。") are not vetoes.
 */
function vetoesIn(ctx: Context, lines: SourceLine[]): Veto[] {
  const out: Veto[] = [];
  let listing = false;
  const push = (effect: Veto["effect"], text: string, line: number, why: string) => {
    out.push({ id: `v${out.length + 1}`, effect, text });
    add(ctx, "否决", "中", `v${out.length}`, line, text, `${effect === "fail" ? "一票否决（不合格）" : "优秀否决（至多良好）"}：${why}`);
  };
  for (const l of lines) {
    const t = l.text.trim();
    const heading = t.replace(/^[0-9]+[．.、]|^[（(][一二三四五六七八九十]+[)）]/, "").length <= 14 && /否决/.test(t);
    if (heading) {
      listing = /优秀/.test(t);
      continue;
    }
    if (/^[0-9]+[．.、]|^[（(][一二三四五六七八九十]+[)）]/.test(t)) listing = false;
    if (/优秀/.test(t) && /不能评为|不得评为|取消/.test(t) && /[：:]$/.test(t)) {
      listing = true;
      continue;
    }
    const item = /^[（(][0-9]{1,2}[)）]\s*/.exec(t);
    if (listing && item) {
      push("noExcellent", t.slice(item[0].length), l.line, "列举的不能评为优秀的情形之一；请确认");
      continue;
    }
    if (/一票否决/.test(t) && t.length > 20) {
      push("fail", t, l.line, "句中规定了一票否决；若含几个条件（“或”），可拆为几条，每条写出条件原文");
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------ the part

export function draftPart(parsed: Parsed, part: Part, file: string, id: string): DraftResult {
  const ctx: Context = { kind: parsed.kind, file, review: [] };
  for (const n of part.notes) {
    add(ctx, "表格结构", n.kind === "labelInferred" ? "中" : n.kind === "headers" ? "高" : "低", "", n.line, "", n.text);
  }
  const sections: Section[] = [];
  const checklist = part.layout === "checklist";
  // 000: per-unit items; each distinct unit list is a variant.
  const variants: NonNullable<Rubric["variants"]> = [];
  const variantOf = (units: SourceLine[]) => {
    const title = units.map((u) => u.text).join("、");
    let v = variants.find((x) => x.title === title);
    if (!v) {
      v = { id: `u${variants.length + 1}`, title, units: units.map((u) => u.text) };
      variants.push(v);
      add(ctx, "表格结构", "中", v.id, units[0].line, title, `按单位区分的考核项：草稿设适用单位“${title}”，请核对单位名称`);
    }
    return v.id;
  };
  const penalties: Penalty[] = [];
  let sn = 0;
  for (const ps of part.sections) {
    if (!ps.items.length && !ps.checks.length) continue;
    const sid = `s${++sn}`;
    if (checklist || (!ps.items.length && ps.checks.length)) {
      sections.push(checkSection(sid, ps));
      continue;
    }
    // 001: a 考核项's points over rows of deductions ("未落实扣10分") without points of their own.
    const deducting = (ps.points !== undefined || part.layout === "rows") && ps.items.every((i) => i.points === undefined) && part.layout !== "award" && part.layout !== "labelled";
    // A bonus ("每开展1项活动加20分") cannot sit in a "deduct" section: the rows are scored as a sum instead, each
    // worth its cap (001 附件4: 4 × 40 + 40 = 200, as qhd2016-dept decided), and the reviewer is told.
    const earns = ps.items.some((i) => i.scoring.some((l) => /加\s*[0-9]+(?:\.[0-9]+)?\s*分|得[，,]?\s*[0-9]+(?:\.[0-9]+)?\s*分/.test(l.text)));
    const deduct = deducting && !earns;
    if (deducting && earns) {
      add(ctx, "分值", "低", `s${sn}`, ps.line, ps.title?.text ?? "", "本考核项的行既有扣分又有加分：格式的扣分制（deduct）不能含加分条款，草稿按各行分值之和（sum）起草，每行分值取其扣分或加分上限；另一种读法是从本项分值中扣减、加分补回扣分，请决定");
    }
    const items: Item[] = [];
    let itemNo = 0;
    for (const pi of ps.items) {
      const isPenalty = /^减分项?$/.test(pi.text?.text.trim() ?? "") || /减分项/.test(ps.title?.text ?? "");
      let id = isPenalty ? `p${pi.label.replace(/[^0-9a-z]/gi, "") || penalties.length + 1}` : `${sid}.i${++itemNo}`;
      // A 序号 printed twice must not give two penalties one id.
      if (isPenalty && penalties.some((x) => x.id === id || x.id.startsWith(`${id}-`))) id = `${id}-${penalties.filter((x) => x.id === id || x.id.startsWith(`${id}-`)).length + 1}`;
      const { item } = itemOf(ctx, id, pi, deduct ? "deduct" : "sum", pi.units ? [variantOf(pi.units)] : undefined);
      if (isPenalty) {
        const clauses = item.clauses.filter((c): c is PenaltyClause => !EARNING.has(c.kind));
        if (clauses.length) {
          const { points: _p, pointsDerived: _d, clauses: _c, ...rest } = item;
          penalties.push({ ...rest, clauses });
          add(ctx, "减分项", "中", id, pi.line, pi.text?.text ?? "", "减分项：从总分中扣减（penalties），不属任何考核项；请确认与其他考核项不重复扣分（如“在此项扣分…其他按照有关评分项”）");
          continue;
        }
      }
      if (!deduct) {
        if (pi.points !== undefined) item.points = pi.points;
        else {
          const d = derivePoints(item.clauses);
          item.points = d.points;
          item.pointsDerived = d.how;
          add(ctx, "分值", item.clauses.length && d.points > 0 ? "中" : "低", id, pi.line, pi.text?.text.slice(0, 80) ?? "", `原文未印分值：草稿推定 ${d.points} 分（参考分值，算法见 pointsDerived）${d.points === 0 ? "；0 分的考核项不能扣分（酌情扣分以考核项分值为上限）" : ""}；请按文件或本地区规定确定`);
        }
      } else if (pi.points !== undefined) item.points = pi.points;
      if (pi.labelInferred) (item.notes ??= []).push(`序号：抽取文本未印，按阅读顺序补为“${pi.label}”。`);
      items.push(item);
    }
    if (!items.length) continue;
    sections.push(sectionOf(ctx, sid, ps, part, items, deduct, part.sections));
  }
  if (!sections.length) {
    throw new ImportError("评分表中只有减分项，没有考核项", "the table holds only a penalty row, no items");
  }

  const title = part.title?.text ?? "〖原文未印表名〗";
  if (!part.title) add(ctx, "表格结构", "低", "", 0, "", "没有找到表名，草稿用〖〗占位");
  const preamble = [...parsed.preamble, ...part.preamble];
  const header = fieldsIn(preamble, /单位名称|被考核单位|自评时间|填报单位/);
  const footer = fieldsIn(part.footer, /负责人|填表人|联系电话/);
  if (!header.length || !footer.length) {
    add(ctx, "表头表尾", "中", "", 0, "", "原表未印表头或表尾字段：草稿按 SafeScore 约定设“单位名称”“自评时间”和“单位负责人”“填表人”“联系电话”，请按需要删改");
  }
  const instruction = part.footer.find((l) => /^注[：:].*自评/.test(l.text))?.text.replace(/^注[：:]\s*/, "");
  const vetoes = vetoesIn(ctx, preamble);

  const rubric: Rubric = {
    format: 1,
    id,
    version: "draft",
    title,
    source: { file, ...(part.label ? { part: part.label } : {}) },
    fields: {
      header: header.length ? header : [{ id: "unitName", label: "单位名称", required: true }, { id: "date", label: "自评时间", required: true }],
      footer: footer.length ? footer : [{ id: "head", label: "单位负责人", required: true }, { id: "filler", label: "填表人", required: true }, { id: "phone", label: "联系电话", required: true }],
    },
    evidence: { required: !checklist, ...(instruction ? { instruction } : {}) },
    sections,
  };
  const columns = Object.fromEntries(
    Object.entries({ section: part.columns.section ?? part.columns.group, item: part.columns.item ?? part.columns.check, scoring: part.columns.scoring ?? part.columns.itemScoring, guidance: part.columns.guidance, basis: part.columns.basis, responsible: part.columns.responsible, note: part.columns.note, score: part.columns.score }).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(columns).length) rubric.columns = columns;
  if (ctx.floor) rubric.floor = ctx.floor.text;
  if (variants.length) rubric.variants = variants;
  if (penalties.length) rubric.penalties = penalties;
  if (vetoes.length) rubric.vetoes = vetoes;
  rubric.notes = [`由 safescore import 从 ${file}${part.label ? `（${part.label}）` : ""} 导入的草稿：每项待定事项见审核清单（--report），确认后再使用。`];
  return { rubric, review: ctx.review, ...(part.label ? { part: part.label } : {}) };
}

function checkSection(sid: string, ps: PSection): Section {
  const checks: Check[] = ps.checks.map((c, k) => ({ id: `${sid}.k${k + 1}`, label: c.label, text: c.text.text }));
  const title = ps.title?.text ?? "〖原文未印主要内容〗";
  const s: Section = { id: sid, label: ps.label, title, checks };
  if (ps.group) s.group = ps.group;
  if (!ps.title) s.notes = ["节标题：原文未印，〖〗内为导入时所加。"];
  return s;
}

/** "综合工作300分（部门工作100分）" → 100, "部门工作500分" → 500: what the group's sections add up to. */
const groupTotal = (g: string): number | undefined => {
  const m = /（[^（）]*?([0-9]+)分）$/.exec(g) ?? /([0-9]+)分$/.exec(g);
  return m ? Number(m[1]) : undefined;
};

function sectionOf(ctx: Context, sid: string, ps: PSection, part: Part, items: Item[], deduct: boolean, all: PSection[]): Section {
  const notes: string[] = [];
  let title = ps.title?.text;
  if (!title) {
    if (items.length === 1 && part.layout === "labelled") title = items[0].text;
    else if (part.layout === "labelled") title = `〖考核要点${ps.label}（${items.map((i) => i.label).join("、")}）〗`;
    else title = part.title ? `〖${part.title.text}〗` : "〖全表〗";
  }
  const s: Section = { id: sid, label: ps.label, title, scoring: deduct ? "deduct" : "sum", items };
  if (!ps.printed) s.implicit = true;
  if (ps.group) s.group = ps.group;
  // Per-unit items (000 indicator 7) count once per unit: a section's points are what one unit's items add to.
  const variantIds = [...new Set(items.flatMap((i) => i.appliesTo ?? []))];
  const forUnit = (v?: string) => items.filter((i) => !i.appliesTo || (v !== undefined && i.appliesTo.includes(v)));
  const totals = (variantIds.length ? variantIds : [undefined]).map((v) => sum(forUnit(v).map((i) => i.points ?? 0)));
  const total = Math.max(...totals);
  if (new Set(totals).size > 1) {
    add(ctx, "分值", "低", sid, ps.line, ps.title?.text ?? "", `各适用单位的考核项分值之和不同（${[...new Set(totals)].join("、")}）：草稿取最大值 ${total}，请核对`);
  }
  const siblings = ps.group ? all.filter((x) => x.group === ps.group && x !== ps) : [];
  const inGroup = ps.group !== undefined ? groupTotal(ps.group) : undefined;
  if (ps.points !== undefined) s.points = ps.points;
  else if (deduct && inGroup !== undefined && siblings.length && siblings.every((x) => x.points !== undefined) && inGroup > sum(siblings.map((x) => x.points!))) {
    // The one 考核项 of its 类别 without printed points: the 类别's total less the others'.
    s.points = sum([inGroup, ...siblings.map((x) => -x.points!)]);
    s.pointsDerived = `参考分值：原文未印本考核项分值；为类别“${ps.group}”的${inGroup}分减去同类别其他考核项的${siblings.map((x) => x.points).join("+")}分。`;
    add(ctx, "分值", "中", sid, ps.line, ps.title?.text ?? "", `考核项未印分值：草稿按类别合计推定为 ${s.points} 分（见 pointsDerived），请核对`);
  } else if (deduct) {
    const d = derivePoints(items.flatMap((i) => i.clauses));
    s.points = d.points;
    s.pointsDerived = d.how;
    add(ctx, "分值", "低", sid, ps.line, ps.title?.text ?? "", `扣分制考核项未印分值：草稿推定 ${d.points} 分（各扣分规则之和，见 pointsDerived），请按文件确定`);
  } else {
    s.points = total;
    const shown = forUnit(variantIds[0]).map((i) => i.points ?? 0);
    s.pointsDerived = `参考分值：原文未列节分值，为所含考核项分值之和 ${shown.join("+")}=${total}${variantIds.length ? "（每个适用单位各计其考核项）" : ""}。`;
  }
  for (const i of items) {
    const earned = i.clauses.filter((c) => EARNING.has(c.kind)).map((c) => (c.kind === "bonus" ? (c.cap ?? c.amount) : c.kind === "award" ? c.amount : 0));
    if (earned.length && i.points !== undefined && !i.pointsDerived && h(sum(earned)) !== h(i.points)) {
      (i.notes ??= []).push(`原文：各得分子项之和为${sum(earned)}分，而本项印为${i.points}分。`);
      add(ctx, "分值", "低", i.id, 0, i.text.slice(0, 80), `各得分子项之和为${sum(earned)}分，与本项印出的${i.points}分不一致：得分以本项分值为上限；请确认原文如此（草稿已在 notes 中说明）`);
    }
  }
  if (!deduct && ps.points !== undefined) {
    if (h(total) !== h(ps.points)) {
      notes.push(`原文：各考核项分值之和为${total}，而本节印为${ps.points}分。`);
      add(ctx, "分值", "低", sid, ps.line, ps.title?.text ?? "", `各考核项分值之和${total}与本节印出的${ps.points}分不一致：请确认（原文如此则在 notes 中说明）`);
    }
  }
  if (deduct) {
    add(ctx, "分值", "高", sid, ps.line, ps.title?.text ?? "", `本节印有${ps.points}分、考核项未印分值：草稿按扣分制（scoring: "deduct"，从${ps.points}分中扣减）`);
  }
  if (notes.length) s.notes = notes;
  return s;
}

/** Drafts every part; ids `<idBase>`, or `<idBase>-1`, `<idBase>-2`… when the file holds several tables. */
export function draftAll(parsed: Parsed, file: string, idBase = "import"): DraftResult[] {
  const n = parsed.parts.length;
  return parsed.parts.map((p, i) => draftPart(parsed, p, file, n === 1 ? idBase : `${idBase}-${i + 1}`));
}
