/**
 * The command line in a fresh node with a 256 MB heap, as an office runs it on a folder of returns: one
 * process scores every file in turn, so its peak RSS bounds the whole run. Sources load through tsx (its
 * ES-module hook too: the CLI's commands load lazily).
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export interface ChildRun {
  file: string;
  code: number;
  out: string;
  err: string;
  ms: number;
}

/** Runs `safescore <command> <file> <after…>` for each file; the child's stderr must stay empty. */
export function cliInFreshNode(command: string, files: string[], after: string[] = [], timeout = 120_000): { results: ChildRun[]; maxRssMB: number; stderr: string } {
  const script = `
    const { main } = require("./src/cli/main.ts");
    const [command, after, ...files] = [process.argv[1], JSON.parse(process.argv[2]), ...process.argv.slice(3)];
    (async () => {
      const results = [];
      for (const file of files) {
        let out = "", err = "";
        const t0 = Date.now();
        const code = await main([command, file, ...after], (s) => (out += s), (s) => (err += s));
        results.push({ file, code, out, err, ms: Date.now() - t0 });
      }
      console.log(JSON.stringify({ results, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
    })();`;
  const r = spawnSync(process.execPath, ["--max-old-space-size=256", "--import", "tsx", "-e", script, command, JSON.stringify(after), ...files], {
    cwd: resolve(__dirname, "..", ".."),
    encoding: "utf8",
    timeout,
  });
  if (r.status !== 0) throw new Error(`the child exited ${r.status}: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout.trim().split("\n").pop()!) as { results: ChildRun[]; maxRssMB: number }), stderr: r.stderr };
}
