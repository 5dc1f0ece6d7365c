/**
 * Returns are untrusted: nothing a return says about itself lowers a bar, and every way of making the
 * reader see something other than the sheet the unit signed is reported with its cell — or refused.
 */
import { findRubric } from "../src/rubric/library";
import { plan } from "../src/layout/plan";
import { fillInputs } from "../src/layout/fill";
import { readWorkbook, relocateFormula } from "../src/layout/read";
import { scoreRead } from "../src/layout/scored";
import { META_SHEET, TABLE_MARK, WorkbookError } from "../src/layout/format";
import { addr, parseAddr } from "../src/layout/a1";
import type { GridCell, SheetGrid, WorkbookGrid } from "../src/layout/grid";
import { planToXlsx } from "../src/xlsx/write";
import { xlsxToGrid } from "../src/xlsx/read";
import type { Responses } from "../src/scoring";
import { PLAN_VERSION } from "../src/layout/types";

const rubric = findRubric("lw2015-dept")!;
const p = plan(rubric, "jyj", "区教育局");
const items = p.map.items;
const clauses = items.flatMap((i) => i.clauses);
// Ten ticked "not done" clauses: enough to fall below 优秀 (checked below, from the engine's own tier).
const ticked = clauses.filter((c) => c.kind === "award").slice(0, 10);
const resp: Responses = {
  variant: "jyj",
  fields: Object.fromEntries([...rubric.fields.header, ...rubric.fields.footer].map((f) => [f.id, f.id === "unitName" ? "区教育局" : "已填"])),
  clauses: Object.fromEntries(ticked.map((c) => [c.id, { ticked: true }])),
  items: Object.fromEntries(items.map((i) => [i.id, { note: "见佐证材料" }])),
};

async function genuine(): Promise<WorkbookGrid> {
  return xlsxToGrid(await planToXlsx(p, fillInputs(p, resp)));
}
const table = (g: WorkbookGrid) => g.sheets.find((s) => s.name === "自评表")!;
const meta = (g: WorkbookGrid) => g.sheets.find((s) => s.name === META_SHEET)!;
const metaRow = (g: WorkbookGrid, key: string) => {
  for (const [a, c] of meta(g).cells) if (c.value === key) return parseAddr(a).row;
  throw new Error(key);
};
const setMeta = (g: WorkbookGrid, key: string, value: string) => meta(g).cells.set(`B${metaRow(g, key)}`, { value });
const read = (g: WorkbookGrid) => scoreRead(readWorkbook(g, findRubric));

let baseline: ReturnType<typeof read>;
beforeAll(async () => {
  baseline = read(await genuine());
});

test("the genuine return is clean, below 优秀, and scored by the engine", () => {
  expect(baseline.flags).toEqual([]);
  expect(baseline.report.tier).not.toBe("excellent");
  expect(baseline.report.total).toBeLessThan(200);
});

test("tier thresholds lowered in a format-1 return's _safescore sheet change nothing", async () => {
  const p1 = plan(rubric, "jyj", "区教育局", { format: 1 });
  const g = await xlsxToGrid(await planToXlsx(p1, fillInputs(p1, resp)));
  // Format 1 wrote the policy there; a unit lowers it to make 32.5% 优秀.
  setMeta(g, "tiers", JSON.stringify({ excellent: 1, good: 1, pass: 1 }));
  const r = read(g);
  expect(r.result.format).toBe(1);
  expect(r.report.tier).toBe(baseline.report.tier);
  expect(r.report.percent).toBe(baseline.report.percent);
});

test("a return of format 2 or later carrying tiers (or any unknown key) is refused", async () => {
  const g = await genuine();
  meta(g).cells.set("A40", { value: "tiers" });
  meta(g).cells.set("B40", { value: JSON.stringify({ excellent: 1, good: 1, pass: 1 }) });
  expect(() => readWorkbook(g, findRubric)).toThrow(`格式 ${PLAN_VERSION} 不含“tiers”`);
  const g2 = await genuine();
  meta(g2).cells.set("A40", { value: "passMark" });
  expect(() => readWorkbook(g2, findRubric)).toThrow(/多出了“passMark”/);
});

test("the caller's policy, not the workbook, sets the bar", async () => {
  const r = scoreRead(readWorkbook(await genuine(), findRubric), { tiers: { excellent: 1, good: 1, pass: 1 } });
  expect(r.report.tier).toBe("excellent");
});

test("a hidden decoy copy of the table is reported and never read", async () => {
  const g = await genuine();
  const real = table(g);
  // The decoy has no ticks at all (a perfect score) and the metadata points at it.
  const decoyCells = new Map([...real.cells].filter(([a]) => !ticked.some((c) => c.inputCell === a)));
  g.sheets.push({ name: "Sheet9", state: "hidden", cells: decoyCells });
  setMeta(g, "sheet", "Sheet9");
  const r = read(g);
  expect(r.report.total).toBe(baseline.report.total);
  expect(r.flags).toEqual([expect.objectContaining({ kind: "hidden-table", cell: "Sheet9!A1" })]);
});

test("two visible tables: refused, naming both", async () => {
  const g = await genuine();
  g.sheets.push({ ...table(g), name: "自评表 (2)", cells: new Map(table(g).cells) });
  expect(() => readWorkbook(g, findRubric)).toThrow(WorkbookError);
  expect(() => readWorkbook(g, findRubric)).toThrow(/2 份自评表（“自评表”、“自评表 \(2\)”）/);
});

test("only a hidden table: refused", async () => {
  const g = await genuine();
  table(g).state = "hidden";
  expect(() => readWorkbook(g, findRubric)).toThrow(/找不到自评表工作表.*只有隐藏的工作表/);
});

/** Moves a clause's id (and an unticked value) to a new hidden row below the table; its real row keeps the tick. */
function shadow(g: WorkbookGrid, clauseRow: number): { shadowRow: number } {
  const sheet = table(g);
  const idCol = p.map.columns.id!;
  const tickCol = p.map.columns.tick!;
  const shadowRow = p.lastRow + 5;
  sheet.cells.set(`${idCol}${shadowRow}`, sheet.cells.get(`${idCol}${clauseRow}`)!);
  sheet.cells.delete(`${idCol}${clauseRow}`);
  sheet.cells.set(`${tickCol}${shadowRow}`, { value: false });
  sheet.hiddenRows = new Set([shadowRow]);
  return { shadowRow };
}

test("a hidden shadow row holding a moved id: hidden row, orphaned entry and the formulas that still point at it", async () => {
  const g = await genuine();
  // A clause on its item's second row or later (the first row also carries the item's own cells).
  const c = ticked.find((x) => items.some((i) => i.clauses.indexOf(x) > 0))!;
  const { shadowRow } = shadow(g, c.row);
  const r = read(g);
  const found = r.flags.map((f) => `${f.kind} ${f.cell}`);
  expect(found).toContain(`hidden-row 自评表!A${shadowRow}`);
  expect(found).toContain(`row-without-id 自评表!A${c.row}`);
  // The shadow row lacks the clause's value formula, and the item's status formula still reads the real row.
  expect(found).toContain(`formula-replaced 自评表!${p.map.columns.value}${shadowRow}`);
  const item = items.find((i) => i.clauses.includes(c))!;
  expect(found).toContain(`formula-changed 自评表!${item.statusCell}`);
});

test("hidden rows are reported only where the table has rows or entries", async () => {
  const g = await genuine();
  table(g).hiddenRows = new Set([ticked[1].row, p.lastRow + 40]);
  const r = read(g);
  expect(r.flags.map((f) => `${f.kind} ${f.cell}`)).toEqual([`hidden-row 自评表!A${ticked[1].row}`]);
});

/** As Excel does on inserting `n` rows above `at`: cells and every formula reference move down. */
function insertRows(sheet: SheetGrid, at: number, n: number) {
  const shift = new Map(Array.from({ length: 400 }, (_, k) => [k + 1, k + 1 >= at ? k + 1 + n : k + 1] as [number, number]));
  const moved = new Map<string, GridCell>();
  for (const [a, cell] of sheet.cells) {
    const { col, row } = parseAddr(a);
    moved.set(addr(col, shift.get(row)!), cell.formula ? { ...cell, formula: relocateFormula(cell.formula, shift)! } : cell);
  }
  sheet.cells = moved;
}

test("rows moved by an insert are followed; a scoring formula edited after the move is still caught", async () => {
  const g = await genuine();
  insertRows(table(g), 8, 3);
  expect(read(g).flags).toEqual([]);
  expect(read(g).report.total).toBe(baseline.report.total);
  const item = items.find((i) => parseAddr(i.scoreCell).row >= 8)!;
  const moved = addr(parseAddr(item.scoreCell).col, parseAddr(item.scoreCell).row + 3);
  const cell = table(g).cells.get(moved)!;
  table(g).cells.set(moved, { ...cell, formula: `${item.max}` });
  expect(read(g).flags).toEqual([expect.objectContaining({ kind: "formula-changed", cell: `自评表!${moved}` })]);
});

test("a formula edited in place, and a duplicated row, are caught", async () => {
  const g = await genuine();
  const total = p.map.totalCell!;
  table(g).cells.set(total, { value: 200, formula: "200" });
  const idCol = p.map.columns.id!;
  const spare = p.lastRow + 3;
  table(g).cells.set(`${idCol}${spare}`, table(g).cells.get(`${idCol}${ticked[2].row}`)!);
  const flags = read(g).flags.map((f) => `${f.kind} ${f.cell}`);
  expect(flags).toContain(`formula-changed 自评表!${total}`);
  expect(flags).toContain(`duplicate-row 自评表!${idCol}${spare}`);
});

test("format 3's helper cells are plan formulas: one edited (a tick that never counts) or replaced by a value is caught, after moved rows too", async () => {
  expect(p.planVersion).toBe(3);
  const helperCol = p.map.columns.helper1!;
  const clause = ticked.find((c) => c.row > 8)!;
  const tickHelper = `${helperCol}${clause.row}`;
  expect(p.cells.find((c) => c.a === tickHelper)?.f).toContain(`ISFORMULA(${clause.inputCell})`);
  const g = await genuine();
  table(g).cells.set(tickHelper, { value: 0, formula: "0" });
  expect(read(g).flags.map((f) => `${f.kind} ${f.cell}`)).toEqual([`formula-changed 自评表!${tickHelper}`]);
  const g2 = await genuine();
  table(g2).cells.set(tickHelper, { value: 0 });
  expect(read(g2).flags.map((f) => `${f.kind} ${f.cell}`)).toEqual([`formula-replaced 自评表!${tickHelper}`]);
  const g3 = await genuine();
  insertRows(table(g3), 8, 2);
  expect(read(g3).flags).toEqual([]);
  const movedHelper = `${helperCol}${clause.row + 2}`;
  table(g3).cells.set(movedHelper, { ...table(g3).cells.get(movedHelper)!, formula: "0" });
  expect(read(g3).flags.map((f) => `${f.kind} ${f.cell}`)).toEqual([`formula-changed 自评表!${movedHelper}`]);
  // The engine scores the entries, whatever the helpers say.
  expect(read(g3).report.total).toBe(baseline.report.total);
});

test("a cached total that differs from the recomputed one is reported; the recomputed one stands", async () => {
  const g = await genuine();
  const total = table(g).cells.get(p.map.totalCell!)!;
  table(g).cells.set(p.map.totalCell!, { ...total, value: 200 });
  const tier = table(g).cells.get(p.map.tierCell!)!;
  table(g).cells.set(p.map.tierCell!, { ...tier, value: "优秀" });
  const r = read(g);
  expect(r.report.total).toBe(baseline.report.total);
  expect(r.flags.map((f) => `${f.kind} ${f.cell}`)).toEqual([`cached-total 自评表!${p.map.totalCell}`, `cached-total 自评表!${p.map.tierCell}`]);
  // The right cached values are not a problem.
  const g2 = await genuine();
  table(g2).cells.set(p.map.totalCell!, { ...total, value: baseline.report.total });
  expect(read(g2).flags).toEqual([]);
});

describe("the metadata is parsed strictly, and read only as a contract", () => {
  test.each([
    ["a key twice", (g: WorkbookGrid) => meta(g).cells.set("A30", { value: "fingerprint" }), /出现了两次/],
    ["no format mark", (g: WorkbookGrid) => setMeta(g, "format", "other"), /缺少格式标识/],
    ["a format from a newer release", (g: WorkbookGrid) => setMeta(g, "planVersion", "99"), /较新版本的 SafeScore/],
    ["a format that is not a number", (g: WorkbookGrid) => setMeta(g, "planVersion", "1.5"), /格式版本“1.5”无效/],
    ["a column map moved to other columns", (g: WorkbookGrid) => setMeta(g, "columns", JSON.stringify({ ...p.map.columns, tick: "Z" })), /记录的列与该版本的自评表不符/],
    ["a column map with a column this table does not have", (g: WorkbookGrid) => setMeta(g, "columns", JSON.stringify({ ...p.map.columns, guidance: "Y", helper9: "Z" })), /记录的列与该版本的自评表不符/],
    ["a column map missing a column", (g: WorkbookGrid) => setMeta(g, "columns", JSON.stringify({ ...p.map.columns, tick: undefined })), /记录的列与该版本的自评表不符/],
    ["a column map that is not JSON", (g: WorkbookGrid) => setMeta(g, "columns", "{"), /列信息无法解析/],
    ["a variant the rubric lacks", (g: WorkbookGrid) => setMeta(g, "variant", "nope"), /适用单位版本“nope”在考核细则 lw2015-dept 中不存在/],
    ["no variant where the rubric needs one", (g: WorkbookGrid) => setMeta(g, "variant", ""), /没有记录适用单位版本/],
    ["a fingerprint that is not one", (g: WorkbookGrid) => setMeta(g, "fingerprint", "abc"), /指纹无效/],
    ["the table mark removed", (g: WorkbookGrid) => table(g).cells.set(`${p.map.columns.id}1`, { value: "x" }), /找不到自评表工作表/],
  ])("%s", async (_name, edit, message) => {
    const g = await genuine();
    edit(g);
    expect(() => readWorkbook(g, findRubric)).toThrow(message);
  });

  test("the table mark is what the one parser calls it", async () => {
    expect(table(await genuine()).cells.get(`${p.map.columns.id}1`)?.value).toBe(TABLE_MARK);
  });
});
