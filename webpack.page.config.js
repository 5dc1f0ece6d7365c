/*
 * The offline page dist/safescore.html: ONE file that opens from file:// (a USB stick, a shared folder) and
 * makes no network request. One chunk (dynamic imports stay in it), its script inlined into the HTML and
 * allowed by its sha256 in the page's Content-Security-Policy, which the build writes. The Web Worker that
 * reads returns is the same script, started from a Blob URL (src/page/index.tsx), so nothing else ships.
 * Run after the pane's build (`npm run build`): it adds safescore.html to dist/ without cleaning it.
 */
const path = require("node:path");
const crypto = require("node:crypto");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { optimize } = require("webpack");

/** Where the template asks for the scripts' hashes in its CSP meta. */
const HASHES = "__SCRIPT_HASHES__";

/**
 * Inlines the page's script into its HTML (html-webpack-plugin's hooks) and puts the sha256 of every inline
 * script in the CSP: no 'unsafe-inline' for scripts. The hashes are taken from the HTML as it is finally
 * emitted (the last processAssets stage: after any minimizer has touched it), and the .js asset is dropped:
 * the HTML is the whole page.
 */
class InlineScriptPlugin {
  constructor(htmlFile) {
    this.htmlFile = htmlFile;
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("InlineScriptPlugin", (compilation) => {
      const inlined = new Set();
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTagGroups.tap("InlineScriptPlugin", (data) => {
        for (const tag of [...data.headTags, ...data.bodyTags]) {
          if (tag.tagName !== "script" || !tag.attributes.src) continue;
          const name = decodeURIComponent(String(tag.attributes.src)).replace(/^\.?\//, "");
          const asset = compilation.getAsset(name);
          if (!asset) throw new Error(`InlineScriptPlugin: no asset ${name}`);
          // The minimizer moved the libraries' license comments to a .LICENSE.txt beside the script: a page that
          // travels alone carries them inline instead, where the banner pointing to that file was.
          let code = asset.source.source().toString();
          for (const license of [asset.info.related?.license ?? []].flat()) {
            const text = compilation.getAsset(license)?.source.source().toString();
            if (text) code = code.replace(/^\/\*! For license information please see [^*]*\*\/\n?/, () => `${text.trim()}\n`);
          }
          // "</script" would end the element early; "<\/script" means the same inside any JS string or regex.
          tag.innerHTML = code.replace(/<\/(script)/gi, "<\\/$1");
          // "<!--" then "<script" would put the HTML parser in its double-escaped state, where even the real
          // </script> does not end the element. None of the code has it; a library that brings it fails the build.
          if (/<!--/.test(code)) compilation.errors.push(new compiler.webpack.WebpackError(`InlineScriptPlugin: ${name} contains "<!--"`));
          tag.attributes = {};
          inlined.add(name);
        }
        return data;
      });
      compilation.hooks.processAssets.tap({ name: "InlineScriptPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        for (const name of inlined) compilation.deleteAsset(name);
        const html = compilation.getAsset(this.htmlFile)?.source.source().toString();
        if (html === undefined) return;
        if (!html.includes(HASHES)) {
          compilation.errors.push(new compiler.webpack.WebpackError(`InlineScriptPlugin: ${this.htmlFile} has no ${HASHES}`));
          return;
        }
        const hashes = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
          .filter((m) => !/\ssrc\s*=/i.test(m[1]))
          .map((m) => `'sha256-${crypto.createHash("sha256").update(m[2], "utf8").digest("base64")}'`);
        compilation.updateAsset(this.htmlFile, new sources.RawSource(html.replace(HASHES, [...new Set(hashes)].join(" "))));
      });
    });
  }
}

module.exports = (_env, argv) => ({
  name: "page",
  entry: { safescore: "./src/page/index.tsx" },
  output: { path: path.resolve(__dirname, "dist"), filename: "safescore.page.js", publicPath: "", clean: false },
  resolve: { extensions: [".ts", ".tsx", ".js"] },
  module: {
    rules: [{ test: /\.tsx?$/, loader: "ts-loader", exclude: /node_modules/, options: { transpileOnly: true, compilerOptions: { module: "esnext" } } }],
  },
  // No eval devtool (the CSP has no 'unsafe-eval'), no source map file next to a page that must travel alone.
  devtool: false,
  mode: argv.mode ?? "production",
  optimization: { splitChunks: false, runtimeChunk: false },
  plugins: [
    // One chunk: the rubrics, ExcelJS and docx load with the page (no file to fetch from file://).
    new optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
    new HtmlWebpackPlugin({ template: "./src/page/page.html", filename: "safescore.html", inject: "body", scriptLoading: "blocking", minify: false }),
    new InlineScriptPlugin("safescore.html"),
  ],
  performance: { hints: false },
});
