/* Production build of the task pane (dist/), and the dev server behind `npm start`. */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");

module.exports = (_env, argv) => {
  const dev = argv.mode !== "production";
  return {
    entry: { taskpane: "./src/taskpane/index.tsx" },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].[contenthash:8].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [{ test: /\.tsx?$/, loader: "ts-loader", exclude: /node_modules/, options: { transpileOnly: true, compilerOptions: { module: "esnext" } } }],
    },
    devtool: dev ? "eval-source-map" : false,
    plugins: [new HtmlWebpackPlugin({ template: "./src/taskpane/taskpane.html", filename: "taskpane.html", chunks: ["taskpane"] })],
    performance: { hints: false },
    devServer: { port: 3000, static: false },
  };
};
