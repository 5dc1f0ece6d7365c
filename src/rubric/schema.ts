/**
 * The rubric file format (`rubrics/*.json`), as a zod schema.
 *
 * This schema is the single source of truth: the TypeScript types are inferred from it, the loader
 * validates every file against it, and `npm run schema` writes `rubrics/rubric.schema.json` from it
 * for editors. The format is documented in `docs/rubric-format.md`.
 */
import { z } from "zod";
import { isWholeHundredths } from "./model";

export { isWholeHundredths };

const hundredths = (n: number) => isWholeHundredths(n);
const HUNDREDTHS_MSG = "expected a multiple of 0.01 (scores are kept in hundredths)";

/** A strictly positive amount of points, e.g. a deduction of 0.3. */
const Amount = z
  .number()
  .positive()
  .refine(hundredths, { message: HUNDREDTHS_MSG });
/** Points that may be 0, e.g. an item's maximum. */
const Points = z
  .number()
  .nonnegative()
  .refine(hundredths, { message: HUNDREDTHS_MSG });

const Text = z.string().trim().min(1);
export const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
const Id = z
  .string()
  .regex(ID_PATTERN, { message: "expected an id of lowercase letters, digits, '.', '_' or '-'" });

/** Where a value was derived rather than printed in the document: say how. */
const Derived = z.string().trim().min(1).optional();

/**
 * A clause aimed at another level than the unit's (省级, 市级, 省份 in a county table): shown with its note, no
 * input, out of the score (sheet format 3 on).
 */
const NotApplicable = z.strictObject({
  /** The level the clause is aimed at, as printed: 省级, 市级, 省份 … */
  level: Text,
  /** Why it does not apply to the unit (editorial), shown beside the clause. */
  note: Text,
});

const ClauseBase = {
  id: Id,
  /**
   * The document's wording of this clause, verbatim. Omitted only on a later thing of a closed list (`sameText`):
   * read a clause's sentence with `clauseText` (model.ts), never `text` directly.
   */
  text: Text.optional(),
  /**
   * "……的，各扣2分" / "分别扣1分" over a closed list: the listed thing this clause deducts for, in the sentence's
   * own words ("消防工作"). One clause per thing; the first carries `text`, the others point at it with `sameText`.
   */
  listed: Text.optional(),
  /** A later thing of a closed list: the id of the clause before it in the same item that carries the sentence. */
  sameText: Id.optional(),
  /** Explanation when amount, cap or unit is not printed as such in the document. */
  derived: Derived,
  notApplicable: NotApplicable.optional(),
  /**
   * The document's exemptions beside this clause, verbatim ("……的，不扣分", "……不计入次数", "……原则上不作为
   * 扣分依据"): guidance the sheet shows beside the clause; no effect on the score.
   */
  exemptions: z.array(Text).min(1).optional(),
};

/** "未落实扣10分": ticked → deduct `amount`. */
const FixedClause = z.strictObject({ ...ClauseBase, kind: z.literal("fixed"), amount: Amount });
/** "每少落实1次，扣5分。最高可扣10分": count × amount, at most `cap`. */
const CountedClause = z.strictObject({
  ...ClauseBase,
  kind: z.literal("counted"),
  amount: Amount,
  /** What is counted: 次, 地, 家, 人, 起, 项, 个, 层面 … */
  unit: Text,
  cap: Amount.optional(),
});
/** "…，得3分": an award sub-item; the user ticks it when NOT achieved (未落实). */
const AwardClause = z.strictObject({ ...ClauseBase, kind: z.literal("award"), amount: Amount });
/** "每开展1项活动加20分，最高可加40分": count × amount earned, at most `cap`. */
const BonusClause = z.strictObject({
  ...ClauseBase,
  kind: z.literal("bonus"),
  amount: Amount,
  unit: Text,
  cap: Amount.optional(),
});
/** "酌情扣分": the assessor enters a deduction (with a note), at most `cap` or the item's points. */
const DiscretionaryClause = z.strictObject({
  ...ClauseBase,
  kind: z.literal("discretionary"),
  cap: Amount.optional(),
});

/**
 * "日常工作占15分，由国务院安委会办公室直接评分": a part of an item scored by a higher authority. Shown, no input;
 * its `points` (where printed) are part of the item's points, left out of what the unit assesses itself and
 * reported as scored above (sheet format 3 on).
 */
const ScoredAboveClause = z.strictObject({
  id: Id,
  kind: z.literal("scoredAbove"),
  text: Text,
  derived: Derived,
  exemptions: z.array(Text).min(1).optional(),
  /** Who scores it, verbatim: 国务院安委会办公室, 应急管理部 … */
  by: Text,
  points: Points.optional(),
});

export const ClauseSchema = z.discriminatedUnion("kind", [
  FixedClause,
  CountedClause,
  AwardClause,
  BonusClause,
  DiscretionaryClause,
  ScoredAboveClause,
]);

/** Marks an item that the unit cannot score itself ("由国务院安委会办公室直接评分"). */
const ScoredAbove = z.strictObject({
  /** Who scores it, verbatim: 国务院安委会办公室, 应急管理部 … */
  by: Text,
  /** The sentence of the document that says so. */
  text: Text,
});

const ItemBase = {
  id: Id,
  /** The number printed in the document ("1", "2.1"); empty when the document prints none. */
  label: z.string(),
  /** 考核内容 / 考核要点 / 考核办法, verbatim. */
  text: Text,
  /** 评分依据 (004): the policy text the item rests on. */
  basis: z.string().trim().min(1).optional(),
  /** 检查要求 / 考核方式: how the assessor checks. */
  guidance: z.string().trim().min(1).optional(),
  /** 责任单位 (004). */
  responsible: z.string().trim().min(1).optional(),
  /** Variant ids this item belongs to; absent = every variant. */
  appliesTo: z.array(Id).min(1).optional(),
  scoredAbove: ScoredAbove.optional(),
  notes: z.array(Text).optional(),
};

/**
 * "结合检查重点选查" (004 19.2–19.9): the assessors inspect the item or not; the return says which (a tick per
 * selectable item). An item not selected scores its maximum and takes no entries (sheet format 3 on).
 */
const Selectable = z.strictObject({
  /** The document's wording, verbatim: 结合检查重点选查. */
  text: Text,
});

export const ItemSchema = z.strictObject({
  ...ItemBase,
  selectable: Selectable.optional(),
  /** The item's maximum. Required in "sum" sections; optional in "deduct" sections. */
  points: Points.optional(),
  /** Explanation when `points` is not printed in the document. */
  pointsDerived: Derived,
  /** "最高扣12分": the item's clauses together deduct at most this. */
  cap: Amount.optional(),
  capDerived: Derived,
  clauses: z.array(ClauseSchema),
});

/** An unscored checklist point (002 巡查要点), answered 是 / 否 / 不适用 with a note. */
export const CheckSchema = z.strictObject({
  id: Id,
  label: z.string(),
  text: Text,
  guidance: z.string().trim().min(1).optional(),
  appliesTo: z.array(Id).min(1).optional(),
  notes: z.array(Text).optional(),
});

export const SectionSchema = z.strictObject({
  id: Id,
  label: z.string(),
  /** 考核项 / 考核指标 / 主要内容, verbatim. */
  title: Text,
  /** The section's points; omitted only in an unscored checklist section. */
  points: Points.optional(),
  pointsDerived: Derived,
  /**
   * "sum" (default): section = min(points, Σ item scores); items carry points.
   * "deduct": section = max(0, points − Σ item deductions); items are deduction rows under one budget.
   */
  scoring: z.enum(["sum", "deduct"]).optional(),
  /** A grouping printed above the section (001 annex 3 类别 "综合工作300分（政府工作100分）"). */
  group: z.string().trim().min(1).optional(),
  /** True when the document prints no such grouping: no subtotal row is shown for it. */
  implicit: z.boolean().optional(),
  appliesTo: z.array(Id).min(1).optional(),
  items: z.array(ItemSchema).optional(),
  checks: z.array(CheckSchema).optional(),
  notes: z.array(Text).optional(),
});

/** A deduction outside every section (004 item 39 减分项), taken from the total. */
export const PenaltySchema = z.strictObject({
  ...ItemBase,
  cap: Amount.optional(),
  capDerived: Derived,
  clauses: z.array(z.discriminatedUnion("kind", [FixedClause, CountedClause, DiscretionaryClause])).min(1),
});

/**
 * Alternatives: clauses that may deduct for the same fact (a 检查要求 restating a 评分要点 with another amount, 004
 * 39 减分项 against 14–18). At most one of them may be entered; entering two is an invalid entry, and then none of
 * them deducts until it is corrected (sheet format 3 on).
 */
export const ExclusiveSchema = z.strictObject({
  id: Id,
  /** Clause ids (deducting kinds), in items or penalties. */
  clauses: z.array(Id).min(2),
  /** Which fact they share and where it is to be deducted (editorial, citing the document), shown beside each. */
  note: Text,
  /**
   * "fact" (the default): one fact with different amounts (a 检查要求 restating a 评分要点) — at most one clause
   * may be entered; entering two makes each invalid. "finding": each finding belongs in exactly one of the
   * clauses, and several findings may go to several of them (004 39: "在检查14至18项中，发现属于重大隐患的，在此项
   * 扣分…其他按照有关评分项有关要求扣分" — a major hazard in 39, others in their item): shown beside each, not
   * checked, since no formula can tell whether two entries are the same finding.
   */
  scope: z.enum(["fact", "finding"]).optional(),
});

export const VetoSchema = z.strictObject({
  id: Id,
  /** fail: 一票否决 → 不合格. noExcellent: 优秀否决 → at most 良好. */
  effect: z.enum(["fail", "noExcellent"]),
  text: Text,
});

export const VariantSchema = z.strictObject({
  id: Id,
  /** How the document heads this variant, e.g. "区教育局". */
  title: Text,
  /** The units (被考核单位) that fill this variant. */
  units: z.array(Text).min(1),
});

export const FieldSchema = z.strictObject({
  /** unitName, date, head, filler, phone … */
  id: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, { message: "expected a camelCase field id" }),
  /** As printed: 单位名称, 自评时间, 单位负责人, 填表人, 联系电话. */
  label: Text,
  required: z.boolean(),
});

export const TierThresholdsSchema = z.strictObject({
  excellent: z.number().min(0).max(100),
  good: z.number().min(0).max(100),
  pass: z.number().min(0).max(100),
});

export const RubricSchema = z.strictObject({
  $schema: z.string().optional(),
  /** The format's version; bump on incompatible change. */
  format: z.literal(1),
  id: Id,
  /** The rubric's own version: change it whenever its content changes. */
  version: Text,
  /** The table's official title, verbatim. */
  title: Text,
  /** Short name for lists. */
  shortTitle: z.string().trim().min(1).optional(),
  source: z.strictObject({
    /** The file in shared/seeds this rubric was transcribed from. */
    file: Text,
    issuer: z.string().trim().min(1).optional(),
    /** 文号, e.g. 温龙安委办〔2015〕19号. */
    docNumber: z.string().trim().min(1).optional(),
    date: z.string().trim().min(1).optional(),
    /** e.g. 附件2. */
    part: z.string().trim().min(1).optional(),
  }),
  /** The table's column headings as printed, by role. */
  columns: z
    .strictObject({
      section: z.string().optional(),
      item: z.string().optional(),
      scoring: z.string().optional(),
      guidance: z.string().optional(),
      basis: z.string().optional(),
      note: z.string().optional(),
      responsible: z.string().optional(),
      score: z.string().optional(),
    })
    .optional(),
  /** The rubric is scored 百分制: reports also give total / max × 100. */
  percentScale: z.boolean().optional(),
  /** The document's wording of the rule that no item goes below zero, if it states one. */
  floor: z.string().trim().min(1).optional(),
  fields: z.strictObject({ header: z.array(FieldSchema), footer: z.array(FieldSchema) }),
  evidence: z.strictObject({
    /** Every self-assessable item needs a note (自评情况 / 佐证材料). */
    required: z.boolean(),
    /** The document's instruction, verbatim, if it gives one. */
    instruction: z.string().trim().min(1).optional(),
  }),
  variants: z.array(VariantSchema).optional(),
  sections: z.array(SectionSchema).min(1),
  penalties: z.array(PenaltySchema).optional(),
  vetoes: z.array(VetoSchema).optional(),
  exclusive: z.array(ExclusiveSchema).optional(),
  /** Overrides the default tier policy for this rubric (percent of the self-assessable max). */
  tiers: TierThresholdsSchema.optional(),
  /** Transcription decisions and inconsistencies in the document itself. */
  notes: z.array(Text).optional(),
});

export type Rubric = z.infer<typeof RubricSchema>;
export type Section = z.infer<typeof SectionSchema>;
export type Item = z.infer<typeof ItemSchema>;
export type Check = z.infer<typeof CheckSchema>;
export type Clause = z.infer<typeof ClauseSchema>;
export type ClauseKind = Clause["kind"];
export type Penalty = z.infer<typeof PenaltySchema>;
export type PenaltyClause = Penalty["clauses"][number];
export type Exclusive = z.infer<typeof ExclusiveSchema>;
export type Veto = z.infer<typeof VetoSchema>;
export type Variant = z.infer<typeof VariantSchema>;
export type Field = z.infer<typeof FieldSchema>;
export type TierThresholds = z.infer<typeof TierThresholdsSchema>;
