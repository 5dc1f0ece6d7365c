/**
 * `npx tsx scripts/startup-time.ts [runs]`: the median wall time of `node bin/safescore.js rubrics` and of a
 * bare `node -e 0` (hyperfine may not be installed). Run `npm run build:cli` first to time the bundle.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function startupMs(args: string[], runs = 15): number {
  const times: number[] = [];
  for (let k = 0; k < runs + 2; k++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited ${r.status}: ${r.stderr}`);
    if (k >= 2) times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

if (require.main === module) {
  const runs = Number(process.argv[2] ?? 15);
  const bin = join(__dirname, "..", "bin", "safescore.js");
  console.log(`node -e 0:                     ${startupMs(["-e", "0"], runs).toFixed(0)} ms`);
  console.log(`safescore rubrics:             ${startupMs([bin, "rubrics"], runs).toFixed(0)} ms`);
  console.log(`safescore rubrics --json:      ${startupMs([bin, "rubrics", "--json"], runs).toFixed(0)} ms`);
  console.log(`safescore --help:              ${startupMs([bin, "--help"], runs).toFixed(0)} ms`);
}
