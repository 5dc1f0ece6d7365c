/**
 * Carries out scripts/start-plan.ts: `tsx scripts/start.ts <start|workbench|web|stop>`.
 * The dev server keeps running in the foreground until Ctrl+C (or until it exits by itself).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { connect as tlsConnect } from "node:tls";
import { MODES, startPlan, type Mode, type PlanContext, type Step } from "./start-plan";

const ROOT = resolve(__dirname, "..");
const WEBPACK_CLI = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
const READY_TIMEOUT_MS = 300_000;

function fail(message: string): never {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

/** The add-in Id from manifest.xml. */
export function manifestId(xml: string): string {
  const m = /<Id>\s*([0-9a-fA-F-]{36})\s*<\/Id>/.exec(xml);
  if (!m) throw new Error("manifest.xml has no <Id>GUID</Id>");
  return m[1];
}

function isHeadless(): boolean {
  if (process.env.CI) return true;
  if (process.platform === "win32" || process.platform === "darwin") return false;
  return !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}

/** Resolves once something accepts TCP connections on localhost:port. */
function waitForPort(port: number, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  return new Promise((resolvePromise, reject) => {
    let exited = false;
    server.once("exit", (code) => {
      exited = true;
      reject(new Error(`the dev server exited (code ${code}) before it was ready — is port ${port} already in use?`));
    });
    const attempt = () => {
      if (exited) return;
      const socket = netConnect({ host: "localhost", port });
      socket.once("connect", () => {
        socket.destroy();
        resolvePromise();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`the dev server did not listen on port ${port} within ${READY_TIMEOUT_MS / 1000} s`));
        else setTimeout(attempt, 500);
      });
    };
    attempt();
  });
}

/** Whether localhost:port speaks TLS (the dev server falls back to http when it has no certificate). */
function speaksTls(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = tlsConnect({ host: "localhost", port, rejectUnauthorized: false, servername: "localhost" });
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(5000, () => done(false));
    socket.once("secureConnect", () => done(true));
    socket.once("error", () => done(false));
  });
}

let server: ChildProcess | undefined;
let plainHttp = false;

function httpify(text: string): string {
  return plainHttp ? text.replaceAll("https://localhost:", "http://localhost:") : text;
}

async function runStep(step: Step): Promise<void> {
  console.log(`\n▶ ${step.label}`);
  switch (step.kind) {
    case "webpack": {
      const r = spawnSync(process.execPath, [WEBPACK_CLI, ...step.args], { cwd: ROOT, stdio: "inherit" });
      if (r.status !== 0) fail(`webpack ${step.args.join(" ")} failed`);
      return;
    }
    case "serve": {
      server = spawn(process.execPath, [WEBPACK_CLI, ...step.args], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
      await waitForPort(step.port, server).catch((err: Error) => fail(err.message));
      plainHttp = !(await speaksTls(step.port));
      if (plainHttp) console.warn(`\n⚠ 开发服务器使用 http（无证书）/ the dev server is on plain http://localhost:${step.port} (no certificate).`);
      return;
    }
    case "run": {
      const r = spawnSync(step.command, step.args, {
        stdio: "inherit",
        // `cmd /c start "" …` must reach cmd exactly as written.
        windowsVerbatimArguments: step.command === "cmd",
        windowsHide: true,
      });
      if (r.error || r.status !== 0) fail(`${step.command} ${step.args.join(" ")} failed${r.error ? `: ${r.error.message}` : ""}`);
      return;
    }
    case "copy":
      mkdirSync(dirname(step.to), { recursive: true });
      copyFileSync(step.from, step.to);
      console.log(`${step.from} → ${step.to}`);
      return;
    case "remove":
      if (existsSync(step.path)) {
        rmSync(step.path);
        console.log(`removed ${step.path}`);
      } else {
        console.log(`${step.path} is not there; nothing to remove`);
      }
      return;
    case "open": {
      const url = httpify(step.url);
      const args = step.args.map((a) => (a === step.url ? url : a));
      const child = spawn(step.command, args, { stdio: "ignore", detached: true, windowsVerbatimArguments: step.command === "cmd", windowsHide: true });
      child.on("error", () => console.log(`could not open a browser; open ${url} yourself`));
      child.unref();
      console.log(url);
      return;
    }
    case "print":
      console.log(httpify(step.text));
      return;
  }
}

async function main() {
  const mode = (process.argv[2] ?? "start") as Mode;
  if (!MODES.includes(mode)) fail(`usage: tsx scripts/start.ts <${MODES.join("|")}>`);
  const manifestPath = join(ROOT, "manifest.xml");
  const ctx: PlanContext = { addinId: manifestId(readFileSync(manifestPath, "utf8")), manifestPath, home: homedir(), headless: isHeadless() };

  const stopServer = () => {
    if (server && server.exitCode === null) server.kill();
  };
  process.on("SIGINT", () => {
    stopServer();
    process.exit(130);
  });
  process.on("SIGTERM", () => {
    stopServer();
    process.exit(143);
  });

  for (const step of startPlan(process.platform, mode, ctx)) await runStep(step);

  if (server) {
    console.log("\n开发服务器运行中，按 Ctrl+C 停止。/ The dev server is running; Ctrl+C stops it.");
    server.on("exit", (code) => process.exit(code ?? 0));
  }
}

if (require.main === module) {
  main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
}
