/**
 * `npm run build:cli`: the bundled command line in dist-cli/, which bin/safescore.js runs when present.
 *
 * ES modules with code splitting, not one CommonJS file: a single 4 MB bundle (ExcelJS, zod, the rubrics)
 * costs ~0.25 s just to parse on every call; split, `safescore --help` parses ~40 KB and each command loads
 * its own chunks when it runs (`rubrics` never loads ExcelJS). The rubrics' JSON goes beside the bundle,
 * validated here (shippedRubrics).
 *
 * The pool's workers are apart, one CommonJS file each: read-worker.cjs, and read-worker-rubrics.cjs with
 * --rubric (it loads zod to validate rubric files). A worker that imported an ES module graph started
 * ~30 ms later: Node's ESM loader to load, two dozen chunks to read and link.
 */
import { build, type BuildOptions, type Plugin } from "esbuild";
import { readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parseRubric } from "../src/rubric/load";

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

/**
 * A shipped rubric file as the bundle has it: the JSON text of what parseRubric returns for it, and only if
 * that equals the file. The command line takes it without validating again (src/rubric/shipped-file-cli.ts),
 * so a file that parseRubric would change (a text it trims, a default it fills in) or refuse fails the build.
 */
export function bundledRubricText(text: string, file: string): string {
  const json: unknown = JSON.parse(text);
  const bundled = JSON.stringify(parseRubric(json, file));
  if (!isDeepStrictEqual(JSON.parse(bundled), json)) {
    throw new Error(`${file}: validating changes this rubric (a trimmed text? a default?); the command line bundles it as it is validated, so it must not`);
  }
  return bundled;
}

/**
 * The shipped rubrics as validated JSON files in dist-cli/rubrics/ (an import gives the file's path), read by
 * shipped-file-cli.ts in place of shipped-file.ts. `validated` holds each file's text for the builds of one
 * buildCli, which import the same rubrics: each is validated once.
 */
const shippedRubrics = (validated: Map<string, string>): Plugin => ({
  name: "shipped-rubrics",
  setup(b) {
    b.onLoad({ filter: /[\\/]rubrics[\\/](archive[\\/])?[^\\/]+\.json$/ }, ({ path }) => {
      let contents = validated.get(path);
      if (contents === undefined) validated.set(path, (contents = bundledRubricText(readFileSync(path, "utf8"), relative(root, path))));
      return { contents, loader: "file" };
    });
    b.onResolve({ filter: /^\.\/shipped-file$/ }, ({ resolveDir }) => ({ path: join(resolveDir, "shipped-file-cli.ts") }));
  },
});

/** Node's SHA-256 for noble's (src/text/sha256-node.ts). */
const nodeSha256: Plugin = {
  name: "node-sha256",
  setup(b) {
    b.onResolve({ filter: /^@noble\/hashes\/sha256$/ }, () => ({ path: join(root, "src", "text", "sha256-node.ts") }));
  },
};

/** Builds into `outdir` (dist-cli/ by default; the tests build into a temporary folder). */
export async function buildCli(outdir = CLI_OUTDIR): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  const common: BuildOptions = {
    absWorkingDir: root,
    outdir,
    bundle: true,
    platform: "node",
    target: "node20",
    minify: process.env.SAFESCORE_NO_MINIFY ? false : true,
    legalComments: "none",
    // Loaded from node_modules: piscina starts its threads from its own worker.js, beside its own files; and
    // ExcelJS's zip writer (archiver) calls new Buffer(), which Node warns about on stderr for any code that
    // is not under node_modules — as it would be, bundled.
    external: ["piscina", "exceljs"],
    plugins: [shippedRubrics(new Map()), nodeSha256],
    assetNames: "rubrics/[name]-[hash]",
    logLevel: "warning",
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: { safescore: "src/cli/run.ts" },
      splitting: true,
      format: "esm",
      outExtension: { ".js": ".mjs" },
      chunkNames: "[name]-[hash]",
      banner: { js: banner },
    }),
    build({
      ...common,
      entryPoints: { "read-worker": "src/consolidate/read-worker.ts", "read-worker-rubrics": "src/consolidate/read-worker-rubrics.ts" },
      format: "cjs",
      outExtension: { ".js": ".cjs" },
    }),
  ]);
}

if (require.main === module) {
  buildCli().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
