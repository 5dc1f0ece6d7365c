/**
 * `safescore import <table.txt|table.docx|table.xlsx> -o <rubric.json> [--report <review.md>]
 * [--decisions <decisions.json> [--part <附件2>]]`: the thin adapter around src/import (reads the file, writes
 * the drafts and the review). Loaded only by `import`.
 * A file holding several scoring tables (001: 附件2, 附件3, 附件4) gives one draft each, named
 * `<rubric>-附件2.json` …; the review covers them all.
 * With --decisions, the decisions file is applied to the draft (one part: --part names it when the file holds
 * several), the result validated as any rubric file is (rubric/given.ts), and that rubric written to -o; the
 * review then lists only what no decision addresses (import/settled.ts), the settled entries at its end.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { ImportError, idFrom, importTable, kindOf } from "../import";
import { reviewMarkdown } from "../import/review";
import { IMPORT_LIMITS } from "../import/table";
import { displaySafe } from "../text/display";
import { DecisionsError, applyDecisions, loadDecisions } from "../import/decisions";
import { settle, settledMarkdown } from "../import/settled";
import type { DraftResult } from "../import/draft";
import { MAX_RUBRIC_BYTES, parseGivenRubricJson } from "../rubric/given";
import { RubricError } from "../rubric/errors";
import { registerArchivedRubrics } from "../rubric/library";
import { ARCHIVE } from "../rubric/archive";
import { FileError, FileProblems, UsageError, fileError } from "./errors";

/** The output path of part `k` of `n`: the path itself when there is one part. */
export function partPath(out: string, part: string | undefined, k: number, n: number): string {
  if (n === 1) return out;
  const suffix = (part ?? String(k + 1)).replace(/[\\/:*?"<>|\s]+/g, "");
  return /\.json$/i.test(out) ? out.replace(/\.json$/i, `-${suffix}.json`) : `${out}-${suffix}`;
}

/** A decisions file's text (refused over the rubric file's limit before it is read). */
function readDecisions(path: string) {
  let text: string;
  try {
    if (statSync(path).size > MAX_RUBRIC_BYTES) throw new FileError(path, `${displaySafe(path)}: 决定文件过大 / the decisions file is too large`);
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof FileError) throw e;
    throw fileError(path, e);
  }
  const name = path.replace(/^.*[\\/]/, "");
  try {
    return { name, file: loadDecisions(text, name) };
  } catch (e) {
    if (e instanceof DecisionsError) throw new FileProblems(path, problemLines(e));
    throw e;
  }
}

/** One line per problem of a decisions file, `file: where: 中文 / English`. */
const problemLines = (e: DecisionsError) => e.problems.map((p) => displaySafe(`决定文件 / decisions file ${e.file}: ${p.where ? p.where + ": " : ""}${p.zh} / ${p.en}`, 1000));

/** The part the decisions apply to: the only one, or the one --part names. */
function pickPart(drafts: DraftResult[], part: string | undefined, file: string): DraftResult {
  if (part === undefined) {
    if (drafts.length === 1) return drafts[0];
    const names = drafts.map((d, k) => d.part ?? String(k + 1)).join("、");
    throw new UsageError(`${displaySafe(file)} 含 ${drafts.length} 份评分表（${names}），请用 --part 指定决定文件适用的一份 / the file holds ${drafts.length} tables (${names}): name the one the decisions apply to with --part`);
  }
  const found = drafts.find((d) => d.part === part);
  if (!found) throw new UsageError(`${displaySafe(file)} 中没有“${displaySafe(part)}” / no part "${displaySafe(part)}" in the file (${drafts.map((d) => d.part ?? "—").join("、")})`);
  return found;
}

export function importCommand(file: string, opts: { out?: string; report?: string; decisions?: string; part?: string }): { out: string } {
  const kind = kindOf(file);
  if (!kind) throw new UsageError(`import 只读 .txt、.docx 或 .xlsx 文件 / import reads a .txt, .docx or .xlsx file: ${displaySafe(file)}`);
  if (!opts.out) throw new UsageError("缺少 -o <rubric.json> / missing -o <rubric.json>");
  if (opts.part !== undefined && !opts.decisions) throw new UsageError("--part 只与 --decisions 一起使用 / --part goes with --decisions");
  // Read before the table: a malformed decisions file stops the command first.
  const decisions = opts.decisions ? readDecisions(opts.decisions) : undefined;
  let bytes: Buffer;
  try {
    // Refuse a huge file before reading it into memory.
    if (statSync(file).size > IMPORT_LIMITS.maxBytes) throw new ImportError(`文件过大（超过 ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB）`, `the file is larger than ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof ImportError) throw new FileError(file, `${displaySafe(file)}: ${e.message}`);
    throw fileError(file, e);
  }
  let drafts;
  try {
    // The rubric's id from the output's name when it makes one (county2024.json → county2024).
    drafts = importTable(new Uint8Array(bytes), file, kind, idFrom(opts.out));
  } catch (e) {
    if (e instanceof ImportError) throw new FileError(file, `${displaySafe(file)}: ${e.message}`);
    throw e;
  }
  if (decisions) return decidedCommand(pickPart(drafts, opts.part, file), decisions, file, kind, opts as { out: string; report?: string; decisions: string });
  const outputs = drafts.map((d, k) => partPath(opts.out as string, d.part, k, drafts.length));
  drafts.forEach((d, k) => {
    try {
      writeFileSync(outputs[k], JSON.stringify(d.rubric, null, 2) + "\n");
    } catch (e) {
      throw fileError(outputs[k], e, "write");
    }
  });
  if (opts.report) {
    try {
      writeFileSync(opts.report, reviewMarkdown(drafts, file.replace(/^.*[\\/]/, ""), kind, outputs) + "\n");
    } catch (e) {
      throw fileError(opts.report, e, "write");
    }
  }
  const lines = drafts.map((d, k) => {
    const low = d.review.filter((e) => e.confidence === "低").length;
    return `已生成草稿 ${displaySafe(outputs[k])}：${d.part ? `${d.part} ` : ""}${d.rubric.title}；待定事项 ${d.review.length} 项（其中低把握 ${low} 项） / draft written, ${d.review.length} decisions to review (${low} low confidence)`;
  });
  if (opts.report) lines.push(`审核清单 / review list: ${displaySafe(opts.report)}`);
  else lines.push("加 --report <review.md> 可写出审核清单 / add --report <review.md> for the review list");
  return { out: lines.join("\n") + "\n" };
}

/** The draft plus the decisions, validated, written to -o; the review of what the decisions left open. */
function decidedCommand(
  draft: DraftResult,
  decisions: ReturnType<typeof readDecisions>,
  file: string,
  kind: NonNullable<ReturnType<typeof kindOf>>,
  opts: { out: string; report?: string; decisions: string },
): { out: string } {
  let json: unknown;
  try {
    json = applyDecisions(draft.rubric, decisions.file, decisions.name);
  } catch (e) {
    if (e instanceof DecisionsError) throw new FileProblems(opts.decisions, problemLines(e));
    throw e;
  }
  let rubric;
  // A decided rubric may not take a published version's id and version with other content, archived ones included.
  registerArchivedRubrics(ARCHIVE);
  try {
    // Exactly as `--rubric <file>` will read it: a rubric that cannot make a template is not written.
    rubric = parseGivenRubricJson(json, `${opts.out}（草稿 + ${decisions.name} / draft + decisions）`);
  } catch (e) {
    if (e instanceof RubricError) {
      throw new FileProblems(opts.decisions, e.problems.map((p) => displaySafe(`应用决定后的考核细则无效 / the rubric the decisions make is invalid: ${e.file}: ${p.path ? p.path + ": " : ""}${p.message}`, 1000)));
    }
    throw e;
  }
  try {
    writeFileSync(opts.out, JSON.stringify(json, null, 2) + "\n");
  } catch (e) {
    throw fileError(opts.out, e, "write");
  }
  const { open, settled } = settle(draft.review, decisions.file.decisions);
  if (opts.report) {
    const text = reviewMarkdown([{ ...draft, rubric, review: open }], file.replace(/^.*[\\/]/, ""), kind, [opts.out]) + "\n" + (settled.length ? "\n" + settledMarkdown(settled, decisions.name) : "");
    try {
      writeFileSync(opts.report, text);
    } catch (e) {
      throw fileError(opts.report, e, "write");
    }
  }
  const low = open.filter((e) => e.confidence === "低").length;
  const lines = [
    `已生成考核细则 ${displaySafe(opts.out)}：${displaySafe(rubric.title)}（${displaySafe(rubric.id)} ${displaySafe(rubric.version)}），应用决定 ${decisions.file.decisions.length} 条；已决定 ${settled.length} 项，仍待定 ${open.length} 项（其中低把握 ${low} 项） / rubric written with ${decisions.file.decisions.length} decisions: ${settled.length} review entries settled, ${open.length} open (${low} low confidence)`,
    opts.report ? `审核清单 / review list: ${displaySafe(opts.report)}` : "加 --report <review.md> 可写出仍待定事项的审核清单 / add --report <review.md> for the open entries",
  ];
  return { out: lines.join("\n") + "\n" };
}
