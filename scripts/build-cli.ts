/**
 * `npm run build:cli`: the bundled command line in dist-cli/, which bin/safescore.js runs when present.
 *
 * ES modules with code splitting, not one CommonJS file: a single 4 MB bundle (ExcelJS, zod, the rubrics)
 * costs ~0.25 s just to parse on every call; split, `safescore --help` parses ~40 KB and each command loads
 * its own chunks when it runs (`rubrics` never loads ExcelJS). The rubrics' JSON is bundled in. Two entries:
 * the command line (safescore.mjs) and the pool's worker (read-worker.mjs), which share chunks.
 */
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
export const CLI_OUTDIR = join(root, "dist-cli");

// Bundled CommonJS dependencies call require() and the sources use __dirname: give each chunk both.
const banner = [
  `import { createRequire as __ssCreateRequire } from "node:module";`,
  `import { fileURLToPath as __ssFileURLToPath } from "node:url";`,
  `import { dirname as __ssDirname } from "node:path";`,
  `const require = __ssCreateRequire(import.meta.url);`,
  `const __filename = __ssFileURLToPath(import.meta.url);`,
  `const __dirname = __ssDirname(__filename);`,
].join("\n");

/** Builds into `outdir` (dist-cli/ by default; the tests build into a temporary folder). */
export async function buildCli(outdir = CLI_OUTDIR): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { safescore: "src/cli/run.ts", "read-worker": "src/consolidate/read-worker.ts" },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    minify: process.env.SAFESCORE_NO_MINIFY ? false : true,
    outExtension: { ".js": ".mjs" },
    chunkNames: "[name]-[hash]",
    banner: { js: banner },
    legalComments: "none",
    // Loaded from node_modules: piscina starts its threads from its own worker.js, beside its own files; and
    // ExcelJS's zip writer (archiver) calls new Buffer(), which Node warns about on stderr for any code that
    // is not under node_modules — as it would be, bundled.
    external: ["piscina", "exceljs"],
    logLevel: "warning",
  });
}

if (require.main === module) {
  buildCli().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
