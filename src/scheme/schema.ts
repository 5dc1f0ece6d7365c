/**
 * The scheme file format (`schemes/*.json`): how a unit's final score (001's 千分制) is built from parts.
 * The zod schema is the single source of truth: the types are inferred from it, the loader validates every
 * file against it, and `npm run schema` writes `schemes/scheme.schema.json` from it for editors.
 *
 * A component is either a rubric's returns (the return's total scaled to the component's weight) or a score
 * the office enters in a scores sheet — as one line, or finer, one line per part (行业专项's 20 sectors). A
 * part may average in further entered lines (001: “海港区煤矿考核同非煤矿山相加取平均值”).
 */
import { z } from "zod";
import { ID_PATTERN, isWholeHundredths } from "../rubric/schema";
import { normalizeUnitName } from "../rubric/variants";
import { formatPath } from "../rubric/errors";

const Text = z.string().trim().min(1);
const Id = z.string().regex(ID_PATTERN, { message: "expected an id of lowercase letters, digits, '.', '_' or '-'" });
/** Points > 0 in hundredths, as rubric points are. */
const Weight = z
  .number()
  .positive()
  .refine(isWholeHundredths, { message: "expected a multiple of 0.01 (scores are kept in hundredths)" });

export const SchemePartSchema = z.strictObject({
  /** The 组成部分 the scores sheet names this part by (e.g. 非煤矿山). */
  name: Text,
  weight: Weight,
  /**
   * Further entered lines averaged with this part's own line when the unit has them: the part's score is the
   * mean of its own line and those present (001: 非煤矿山 with 煤矿 for 海港区). The part's own line is required.
   */
  averageWith: z.array(Text).min(1).optional(),
});

export const SchemeComponentSchema = z.strictObject({
  /** As the document names it (党委层面, 行业专项 …); the scores sheet's 组成部分 for an entered component. */
  name: Text,
  weight: Weight,
  /** Scored from this rubric's returns: total × weight / the table's maximum. Absent: entered by the office. */
  rubric: Id.optional(),
  /** An entered component scored part by part (each part's weight; they add up to the component's). */
  parts: z.array(SchemePartSchema).min(1).optional(),
  /** Where the document says so, and anything the office should know. */
  note: Text.optional(),
});

export const SchemeSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: Id,
    version: Text,
    /** The title the roster is named after ("…考核方案" → "…考核成绩表"). */
    title: Text,
    /** The document it is transcribed from. */
    source: Text.optional(),
    /** The full score (千分制: 1000); the components' weights must add up to it. */
    max: Weight,
    components: z.array(SchemeComponentSchema).min(1),
    notes: z.array(Text).optional(),
  })
  .superRefine((s, ctx) => {
    const seen = new Map<string, string>();
    /** Every name a scores sheet or the roster uses must be unique in the scheme (compared as the sheet is read). */
    const claim = (name: string, path: (string | number)[]) => {
      const key = sheetName(name);
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: "custom", path, message: `名称“${name}”与 ${first} 重复 / name "${name}" is already used at ${first}` });
      else seen.set(key, formatPath(path));
    };
    const rubrics = new Set<string>();
    s.components.forEach((c, i) => {
      claim(c.name, ["components", i, "name"]);
      if (c.rubric !== undefined && c.parts !== undefined) {
        ctx.addIssue({ code: "custom", path: ["components", i, "parts"], message: "由自评表计分的组成部分不能再分细项 / a component scored from a rubric's returns has no entered parts" });
      }
      if (c.rubric !== undefined) {
        if (rubrics.has(c.rubric)) ctx.addIssue({ code: "custom", path: ["components", i, "rubric"], message: `考核细则 ${c.rubric} 已用于另一组成部分 / rubric ${c.rubric} already scores another component` });
        rubrics.add(c.rubric);
      }
      c.parts?.forEach((p, j) => {
        claim(p.name, ["components", i, "parts", j, "name"]);
        p.averageWith?.forEach((a, k) => claim(a, ["components", i, "parts", j, "averageWith", k]));
      });
      if (c.parts) {
        const sum = hundredths(c.parts.reduce((t, p) => t + p.weight, 0));
        if (sum !== c.weight) ctx.addIssue({ code: "custom", path: ["components", i, "parts"], message: `细项分值合计 ${sum}，与组成部分分值 ${c.weight} 不符 / the parts' weights add up to ${sum}, not the component's ${c.weight}` });
      }
    });
    const total = hundredths(s.components.reduce((t, c) => t + c.weight, 0));
    if (total !== s.max) ctx.addIssue({ code: "custom", path: ["components"], message: `各组成部分分值合计 ${total}，与满分 ${s.max} 不符 / the components' weights add up to ${total}, not max ${s.max}` });
  });

export type Scheme = z.infer<typeof SchemeSchema>;
export type SchemeComponent = z.infer<typeof SchemeComponentSchema>;
export type SchemePart = z.infer<typeof SchemePartSchema>;

/** Sums of hundredths without binary noise (10 × 0.1 is 1, not 0.9999999999999999). */
const hundredths = (x: number) => Math.round(x * 100) / 100;

/**
 * A 组成部分 as a scores sheet is matched by it: compared as unit names are (NFKC, no whitespace of any width,
 * ASCII lower-cased). One place for the scheme's uniqueness check and the sheet's lookup.
 */
export const sheetName = normalizeUnitName;
