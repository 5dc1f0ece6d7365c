/**
 * The results table of seeds/003_… (2014年全区安全生产目标管理考核成绩表) as a hand-built Consolidation:
 * 34 ranked units, four office vetoes, threshold 80, 镇街 400 / 部门 100 yuan per point above it.
 */
import type { Consolidation, Policy, RosterGroup, RosterRow } from "../../src/consolidate/types";
import type { TierId } from "../../src/scoring/types";

export const POLICY_003: Policy = {
  scoreBasis: "percent",
  threshold: 80,
  decimals: 2,
  reward: { perPointAboveThreshold: { 镇街: 400, 部门: 100 } },
  basis: "review",
};

/** [unit, score] in 003's order. */
export const RANKED_003: [string, number][] = [
  ["王村镇政府", 95],
  ["经济开发区管委会", 95],
  ["青年路街道办事处", 93],
  ["北郊镇政府", 92],
  ["丝绸路街道办事处", 92],
  ["永安街街道办事处", 92],
  ["区发改局", 91],
  ["区经信局", 91],
  ["区教体局", 91],
  ["区公安分局", 91],
  ["区交通运输局", 91],
  ["区卫生局", 91],
  ["区安监局", 91],
  ["周村交警大队", 91],
  ["周村消防大队", 91],
  ["区人社局", 90],
  ["区水务局", 90],
  ["区商务局", 90],
  ["区文化新闻出版局", 90],
  ["区环保分局", 90],
  ["区工商局", 90],
  ["区质监局", 90],
  ["区城管执法局", 90],
  ["区服务业办公室", 90],
  ["区房管局", 90],
  ["区农业局", 89],
  ["区粮食局", 89],
  ["区农机局", 89],
  ["区林业局", 89],
  ["区旅游局", 89],
  ["区供销联社", 89],
  ["区蔬菜局", 89],
  ["区人防办", 89],
  ["区气象局", 89],
];

export const ACCIDENT = "辖区发生较大生产安全事故，实施一票否决";
export const DEATH = "监管行业领域发生较大生产安全死亡事故，实施一票否决";
export const VETOED_003: [string, string][] = [
  ["南郊镇政府", ACCIDENT],
  ["大街街道办事处", ACCIDENT],
  ["区住建局", DEATH],
  ["周村国土资源分局", DEATH],
];

export const categoryOf = (unit: string): string => (/(镇政府|街道办事处|管委会)$/.test(unit) ? "镇街" : "部门");
const tierOf = (s: number): TierId => (s >= 90 ? "excellent" : s >= 80 ? "good" : s >= 60 ? "pass" : "fail");
export const rewardOf = (unit: string, score: number): number => (score >= 80 ? (score - 80) * (categoryOf(unit) === "镇街" ? 400 : 100) : 0);

export const SENTENCE_003 = "在被考核的38个单位中，考核分数在80分以上的有34个，占89.47%";

export interface Options {
  /** Replaces a unit's name (e.g. by a formula-looking one), keeping its place. */
  rename?: Record<string, string>;
  title?: string;
}

export function group003(opts: Options = {}): RosterGroup {
  const name = (u: string) => opts.rename?.[u] ?? u;
  const items = [
    { id: "1", label: "1", title: "组织领导", max: 10, total: 0 },
    { id: "2", label: "2", title: "隐患排查治理", max: 20, total: 0 },
    { id: "3", label: "3", title: "宣传教育培训", max: 10, total: 0 },
  ];
  const ranked: RosterRow[] = RANKED_003.map(([unit, score], i) => ({
    rank: i + 1,
    unit: name(unit),
    category: categoryOf(unit),
    score,
    selfScore: score,
    reviewScore: null,
    basis: "self",
    tier: tierOf(score),
    reward: rewardOf(unit, score),
    note: "",
    vetoed: false,
    problems: i % 7 === 0 ? 1 : 0,
    file: `returns/${String(i + 1).padStart(2, "0")}-${unit}.xlsx`,
    match: "exact",
  }));
  const vetoed: RosterRow[] = VETOED_003.map(([unit, note], i) => ({
    rank: RANKED_003.length + i + 1,
    unit: name(unit),
    category: categoryOf(unit),
    score: null,
    selfScore: null,
    reviewScore: null,
    basis: "self",
    tier: "fail",
    reward: null,
    note,
    vetoed: true,
    problems: 0,
    file: `returns/${35 + i}-${unit}.xlsx`,
    match: "exact",
  }));
  const rows = [...ranked, ...vetoed];
  // Deductions that add up to 100 − score for the ranked rows (the split is made up; 003 gives none).
  const deductions = rows.map((r) => {
    const lost = r.score === null ? 12 : 100 - r.score;
    const a = Math.min(lost, 3);
    const b = Math.min(lost - a, 4);
    return { unit: r.unit, deductions: [a, b, lost - a - b] };
  });
  items.forEach((it, j) => (it.total = deductions.reduce((s, d) => s + d.deductions[j], 0)));
  const scores = ranked.map((r) => r.score as number);
  const sorted = [...scores].sort((a, b) => a - b);
  return {
    rubric: { id: "zc2014", version: "1", title: opts.title ?? "2014年全区安全生产目标管理考核表" },
    rows,
    exempt: [],
    summary: {
      units: 38,
      atOrAbove: 34,
      share: 89.47,
      sentence: SENTENCE_003,
      tiers: { excellent: 25, good: 9, pass: 0, fail: 4 },
      mean: Math.round((scores.reduce((s, x) => s + x, 0) / scores.length) * 100) / 100,
      median: (sorted[16] + sorted[17]) / 2,
      totalReward: ranked.reduce((s, r) => s + (r.reward as number), 0),
      moved: { reviewed: 0, threshold: 0, tier: 0, units: [], sentence: null },
    },
    deductions: { items, rows: deductions },
  };
}

export function consolidation003(opts: Options = {}): Consolidation {
  return {
    groups: [group003(opts)],
    problems: [
      { file: "returns/99-未知.xlsx", unit: "=HYPERLINK(\"http://x\",\"y\")", kind: "unlisted-unit", message: "名单外单位的上报表" },
      { file: "returns/bad.xlsx", unit: null, kind: "unreadable", message: "不是 xlsx 文件（无法解压）" },
    ],
    policy: POLICY_003,
  };
}

/** Formula-looking unit names that must stay text. */
export const HOSTILE_NAMES: Record<string, string> = {
  区林业局: '=HYPERLINK("http://x","y")',
  区旅游局: "+1",
  区供销联社: "-1",
  区蔬菜局: "@x",
};
