/**
 * `safescore import <table.txt|table.docx|table.xlsx> -o <rubric.json> [--report <review.md>]`: the thin
 * adapter around src/import (reads the file, writes the drafts and the review). Loaded only by `import`.
 * A file holding several scoring tables (001: 附件2, 附件3, 附件4) gives one draft each, named
 * `<rubric>-附件2.json` …; the review covers them all.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { ImportError, idFrom, importTable, kindOf } from "../import";
import { reviewMarkdown } from "../import/review";
import { IMPORT_LIMITS } from "../import/table";
import { displaySafe } from "../text/display";
import { fsErrorLine } from "../text/fs-error";
import { FileError, UsageError } from "./errors";

function fileError(path: string, e: unknown, doing: "read" | "write" = "read"): Error {
  const line = fsErrorLine(path, e, doing);
  return line ? new FileError(path, line) : (e as Error);
}

/** The output path of part `k` of `n`: the path itself when there is one part. */
export function partPath(out: string, part: string | undefined, k: number, n: number): string {
  if (n === 1) return out;
  const suffix = (part ?? String(k + 1)).replace(/[\\/:*?"<>|\s]+/g, "");
  return /\.json$/i.test(out) ? out.replace(/\.json$/i, `-${suffix}.json`) : `${out}-${suffix}`;
}

export function importCommand(file: string, opts: { out?: string; report?: string }): { out: string } {
  const kind = kindOf(file);
  if (!kind) throw new UsageError(`import 只读 .txt、.docx 或 .xlsx 文件 / import reads a .txt, .docx or .xlsx file: ${displaySafe(file)}`);
  if (!opts.out) throw new UsageError("缺少 -o <rubric.json> / missing -o <rubric.json>");
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
