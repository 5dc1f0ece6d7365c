/**
 * The 状态 column: every condition a row can be flagged for, each the sheet's side of a flag that score()
 * raises (src/scoring/score.ts), read by this sheet format's entry rules (entries.ts). A row's status is
 * the messages of its true conditions; the hidden 问题数 column counts them, and the flag-count cell sums
 * that column and the blank required fields.
 */
import type { EntryFormulas } from "../entries";

/**
 * A test (a formula that is TRUE when the row has the problem), the message the status shows, and whether the
 * problem is an invalid entry (↔ the engine's invalid-input flags: while any is, the return is provisional).
 */
export type Condition = [test: string, message: string, invalid?: true];

/** Ends every message in the status text (and appears nowhere else in it). */
const MESSAGE_END = "；";

/**
 * Status text and flag count from a row's conditions. With `statusCell` (format 3 on) the count is the
 * number of messages in that cell's text, each ending with "；"; before, every condition was tested again.
 */
export function statusFormulas(conditions: Condition[], statusCell?: string): { text: string; count: string; invalid: string } {
  const invalid = conditions.filter((c) => c[2]).map(([c]) => `IF(${c},1,0)`).join("+") || "0";
  if (!conditions.length) return { text: `""`, count: "0", invalid };
  for (const [, m] of conditions) if (m.includes(MESSAGE_END)) throw new Error(`plan: a status message holds "${MESSAGE_END}": ${m}`);
  return {
    text: conditions.map(([c, m]) => `IF(${c},"${m}${MESSAGE_END}","")`).join("&"),
    count: statusCell
      ? `LEN(${statusCell})-LEN(SUBSTITUTE(${statusCell},"${MESSAGE_END}",""))`
      : conditions.map(([c]) => `IF(${c},1,0)`).join("+"),
    invalid,
  };
}

/** `condition` with its test rewritten by `f` (its message and whether it is an invalid entry kept). */
export function mapTest([test, message, invalid]: Condition, f: (test: string) => string): Condition {
  return invalid ? [f(test), message, invalid] : [f(test), message];
}

/** `condition` only while `when` holds (a selectable item's conditions count only when it was inspected). */
export const onlyWhen = (when: string | undefined, condition: Condition): Condition => (when ? mapTest(condition, (t) => `AND(${when},${t})`) : condition);

/** TRUE when any of `tests` is (FALSE() for none). */
export const anyOf = (tests: string[]) => (tests.length ? `OR(${tests.join(",")})` : "FALSE()");

export type StatusConditions = ReturnType<typeof statusConditions>;

/** The conditions, in one sheet format's reading of entries. */
export function statusConditions(f: EntryFormulas) {
  /** A valid zero or blank entry (for "ticked but nothing entered"). */
  const zeroOrBlank = (ref: string) => `OR(${f.blank(ref)},IF(${f.number(ref)},${ref}=0,FALSE()))`;
  const answer = (answerCell: string, a: string) => `${f.text(answerCell)}="${a}"`;
  return {
    /** ↔ an invalid tick (evalClause, scoreVetoes). */
    invalidTick: (tickCell: string): Condition => [`NOT(OR(${f.ticked(tickCell)},${f.unticked(tickCell)}))`, "勾选栏无效", true],
    /** ↔ evalClause's `unused("count")`: a fixed or award clause is scored by its tick alone. */
    unusedCount: (countCell: string, kind: "fixed" | "award"): Condition => [
      `NOT(${f.blank(countCell)})`,
      kind === "fixed" ? "此条按勾选扣分，不填次数" : "此条按勾选计分，不填次数",
      true,
    ],
    /** ↔ an invalid count (evalClause, counted and bonus). */
    invalidCount: (countCell: string): Condition => [`AND(NOT(${f.blank(countCell)}),NOT(${f.countValid(countCell)}))`, "次数须为不小于0的整数", true],
    /** ↔ an invalid amount (evalClause, discretionary). */
    invalidAmount: (amountCell: string, max: number): Condition => [
      `AND(NOT(${f.blank(amountCell)}),NOT(${f.amountValid(amountCell, max)}))`,
      `扣分须为0到${max}之间、最多两位小数`,
      true,
    ],
    /** ↔ 已勾选但未填次数 / 扣分 (evalClause): ticked, and the count or amount is blank or zero. */
    tickedWithoutEntry: (tickCell: string, entryCell: string, what: "次数" | "扣分"): Condition => [
      `AND(${f.ticked(tickCell)},${zeroOrBlank(entryCell)})`,
      `已勾选但未填${what}`,
      true,
    ],
    /** ↔ scoreItem's scoredAbove entries: an item scored by a higher authority takes no entry. */
    scoredAboveEntry: (tickCell: string, countCell: string): Condition => [
      `OR(NOT(${f.unticked(tickCell)}),NOT(${f.blank(countCell)}))`,
      "上级直接评分，不能自评",
      true,
    ],
    /**
     * ↔ scoreClause's noEntryProblem: a clause that takes no entry here (aimed at another level, of an item not
     * inspected) holds one (anything but a valid "not ticked"). `when` guards it (an item's 抽查 not ticked).
     */
    noEntry: (tickCell: string, countCell: string, message: string, when?: string): Condition => {
      const entry = `OR(NOT(${f.unticked(tickCell)}),NOT(${f.blank(countCell)}))`;
      return [when ? `AND(${when},${entry})` : entry, message, true];
    },
    /**
     * ↔ evidenceFlags: an entered deduction (or 未落实) without a note; else a claim without one. `entered`
     * are the clauses' entered tests; `claims` is TRUE() where every item needs evidence, else any bonus claimed.
     */
    evidence: (noteCell: string, entered: string[], claims: string): Condition[] => {
      const noteBlank = f.blank(noteCell);
      const loss = anyOf(entered);
      return [
        [`AND(${noteBlank},${loss})`, "有扣分或未落实项，未说明情况"],
        [`AND(${noteBlank},NOT(${loss}),${claims})`, "缺少自评情况"],
      ];
    },
    /** ↔ scoreChecks: unanswered, not 是/否/不适用, 否 without a note. */
    check: (answerCell: string, noteCell: string): Condition[] => [
      [f.blank(answerCell), "未作答"],
      [`AND(NOT(${f.blank(answerCell)}),NOT(OR(${answer(answerCell, "是")},${answer(answerCell, "否")},${answer(answerCell, "不适用")})))`, "只能填是、否或不适用", true],
      [`AND(${answer(answerCell, "否")},${f.blank(noteCell)})`, "答“否”须说明情况"],
    ],
    /** ↔ checkFields: a blank required field, as a flag count (fields have no status cell). */
    missingField: (fieldCell: string) => `IF(${f.blank(fieldCell)},1,0)`,
  };
}
