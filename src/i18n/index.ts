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
  comingNext: {
    "zh-CN": "在 Excel 中直接插入自评表与实时评分将在后续版本中提供。",
    "en-US": "Inserting the table into Excel and live scoring come in a following release.",
  },
} satisfies Record<string, Record<Locale, string>>;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, locale: Locale): string {
  return STRINGS[key][locale];
}
