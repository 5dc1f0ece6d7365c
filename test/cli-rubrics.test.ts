import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { shippedRubrics } from "../src/rubric/library";

const run = cli;

test("`rubrics --json` lists every shipped rubric with its variants in the documented shape", async () => {
  const { code, out } = await run(["rubrics", "--json"]);
  expect(code).toBe(0);
  const list = JSON.parse(out);
  expect(list.map((r: { id: string }) => r.id)).toEqual(shippedRubrics().map((r) => r.id));
  const lw = list.find((r: { id: string }) => r.id === "lw2015-dept");
  expect(Object.keys(lw).sort()).toEqual(["id", "title", "variants", "version"]);
  expect(lw.variants).toHaveLength(16);
  expect(lw.variants.find((v: { id: string }) => v.id === "jyj")).toEqual({ id: "jyj", title: "区教育局", units: ["区教育局"] });
});

test("`rubrics` prints a readable Chinese list with maxima and variants", async () => {
  const { out } = await run(["rubrics"]);
  expect(out).toContain("lw2015-dept  v2015.2  龙湾区2015年度区有关单位安全生产目标管理责任制考核自评表（满分 200）");
  expect(out).toContain("--variant gd       区供电分局、永强供电公司");
  expect(out).toContain("巡查清单 72 条，不计分");
});

test("the `safescore` bin runs from a shell", () => {
  const out = execFileSync(process.execPath, [join(__dirname, "..", "bin", "safescore.js"), "rubrics", "--json"], { encoding: "utf8" });
  expect(JSON.parse(out).length).toBe(shippedRubrics().length);
});

test("an unknown command is a usage error (exit 1)", async () => {
  const { code, err } = await run(["frobnicate"]);
  expect(code).toBe(1);
  expect(err).toContain("unknown command: frobnicate");
});
