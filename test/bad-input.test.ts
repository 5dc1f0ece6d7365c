/**
 * The bad-input corpus: files people actually send back. Each gets its specific message; unreadable files
 * exit 2 with one line, readable-but-tampered ones are scored with the tampering flagged at its cell.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import XlsxPopulate from "xlsx-populate";
import { cli } from "./helpers/cli";
import { META_SHEET } from "../src/layout/types";
import { editXlsx, workbookFor } from "./helpers/workbooks";
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook, relocateFormula } from "../src/layout/read";
import { addr, parseAddr } from "../src/layout/a1";
import type { GridCell } from "../src/layout/grid";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import { score } from "../src/scoring";

const dir = mkdtempSync(join(tmpdir(), "safescore-bad-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function scoreBytes(name: string, bytes: Uint8Array | string) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = await cli(["score", file, "--json"]);
  return { ...r, json: r.code === 0 ? JSON.parse(r.out) : undefined, file };
}
const jyj = { variant: "jyj", fields: { unitName: "区教育局" } };

describe("files that cannot be read: exit 2 with one clear line", () => {
  test("not a zip at all", async () => {
    const r = await scoreBytes("notes.xlsx", "单位名称,分数\n区教育局,95\n");
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toContain("不是 .xlsx 文件（不是 zip 压缩格式）");
  });

  test("a truncated zip (an interrupted download)", async () => {
    const full = await workbookFor("lw2015-dept", jyj);
    const r = await scoreBytes("truncated.xlsx", full.slice(0, Math.floor(full.length / 2)));
    expect(r.code).toBe(2);
    expect(r.err).toContain("文件已损坏");
  });

  test("a password-protected (encrypted) workbook", async () => {
    const wb = await XlsxPopulate.fromDataAsync(Buffer.from(await workbookFor("lw2015-dept", jyj)));
    const encrypted: Buffer = await wb.outputAsync({ password: "123456" });
    const r = await scoreBytes("encrypted.xlsx", encrypted);
    expect(r.code).toBe(2);
    expect(r.err).toContain("文件设置了打开密码（已加密）");
  });

  test("another program's workbook", async () => {
    const wb = await XlsxPopulate.fromBlankAsync();
    wb.sheet(0).cell("A1").value("单位");
    wb.sheet(0).cell("B1").value("考核分数");
    const r = await scoreBytes("other.xlsx", await wb.outputAsync());
    expect(r.code).toBe(2);
    expect(r.err).toContain("不是 SafeScore 生成的自评表");
  });

  test("made from another version of the rubric", async () => {
    const bytes = await editXlsx(await workbookFor("lw2015-dept", jyj), (wb) => {
      const meta = wb.getWorksheet(META_SHEET)!;
      meta.eachRow((row) => {
        if (row.getCell(1).value === "fingerprint") row.getCell(2).value = "0".repeat(64);
        if (row.getCell(1).value === "rubricVersion") row.getCell(2).value = "2014.1";
      });
    });
    const r = await scoreBytes("old-version.xlsx", bytes);
    expect(r.code).toBe(2);
    expect(r.err).toContain("由考核细则 lw2015-dept 的“2014.1”版生成，本程序不含该版本");
    expect(r.err).toContain("现行 2015.2 版");
  });

  test("made from a rubric this SafeScore does not know", async () => {
    const bytes = await editXlsx(await workbookFor("lw2015-dept", jyj), (wb) => {
      wb.getWorksheet(META_SHEET)!.eachRow((row) => {
        if (row.getCell(1).value === "rubricId") row.getCell(2).value = "somewhere-2030";
      });
    });
    const r = await scoreBytes("unknown.xlsx", bytes);
    expect(r.code).toBe(2);
    expect(r.err).toContain("未知的考核细则“somewhere-2030”");
  });

  test("the assessment sheet deleted", async () => {
    const bytes = await editXlsx(await workbookFor("lw2015-dept", jyj), (wb) => {
      wb.removeWorksheet(wb.getWorksheet("自评表")!.id);
    });
    const r = await scoreBytes("no-sheet.xlsx", bytes);
    expect(r.code).toBe(2);
    expect(r.err).toContain("找不到自评表工作表“自评表”");
  });

  test("a missing file", async () => {
    const r = await cli(["score", join(dir, "nope.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("找不到文件");
  });
});

describe("tampered or mistyped workbooks: scored, with each problem at its cell (exit 0)", () => {
  test("points edited (30 → 40 for indicator 1)", async () => {
    const bytes = await editXlsx(await workbookFor("lw2015-dept", jyj), (wb) => {
      wb.getWorksheet("自评表")!.getCell("C4").value = 40;
    });
    const r = await scoreBytes("points.xlsx", bytes);
    expect(r.code).toBe(0);
    expect(r.json.flags).toContainEqual(expect.objectContaining({ kind: "changed-points", cell: "自评表!C4", message: "C4 的分值被改为“40”，考核细则为 30" }));
    expect(r.json.total).toBe(200);
    expect(r.json.complete).toBe(false);
  });

  test("scoring text edited", async () => {
    const bytes = await editXlsx(await workbookFor("lw2015-dept", jyj), (wb) => {
      wb.getWorksheet("自评表")!.getCell("D5").value = "（已删改）";
    });
    const r = await scoreBytes("text.xlsx", bytes);
    expect(r.json.flags).toContainEqual(expect.objectContaining({ kind: "changed-text", cell: "自评表!D5" }));
  });

  test("a formula pasted over with its value", async () => {
    const bytes = await editXlsx(await workbookFor("lw2015-dept", jyj), (wb) => {
      wb.getWorksheet("自评表")!.getCell("H4").value = 30;
    });
    const r = await scoreBytes("values.xlsx", bytes);
    expect(r.json.flags).toContainEqual(expect.objectContaining({ kind: "formula-replaced", cell: "自评表!H4", message: "H4 的公式被替换为数值“30”" }));
  });

  test("a clause row deleted", async () => {
    const bytes = await editXlsx(await workbookFor("lw2015-dept", jyj), (wb) => {
      wb.getWorksheet("自评表")!.spliceRows(6, 1);
    });
    const r = await scoreBytes("deleted.xlsx", bytes);
    expect(r.code).toBe(0);
    const deleted = r.json.flags.filter((f: { kind: string }) => f.kind === "deleted-row");
    expect(deleted).toEqual([expect.objectContaining({ cell: null, message: "第1项的评分标准“3.每季度主持召开安全生产专题会…”一行已被删除（原第6行）" })]);
  });

  test("text in a count cell", async () => {
    // The id column, as the plan records it (from sheet format 3 hidden helper columns follow it).
    const { id: idCol, count: countCol } = plan(findRubric("qhd2016-party")!).map.columns;
    const bytes = await editXlsx(await workbookFor("qhd2016-party"), (wb) => {
      const ws = wb.getWorksheet("自评表")!;
      ws.eachRow((row) => {
        const id = row.getCell(idCol!).value;
        if (id === "clause:s1.i4.c1@s1.i4") row.getCell(countCol!).value = "三次";
      });
    });
    const r = await scoreBytes("text-count.xlsx", bytes);
    expect(r.code).toBe(0);
    const flag = r.json.flags.find((f: { kind: string }) => f.kind === "invalid-input");
    expect(flag.message).toContain("次数须为不小于0的整数，当前为“三次”");
    expect(flag.cell).toMatch(new RegExp(`^自评表!${countCol}\\d+$`));
    expect(r.json.total).toBe(100);
  });

  test("the sheet renamed: still found by its hidden marker", async () => {
    const original = await workbookFor("lw2015-dept", { ...jyj, clauses: { "i3.c6b": { ticked: true } } });
    const bytes = await editXlsx(original, (wb) => {
      wb.getWorksheet("自评表")!.name = "教育局自评";
    });
    const r = await scoreBytes("renamed.xlsx", bytes);
    expect(r.err).toBe("");
    expect(r.json.total).toBe(199);
    expect(r.json.flags.find((f: { kind: string }) => f.kind === "unexplained-entry").cell).toBe("教育局自评!I19");
  });

  test("rows inserted above an item: every entry is still read from its own row", async () => {
    const rubric = findRubric("lw2015-dept")!;
    const p = plan(rubric, "jyj");
    const resp = { ...jyj, clauses: { "i3.c6b": { ticked: true }, "i8.c1": { ticked: true } } };
    const grid = await xlsxToGrid(await planToXlsx(p, fillInputs(p, resp)));
    // As Excel does when a user inserts two rows above row 10: everything from row 10 moves down by 2,
    // and every formula's references follow.
    const sheet = grid.sheets.find((x) => x.name === "自评表")!;
    const shift = new Map(Array.from({ length: 500 }, (_, k) => [k + 1, k + 1 >= 10 ? k + 3 : k + 1] as [number, number]));
    const moved = new Map<string, GridCell>();
    for (const [a, cell] of sheet.cells) {
      const { col, row } = parseAddr(a);
      moved.set(addr(col, shift.get(row)!), cell.formula ? { ...cell, formula: relocateFormula(cell.formula, shift)! } : cell);
    }
    moved.set("B10", { value: "（用户插入的说明）" });
    sheet.cells = moved;
    const read = readWorkbook(grid, findRubric);
    expect(read.problems).toEqual([]);
    expect(read.responses.clauses).toEqual({ "i3.c6b": { ticked: true }, "i8.c1": { ticked: true } });
    expect(score(rubric, read.responses)).toEqual(score(rubric, resp));
    expect(read.map.items.find((i) => i.id === "i3")!.noteCell).toBe("I21");
  });
});
