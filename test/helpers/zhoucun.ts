/** 003_… (周村区 2014) as test data: the printed results table, transcribed from the seed, and return factories. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ScoredReturn } from "../../src/consolidate/types";

export const EXAMPLE_DIR = join(__dirname, "..", "..", "examples", "zhoucun2014");
export const example = (name: string) => new Uint8Array(readFileSync(join(EXAMPLE_DIR, name)));

const V1 = "辖区发生较大生产安全事故，实施一票否决";
const V2 = "监管行业领域发生较大生产安全死亡事故，实施一票否决";

/** 序号, 单位, 考核分数, 奖励金额（元）, 备注 — exactly as 003_… prints its 附件 (blank score/reward = null). */
export const TABLE_003: [number, string, number | null, number | null, string][] = [
  [1, "王村镇政府", 95, 6000, ""],
  [2, "经济开发区管委会", 95, 6000, ""],
  [3, "青年路街道办事处", 93, 5200, ""],
  [4, "北郊镇政府", 92, 4800, ""],
  [5, "丝绸路街道办事处", 92, 4800, ""],
  [6, "永安街街道办事处", 92, 4800, ""],
  [7, "区发改局", 91, 1100, ""],
  [8, "区经信局", 91, 1100, ""],
  [9, "区教体局", 91, 1100, ""],
  [10, "区公安分局", 91, 1100, ""],
  [11, "区交通运输局", 91, 1100, ""],
  [12, "区卫生局", 91, 1100, ""],
  [13, "区安监局", 91, 1100, ""],
  [14, "周村交警大队", 91, 1100, ""],
  [15, "周村消防大队", 91, 1100, ""],
  [16, "区人社局", 90, 1000, ""],
  [17, "区水务局", 90, 1000, ""],
  [18, "区商务局", 90, 1000, ""],
  [19, "区文化新闻出版局", 90, 1000, ""],
  [20, "区环保分局", 90, 1000, ""],
  [21, "区工商局", 90, 1000, ""],
  [22, "区质监局", 90, 1000, ""],
  [23, "区城管执法局", 90, 1000, ""],
  [24, "区服务业办公室", 90, 1000, ""],
  [25, "区房管局", 90, 1000, ""],
  [26, "区农业局", 89, 900, ""],
  [27, "区粮食局", 89, 900, ""],
  [28, "区农机局", 89, 900, ""],
  [29, "区林业局", 89, 900, ""],
  [30, "区旅游局", 89, 900, ""],
  [31, "区供销联社", 89, 900, ""],
  [32, "区蔬菜局", 89, 900, ""],
  [33, "区人防办", 89, 900, ""],
  [34, "区气象局", 89, 900, ""],
  [35, "南郊镇政府", null, null, V1],
  [36, "大街街道办事处", null, null, V1],
  [37, "区住建局", null, null, V2],
  [38, "周村国土资源分局", null, null, V2],
];

export const SENTENCE_003 = "在被考核的38个单位中，考核分数在80分以上的有34个，占89.47%";

/**
 * The score each unit's return carries: the printed one, and for the four vetoed units (003 prints none) a
 * made-up one, deliberately high so a veto that failed to apply would show.
 */
export const RETURN_SCORE: Record<string, number> = Object.fromEntries(TABLE_003.map(([, unit, score]) => [unit, score ?? 96]));

/** A return as readReturn would give it, for a 200-point table: total = 2 × percent. */
export function scoredReturn(unit: string | null, percent: number, extra: Partial<ScoredReturn> = {}): ScoredReturn {
  return {
    file: `${unit ?? "无名"}.xlsx`,
    rubric: { id: "lw2015-dept", version: "2015.2", title: "考核表" },
    newerRubricVersion: null,
    variant: "jyj",
    variantTitle: "区教育局",
    unit,
    total: percent * 2,
    max: 200,
    selfMax: 200,
    percent,
    tier: percent >= 90 ? "excellent" : percent >= 80 ? "good" : percent >= 60 ? "pass" : "fail",
    veto: { fail: false, noExcellent: false, reasons: [] },
    complete: true,
    state: "final",
    items: [
      { id: "i1", label: "1", title: "一", max: 30, deduction: 200 - percent * 2 },
      { id: "i2", label: "2", title: "二", max: 20, deduction: 0 },
    ],
    flags: [],
    review: null,
    ...extra,
  };
}
