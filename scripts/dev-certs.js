/*
 * HTTPS for the webpack dev server: the localhost certificate from office-addin-dev-certs, whose CA
 * Office trusts once it is installed. Getting it never hangs: office-addin-dev-certs runs in a child
 * process with no terminal and no standard input (so a sudo password prompt fails at once instead of
 * waiting) and a time limit (a Windows/macOS trust dialog left unanswered). If the certificate cannot
 * be created or installed — no admin rights, CI, no sudo, the user said no — the server falls back to
 * plain http with a loud banner.
 *
 *   devServerTransport()  → webpack-dev-server `server` option: { type: "https", options } or "http"
 *   node scripts/dev-certs.js --child   (internal) runs office-addin-dev-certs, prints a marker line
 *
 * SAFESCORE_HTTP=1 skips the certificates and serves http on purpose.
 */
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const MARKER = "SAFESCORE_DEV_CERTS_OK";
const TIMEOUT_MS = 120_000;

/** Where office-addin-dev-certs keeps its files (its lib/defaults.js). */
function certPaths() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  return { ca: path.join(dir, "ca.crt"), cert: path.join(dir, "localhost.crt"), key: path.join(dir, "localhost.key") };
}

function banner(reason) {
  const line = "!".repeat(78);
  console.warn(
    [
      "",
      line,
      "!! 开发证书不可用：开发服务器改用明文 http://localhost:3000（不是 https）。",
      "!! Dev certificates unavailable: the dev server is serving PLAIN HTTP on http://localhost:3000.",
      "!!",
      "!! Excel 只从 https 加载加载项（manifest.xml 指向 https://localhost:3000），工作台在 http 下可用。",
      "!! Excel loads add-ins over https only (manifest.xml points at https://localhost:3000); the",
      "!! workbench works over http.",
      "!!",
      `!! 原因 / reason: ${reason}`,
      "!! 修复 / fix: npx office-addin-dev-certs install   (needs admin rights / sudo), then restart.",
      line,
      "",
    ].join("\n"),
  );
}

/** Why not to try at all, or null. */
function skipReason() {
  if (process.env.SAFESCORE_HTTP === "1") return "SAFESCORE_HTTP=1";
  if (process.env.CI) return "running in CI (CI is set): not installing a certificate authority";
  return null;
}

/** Runs `node scripts/dev-certs.js --child` without a terminal; resolves when the certificates are in place. */
function runChild(timeoutMs) {
  return new Promise((resolve, reject) => {
    const windows = process.platform === "win32";
    const child = spawn(process.execPath, [__filename, "--child"], {
      stdio: ["ignore", "pipe", "pipe"],
      // A new session has no controlling terminal, so `sudo` cannot ask for a password and fails fast.
      detached: !windows,
      windowsHide: true,
    });
    let output = "";
    const collect = (chunk) => {
      output += chunk.toString();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(() => {
      try {
        if (windows) child.kill();
        else process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
      reject(new Error(`office-addin-dev-certs did not finish within ${Math.round(timeoutMs / 1000)} s (a trust prompt left unanswered?)`));
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const lines = output.trim().split(/\r?\n/).filter((l) => l && !l.includes(MARKER));
      if (code === 0 && output.includes(MARKER)) {
        for (const l of lines) console.log(`[dev-certs] ${l}`);
        resolve();
      } else {
        const tail = lines.slice(-3).join(" | ") || `exit code ${code}`;
        reject(new Error(tail));
      }
    });
  });
}

/** The webpack-dev-server `server` option: https with the Office dev certificate, or "http". */
async function devServerTransport({ timeoutMs = TIMEOUT_MS } = {}) {
  const skip = skipReason();
  if (skip) {
    banner(skip);
    return "http";
  }
  try {
    await runChild(timeoutMs);
    const p = certPaths();
    return { type: "https", options: { ca: fs.readFileSync(p.ca), cert: fs.readFileSync(p.cert), key: fs.readFileSync(p.key) } };
  } catch (err) {
    banner(err instanceof Error ? err.message : String(err));
    return "http";
  }
}

async function child() {
  // Verifies the installed certificates; creates and installs them (CA into the user's trust store) if needed.
  const { ensureCertificatesAreInstalled } = require("office-addin-dev-certs");
  await ensureCertificatesAreInstalled();
  const p = certPaths();
  for (const f of [p.ca, p.cert, p.key]) if (!fs.existsSync(f)) throw new Error(`missing ${f}`);
  console.log(MARKER);
}

module.exports = { devServerTransport, certPaths };

if (require.main === module && process.argv.includes("--child")) {
  child().then(
    () => process.exit(0),
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
