/**
 * The sheet's score formulas, one builder per step of score() (src/scoring/score.ts), in its order, so
 * the two can be read side by side:
 *
 *   clauseValue    ↔ evalClause      a clause's value (deducted or earned) and its status conditions
 *   itemScore      ↔ scoreItem       an item's score (earning, deducting, capped); scorePenalty for a penalty
 *   sectionScore   ↔ scoreSection    a section's subtotal
 *   reportTotals   ↔ score()         subtotal, penalties, total, percent, veto and tier
 *
 * Values are rounded to hundredths at the steps the engine's whole-hundredths arithmetic implies.
 */
import type { Clause, Item, Penalty, Section } from "../../rubric/schema";
import { abovePointsH, fromH, isEarningItem, sectionScoring, selfPointsH } from "../../rubric/model";
import { clauseAmountLimit } from "../../scoring/score";
import { MAX_COUNT } from "../../scoring/inputs";
import type { EntryFormulas } from "../entries";
import type { ValidationRule } from "../print";
import type { Condition, StatusConditions } from "./status";

/** A clause row's cells. */
export interface ClauseCells {
  tickCell: string;
  countCell: string;
  valueCell: string;
}

export interface ClauseFormulas {
  /** The clause's value: hundredths-rounded points deducted (deducting kinds) or earned (earning kinds). */
  value: string;
  /** TRUE when the clause has an entry (evalClause's `entered`; for a bonus: points claimed). */
  entered: string;
  conditions: Condition[];
  /** What the count or amount cell accepts, for a clause that takes one. */
  validation?: ValidationRule;
}

/**
 * The input prompt of a count cell. Format 3 says 次数, the column's and the error's word, and how the
 * clause's unit counts ("每一地算1次"); formats 1 and 2 said "填写地数", another word than the column's.
 */
export function countPrompt(unit: string, format: number): string {
  if (format < 3) return `填写${unit}数（不小于0的整数）`;
  return unit === "次" ? "次数：填不小于0的整数" : `次数：每一${unit}算1次，填不小于0的整数`;
}

/** ↔ evalClause. `itemLimit` bounds a discretionary amount (discretionaryLimit / penaltyAmountLimit). */
export function clauseValue(clause: Clause, { tickCell, countCell, valueCell }: ClauseCells, itemLimit: number, f: EntryFormulas, status: StatusConditions, format: number): ClauseFormulas {
  const ticked = f.ticked(tickCell);
  const invalidTick = status.invalidTick(tickCell);
  switch (clause.kind) {
    case "fixed":
      return {
        value: `IF(${ticked},${clause.amount},0)`,
        entered: `${valueCell}>0`,
        conditions: [invalidTick, status.unusedCount(countCell, "fixed")],
      };
    case "award":
      return {
        value: `IF(${ticked},0,${clause.amount})`,
        entered: ticked,
        conditions: [invalidTick, status.unusedCount(countCell, "award")],
      };
    case "counted":
    case "bonus": {
      const product = clause.cap !== undefined ? `MIN(${countCell}*${clause.amount},${clause.cap})` : `${countCell}*${clause.amount}`;
      return {
        value: `IF(${f.countValid(countCell)},ROUND(${product},2),0)`,
        entered: `${valueCell}>0`,
        conditions: [invalidTick, status.invalidCount(countCell), status.tickedWithoutEntry(tickCell, countCell, "次数")],
        validation: { range: countCell, type: "whole", min: 0, max: MAX_COUNT, prompt: countPrompt(clause.unit, format), error: "次数须为不小于0的整数" },
      };
    }
    case "scoredAbove":
      throw new Error(`plan: ${clause.id} is scored above and has no value formula`);
    case "discretionary": {
      const max = clauseAmountLimit(clause, itemLimit);
      return {
        value: `IF(${f.amountValid(countCell, max)},${countCell},0)`,
        entered: `${valueCell}>0`,
        conditions: [invalidTick, status.invalidAmount(countCell, max), status.tickedWithoutEntry(tickCell, countCell, "扣分")],
        validation: { range: countCell, type: "decimal", min: 0, max, prompt: "酌情扣分：填写扣分值，并在自评情况中说明", error: `扣分须为0到${max}之间的数字` },
      };
    }
  }
}

/**
 * ↔ score.ts rawEntered: a loss entered in a clause of an exclusive group, read from its entries alone (not its
 * value, which depends on the group): a valid tick (fixed), a valid count > 0, a valid amount > 0.
 */
export function rawEntered(clause: Clause, { tickCell, countCell }: ClauseCells, itemLimit: number, f: EntryFormulas): string {
  switch (clause.kind) {
    case "fixed":
      return f.ticked(tickCell);
    case "counted":
      return `IF(${f.countValid(countCell)},${countCell}>0,FALSE())`;
    case "discretionary":
      return `IF(${f.amountValid(countCell, clauseAmountLimit(clause, itemLimit))},${countCell}>0,FALSE())`;
    default:
      throw new Error(`plan: ${clause.id} (${clause.kind}) cannot be in an exclusive group`);
  }
}

/**
 * ↔ scoreItem (an item) and scorePenalty (a penalty, `section` null): the item's score — for a deduct
 * section's item and a penalty, minus its deduction — from the range of its clause values; an item scored
 * by a higher authority shows who scores it instead.
 */
export function itemScore(section: Section | null, item: Item | Penalty, valueRange: string, selected?: string): { f: string } | { v: string } {
  const values = `SUM(${valueRange})`;
  if (section && (item as Item).scoredAbove) return { v: `由${(item as Item).scoredAbove!.by}评分` };
  // A selectable item not inspected keeps its maximum (a deduct section's row or a penalty: no deduction).
  const unless = (f: string, kept: number) => (selected ? `IF(${selected},${f},${kept})` : f);
  if (!section || sectionScoring(section) === "deduct") {
    return { f: unless(`ROUND(-${item.cap !== undefined ? `MIN(${item.cap},${values})` : values},2)`, 0) };
  }
  // What the unit assesses itself: the item's points less its parts scored above (the same number when it has none).
  const points = abovePointsH(item) > 0 ? fromH(selfPointsH(item as Item)) : ((item as Item).points ?? 0);
  if (isEarningItem(item as Item)) return { f: unless(`ROUND(MIN(${points},${values}),2)`, points) };
  return { f: unless(`ROUND(${points}-MIN(${points},${item.cap !== undefined ? `${item.cap},` : ""}${values}),2)`, points) };
}

/** ↔ scoreSection: a deduct section floors at 0, a sum section is capped by its points. */
export function sectionScore(section: Section, scoreRange: string): string {
  const points = section.points ?? 0;
  return sectionScoring(section) === "deduct" ? `ROUND(MAX(0,${points}+SUM(${scoreRange})),2)` : `ROUND(MIN(${points},SUM(${scoreRange})),2)`;
}

/** The cells the report's figures are computed from. */
export interface TotalsInputs {
  /** The sections' scores (cells, or the expression of an implicit section). */
  sectionScores: string[];
  /** The penalties' score cells (minus their deductions). */
  penaltyScores: string[];
  /** The veto tick cells, by effect. */
  failTicks: string[];
  noExcellentTicks: string[];
}

/** ↔ score(): subtotal, penalty total, total, percent, veto and tier, as formulas over cells written before. */
export function reportTotals({ sectionScores, penaltyScores, failTicks, noExcellentTicks }: TotalsInputs, f: EntryFormulas) {
  const vetoCount = (ticks: string[]) => (ticks.length ? ticks.map((t) => `IF(${f.ticked(t)},1,0)`).join("+") : "0");
  const fails = vetoCount(failTicks);
  const noExcellents = vetoCount(noExcellentTicks);
  return {
    subtotal: `ROUND(${sectionScores.join("+")},2)`,
    /** Null without penalties (the total then takes 0). */
    penaltyTotal: penaltyScores.length ? `ROUND(-(${penaltyScores.join("+")}),2)` : null,
    total: (subtotal: string, penaltyTotal: string) => `ROUND(MAX(0,${subtotal}-${penaltyTotal}),2)`,
    /** Computed from whole hundredths so that half-way cases round up everywhere; "" when nothing is self-assessable. */
    percent: (total: string, selfMaxH: number) => (selfMaxH > 0 ? `ROUND(ROUND(${total}*100,0)*10000/${selfMaxH},0)/100` : `""`),
    veto: `IF(${fails}>0,"一票否决",IF(${noExcellents}>0,"优秀否决","无"))`,
    /** ↔ tierFor: thresholds are cells, so the policy in force is printed beside the tier. */
    tier: (percent: string, [excellent, good, pass]: [string, string, string]) =>
      `IF(${fails}>0,"不合格",IF(${percent}="","",IF(AND(${percent}>=${excellent},${noExcellents}=0),"优秀",IF(${percent}>=${good},"良好",IF(${percent}>=${pass},"合格","不合格")))))`,
  };
}
