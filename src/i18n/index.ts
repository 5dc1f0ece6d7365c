/** Interface strings: zh-CN first, en-US second. Pick by the host's UI language. */
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
  percent: { "zh-CN": "得分率", "en-US": "Percent" },
  tier: { "zh-CN": "等次", "en-US": "Tier" },
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
} satisfies Record<string, Record<Locale, string>>;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, locale: Locale): string {
  return STRINGS[key][locale];
}
