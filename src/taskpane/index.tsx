/** The add-in's entry: in Excel, the pane works on the open workbook; in a plain browser, it offers the .xlsx. */
// First: zod must be jitless before any schema is made (the pane's CSP has no 'unsafe-eval').
import "../text/zod-jitless";
import { createSession } from "../excel/session";
import { t, pickLocale } from "../i18n";
import { PaneError } from "./errors";
import { downloadTemplate, mountPane } from "./mount";
import type { PaneActions } from "./App";

const root = document.getElementById("root")!;

function outsideExcel(): PaneActions {
  const locale = pickLocale(navigator.language);
  const needsExcel = async (): Promise<never> => {
    throw new PaneError("needs-excel", t("needsExcel", locale));
  };
  return {
    inspect: async () => ({ kind: "empty" }),
    insert: needsExcel,
    update: needsExcel,
    startReview: needsExcel,
    read: needsExcel,
    select: needsExcel,
    watch: needsExcel,
    writeConsolidation: needsExcel,
    downloadTemplate,
  };
}

function start(inExcel: boolean) {
  if (!inExcel) {
    mountPane(root, outsideExcel(), { language: navigator.language });
    return;
  }
  const session = createSession();
  mountPane(root, { ...session, downloadTemplate }, { language: Office.context.displayLanguage, background: Office.context.officeTheme?.bodyBackgroundColor });
}

// Office.js comes from Microsoft's CDN; without it (a plain browser, no network) the pane still works offline.
if (typeof Office !== "undefined" && Office.onReady) {
  Office.onReady((info) => start(info.host === Office.HostType.Excel));
} else {
  start(false);
}
