/** Browser tests: a production build of the task pane served on loopback, driven in Debian's Chromium. */
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { findChromium } from "./tools";

const ROOT = join(__dirname, "..", "..");

/** Builds the task pane once per test file into a temporary folder. */
export function buildTaskpane(): string {
  const out = mkdtempSync(join(tmpdir(), "safescore-dist-"));
  execFileSync(process.execPath, [join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production", "--output-path", out], { cwd: ROOT, stdio: "pipe" });
  return out;
}

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml" };

/** Serves a folder on 127.0.0.1 (a free port); resolves to its base URL. */
export function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(join(dir, decodeURIComponent((req.url ?? "/").split("?")[0])));
    if (!path.startsWith(dir) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
    createReadStream(path).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium()!,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Registers beforeAll/afterAll that build the pages, serve them and start Chromium; call inside a describe.
 * The returned object's fields are set once beforeAll has run.
 */
export function browserFixture(): { url: string; browser: Browser; artifacts: string } {
  const fixture = { url: "", browser: undefined as unknown as Browser, artifacts: join(ROOT, "test-results") };
  let dist = "";
  let server: Server | undefined;
  beforeAll(async () => {
    dist = buildTaskpane();
    const served = await serve(dist);
    server = served.server;
    fixture.url = served.url;
    fixture.browser = await launchChromium();
    mkdirSync(fixture.artifacts, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await fixture.browser?.close();
    server?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });
  return fixture;
}

/** Types `text` into a cell of the workbench's grid, as a user would (click, edit box, Enter). */
export async function typeInto(page: Page, address: string, text: string): Promise<void> {
  await page.locator(`#grid td[data-address="${address}"]`).click();
  const input = page.getByLabel(`编辑 ${address}`);
  await input.fill(text);
  await input.press("Enter");
}
