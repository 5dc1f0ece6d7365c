/**
 * 检查回执: one return's bytes → what `safescore score` reports on it, as plain data a Worker can post (pure
 * apart from the rubric library). Read and scored exactly as the command line does (openWorkbook,
 * readWorkbook with every archived version, scoreRead with the return's own tiers); the figures and flags come
 * from the pane's summary (taskpane/model.ts) and the lines on lost points from the CLI's lossLines.
 */
import { readWorkbook, statedUnit } from "../layout/read";
import { scoreRead } from "../layout/scored";
import { openWorkbook } from "../xlsx/open";
import { registerArchivedRubrics } from "../rubric/library";
import { findRubricOrLoaded, rememberRubric } from "../rubric/given";
import { rubricFromText } from "../taskpane/rubric-file";
import { ARCHIVE } from "../rubric/archive";
import { summarize, type SummaryModel } from "../taskpane/model";
import { lossLines } from "../cli/losses";
import { reviewLines } from "../cli/review-lines";
import { inFlagOrder } from "../text/flag-order";
import type { Locale } from "../i18n";

export interface CheckedReturn {
  ok: true;
  file: string;
  /** The rubric's full title, its id and version, and the version's successor when the return is older. */
  rubric: { title: string; id: string; version: string; newerVersion: string | null };
  unit: string | null;
  variantTitle: string | null;
  summary: SummaryModel;
  /** Every flag with its cell (Sheet!A1, or null), in the order `score` lists them. */
  flags: { cell: string | null; message: string }[];
  /** 各考核项得分及失分原因: the section, item and clause lines `score` prints (zh-CN, as the CLI's). */
  losses: string[];
  /** A reviewed return (sheet format 4): the 核定 block `score` prints (zh-CN), its first line the heading; null otherwise. */
  review: string[] | null;
}

export interface UnreadableFile {
  ok: false;
  file: string;
  message: string;
}

export type CheckOutcome = CheckedReturn | UnreadableFile;

/**
 * The office's own rubric files the page loaded (as the pane loads one: rubric-file.ts decides what a file may
 * be), kept for reading returns made from them, like `score --rubric <file>` but beside the shipped ones.
 * Returns the problems of the files that are not valid rubrics.
 */
export function loadRubricFiles(files: { name: string; text: string }[]): string[] {
  const problems: string[] = [];
  for (const f of files) {
    const outcome = rubricFromText(f.name, f.text);
    if (!outcome.ok) problems.push(...outcome.problems);
    else if (!outcome.shipped) rememberRubric(outcome.rubric);
  }
  return problems;
}

/** Never throws: a file that is not a return comes back with the reader's one line. */
export async function checkReturn(bytes: Uint8Array, file: string, locale: Locale): Promise<CheckOutcome> {
  // Returns made from superseded versions are scored by those versions, as `score` does.
  registerArchivedRubrics(ARCHIVE);
  try {
    const result = readWorkbook(await openWorkbook(bytes), findRubricOrLoaded);
    const scored = scoreRead(result);
    const zh = locale === "zh-CN";
    return {
      ok: true,
      file,
      rubric: { title: result.rubric.title, id: result.rubric.id, version: result.rubric.version, newerVersion: result.newerRubric?.version ?? null },
      unit: statedUnit(result),
      variantTitle: result.rubric.variants?.find((v) => v.id === result.variant)?.title ?? null,
      summary: summarize(scored, locale),
      flags: inFlagOrder(scored.flags).map((f) => ({ cell: f.cell, message: zh ? f.message : f.messageEn })),
      losses: scored.report.max > 0 && scored.report.state !== "unfilled" ? lossLines(result, scored.report) : [],
      review: scored.review ? reviewLines(scored.review, scored.report, new Set(result.map.penalties.map((p) => p.id))) : null,
    };
  } catch (e) {
    // The reader's refusals (WorkbookError) say why in one line, 中文 / English.
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, file, message: message.split(/\r?\n/)[0] };
  }
}
