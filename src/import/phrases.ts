/**
 * The phrase recogniser: one 评分标准 clause, as the documents print it, in; a draft clause out.
 *
 * Pure and deliberately small. It reads the amount, the cap, what is counted and the kind of a clause
 * from the phrasings the five seeds use (catalogued in `docs/rubric-format.md`), and says why. It never
 * guesses silently: text it cannot read gives `clause: null` with the reason in Chinese, and every reading
 * a person should confirm (several rules in one text, 分别/各扣 over a list, 每项 over a closed list, a cap
 * on a fixed deduction, a misprint) gives `confidence: "low"`.
 */
import type { Clause } from "../rubric/schema";

/** A clause of the schema without what only a person or the importer's context can give (id, text, derived). */
type WithoutContext<T> = T extends unknown ? Omit<T, "id" | "text" | "derived"> : never;
export type DraftClause = WithoutContext<Clause>;

export interface Draft {
  clause: DraftClause | null;
  confidence: "high" | "low";
  /** In Chinese: what was read, or why nothing could be. */
  why: string;
}

/** A number as printed: 0.3, 10, or a Chinese numeral up to 九十九 (一, 两, 十五). */
const NUM = "([0-9]+(?:\\.[0-9]+)?|[一二两三四五六七八九十]+)";

const DIGITS: Record<string, number> = {
  一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** "0.3" → 0.3, "两" → 2, "十五" → 15, "二十" → 20; undefined for anything else. */
export function parseNumber(s: string): number | undefined {
  if (/^[0-9]+(\.[0-9]+)?$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === "") return undefined;
  const [, tens, ten, units] = m;
  if (!ten) return units ? undefined : DIGITS[tens ?? ""];
  return (tens ? DIGITS[tens] : 1) * 10 + (units ? DIGITS[units] : 0);
}

/** What a phrase found in the text means. */
type Role = "deduct" | "deductCap" | "add" | "addCap" | "award" | "discretionary";

/**
 * The phrase table, tried on the whole text; each match becomes a token at its position.
 * Order matters only where two patterns could match the same characters (caps before rules).
 */
const PHRASES: { role: Role; re: RegExp }[] = [
  // "最高扣10分", "最高可扣40分", "最多扣20分", "（最多扣1分）": a cap on what the clause deducts.
  { role: "deductCap", re: new RegExp(`最[高多]可?扣${NUM}分`, "g") },
  // "最高可加40分": a cap on what a bonus earns.
  { role: "addCap", re: new RegExp(`最[高多]可?加${NUM}分`, "g") },
  // "扣2分", "每家扣0.3分", "分别扣1分", "各扣2分": a deduction (the 每-word before it, if any, makes it counted).
  { role: "deduct", re: new RegExp(`(?<!最[高多]可?)扣${NUM}分`, "g") },
  // "每开展1项活动加20分": an earned bonus.
  { role: "add", re: new RegExp(`(?<!最[高多]可?)加${NUM}分`, "g") },
  // "…，得3分" and the misprint "…得，10分" (000 indicator 7, 商务局): an award sub-item.
  { role: "award", re: new RegExp(`得[，,]?${NUM}分`, "g") },
  // "酌情扣分", "酌情扣除一定分值": the assessor decides the amount.
  { role: "discretionary", re: /酌情扣/g },
];

/** "不扣分", "原则上不作为扣分依据", "不计入次数": 004's exemptions. */
const EXEMPTION = /不扣分|不作为扣分依据|不计入次数/;

/**
 * Scoring words that are not a clause of their own: the reason a person reads instead of a draft.
 * Only tried when no rule is found in the text.
 */
const NOT_RULES: { re: RegExp; why: string }[] = [
  // 001 annex 4 "20分": a bare value, deduction or award is not said.
  { re: /^[0-9.]+分[。]?$/, why: "只印分值，没有“扣”“得”“加”字样，不能判断是扣分还是得分" },
  // 004 检查要求 "…的，扣除相应分值": the amount is the matching 评分要点's, which the text does not name.
  { re: /扣除相应分值/, why: "“扣除相应分值”未印分值，需对应到所指的评分要点条款" },
  // 004 "…根据评分要点扣分": a pointer to the 评分要点, not a rule.
  { re: /根据评分要点扣分/, why: "“根据评分要点扣分”是引用评分要点，不是单独的扣分条款" },
  // 004 "…的，不扣分", "原则上不作为扣分依据": exemptions, shown beside the clause as guidance.
  { re: EXEMPTION, why: "免扣说明（不扣分），应作为说明显示在条款旁，不是扣分条款" },
  // 004 "（扣完对应考核要点分值为止，下同）": the item's floor, said once for the following clauses.
  { re: /扣完[^。；]*为止/, why: "只有“扣完为止”（考核要点分值即上限），没有扣分规则" },
];

interface Token {
  role: Role;
  at: number;
  end: number;
  value?: number;
  raw: string;
}

function tokens(text: string): Token[] {
  const found: Token[] = [];
  for (const { role, re } of PHRASES) {
    for (const m of text.matchAll(re)) {
      found.push({ role, at: m.index, end: m.index + m[0].length, value: m[1] ? parseNumber(m[1]) : undefined, raw: m[0] });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

/** Counters: the 每-word is itself the unit (每家, 每少落实1次, 每发现一地, 每少1人次). Longest first. */
const COUNTERS = ["人次", "次", "项", "家", "起", "人", "地", "类", "处", "条", "件", "户"];
/** Classifiers: the unit is the noun after them (每个行业领域 → 行业领域, 1位班子成员 → 班子成员); bare 每个 → 个. */
const CLASSIFIERS = ["个", "位", "名"];
/** Where a noun after a classifier ends. */
const NOUN = /^.*?(?=扣|加|未|，|。|；|的|或|工作|$)/;

interface Counting {
  unit: string;
  /** Why the reading needs a person: a compound unit, a misprint, 每 left out. */
  doubt?: string;
}

/**
 * What a deduction or bonus counts, read from the words just before it (`before` ends at 扣/加):
 * "每家", "每少落实1次，", "每有1个层面或1位班子成员未落实，", "1项", "少一次", "没开展1项活动".
 */
export function countedUnit(before: string): Counting | undefined {
  const counter = `(${[...COUNTERS, ...CLASSIFIERS].join("|")})`;
  // The last 每 of the sentence; the words between it and the counter are a verb (少落实, 发现, 开展).
  // Between the counter and the rule at most one comma, at the end: "每年至少组织1次检查，未组织的，扣2分"
  // is a frequency in the condition, not what is counted.
  const each = new RegExp(`(每|没(?=开展))(?:少|有|发现)?[\\u4e00-\\u9fa5]{0,6}?(?:${NUM})?${counter}([^每。；，,]{0,16})[，,]?$`).exec(before);
  if (each) return readUnit(each[3], each[4], each[1] === "没" ? "原文印作“没…”，按“每…”读" : undefined);
  // Without 每: "1项扣10分" (001 annex 4), "少一次扣3分" (001 annex 2) — one of a count, said plainly.
  const bare = new RegExp(`(?:^|[，的])少?(?:1|一)(次|项|人次)[，,]?$`).exec(before);
  if (bare) return { unit: bare[1] };
  return undefined;
}

function readUnit(word: string, rest: string, doubt?: string): Counting {
  let unit = word;
  let tail = rest;
  if (CLASSIFIERS.includes(word)) {
    const noun = (NOUN.exec(rest) as RegExpExecArray)[0];
    if (noun) unit = noun;
    tail = rest.slice(noun.length);
  }
  // "1个层面或1位班子成员", "1个层面或1人": two kinds of thing counted together.
  const or = new RegExp(`^或(?:${NUM})?(?:(${[...CLASSIFIERS].join("|")})([^扣加未，。；的]+)|(${COUNTERS.join("|")}))`).exec(tail);
  if (or) return { unit: `${unit}或${or[3] ?? or[4]}`, doubt: "计数对象有两种（“或”），需确认按合计计数" };
  // "每项工程", "每类规划", "1项活动": a noun after the counter — count by 项 or by 工程? Keep the counter, ask.
  const noun = /^[\u4e00-\u9fa5]+(?=[，,]?$)/.exec(rest);
  if (!CLASSIFIERS.includes(word) && noun && !noun[0].startsWith("未")) {
    return { unit, doubt: doubt ?? `“${word}${noun[0]}”：计数单位按“${word}”起草，也可能按“${noun[0]}”计，需确认` };
  }
  return { unit, doubt };
}

/** A printed cap worth drafting (the schema wants caps > 0). */
const positive = (n: number | undefined): n is number => n !== undefined && n > 0;

/**
 * Drafts one clause from its printed text. See the module comment; the outputs follow the schema:
 * fixed {amount}, counted {amount, unit, cap?}, award {amount}, bonus {amount, unit, cap?},
 * discretionary {cap?}.
 */
export function draftClause(printed: string): Draft {
  // Editorial placeholders (〖…〗) are not the document's words; full-width digits read as digits.
  const text = printed
    .replace(/〖[^〗]*〗/g, "")
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    // The seeds wrap lines anywhere, even inside "扣1\n分": read an amount through white space.
    .replace(/([扣加得])\s*([0-9.]+)\s*分/g, "$1$2分")
    .trim();
  const all = tokens(text);
  const rules = all.filter((t) => t.role !== "deductCap" && t.role !== "addCap");
  const doubts: string[] = [];
  const untilZero = /扣完[^。；]*为止/.test(text);

  if (rules.length === 0) {
    if (all.length > 0) return none("只有上限（最高扣/最多扣），没有扣分规则");
    const known = NOT_RULES.find(({ re }) => re.test(text));
    return none(known?.why ?? "没有可识别的计分用语（扣N分、得N分、加N分、酌情扣分）");
  }
  if (EXEMPTION.test(text)) doubts.push("文中含免扣说明（不扣分），应作为说明显示在条款旁");
  // Several rules in one text (a 评分要点 restated, a second sentence): the last one is the clause's own.
  const rule = rules[rules.length - 1];
  const previous = rules.length > 1 ? rules[rules.length - 2].end : 0;
  if (rules.length > 1) doubts.push(`文中有${rules.length}条计分规则（${rules.map((r) => r.raw).join("、")}），按最后一条起草`);
  const cap = all.find((t) => (t.role === "deductCap" || t.role === "addCap") && t.at > rule.at)?.value;
  // The words that belong to this rule: from the end of the rule before it up to its 扣/加/得.
  const scope = text.slice(previous, rule.at);

  if (rule.role !== "discretionary" && !positive(rule.value)) return none(`“${rule.raw}”中的分值读不出或为0`);

  switch (rule.role) {
    case "award":
      if (/得[，,]/.test(rule.raw)) doubts.push("原文印作“得，N分”（逗号错位），按“得N分”读");
      if (cap !== undefined) doubts.push("得分条款印有上限，上限未起草");
      return draft({ kind: "award", amount: rule.value as number }, `得分：“${rule.raw}”，未落实时不得分`, doubts);

    case "discretionary": {
      const capNote = cap !== undefined ? `，上限${cap}分` : untilZero ? "，扣完为止（上限为考核要点分值）" : "，未印上限（上限为考核要点分值）";
      return draft(cap !== undefined ? { kind: "discretionary", cap } : { kind: "discretionary" }, `酌情扣分${capNote}`, doubts);
    }

    case "add": {
      const counting = countedUnit(scope);
      if (!counting) return none(`“${rule.raw}”前没有“每…”计数词，不知按什么加分`);
      if (counting.doubt) doubts.push(counting.doubt);
      const c: DraftClause = { kind: "bonus", amount: rule.value as number, unit: counting.unit, ...(positive(cap) ? { cap } : {}) };
      return draft(c, `加分：每${counting.unit}加${rule.value}分${positive(cap) ? `，最高加${cap}分` : ""}`, doubts);
    }

    case "deduct": {
      const amount = rule.value as number;
      const capText = positive(cap) ? `，最高扣${cap}分` : untilZero ? "，扣完为止" : "";
      // "分别扣1分", "各扣2分": one fixed deduction for each thing listed; the list is the importer's to split.
      if (/(分别|各)扣/.test(text.slice(Math.max(previous, rule.at - 2), rule.end))) {
        doubts.push("“分别/各扣”：所列每一项各设一个固定扣分项，需按列举拆分");
        return draft({ kind: "fixed", amount }, `固定扣分：所列各项各扣${amount}分`, doubts);
      }
      const counting = countedUnit(scope);
      if (counting) {
        // "每项" over a closed list ("A、B的，每项扣1分", no 等): the shipped rubrics make one fixed clause per item.
        const condition = scope.replace(/[，,]?每项$/, "");
        if (counting.unit === "项" && /每项$/.test(scope) && /[、和]/.test(condition) && !/等/.test(condition) && !positive(cap)) {
          doubts.push("“每项”所指为封闭列举（无“等”），按所列每项各设一个固定扣分项，需按列举拆分");
          return draft({ kind: "fixed", amount }, `固定扣分：所列各项各扣${amount}分`, doubts);
        }
        if (counting.doubt) doubts.push(counting.doubt);
        const c: DraftClause = { kind: "counted", amount, unit: counting.unit, ...(positive(cap) ? { cap } : {}) };
        return draft(c, `计数扣分：每${counting.unit}扣${amount}分${capText}`, doubts);
      }
      // A cap on a fixed deduction means nothing: something is counted that the text does not name.
      if (positive(cap)) {
        doubts.push(`固定扣${amount}分却印有“最高扣${cap}分”，可能是按未写明的对象计数`);
        return draft({ kind: "fixed", amount }, `固定扣分：扣${amount}分（上限${cap}分未起草）`, doubts);
      }
      return draft({ kind: "fixed", amount }, `固定扣分：扣${amount}分${capText}`, doubts);
    }
    default:
      return none("无法识别");
  }
}

function draft(clause: DraftClause, reading: string, doubts: string[]): Draft {
  return doubts.length
    ? { clause, confidence: "low", why: `${reading}。待确认：${doubts.join("；")}` }
    : { clause, confidence: "high", why: reading };
}

function none(why: string): Draft {
  return { clause: null, confidence: "low", why };
}
