/** The `template`, `inspect` and `score` commands: the contract in the README. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { editXlsx } from "./helpers/workbooks";
import { readFileSync } from "node:fs";
import JSZip from "jszip";

const dir = mkdtempSync(join(tmpdir(), "safescore-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe("template → fill → score", () => {
  const file = join(dir, "jyj.xlsx");

  test("template writes a blank official workbook; the variant can come from the unit's name", async () => {
    const r = await cli(["template", "--rubric", "lw2015-dept", "--unit", "区教育局", "-o", file]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toContain("区教育局");
  });

  test("--unprotected leaves the sheet unprotected (protection is on by default)", async () => {
    const plain = join(dir, "plain.xlsx");
    expect((await cli(["template", "--rubric", "qhd2016-party", "--unprotected", "-o", plain])).code).toBe(0);
    const xml = async (f: string) => (await JSZip.loadAsync(readFileSync(f))).file("xl/worksheets/sheet1.xml")!.async("string");
    expect(await xml(plain)).not.toContain("<sheetProtection");
    expect(await xml(file)).toContain("<sheetProtection");
  });

  test("template without a variant for a per-department rubric lists the variants (exit 1)", async () => {
    const r = await cli(["template", "--rubric", "lw2015-dept", "-o", join(dir, "x.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("--variant jyj      区教育局");
  });

  test("inspect --json gives the layout map with Sheet!A1 cells", async () => {
    const r = await cli(["inspect", file, "--json"]);
    const map = JSON.parse(r.out);
    expect(map).toMatchObject({ sheet: "自评表", rubric: { id: "lw2015-dept", version: "2015.2" }, fields: { unitName: "自评表!B2" }, totalCell: expect.stringMatching(/^自评表!H\d+$/), tierCell: expect.stringMatching(/^自评表!H\d+$/) });
    expect(map.rubric.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const i3 = map.items.find((i: { id: string }) => i.id === "i3");
    expect(i3).toMatchObject({ title: expect.stringContaining("3.按要求组织开展新《安全生产法》宣贯工作"), max: 24, scoreCell: "自评表!H19", noteCell: "自评表!I19" });
    expect(i3.clauses.find((c: { id: string }) => c.id === "i3.c6b")).toEqual({
      id: "i3.c6b", text: "全年有4条以上信息被区级及以上安委办录用的，得3分。", kind: "award", amount: 3, cap: null, unit: null, inputCell: "自评表!E25", countCell: null,
    });
    expect(map.vetoes).toEqual([]);
  });

  test("score --json after a user ticks, counts and writes notes", async () => {
    const filled = join(dir, "filled.xlsx");
    const map = JSON.parse((await cli(["inspect", file, "--json"])).out);
    const cellOf = (q: string) => q.split("!")[1];
    writeFileSync(
      filled,
      await editXlsx(readFileSync(file), (wb) => {
        const ws = wb.getWorksheet("自评表")!;
        ws.getCell(cellOf(map.items.find((i: { id: string }) => i.id === "i3").clauses.find((c: { id: string }) => c.id === "i3.c6b").inputCell)).value = "√";
        ws.getCell(cellOf(map.items.find((i: { id: string }) => i.id === "i3").noteCell)).value = "全年录用信息3条";
        ws.getCell(cellOf(map.fields.date)).value = "2015-07-22";
      }),
    );
    const r = await cli(["score", filled, "--json"]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s).toMatchObject({ rubric: { id: "lw2015-dept", version: "2015.2" }, unit: "区教育局", total: 199, max: 200, tier: "优秀", veto: { fail: false, noExcellent: false, reasons: [] } });
    expect(s.sections).toEqual([{ id: "all", title: "龙湾区2015年度区有关单位安全生产目标管理责任制考核自评表", score: 199, max: 200 }]);
    expect(s.items.find((i: { id: string }) => i.id === "i3")).toMatchObject({ score: 23, max: 24 });
    expect(s.flags.map((f: { kind: string }) => f.kind)).not.toContain("unexplained-entry");
    expect(s.flags).toContainEqual({ kind: "missing-evidence", cell: "自评表!I4", message: expect.stringContaining("第1项"), messageEn: expect.any(String) });
    const text = await cli(["score", filled]);
    expect(text.out).toContain("总分：199 / 200");
    expect(text.out).toContain("等次：优秀");
  });
});
