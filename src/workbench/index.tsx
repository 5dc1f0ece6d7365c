/**
 * The workbench: the real task pane beside an in-memory Excel workbook (src/host), for trying SafeScore
 * anywhere and for browser tests. `?latency=200` imitates Excel on the web; `?api=1.14` an older Excel.
 */
// First: zod must be jitless before any schema is made (the pane's CSP has no 'unsafe-eval').
import "../text/zod-jitless";
import { createRoot } from "react-dom/client";
import { createHost } from "../host";
import { createSession } from "../excel/session";
import { downloadTemplate, mountPane } from "../taskpane/mount";
import { Grid } from "./Grid";
import { downloadModel } from "./download";
import { pickLocale } from "../i18n";

const params = new URLSearchParams(location.search);
const host = createHost({ latencyMs: Number(params.get("latency") ?? 0), apiVersion: params.get("api") ?? "1.18", displayLanguage: params.get("lang") ?? "zh-CN" });
host.install(window);
// For tests and curious people: the host's counters and model.
(window as unknown as { safescoreHost: typeof host }).safescoreHost = host;

const locale = pickLocale(params.get("lang") ?? "zh-CN");
document.documentElement.lang = locale;
createRoot(document.getElementById("grid")!).render(<Grid host={host} locale={locale} onDownload={() => downloadModel(host)} />);
// ?readDelay=ms slows the 汇总 worker per file, so a browser test can cancel a run half way (tests only).
mountPane(document.getElementById("pane")!, { ...createSession(), downloadTemplate }, { language: params.get("lang") ?? "zh-CN", readDelayMs: Number(params.get("readDelay") ?? 0) || undefined });
