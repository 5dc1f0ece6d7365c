/**
 * Why a pane action failed, as a code the pane chooses its words by (never by matching message text).
 * `withCodes` wraps any PaneActions so that everything they throw — or report to watch's onError — is a
 * PaneError with a code; the original message stays as detail.
 */
import { WorkbookError } from "../layout/read";
import type { PaneActions } from "./App";
import { t, type Locale } from "../i18n";

export const PANE_ERROR_CODES = [
  "editing", "timeout", "deleted", "no-table", "has-table", "unreadable", "excel",
  "not-safescore", "unknown-rubric", "old-version", "damaged", "needs-excel", "internal",
  // 开始核定: the table is already reviewed; or it cannot be (a checklist has no scores).
  "reviewed", "not-reviewable",
] as const;
export type PaneErrorCode = (typeof PANE_ERROR_CODES)[number];

export class PaneError extends Error {
  constructor(readonly code: PaneErrorCode, message: string) {
    super(message);
    this.name = "PaneError";
  }
}

const isCode = (c: unknown): c is PaneErrorCode => typeof c === "string" && (PANE_ERROR_CODES as readonly string[]).includes(c);

/** The code of anything an action may throw: a PaneError or ExcelProblem's own code, a WorkbookError's reason. */
export function paneErrorCode(e: unknown): PaneErrorCode {
  if (e instanceof WorkbookError) {
    return e.reason === "not-safescore" ? "not-safescore" : e.reason === "unknown-rubric" ? "unknown-rubric" : e.reason === "rubric-version" ? "old-version" : "damaged";
  }
  const code = (e as { code?: unknown } | null)?.code;
  return isCode(code) ? code : "internal";
}

export function toPaneError(e: unknown): PaneError {
  if (e instanceof PaneError) return e;
  return new PaneError(paneErrorCode(e), e instanceof Error ? e.message : String(e));
}

/** The same actions, throwing only PaneErrors. */
export function withCodes(actions: PaneActions): PaneActions {
  const wrap = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    try {
      return await f(...a);
    } catch (e) {
      throw toPaneError(e);
    }
  };
  return {
    inspect: wrap(actions.inspect),
    insert: wrap(actions.insert),
    update: wrap(actions.update),
    read: wrap(actions.read),
    select: wrap(actions.select),
    watch: wrap((onResult, onError) => actions.watch(onResult, (e) => onError(toPaneError(e)))),
    ...(actions.downloadTemplate ? { downloadTemplate: wrap(actions.downloadTemplate) } : {}),
    ...(actions.startReview ? { startReview: wrap(actions.startReview) } : {}),
    ...(actions.writeConsolidation ? { writeConsolidation: wrap(actions.writeConsolidation) } : {}),
  };
}

/** Codes whose message carries a detail worth showing (what Excel said, what is damaged). */
const DETAIL = new Set<PaneErrorCode>(["unreadable", "excel", "damaged", "internal", "not-reviewable"]);

/** What the pane says for an error, chosen by its code. */
export function errorText(e: unknown, locale: Locale): { intent: "info" | "error"; text: string } {
  const err = toPaneError(e);
  const words = t(`error.${err.code}`, locale);
  return { intent: err.code === "editing" ? "info" : "error", text: DETAIL.has(err.code) ? `${words}：${err.message}` : words };
}
