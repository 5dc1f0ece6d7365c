/**
 * What `npm start` / `start:workbench` / `start:web` / `stop` do on each OS, as data. Pure: the same
 * platform, mode and context always give the same steps; scripts/start.ts carries them out.
 *
 * - start on Windows: dev build, https dev server, register the manifest for sideloading under
 *   HKCU\Software\Microsoft\Office\16.0\WEF\Developer (value name = add-in Id, data = manifest path), launch Excel.
 * - start on macOS: dev build, https dev server, copy the manifest into Excel's wef folder, open Excel.
 * - start elsewhere, and workbench anywhere: dev server, then open (or, headless, print) the workbench URL.
 * - web: dev server, then print the steps to upload the manifest in Excel on the web (Chinese, then English).
 * - stop: undo the sideload (delete the registry value / the copied manifest).
 */

export type Mode = "start" | "workbench" | "web" | "stop";
export const MODES: readonly Mode[] = ["start", "workbench", "web", "stop"];

export interface PlanContext {
  /** The add-in's <Id> from manifest.xml. */
  addinId: string;
  /** Absolute path of manifest.xml, in the platform's own form (C:\… on Windows). */
  manifestPath: string;
  /** The user's home folder. */
  home: string;
  /** No display to open a browser on (CI, SSH, a Linux box without X/Wayland): print URLs instead. */
  headless: boolean;
}

export type Step =
  /** Run webpack (node_modules/webpack-cli) with these arguments and wait for it. */
  | { kind: "webpack"; label: string; args: string[] }
  /** Start the dev server (webpack serve) in the background and wait until it accepts connections. */
  | { kind: "serve"; label: string; args: string[]; port: number }
  /** Run a program and wait for it; a non-zero exit stops the plan. */
  | { kind: "run"; label: string; command: string; args: string[] }
  /** Copy a file, creating the target folder. */
  | { kind: "copy"; label: string; from: string; to: string }
  /** Delete a file if it exists. */
  | { kind: "remove"; label: string; path: string }
  /** Open a URL in the default browser without waiting. */
  | { kind: "open"; label: string; url: string; command: string; args: string[] }
  /** Print text. */
  | { kind: "print"; label: string; text: string };

export const PORT = 3000;
export const ORIGIN = `https://localhost:${PORT}`;
export const WORKBENCH_URL = `${ORIGIN}/workbench.html`;
export const TASKPANE_URL = `${ORIGIN}/taskpane.html`;
/** Excel's developer sideload key on Windows (per user). */
export const WEF_DEVELOPER_KEY = "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer";

/** Excel for Mac's sideload folder. */
export function macWefFolder(home: string): string {
  return `${home}/Library/Containers/com.microsoft.Excel/Data/Documents/wef`;
}

/** The name the manifest gets in the wef folder (so `stop` finds it again). */
export function macWefManifest(ctx: Pick<PlanContext, "home" | "addinId">): string {
  return `${macWefFolder(ctx.home)}/${ctx.addinId}.manifest.xml`;
}

const serve: Step = { kind: "serve", label: "dev server", args: ["serve", "--mode", "development"], port: PORT };
const devBuild: Step = { kind: "webpack", label: "development build", args: ["--mode", "development"] };

/** How to open a URL in the default browser on each platform. */
export function openCommand(platform: string, url: string): { command: string; args: string[] } {
  if (platform === "win32") return { command: "cmd", args: ["/c", "start", '""', url] };
  if (platform === "darwin") return { command: "open", args: [url] };
  return { command: "xdg-open", args: [url] };
}

function openWorkbench(platform: string, ctx: PlanContext): Step {
  if (ctx.headless) {
    return {
      kind: "print",
      label: "workbench URL",
      text: `工作台 / Workbench: ${WORKBENCH_URL}\n（无图形界面，请在浏览器中打开上面的地址 / no display here: open this URL in a browser）`,
    };
  }
  return { kind: "open", label: "open the workbench", url: WORKBENCH_URL, ...openCommand(platform, WORKBENCH_URL) };
}

/** The Excel on the web upload steps, Chinese first, then English. */
export function webInstructions(manifestPath: string): string {
  return [
    "在 Excel 网页版中加载 SafeScore：",
    `  1. 保持本窗口运行（开发服务器 ${ORIGIN}）。先在同一浏览器中打开 ${TASKPANE_URL}，确认页面能打开（证书受信任）。`,
    "  2. 在 Excel 网页版中打开或新建一个工作簿。",
    "  3. 依次点击 插入 → 加载项（Office 加载项）→ 上传我的加载项。",
    `  4. 选择清单文件：${manifestPath}，点击“上传”。`,
    "  5. 在“开始”选项卡上点击“考核自评”打开任务窗格。",
    "",
    "Load SafeScore in Excel on the web:",
    `  1. Keep this window running (dev server ${ORIGIN}). First open ${TASKPANE_URL} in the same browser to check it loads (certificate trusted).`,
    "  2. Open or create a workbook in Excel on the web.",
    "  3. Choose Insert → Add-ins (Office Add-ins) → Upload My Add-in.",
    `  4. Pick the manifest: ${manifestPath}, then Upload.`,
    "  5. On the Home tab, click Self-assessment (考核自评) to open the pane.",
  ].join("\n");
}

/** The steps for one platform (process.platform) and mode. */
export function startPlan(platform: string, mode: Mode, ctx: PlanContext): Step[] {
  if (mode === "stop") return stopPlan(platform, ctx);
  if (mode === "web") {
    return [serve, { kind: "print", label: "Excel on the web", text: webInstructions(ctx.manifestPath) }];
  }
  if (mode === "start" && platform === "win32") {
    return [
      devBuild,
      serve,
      {
        kind: "run",
        label: "sideload the manifest (registry)",
        command: "reg",
        args: ["add", WEF_DEVELOPER_KEY, "/v", ctx.addinId, "/t", "REG_SZ", "/d", ctx.manifestPath, "/f"],
      },
      { kind: "run", label: "launch Excel", command: "cmd", args: ["/c", "start", '""', "excel"] },
      {
        kind: "print",
        label: "next",
        text: "Excel 已启动：在“开始”选项卡上点击“考核自评”。结束后运行 npm run stop 取消旁加载。\nExcel is starting: click Self-assessment (考核自评) on the Home tab. Run `npm run stop` afterwards to remove the sideload.",
      },
    ];
  }
  if (mode === "start" && platform === "darwin") {
    return [
      devBuild,
      serve,
      { kind: "copy", label: "sideload the manifest (wef folder)", from: ctx.manifestPath, to: macWefManifest(ctx) },
      { kind: "run", label: "launch Excel", command: "open", args: ["-a", "Microsoft Excel"] },
      {
        kind: "print",
        label: "next",
        text: "Excel 已启动：插入 → 加载项 → 我的加载项 → 开发人员加载项 中选择 SafeScore（Excel 已在运行时需先退出再启动）。结束后运行 npm run stop。\nExcel is starting: Insert → Add-ins → My Add-ins → Developer Add-ins → SafeScore (quit and restart Excel if it was already running). Run `npm run stop` afterwards.",
      },
    ];
  }
  const steps: Step[] = [];
  if (mode === "start") {
    steps.push({
      kind: "print",
      label: "no desktop Excel",
      text: `桌面版 Excel 只在 Windows 和 macOS 上运行（当前系统：${platform}），改为打开工作台。要在 Excel 网页版中试用，请运行 npm run start:web。\nDesktop Excel runs on Windows and macOS only (this is ${platform}): opening the workbench instead. For Excel on the web, run \`npm run start:web\`.`,
    });
  }
  steps.push(serve, openWorkbench(platform, ctx));
  return steps;
}

/** Undo what `start` registered on this platform. */
export function stopPlan(platform: string, ctx: PlanContext): Step[] {
  if (platform === "win32") {
    return [{ kind: "run", label: "remove the sideload (registry)", command: "reg", args: ["delete", WEF_DEVELOPER_KEY, "/v", ctx.addinId, "/f"] }];
  }
  if (platform === "darwin") {
    return [{ kind: "remove", label: "remove the sideload (wef folder)", path: macWefManifest(ctx) }];
  }
  return [{ kind: "print", label: "nothing to remove", text: `${platform}: npm start 不旁加载任何东西，无需清理。/ npm start sideloads nothing here; nothing to remove.` }];
}
