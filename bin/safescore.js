#!/usr/bin/env node
// The `safescore` command. Runs the bundled build (dist-cli/, `npm run build:cli`) when present: it starts in
// well under 0.25 s. Otherwise falls back to compiling the TypeScript through tsx on every call (~0.6 s).
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { pathToFileURL } = require("node:url");

const bundle = join(__dirname, "..", "dist-cli", "safescore.mjs");
if (existsSync(bundle)) {
  import(pathToFileURL(bundle).href).catch((e) => {
    process.stderr.write(`内部错误 / internal error: ${String((e && e.message) || e).split("\n")[0]}\n`);
    process.exitCode = 2;
  });
} else {
  if (process.stderr.isTTY) {
    process.stderr.write("（未找到 dist-cli/，经 tsx 运行源码；npm run build:cli 可加快启动） / no dist-cli/: running the sources through tsx (npm run build:cli starts faster)\n");
  }
  // tsx's own command (its CommonJS hook alone would not load the commands' lazy import()s).
  const { spawnSync } = require("node:child_process");
  const main = join(__dirname, "..", "src", "cli", "main.ts");
  const r = spawnSync(process.execPath, [require.resolve("tsx/cli"), main, ...process.argv.slice(2)], { stdio: "inherit" });
  process.exitCode = r.status ?? 2;
}
