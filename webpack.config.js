/* Production build of the task pane (dist/), and the https dev server behind `npm start`. */
const path = require("node:path");
const fs = require("node:fs");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { NormalModuleReplacementPlugin } = require("webpack");

/**
 * Copies static files into the output as webpack assets (so the dev server serves them from memory too):
 * `assets/` → `dist/assets/`, `manifest.xml` → `dist/manifest.xml`. Watched in development.
 */
class CopyStaticPlugin {
  constructor(entries) {
    this.entries = entries; // [{ from: absolute file or folder, to: output-relative path }]
  }
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("CopyStaticPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "CopyStaticPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const emit = (file, to) => {
          compilation.fileDependencies.add(file);
          compilation.emitAsset(to, new sources.RawSource(fs.readFileSync(file)));
        };
        for (const { from, to } of this.entries) {
          if (!fs.existsSync(from)) {
            compilation.errors.push(new compiler.webpack.WebpackError(`CopyStaticPlugin: ${from} does not exist`));
          } else if (fs.statSync(from).isDirectory()) {
            compilation.contextDependencies.add(from);
            for (const name of fs.readdirSync(from).sort()) {
              const file = path.join(from, name);
              if (fs.statSync(file).isFile()) emit(file, `${to}/${name}`);
            }
          } else {
            emit(from, to);
          }
        }
      });
    });
  }
}

module.exports = async (env, argv) => {
  const dev = argv.mode !== "production";
  // Only `webpack serve` needs certificates; a build never touches them.
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const server = serving ? await require("./scripts/dev-certs").devServerTransport() : undefined;
  return {
    entry: { taskpane: "./src/taskpane/index.tsx", workbench: "./src/workbench/index.tsx" },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].[contenthash:8].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [{ test: /\.tsx?$/, loader: "ts-loader", exclude: /node_modules/, options: { transpileOnly: true, compilerOptions: { module: "esnext" } } }],
    },
    // Not an eval-* devtool: the page's Content-Security-Policy has no 'unsafe-eval'.
    devtool: dev ? "source-map" : false,
    plugins: [
      // The shipped rubrics stay out of the pane's first script: library.ts loads them on demand (rubric/shipped.ts).
      new NormalModuleReplacementPlugin(/^\.\/shipped$/, "./shipped-pane"),
      new HtmlWebpackPlugin({ template: "./src/taskpane/taskpane.html", filename: "taskpane.html", chunks: ["taskpane"] }),
      new HtmlWebpackPlugin({ template: "./src/workbench/workbench.html", filename: "workbench.html", chunks: ["workbench"] }),
      new CopyStaticPlugin([
        { from: path.resolve(__dirname, "assets"), to: "assets" },
        { from: path.resolve(__dirname, "manifest.xml"), to: "manifest.xml" },
      ]),
    ],
    performance: { hints: false },
    devServer: { port: 3000, host: "localhost", static: false, server },
  };
};
