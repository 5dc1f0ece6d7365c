/**
 * Consolidation's data: what a read return boils down to, the office's unit list and policy, and the roster
 * (the results table of 003_…) with its summary, 扣分明细 matrix and problems. Plain data, so returns can be
 * read in worker threads (or a Web Worker) and handed to the pure `consolidate()`.
 */
import type { ReportState, TierId, TierPolicy } from "../scoring/types";

/** One return, read and re-scored by the engine from its entries (never from its cached cells). */
export interface ScoredReturn {
  /** Path (CLI) or file name (add-in), as the office gave it. */
  file: string;
  /** The exact rubric version it was made from and scored by. */
  rubric: { id: string; version: string; title: string };
  /** The current version of that rubric when the return was made from an earlier one. */
  newerRubricVersion: string | null;
  variant: string | null;
  variantTitle: string | null;
  /** 单位名称 as the unit typed it (the header field), else the name the template was made for. */
  unit: string | null;
  total: number;
  max: number;
  selfMax: number;
  /** Percent of the self-assessable maximum (null for an unscored checklist). */
  percent: number | null;
  tier: TierId | null;
  veto: { fail: boolean; noExcellent: boolean; reasons: { id: string; effect: "fail" | "noExcellent"; text: string }[] };
  /** False when an entry was invalid (scored as blank). */
  complete: boolean;
  /** The engine's headline state: an "unfilled" return (no entry at all) is never ranked on its blank score. */
  state: ReportState;
  /** Every scored item, for the 扣分明细 matrix. */
  items: { id: string; label: string; title: string; max: number | null; deduction: number }[];
  /** Everything the reader and the engine reported, with cells (missing evidence, invalid entries, tampering…). */
  flags: { kind: string; cell: string | null; message: string }[];
  /**
   * The assessors' score (核定) of a reviewed return (sheet format 4), beside the unit's own figures above;
   * null for a return not reviewed. Which of the two a roster ranks by is the policy's `basis`.
   */
  review: ReviewedScore | null;
}

/** The 核定 figures of a reviewed return: the same meaning as ScoredReturn's own, by the assessors' entries. */
export interface ReviewedScore {
  total: number;
  percent: number | null;
  tier: TierId | null;
  veto: ScoredReturn["veto"];
  complete: boolean;
  state: ReportState;
  /** Deduction per item, in the order of ScoredReturn.items. */
  deductions: number[];
  /** Items where 核定 differs from 自评. */
  differences: { id: string; label: string; self: number | null; review: number | null; note: string }[];
}

/** A file that could not be read as a return, and why (one line, from WorkbookError or the file system). */
export interface UnreadableReturn {
  file: string;
  reason: string;
  message: string;
}

export type ReadOutcome = { ok: true; ret: ScoredReturn } | { ok: false; error: UnreadableReturn };

/** One row of the office's unit list (考核对象名单), in the office's order. */
export interface UnitEntry {
  /** 单位 (required). */
  name: string;
  /** 类别, e.g. 镇街, 部门 (selects the reward rate). */
  category: string | null;
  /** 否决原因: the office's own finding; non-empty → 一票否决 with this text in 备注. */
  veto: string | null;
  /** 优秀否决原因: bars 优秀. */
  noExcellent: string | null;
  /** 免考原因: shown apart, not counted, not "missing". */
  exempt: string | null;
  /** Line (CSV) or row (xlsx) in the list, for messages. */
  line: number;
}

/** The example policy: percent of the self-assessable maximum, 80 points, 2 decimals, no reward rates. */
export const DEFAULT_POLICY: Policy = { scoreBasis: "percent", threshold: 80, decimals: 2, reward: { perPointAboveThreshold: {} }, basis: "review" };

export interface Policy {
  /** Rank by the percent of the self-assessable maximum, or by the raw total. */
  scoreBasis: "percent" | "raw";
  /** "考核分数在80分以上": at or above this score counts (以上 includes it) and earns a reward. */
  threshold: number;
  /** Decimals a score is shown and ranked with. */
  decimals: number;
  /** Yuan per point above the threshold, by 类别; a unit without a category or rate gets none. */
  reward: { perPointAboveThreshold: Record<string, number> };
  /** The office's tier thresholds (percent); the rubric's otherwise. Never the returns'. */
  tiers?: TierPolicy;
  /**
   * Which score a reviewed return is ranked by: the assessors' 核定 ("review", the default: 001 says the final
   * roster uses it) or the unit's own 自评 ("self"). A return not reviewed is always ranked by its own.
   */
  basis: "review" | "self";
}

export type ProblemKind =
  | "unreadable" // not a SafeScore return, damaged, hostile… (with the reader's one line)
  | "other-rubric" // a return of another rubric than the group it would join (grouped apart)
  | "older-version" // made from an earlier version of the rubric (scored by that version)
  | "tampered" // changed points, texts or formulas, deleted/duplicated/hidden rows, a cached total that differs
  | "invalid-entry" // an entry scored as blank
  | "duplicate-unit" // two or more returns for one unit: all kept out of the ranking until resolved
  | "missing-return" // a unit on the list without a return
  | "unlisted-unit" // a return from a unit not on the list
  | "fuzzy-match" // a return matched to a listed unit after normalising its name
  | "no-unit-name" // a return without 单位名称
  | "unfilled" // a return with no entry at all: not ranked on its blank (full) score
  | "local-points" // the item points a return records differ from the office's (--points): scored by the office's
  | "missing-part" // a composite (--scheme): a unit without one of its parts (no return, no entered score); not ranked
  | "invalid-score" // a composite's scores sheet: a line that cannot be used (not a number, above the part's points, unknown unit or part…)
  | "review-invalid"; // the assessors' 核定 of a reviewed return has an entry scored as blank

export interface Problem {
  file: string | null;
  unit: string | null;
  kind: ProblemKind;
  message: string;
}

/** One row of the roster (the five columns of 003_… plus 类别, 等次, 问题数 and the source file). */
export interface RosterRow {
  /** 序号 in the ranking; null for a unit kept out (vetoed rows are numbered after the ranked ones, as in 003_…). */
  rank: number | null;
  unit: string;
  category: string | null;
  /** 考核分数 (percent or raw, rounded to policy.decimals): the ranked one (see `basis`); null when vetoed or not ranked. */
  score: number | null;
  /** The unit's own score (自评分), the same way; null when vetoed, not ranked, or its own figures are vetoed. */
  selfScore: number | null;
  /** The assessors' score (核定分), the same way; null also when the return was not reviewed. */
  reviewScore: number | null;
  /** Which of the two the row is ranked, vetoed, tiered and itemised by (policy.basis, for a reviewed return). */
  basis: "self" | "review";
  tier: TierId | null;
  /** 奖励金额（元）; null when vetoed or not ranked, 0 below the threshold. */
  reward: number | null;
  /** 备注: the veto reason, or why the row is not ranked. */
  note: string;
  vetoed: boolean;
  /** Missing evidence and invalid entries in the return. */
  problems: number;
  file: string | null;
  /** How the return was matched to the unit list. */
  match: "exact" | "fuzzy" | "unlisted" | null;
  /** A composite (--scheme) only: each component's points, null where the unit lacks it; `score` is their sum. */
  parts?: Record<string, number | null>;
}

export interface Summary {
  /** 被考核的单位: ranked plus vetoed (not exempt, not missing). */
  units: number;
  /** At or above the threshold (以上 includes it), vetoed units excluded. */
  atOrAbove: number;
  /** atOrAbove / units × 100, 2 decimals. */
  share: number;
  /** "在被考核的38个单位中，考核分数在80分以上的有34个，占89.47%" */
  sentence: string;
  tiers: Record<TierId, number>;
  mean: number | null;
  median: number | null;
  totalReward: number;
  /** What the assessors' review changed, among the counted units whose return was reviewed. */
  moved: MovedByReview;
}

/**
 * Units whose 核定 puts them on the other side of the threshold (at or above it by one score, below it or
 * vetoed by the other) or in another tier than their 自评, whichever score the roster ranks by.
 */
export interface MovedByReview {
  /** Counted units (ranked or vetoed) with a reviewed return. */
  reviewed: number;
  threshold: number;
  tier: number;
  /** The units moved either way, in roster order. */
  units: string[];
  /** "核定改变了3个单位的80分线归属、5个单位的等次"; null when no unit was reviewed. */
  sentence: string | null;
}

/** 扣分明细: units × items, the points each unit lost on each item (where the district as a whole loses points). */
export interface DeductionMatrix {
  items: { id: string; label: string; title: string; max: number | null; total: number }[];
  /** One per ranked or vetoed row, in roster order: deductions in `items` order. */
  rows: { unit: string; deductions: number[] }[];
}

/** The roster of one rubric. */
export interface RosterGroup {
  rubric: { id: string; version: string; title: string };
  rows: RosterRow[];
  /** Units exempt by the list (免考原因), shown apart. */
  exempt: { unit: string; reason: string; /** The return the unit sent anyway, if any. */ file: string | null }[];
  summary: Summary;
  deductions: DeductionMatrix;
  /**
   * A composite (--scheme): `rubric` is the scheme's id, version and title; rows carry `parts`, one per
   * component in this order, and `score` is their sum out of `max` (e.g. 001's 千分制).
   */
  composite?: { max: number; components: { name: string; weight: number; rubric: string | null }[] };
}

export interface Consolidation {
  groups: RosterGroup[];
  problems: Problem[];
  policy: Policy;
}
