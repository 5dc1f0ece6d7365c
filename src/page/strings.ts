/**
 * The offline page's own strings, zh-CN first, en-US second (the pane's shared ones stay in src/i18n and are
 * used from there: t()).
 */
import type { Locale } from "../i18n";

const STRINGS = {
  title: { "zh-CN": "安全生产考核 · 离线网页", "en-US": "Work-safety assessment · offline page" },
  subtitle: {
    "zh-CN": "不联网、不安装：本网页在本机读取文件，文件不会离开这台电脑。",
    "en-US": "No network, nothing to install: this page reads the files on this computer and sends them nowhere.",
  },
  browsers: {
    "zh-CN": "适用浏览器：Chrome 或 Edge 98 及以上，或内核为 Chromium 98 及以上的浏览器（360、QQ 等浏览器须用极速模式）；不支持 IE 和兼容模式。",
    "en-US": "Browsers: Chrome or Edge 98 or later, or a browser built on Chromium 98 or later (360, QQ … in their fast mode); not Internet Explorer or compatibility mode.",
  },
  tabCheck: { "zh-CN": "检查回执", "en-US": "Check a return" },
  tabConsolidate: { "zh-CN": "汇总", "en-US": "Consolidate" },
  tabBlank: { "zh-CN": "空白表", "en-US": "Blank table" },
  checkIntro: {
    "zh-CN": "把一份或多份上报的自评表拖到这里，查看与命令行 safescore score 相同的检查结果：总分、各项失分及原因、否决、等次和待处理问题所在的单元格。",
    "en-US": "Drop one or more returned tables here for the same report as `safescore score`: total, points lost and why, vetoes, tier and the cells of open problems.",
  },
  rubricFilesHint: {
    "zh-CN": "本单位的表若由考核机关另发的考核细则文件（.json）生成，请先载入该文件。",
    "en-US": "If the table was made from a rubric file (.json) the office issued, load that file first.",
  },
  rubricFilesFor: { "zh-CN": "已载入考核细则文件：", "en-US": "Rubric files loaded: " },
  dropHere: { "zh-CN": "将文件或文件夹拖放到此处", "en-US": "Drop files or a folder here" },
  chooseFolder: { "zh-CN": "选择文件夹…", "en-US": "Choose a folder…" },
  reading: { "zh-CN": "正在读取 {n} / {total}…", "en-US": "Reading {n} of {total}…" },
  print: { "zh-CN": "打印", "en-US": "Print" },
  clear: { "zh-CN": "清除", "en-US": "Clear" },
  file: { "zh-CN": "文件", "en-US": "File" },
  rubricVersion: { "zh-CN": "考核细则版本", "en-US": "Rubric version" },
  newerVersion: { "zh-CN": "已有新版 {v}；本表按其填报时的版本计分", "en-US": "version {v} has been published; this table is scored by the version it was filled on" },
  unit: { "zh-CN": "单位", "en-US": "Unit" },
  noUnit: { "zh-CN": "（未填写单位名称）", "en-US": "(no unit name)" },
  variantLine: { "zh-CN": "适用版本", "en-US": "Version for" },
  vetoLine: { "zh-CN": "否决", "en-US": "Vetoes" },
  lossesTitle: { "zh-CN": "各考核项得分及失分原因", "en-US": "Each section's score and the points lost (as `score` prints them)" },
  notAReturn: { "zh-CN": "无法读取", "en-US": "Cannot be read" },
  skipped: {
    "zh-CN": "已跳过 {n} 个非 .xlsx、隐藏或 Excel 临时（~$）文件",
    "en-US": "Skipped {n} files that are not .xlsx, hidden, or Excel lock files (~$)",
  },
  consolidateIntro: {
    "zh-CN": "拖入各单位上报的自评表（可拖入整个文件夹），可选考核对象名单和考核办法设置，汇总出成绩表、汇总、问题清单、扣分明细和分数分布图，并下载与命令行相同的 roster.xlsx 和通报附件（.docx）。",
    "en-US": "Drop the units' returns (a whole folder works), optionally the unit list and policy: the roster, summary, problems, deductions and the score chart, and the same roster.xlsx and notice (.docx) the command line writes.",
  },
  cancelledPage: { "zh-CN": "已取消：已读取 {n} / {total} 份。", "en-US": "Cancelled after reading {n} of {total}." },
  downloadRoster: { "zh-CN": "下载成绩表 roster.xlsx", "en-US": "Download roster.xlsx" },
  downloadNotice: { "zh-CN": "下载通报附件 .docx", "en-US": "Download the notice (.docx)" },
  roster: { "zh-CN": "成绩表", "en-US": "Roster" },
  problemsTitle: { "zh-CN": "问题清单", "en-US": "Problems" },
  deductionsTitle: { "zh-CN": "扣分明细", "en-US": "Deductions by item" },
  exemptTitle: { "zh-CN": "免考单位", "en-US": "Exempt units" },
  chartBands: { "zh-CN": "分数分布（每 {w} 分一档）", "en-US": "Scores ({w}-point bands)" },
  chartTiers: { "zh-CN": "等次分布", "en-US": "Units per tier" },
  unitsAxis: { "zh-CN": "单位数", "en-US": "units" },
  vetoed: { "zh-CN": "一票否决", "en-US": "Vetoed" },
  rank: { "zh-CN": "序号", "en-US": "Rank" },
  category: { "zh-CN": "类别", "en-US": "Category" },
  score: { "zh-CN": "考核分数", "en-US": "Score" },
  tierCol: { "zh-CN": "等次", "en-US": "Tier" },
  reward: { "zh-CN": "奖励金额（元）", "en-US": "Reward (yuan)" },
  note: { "zh-CN": "备注", "en-US": "Note" },
  selfScore: { "zh-CN": "自评分", "en-US": "Self score" },
  reviewScore: { "zh-CN": "核定分", "en-US": "Reviewed score" },
  basis: { "zh-CN": "依据", "en-US": "Ranked by" },
  problemCount: { "zh-CN": "问题数", "en-US": "Problems" },
  sourceFile: { "zh-CN": "来源文件", "en-US": "Source file" },
  kind: { "zh-CN": "类别", "en-US": "Kind" },
  message: { "zh-CN": "说明", "en-US": "Details" },
  itemTotal: { "zh-CN": "合计扣分", "en-US": "Points lost in all" },
  unitsLost: { "zh-CN": "扣分单位数", "en-US": "Units that lost points" },
  blankIntro: {
    "zh-CN": "选择考核细则（或载入考核细则文件）和单位，下载官方空白自评表（.xlsx），发给单位填报。",
    "en-US": "Choose a rubric (or load a rubric file) and the unit: download the official blank table (.xlsx) to send to the unit.",
  },
} satisfies Record<string, Record<Locale, string>>;

export type PageKey = keyof typeof STRINGS;

export function p(key: PageKey, locale: Locale, vars?: Record<string, string | number>): string {
  const text: string = STRINGS[key][locale];
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}
