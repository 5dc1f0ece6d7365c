/** The OS decision behind npm start / start:workbench / start:web / stop (scripts/start-plan.ts), as data. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { macWefManifest, startPlan, type Mode, type PlanContext, type Step, WEF_DEVELOPER_KEY, WORKBENCH_URL } from "../scripts/start-plan";
import { manifestId } from "../scripts/start";

const ID = "3fb3e220-51a9-45ef-8567-faa05e2f2cf5";
const ctxFor = (platform: string, headless = false): PlanContext => ({
  addinId: ID,
  manifestPath: platform === "win32" ? "C:\\src\\safescore\\manifest.xml" : "/src/safescore/manifest.xml",
  home: platform === "win32" ? "C:\\Users\\dev" : platform === "darwin" ? "/Users/dev" : "/home/dev",
  headless,
});
const kinds = (steps: Step[]) => steps.map((s) => s.kind);
const plan = (platform: string, mode: Mode, headless = false) => startPlan(platform, mode, ctxFor(platform, headless));
const printed = (steps: Step[]) => steps.flatMap((s) => (s.kind === "print" ? [s.text] : [])).join("\n");

describe("npm start", () => {
  test("win32: dev build, dev server, registry sideload (value = Id, data = manifest path), launch Excel", () => {
    const steps = plan("win32", "start");
    expect(kinds(steps)).toEqual(["webpack", "serve", "run", "run", "print"]);
    expect(steps[0]).toMatchObject({ args: ["--mode", "development"] });
    expect(steps[1]).toMatchObject({ args: ["serve", "--mode", "development"], port: 3000 });
    expect(steps[2]).toMatchObject({
      command: "reg",
      args: ["add", "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer", "/v", ID, "/t", "REG_SZ", "/d", "C:\\src\\safescore\\manifest.xml", "/f"],
    });
    expect(steps[3]).toMatchObject({ command: "cmd", args: ["/c", "start", '""', "excel"] });
    expect(printed(steps)).toContain("npm run stop");
  });

  test("darwin: dev build, dev server, manifest copied into Excel's wef folder, open Excel", () => {
    const steps = plan("darwin", "start");
    expect(kinds(steps)).toEqual(["webpack", "serve", "copy", "run", "print"]);
    expect(steps[2]).toMatchObject({
      from: "/src/safescore/manifest.xml",
      to: `/Users/dev/Library/Containers/com.microsoft.Excel/Data/Documents/wef/${ID}.manifest.xml`,
    });
    expect(steps[3]).toMatchObject({ command: "open", args: ["-a", "Microsoft Excel"] });
  });

  test("linux: says why, then the dev server and the workbench in a browser — no build, no sideload", () => {
    const steps = plan("linux", "start");
    expect(kinds(steps)).toEqual(["print", "serve", "open"]);
    expect(printed(steps)).toMatch(/Windows.*macOS/);
    expect(steps[2]).toMatchObject({ url: WORKBENCH_URL, command: "xdg-open", args: [WORKBENCH_URL] });
    expect(WORKBENCH_URL).toBe("https://localhost:3000/workbench.html");
  });

  test("linux headless: prints the workbench URL instead of opening it", () => {
    const steps = plan("linux", "start", true);
    expect(kinds(steps)).toEqual(["print", "serve", "print"]);
    expect(printed(steps)).toContain(WORKBENCH_URL);
  });

  test("another OS behaves like linux", () => {
    expect(kinds(plan("freebsd", "start"))).toEqual(["print", "serve", "open"]);
  });
});

describe("npm run start:workbench", () => {
  test.each([
    ["win32", "cmd", ["/c", "start", '""', WORKBENCH_URL]],
    ["darwin", "open", [WORKBENCH_URL]],
    ["linux", "xdg-open", [WORKBENCH_URL]],
  ])("%s: dev server, then open the workbench with %s", (platform, command, args) => {
    const steps = plan(platform, "workbench");
    expect(kinds(steps)).toEqual(["serve", "open"]);
    expect(steps[1]).toMatchObject({ url: WORKBENCH_URL, command, args });
  });

  test.each(["win32", "darwin", "linux"])("%s headless: prints the URL", (platform) => {
    const steps = plan(platform, "workbench", true);
    expect(kinds(steps)).toEqual(["serve", "print"]);
    expect(printed(steps)).toContain(WORKBENCH_URL);
  });

  test("never sideloads or builds", () => {
    for (const platform of ["win32", "darwin", "linux"]) expect(kinds(plan(platform, "workbench"))).not.toContain("run");
  });
});

describe("npm run start:web", () => {
  test.each(["win32", "darwin", "linux"])("%s: dev server, then the upload steps, Chinese first then English", (platform) => {
    const steps = plan(platform, "web");
    expect(kinds(steps)).toEqual(["serve", "print"]);
    const text = printed(steps);
    expect(text).toContain("插入 → 加载项");
    expect(text).toContain("上传我的加载项");
    expect(text).toContain("Insert → Add-ins");
    expect(text).toContain("Upload My Add-in");
    expect(text.indexOf("上传我的加载项")).toBeLessThan(text.indexOf("Upload My Add-in"));
    expect(text).toContain(ctxFor(platform).manifestPath);
  });
});

describe("npm run stop", () => {
  test("win32 deletes the registry value", () => {
    expect(plan("win32", "stop")).toEqual([expect.objectContaining({ kind: "run", command: "reg", args: ["delete", WEF_DEVELOPER_KEY, "/v", ID, "/f"] })]);
  });
  test("darwin removes the copied manifest", () => {
    expect(plan("darwin", "stop")).toEqual([expect.objectContaining({ kind: "remove", path: macWefManifest(ctxFor("darwin")) })]);
  });
  test("linux has nothing to remove", () => {
    expect(kinds(plan("linux", "stop"))).toEqual(["print"]);
  });
});

test("the plan is pure: same input, same steps", () => {
  for (const platform of ["win32", "darwin", "linux"])
    for (const mode of ["start", "workbench", "web", "stop"] as const) expect(plan(platform, mode)).toEqual(plan(platform, mode));
});

test("the sideload uses the Id in manifest.xml", () => {
  expect(manifestId(readFileSync(join(__dirname, "..", "manifest.xml"), "utf8"))).toBe(ID);
});
