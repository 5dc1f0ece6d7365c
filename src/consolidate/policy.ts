/**
 * The office's policy (JSON): how scores are taken, the threshold of "考核分数在80分以上", rounding, the
 * reward per point above the threshold by 类别, the tier thresholds, and whether a reviewed return is ranked
 * by the assessors' 核定 or the unit's 自评 (`basis`). Validated with one-line errors
 * naming the JSON path; everything but what differs from the defaults may be left out.
 */
import { z } from "zod";
import type { Policy } from "./types";

// Beside the Policy type, so that the command line has it without loading zod.
export { DEFAULT_POLICY } from "./types";

const Num = z.number().finite();

export const PolicySchema = z
  .strictObject({
    $schema: z.string().optional(),
    scoreBasis: z.enum(["percent", "raw"]).default("percent"),
    threshold: Num.min(0).default(80),
    decimals: z.number().int().min(0).max(4).default(2),
    reward: z
      .strictObject({ perPointAboveThreshold: z.record(z.string().trim().min(1), Num.min(0)).default({}) })
      .default({ perPointAboveThreshold: {} }),
    tiers: z
      .strictObject({ excellent: Num.min(0).max(100), good: Num.min(0).max(100), pass: Num.min(0).max(100) })
      .refine((t) => t.excellent >= t.good && t.good >= t.pass, { message: "须 excellent ≥ good ≥ pass / must be excellent ≥ good ≥ pass" })
      .optional(),
    // zod's own enum message would say only "Invalid option": name the two values in both languages.
    basis: z
      .enum(["review", "self"], { error: "须为 \"review\"（按核定分）或 \"self\"（按自评分） / must be \"review\" (the assessors' 核定) or \"self\" (the unit's 自评)" })
      .default("review"),
  });

/** `$.reward.perPointAboveThreshold.镇街` for zod's path. */
const jsonPath = (path: readonly PropertyKey[]) =>
  "$" + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");

export class PolicyError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*[\r\n]+\s*/g, " "));
    this.name = "PolicyError";
  }
}

/** JSON text → Policy with defaults filled in; a PolicyError with one bilingual line naming the file and path. */
export function parsePolicy(text: string, fileName: string): Policy {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new PolicyError(`${fileName}：不是有效的 JSON / ${fileName}: not valid JSON — ${(e as Error).message}`);
  }
  const parsed = PolicySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PolicyError(`${fileName} ${jsonPath(issue.path)}：考核政策设置有误 / ${fileName} ${jsonPath(issue.path)}: invalid policy — ${issue.message}`);
  }
  const { scoreBasis, threshold, decimals, reward, tiers, basis } = parsed.data;
  return { scoreBasis, threshold, decimals, reward: { perPointAboveThreshold: { ...reward.perPointAboveThreshold } }, ...(tiers ? { tiers } : {}), basis };
}
