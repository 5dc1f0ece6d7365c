/** Browser tests: a production build of the task pane served on loopback, driven in Debian's Chromium. */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize, relative } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { findChromium } from "./tools";

const ROOT = join(__dirname, "..", "..");

/** What the task pane's build reads, besides node_modules (whose versions package-lock.json fixes). */
const BUILD_INPUTS = ["src", "assets", "rubrics", "schemes", "scripts", "manifest.xml", "webpack.config.js", "tsconfig.json", "package.json", "package-lock.json"];
const BUILD_PREFIX = "safescore-taskpane-";

/** A digest of every build input's path and bytes: equal digests, equal builds. */
function buildInputsDigest(): string {
  const hash = createHash("sha256");
  const add = (path: string) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) add(join(path, name));
      return;
    }
    hash.update(`${relative(ROOT, path)}\0`);
    hash.update(readFileSync(path));
    hash.update("\0");
  };
  for (const input of BUILD_INPUTS) if (existsSync(join(ROOT, input))) add(join(ROOT, input));
  return hash.digest("hex").slice(0, 16);
}

/**
 * A production build of the task pane, made once for the sources as they are and reused by every browser test
 * file (six of them each spent ~40 s building the same bundle on the 2-core CI machine): kept in the temporary
 * folder under the digest of its inputs, so a changed source makes a new one. Builds of other sources older
 * than a day are removed.
 */
export function buildTaskpane(): string {
  const out = join(tmpdir(), `${BUILD_PREFIX}${buildInputsDigest()}`);
  if (existsSync(join(out, ".complete"))) return out;
  const building = mkdtempSync(`${out}-building-`);
  execFileSync(process.execPath, [join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production", "--output-path", building], { cwd: ROOT, stdio: "pipe" });
  writeFileSync(join(building, ".complete"), "");
  try {
    renameSync(building, out);
  } catch (e) {
    // Another test process finished the same build first: use its.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(out, ".complete"))) throw e;
  }
  for (const name of readdirSync(tmpdir())) {
    const path = join(tmpdir(), name);
    if (name.startsWith(BUILD_PREFIX) && path !== out && Date.now() - statSync(path).mtimeMs > 86_400_000) rmSync(path, { recursive: true, force: true });
  }
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
  let server: Server | undefined;
  beforeAll(async () => {
    const served = await serve(buildTaskpane());
    server = served.server;
    fixture.url = served.url;
    fixture.browser = await launchChromium();
    mkdirSync(fixture.artifacts, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await fixture.browser?.close();
    server?.close();
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
