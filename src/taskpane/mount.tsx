/** Renders the pane with given actions: shared by the add-in (Office.js) and the workbench (in-memory host). */
import { createRoot } from "react-dom/client";
import { FluentProvider } from "@fluentui/react-components";
import { loadShippedRubrics, shippedRubrics } from "../rubric/library";
import type { Rubric } from "../rubric/schema";
import { pickLocale } from "../i18n";
import { App, type PaneActions } from "./App";
import { consolidationWorker } from "./consolidate-worker-url";
import { themeFor } from "./theme";
import { withCodes } from "./errors";

export async function downloadTemplate(rubric: Rubric, variant: string | undefined, unit: string | undefined): Promise<string> {
  // ExcelJS is large: load it only when a file is asked for.
  return (await import(/* webpackChunkName: "xlsx" */ "../xlsx/download")).downloadTemplate(rubric, variant, unit);
}

export function mountPane(element: HTMLElement, actions: PaneActions, opts: { language?: string; background?: string; readDelayMs?: number }) {
  const locale = pickLocale(opts.language);
  document.documentElement.lang = locale;
  const root = createRoot(element);
  // The rubrics come in their own script (rubric/shipped.ts), fetched while the pane's script starts.
  void loadShippedRubrics().then(() =>
    root.render(
      <FluentProvider theme={themeFor(opts.background)} style={{ minHeight: "100vh" }}>
        <App rubrics={shippedRubrics()} locale={locale} actions={withCodes(actions)} consolidate={{ makeWorker: consolidationWorker, readDelayMs: opts.readDelayMs }} />
      </FluentProvider>,
    ),
  );
}
