/** What a unit entered (responses) and what the engine makes of it (the report). Plain data. */

/** A raw entry as it comes from a sheet or a form: the engine validates it, it never trusts it. */
export type InputValue = boolean | number | string | null | undefined;

export interface ClauseInput {
  /** Ticked = a loss: the deduction applies, or the award sub-item was NOT achieved (未落实). */
  ticked?: InputValue;
  /** For counted deductions and bonuses: a whole number ≥ 0. */
  count?: InputValue;
  /** For discretionary deductions: points ≥ 0 in hundredths. */
  amount?: InputValue;
}

export interface Responses {
  /** Required when the rubric has variants (000 indicator 7: which department). */
  variant?: string;
  /** Header and footer fields by field id (unitName, date, head, filler, phone). */
  fields?: Record<string, InputValue>;
  /**
   * Per item, penalty or check id: the 自评情况 note, a checklist answer (是 / 否 / 不适用), and for a selectable
   * item (选查) whether it was inspected (a tick: ticked = inspected).
   */
  items?: Record<string, { note?: InputValue; answer?: InputValue; selected?: InputValue }>;
  /** Per clause id. */
  clauses?: Record<string, ClauseInput>;
  /** Per veto id: ticked when the condition happened. */
  vetoes?: Record<string, InputValue>;
}

export type TierId = "excellent" | "good" | "pass" | "fail";

/**
 * What the headline may claim (never flattering): "unfilled" when the unit entered nothing at all in the
 * body (no tick ticked or invalid, no count, amount, note or answer, no veto) — a blank table is not
 * 200/200 优秀; "provisional" (待更正) while any entry is invalid, as the figures then treat it as blank;
 * otherwise "final".
 */
export type ReportState = "unfilled" | "provisional" | "final";

export type FlagKind =
  | "missing-evidence" // an item claims points with no 自评情况 note
  | "unexplained-entry" // a deduction, 未落实 tick or discretionary entry with no note
  | "missing-field" // a required header/footer field is blank
  | "invalid-input" // an entry that cannot be read; it is scored as blank
  | "unanswered-check" // a checklist point has no answer
  | "check-no-note"; // a checklist point answered 否 without a note

export type TargetType = "field" | "item" | "clause" | "penalty" | "veto" | "check" | "variant";
export type InputName = "tick" | "count" | "amount" | "note" | "answer" | "value";

export interface Flag {
  kind: FlagKind;
  /** What the flag is about; the layout maps it to a cell. */
  target: { type: TargetType; id: string; input: InputName };
  /** zh-CN first. */
  message: string;
  messageEn: string;
}

export interface ClauseResult {
  id: string;
  kind: string;
  /** Points this clause deducts (deducting kinds) or earns (award, bonus), after its own cap. */
  value: number;
  /** Whether the unit entered a loss here (a tick, a count > 0, an amount > 0). */
  entered: boolean;
  /** The clause is aimed at another level (rubric notApplicable): out of the score, listed in Report.notApplicable. */
  notApplicable?: true;
}

/** A clause aimed at another level than the unit's (省级, 市级 … in a county table): shown, not scored. */
export interface NotApplicableResult {
  /** The clause's id. */
  id: string;
  /** The item's or penalty's id. */
  itemId: string;
  level: string;
  note: string;
}

export interface ItemResult {
  id: string;
  sectionId: string;
  label: string;
  /** The item's maximum; absent for rows of a "deduct" section. */
  points?: number;
  /** Absent for rows of a "deduct" section and for items scored above. */
  score?: number;
  /** Points lost on this item after caps (for an earning item: points − score). */
  deduction: number;
  scoredAbove: boolean;
  /** Points of the item's parts scored by a higher authority (scoredAbove clauses), when it has any: not in `score`. */
  scoredAbovePoints?: number;
  /** A selectable item (选查): whether the return says it was inspected. Not inspected: it scores its maximum. */
  selected?: boolean;
  hasNote: boolean;
  clauses: ClauseResult[];
}

export interface SectionResult {
  id: string;
  label: string;
  title: string;
  scoring: "sum" | "deduct";
  /** The section's points. */
  max: number;
  /** What the unit can score itself (items scored above left out). */
  selfMax: number;
  /** Σ item scores (sum) or points − Σ deductions (deduct), before the section cap and floor. */
  raw: number;
  score: number;
  items: ItemResult[];
}

export interface PenaltyResult {
  id: string;
  label: string;
  deduction: number;
  clauses: ClauseResult[];
}

export interface CheckResult {
  id: string;
  sectionId: string;
  answer: "yes" | "no" | "na" | null;
}

export interface VetoResult {
  id: string;
  effect: "fail" | "noExcellent";
  text: string;
}

export interface TierPolicy {
  /** Minimum percent of the self-assessable max for each tier. */
  excellent: number;
  good: number;
  pass: number;
}

export interface Report {
  rubric: { id: string; version: string; fingerprint: string };
  variant?: string;
  sections: SectionResult[];
  penalties: PenaltyResult[];
  checks: CheckResult[];
  /** Σ section scores. */
  subtotal: number;
  penaltyTotal: number;
  /** max(0, subtotal − penalties). */
  total: number;
  /** The rubric's full maximum (Σ section points). */
  max: number;
  /** The maximum the unit can score itself. */
  selfMax: number;
  /** Points of items and item parts scored above (国务院安委会办公室 …), reported separately. */
  scoredAboveMax: number;
  /** Clauses aimed at another level (省级, 市级 …): shown in the sheet, out of the score. */
  notApplicable: NotApplicableResult[];
  /** total / selfMax × 100, to 2 decimals (half up); null when nothing is scored. */
  percent: number | null;
  /** True when the rubric is scored 百分制: show `percent` as the score. */
  percentScale: boolean;
  veto: { fail: boolean; noExcellent: boolean; reasons: VetoResult[] };
  /** null for an unscored checklist, and when a policy turned tiers off. */
  tier: TierId | null;
  /** null when a policy turned tiers off (ScoreOptions.tiers null). */
  tierPolicy: TierPolicy | null;
  flags: Flag[];
  /** False while any entry is invalid: the figures then treat those entries as blank. */
  complete: boolean;
  /** Whether the headline (total, tier) stands: see ReportState. */
  state: ReportState;
}
