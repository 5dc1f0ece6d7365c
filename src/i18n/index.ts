/** Interface strings: zh-CN first, en-US second. Pick by the host's UI language. */
import { STATE_LABELS } from "../scoring/tiers";

export type Locale = "zh-CN" | "en-US";

export function pickLocale(language: string | undefined): Locale {
  return language && !language.toLowerCase().startsWith("zh") ? "en-US" : "zh-CN";
}

const STRINGS = {
  appName: { "zh-CN": "安全生产考核自评助手", "en-US": "SafeScore work-safety self-assessment" },
  rubric: { "zh-CN": "考核细则", "en-US": "Rubric" },
  variant: { "zh-CN": "适用单位", "en-US": "Applies to" },
  maxPoints: { "zh-CN": "满分", "en-US": "Full marks" },
  sections: { "zh-CN": "考核项", "en-US": "Sections" },
  items: { "zh-CN": "考核内容", "en-US": "Items" },
  checks: { "zh-CN": "巡查要点", "en-US": "Checklist points" },
  vetoes: { "zh-CN": "否决项", "en-US": "Vetoes" },
  points: { "zh-CN": "分", "en-US": "pts" },
  source: { "zh-CN": "来源", "en-US": "Source" },
  unitName: { "zh-CN": "单位名称", "en-US": "Unit name" },
  downloadTemplate: { "zh-CN": "下载空白自评表（.xlsx）", "en-US": "Download the blank table (.xlsx)" },
  working: { "zh-CN": "正在生成…", "en-US": "Working…" },
  downloaded: { "zh-CN": "已下载", "en-US": "Downloaded" },
  failed: { "zh-CN": "失败：", "en-US": "Failed:" },
  insertTable: { "zh-CN": "插入自评表", "en-US": "Insert the table" },
  inserting: { "zh-CN": "正在插入…", "en-US": "Inserting…" },
  insertHint: {
    "zh-CN": "在新工作表中插入官方自评表；已有内容的工作表不会被改动。",
    "en-US": "Inserts the official table on a new sheet; sheets with content are never changed.",
  },
  total: { "zh-CN": "总分", "en-US": "Total" },
  // The fill hint (model.ts fillHint), joined in order; the words are the sheet's column headers.
  "hint.tick": { "zh-CN": "填表：勾选（√、是 或 1）表示扣分/未落实", "en-US": "How to fill: a tick (√, 是 or 1) means a deduction / not done" },
  "hint.award": { "zh-CN": "“…，得3分”的项勾选没有做到的", "en-US": "on items that award points (“…，得3分”) tick what was NOT achieved" },
  "hint.count": { "zh-CN": "“次数/扣分值”栏填次数", "en-US": "put the number of times in 次数/扣分值" },
  "hint.amount": { "zh-CN": "酌情扣分在“次数/扣分值”栏填扣分值", "en-US": "a discretionary deduction goes in 次数/扣分值 as points" },
  "hint.note": { "zh-CN": "每项都要填写自评情况", "en-US": "every item needs its 自评情况 note" },
  "hint.noteLoss": { "zh-CN": "有扣分的项要在自评情况中说明", "en-US": "explain every deduction in 自评情况" },
  "hint.sep": { "zh-CN": "；", "en-US": "; " },
  "hint.end": { "zh-CN": "。", "en-US": "." },
  "hint.checks": {
    "zh-CN": "填表：每条巡查要点填“是”“否”或“不适用”；答“否”须在说明栏写明情况。",
    "en-US": "How to fill: answer each point 是, 否 or 不适用; a 否 needs a note.",
  },
  // The headline (src/text/headline.ts): never flattering.
  unfilled: { "zh-CN": STATE_LABELS.unfilled.zh, "en-US": STATE_LABELS.unfilled.en },
  unfilledNote: {
    "zh-CN": "表中还没有任何填写（勾选、次数、自评情况），不计算得分和等次。",
    "en-US": "Nothing has been entered yet (ticks, counts, notes): no score or tier.",
  },
  provisional: { "zh-CN": STATE_LABELS.provisional.zh, "en-US": STATE_LABELS.provisional.en },
  provisionalNote: {
    "zh-CN": "修正无效填写后再定；按现有有效填写暂为{tier}",
    "en-US": "set once the invalid entries are fixed; {tier} on the valid entries so far",
  },
  percent: { "zh-CN": "得分率", "en-US": "Percent" },
  tier: { "zh-CN": "参考等次", "en-US": "Reference tier" },
  selfMaxNote: { "zh-CN": "可自评满分", "en-US": "Self-assessable maximum" },
  vetoNone: { "zh-CN": "无否决情形", "en-US": "No veto" },
  vetoFail: { "zh-CN": "一票否决：考核不合格", "en-US": "Veto: fail" },
  vetoNoExcellent: { "zh-CN": "优秀否决：不能评为优秀", "en-US": "Cannot be rated excellent" },
  problems: { "zh-CN": "待处理问题", "en-US": "Open problems" },
  noProblems: { "zh-CN": "没有待处理问题，可以提交。", "en-US": "No open problems: ready to submit." },
  goToCell: { "zh-CN": "转到单元格", "en-US": "Go to cell" },
  updated: { "zh-CN": "已更新", "en-US": "Updated" },
  incomplete: {
    "zh-CN": "有无效填写，按空白计分；修正后分数可能变化。",
    "en-US": "Some entries are invalid and count as blank; the score may change once fixed.",
  },
  oldVersion: { "zh-CN": "此表由旧版考核细则生成", "en-US": "This table was made from an older rubric version" },
  updateTable: { "zh-CN": "更新为新版（保留所有填写）", "en-US": "Update to the new version (keeps every entry)" },
  updatedTable: { "zh-CN": "已更新为新版，旧表保留为", "en-US": "Updated; the old sheet is kept as" },
  notCarried: { "zh-CN": "以下填写未能转入新表：", "en-US": "These entries could not be carried over:" },
  unknownRubric: { "zh-CN": "此表的考核细则不在本程序中", "en-US": "This table's rubric is not in this version of SafeScore" },
  // A rubric file the office brings (taskpane/rubric-file.ts).
  loadRubricFile: { "zh-CN": "载入考核细则文件（.json）…", "en-US": "Load a rubric file (.json)…" },
  rubricFileLoaded: { "zh-CN": "已载入考核细则文件：", "en-US": "Rubric file loaded: " },
  rubricFileInvalid: { "zh-CN": "考核细则文件有错误，未载入", "en-US": "The rubric file has errors and was not loaded" },
  unknownRubricLoad: { "zh-CN": "如有生成此表的考核细则文件，请载入：", "en-US": "If you have the rubric file this table was made from, load it:" },
  checksSummary: { "zh-CN": "巡查要点", "en-US": "Checklist" },
  yes: { "zh-CN": "是", "en-US": "Yes" },
  no: { "zh-CN": "否", "en-US": "No" },
  na: { "zh-CN": "不适用", "en-US": "N/A" },
  unanswered: { "zh-CN": "未答", "en-US": "Unanswered" },
  retry: { "zh-CN": "重试", "en-US": "Retry" },
  needsExcel: {
    "zh-CN": "需要在 Excel 中运行；在浏览器中可以下载空白自评表。",
    "en-US": "This needs Excel; in a browser you can download the blank table.",
  },
  loading: { "zh-CN": "正在读取工作簿…", "en-US": "Reading the workbook…" },
  choosePlaceholder: { "zh-CN": "请选择适用单位", "en-US": "Choose the unit's version" },
  chooseVariantHint: {
    "zh-CN": "此细则按单位分版本：请选择适用单位，或输入单位名称自动匹配，然后才能插入或下载。",
    "en-US": "This rubric has a version per unit: choose one, or type the unit's name to match it, before inserting or downloading.",
  },
  matchedBy: { "zh-CN": "按单位名称匹配：", "en-US": "Matched by unit name: " },
  noUnitMatch: { "zh-CN": "细则中没有列出这个单位。你是不是要找：", "en-US": "The rubric lists no unit by this name. Did you mean:" },
  variantConflict: { "zh-CN": "注意：此单位列在另一版本下：", "en-US": "Note: this unit is listed under another version:" },
  "error.editing": { "zh-CN": "正在编辑单元格：完成编辑（按 Enter）后会自动更新。", "en-US": "Finish editing the cell (press Enter); the score updates then." },
  "error.timeout": { "zh-CN": "Excel 没有及时响应，请稍后再试。", "en-US": "Excel did not answer in time; try again shortly." },
  "error.deleted": { "zh-CN": "自评表工作表已被删除。", "en-US": "The assessment sheet was deleted." },
  "error.no-table": { "zh-CN": "没有找到 SafeScore 自评表。", "en-US": "There is no SafeScore table in this workbook." },
  "error.has-table": { "zh-CN": "此工作簿已有 SafeScore 自评表，不能再插入一份。", "en-US": "This workbook already holds a SafeScore table." },
  "error.unreadable": { "zh-CN": "无法读取自评表", "en-US": "The table could not be read" },
  "error.excel": { "zh-CN": "Excel 出错", "en-US": "Excel reported an error" },
  "error.not-safescore": { "zh-CN": "此表不是由 SafeScore 生成的。", "en-US": "This table was not made by SafeScore." },
  "error.unknown-rubric": { "zh-CN": "此表的考核细则不在本程序中。", "en-US": "This table's rubric is not in this version of SafeScore." },
  "error.old-version": { "zh-CN": "此表由另一版考核细则生成，计分内容不同。", "en-US": "This table was made from another version of the rubric, which scores differently." },
  "error.damaged": { "zh-CN": "自评表已损坏", "en-US": "The table is damaged" },
  "error.needs-excel": {
    "zh-CN": "需要在 Excel 中运行；在浏览器中可以下载空白自评表。",
    "en-US": "This needs Excel; in a browser you can download the blank table.",
  },
  "error.internal": { "zh-CN": "内部错误", "en-US": "Internal error" },
  tabAssess: { "zh-CN": "自评", "en-US": "Self-assessment" },
  tabConsolidate: { "zh-CN": "汇总", "en-US": "Consolidation" },
  consolidateIntro: {
    "zh-CN": "选择各单位上报的自评表，汇总出成绩表、汇总、问题清单和扣分明细，写入本工作簿的新工作表；原有工作表不会被改动。",
    "en-US": "Choose the units' returned tables: the roster, summary, problems and deductions go on new sheets of this workbook; existing sheets are never changed.",
  },
  pickReturns: { "zh-CN": "上报的自评表（.xlsx，可多选）", "en-US": "Returned tables (.xlsx, several)" },
  pickUnits: { "zh-CN": "考核对象名单（可选，.csv 或 .xlsx）", "en-US": "Unit list (optional, .csv or .xlsx)" },
  pickPolicy: { "zh-CN": "考核办法设置（可选，.json）", "en-US": "Policy (optional, .json)" },
  chooseFiles: { "zh-CN": "选择文件…", "en-US": "Choose files…" },
  chooseFile: { "zh-CN": "选择文件…", "en-US": "Choose a file…" },
  filesChosen: { "zh-CN": "已选择 {n} 个文件", "en-US": "{n} files chosen" },
  noneChosen: { "zh-CN": "未选择", "en-US": "None chosen" },
  defaultPolicy: { "zh-CN": "未选择：按默认办法（百分制，80 分以上达标，不计奖励）", "en-US": "None: the default policy (percent, 80 and above, no reward)" },
  startConsolidate: { "zh-CN": "开始汇总", "en-US": "Consolidate" },
  progress: { "zh-CN": "已读取 {n} / {total}", "en-US": "Read {n} of {total}" },
  cancel: { "zh-CN": "取消", "en-US": "Cancel" },
  cancelled: { "zh-CN": "已取消：已读取 {n} / {total} 份，未写入工作簿。", "en-US": "Cancelled after reading {n} of {total}; nothing was written to the workbook." },
  writingSheets: { "zh-CN": "正在写入工作表…", "en-US": "Writing the sheets…" },
  sheetsWritten: { "zh-CN": "已写入新工作表：", "en-US": "New sheets written: " },
  openRoster: { "zh-CN": "查看成绩表", "en-US": "Open the roster" },
  unitListError: { "zh-CN": "无法读取考核对象名单", "en-US": "The unit list cannot be read" },
  policyError: { "zh-CN": "无法读取考核办法设置", "en-US": "The policy cannot be read" },
  unitListProblems: { "zh-CN": "考核对象名单中的问题", "en-US": "Problems in the unit list" },
  readFailed: { "zh-CN": "汇总失败", "en-US": "Consolidation failed" },
  unitsCounted: { "zh-CN": "被考核 {units} 个单位 · 达标 {atOrAbove} 个（{share}%）· 平均分 {mean}", "en-US": "{units} units assessed · {atOrAbove} at or above the threshold ({share}%) · mean {mean}" },
  topRanked: { "zh-CN": "名次靠前", "en-US": "Top of the ranking" },
  vetoedUnits: { "zh-CN": "一票否决 {n} 个", "en-US": "{n} vetoed" },
  problemsFound: { "zh-CN": "问题 {n} 条", "en-US": "{n} problems" },
  noProblemsFound: { "zh-CN": "没有发现问题。", "en-US": "No problems found." },
  moreProblems: { "zh-CN": "另有 {n} 条，见“问题清单”工作表。", "en-US": "{n} more on the 问题清单 sheet." },
  // The workbench (src/workbench): an in-memory Excel beside the pane.
  "wb.title": { "zh-CN": "SafeScore 工作台", "en-US": "SafeScore workbench" },
  "wb.subtitle": { "zh-CN": "内存中的 Excel 工作簿（关闭页面即丢失，请先下载）", "en-US": "An in-memory Excel workbook (lost when the page closes: download it first)" },
  "wb.download": { "zh-CN": "下载工作簿（.xlsx）", "en-US": "Download the workbook (.xlsx)" },
  "wb.colon": { "zh-CN": "：", "en-US": ": " },
  "wb.locked": {
    "zh-CN": "您试图更改的单元格位于受保护的工作表中：考核内容、分值和公式不能修改。请在勾选、次数/扣分值和自评情况等可填写的单元格中填写。",
    "en-US": "The cell you're trying to change is on a protected sheet: the rubric's text, points and formulas cannot be changed. Fill in the tick, 次数/扣分值 and 自评情况 cells.",
  },
  returnsRead: { "zh-CN": "共读取 {n} 份上报表", "en-US": "{n} returns read" },
} satisfies Record<string, Record<Locale, string>>;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, locale: Locale, vars?: Record<string, string | number>): string {
  const text: string = STRINGS[key][locale];
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}
