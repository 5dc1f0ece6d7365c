/**
 * The body of the sheet, row by row: an item's (or penalty's) block of clause rows and its score, a
 * section's heading and subtotal, a checklist point, a veto; and, once every row is known, the 状态 column.
 * Each writer puts its cells where the columns say, takes its formulas from scores.ts and its status
 * conditions from status.ts, and records where things are in the layout map.
 */
import type { Clause, Exclusive, Item, Penalty, Rubric, Section } from "../../rubric/schema";
import { clauseText, isCountedKind, isOneFact, listedOf, notApplicableOf, sectionScoring, takesInput } from "../../rubric/model";
import { discretionaryLimit, penaltyAmountLimit } from "../../scoring/score";
import { addr } from "../a1";
import type { EntryFormulas } from "../entries";
import type { ValidationRule } from "../print";
import type { ColumnKey, LayoutMap, MappedClause, MappedItem } from "../types";
import { linesFor, textHeight, textHeight3, type Sheet, type Side } from "./sheet";
import { clauseValue, itemScore, rawEntered, sectionScore, type ClauseCells, type TotalsInputs } from "./scores";
import { anyOf, mapTest, onlyWhen, statusFormulas, type Condition, type StatusConditions } from "./status";

/** What the row writers share: the sheet, this format's entry formulas and status conditions, the map. */
export interface Writer {
  sheet: Sheet;
  formulas: EntryFormulas;
  status: StatusConditions;
  map: LayoutMap;
  /** The rubric asks for evidence (a note) on every item. */
  evidenceRequired: boolean;
  /** The format tests input cells in helper cells (format 3 on; see entries.ts). */
  helperCells: boolean;
  /** The last row of the body (sections, penalties, vetoes), once written. */
  lastBodyRow: number;
  /** Format 3: the row kept for the count of open problems, right under the total. */
  flagRow?: number;
  /** Format 3: what a printed page holds below the repeated title rows, in sheet points. */
  pageBody?: number;
  /** The exclusive group of each clause in one (rubric.exclusive). */
  exclusiveOf: Map<string, Exclusive>;
  /** Per exclusive group: its clauses' rawEntered tests, as written (resolveExclusive builds the group's test from them). */
  groupTests: Map<string, string[]>;
  /** Format 4: what the 核定 figures are computed from, gathered while the body is written (as TotalsInputs are). */
  review?: TotalsInputs;
}

/** Stands for an exclusive group's "more than one entered" test until every clause of the group is written. */
const groupToken = (id: string) => `⟪${id}⟫`;

/**
 * What a clause row shows: the clause's text, then — sheet-editorial, in 〖〗 — why it does not apply here (another
 * level), the document's exemptions beside it (verbatim), and the alternatives it belongs to. A closed list
 * ("……各扣2分", format 3 only) prints its sentence once, on its first thing's row with the sentence's exemptions,
 * and each thing's row shows the thing ("· 消防工作"); a later thing repeats no exemption the first carries.
 */
export function shownClauseText(clause: Clause, item: Item | Penalty, group?: Exclusive): string {
  const listed = listedOf(clause);
  const first = clause.kind !== "scoredAbove" && clause.sameText !== undefined ? item.clauses.find((c) => c.id === clause.sameText) : undefined;
  const shared = new Set(first?.exemptions ?? []);
  const lines = first ? [] : [clauseText(clause, item)];
  const notes = (clause.exemptions ?? []).filter((e) => !shared.has(e)).map((e) => `〖注：${e}〗`);
  if (listed && !first) lines.push(...notes.splice(0));
  if (listed) lines.push(`· ${listed}`);
  const na = notApplicableOf(clause);
  if (na) lines.push(`〖不适用：${na.note}〗`);
  lines.push(...notes);
  if (group) lines.push(isOneFact(group) ? `〖择一扣分：${group.note}〗` : `〖分处扣分：${group.note}〗`);
  return lines.join("\n");
}

/**
 * Once every clause is written: each exclusive group's test (more than one of its clauses entered) replaces its
 * token in the value formulas and status conditions (↔ score.ts conflicts()).
 */
export function resolveExclusive(w: Writer): void {
  const tests = new Map([...w.groupTests].map(([id, t]) => [groupToken(id), `(${t.map((x) => `IF(${x},1,0)`).join("+")})>1`]));
  if (!tests.size) return;
  const resolve = (f: string) => f.replace(/⟪[^⟫]+⟫/g, (t) => tests.get(t) ?? t);
  for (const c of w.sheet.cells) if (c.f?.includes("⟪")) c.f = resolve(c.f);
  for (const r of [...w.sheet.statusRows, ...w.sheet.reviewStatusRows]) r.conditions = r.conditions.map((c) => mapTest(c, resolve));
}

/**
 * A block's rows: their heights, and (format 3) the parts it prints in. Formats 1 and 2 estimate the wrapped
 * text in their fixed widths (clause 40, item 34, guidance 30, 15 pt a line), one part. Format 3 estimates in
 * the columns' own widths, 14 pt a line (宋体 10 pt prints 13.5 pt lines in Excel, about 12.7 in LibreOffice),
 * and cuts a block taller than a page (less room for a section heading) into parts at clause rows, each part
 * tall enough for the item's text it carries (the first its guidance too).
 */
function blockLayout(w: Writer, item: Item | Penalty, texts: (string | undefined)[], n: number): { heights: number[]; chunks: [number, number][] } {
  const { sheet } = w;
  if (sheet.format < 3) {
    const heights = Array.from({ length: n }, (_, k) =>
      textHeight(Math.max(linesFor(texts[k], 40), Math.ceil(linesFor(item.text, 34) / n), Math.ceil(linesFor(item.guidance, 30) / n))),
    );
    return { heights, chunks: [[0, n - 1]] };
  }
  const lines = (text: string | undefined, k: ColumnKey) => (sheet.has(k) && text ? linesFor(text, sheet.width(k)) : 0);
  const own = Array.from({ length: n }, (_, k) => textHeight3(lines(texts[k], "clause")));
  const itemLines = Math.max(lines(item.text, "item"), lines(item.responsible, "responsible"));
  const firstLines = Math.max(itemLines, lines(item.guidance, "guidance"));
  const contLines = lines(`（续上页）${item.text}`, "item");
  const limit = (w.pageBody ?? Infinity) - 60;
  const need = (from: number, to: number, textLines: number) => Math.max(own.slice(from, to + 1).reduce((a, b) => a + b, 0), textHeight3(textLines));
  const chunks: [number, number][] = [];
  for (let from = 0; from < n; ) {
    const textLines = chunks.length ? contLines : firstLines;
    let to = from;
    while (to + 1 < n && need(from, to + 1, textLines) <= limit) to++;
    chunks.push([from, to]);
    from = to + 1;
  }
  const heights = [...own];
  chunks.forEach(([from, to], c) => {
    // Rows share what the chunk's merged text needs beyond their own clauses.
    const extra = need(from, to, c ? contLines : firstLines) - own.slice(from, to + 1).reduce((a, b) => a + b, 0);
    for (let k = from; k <= to; k++) heights[k] = Math.min(409, Math.ceil(own[k] + extra / (to - from + 1)));
  });
  return { heights, chunks };
}

/**
 * Format 3: a tick cell offers "√" in a list, so that a tick prints as √ (a typed TRUE prints as TRUE). The
 * formulas still read every accepted mark (entries.ts): a cell filled elsewhere, or a checkbox, is read alike.
 */
export const TICK_VALIDATION = (cell: string): ValidationRule => ({
  range: cell, type: "list", list: ["√"], prompt: "选“√”表示扣分/未落实；不扣分、已落实的留空", error: "勾选栏只能选“√”或留空",
});

/** How format 3 shows minus a deduction: 扣N分 (General, so 30 prints as 30, never "30."). */
export const DEDUCTION_FORMAT = `"扣"General"分";"扣"General"分";0`;

/** The columns an item's block merges over its clause rows. */
const ITEM_COLUMNS: ColumnKey[] = ["label", "item", "points", "guidance", "note", "responsible", "score", "rscore", "rmark"];

/** What one clause row adds to its item: its status conditions, its entered test (a loss or a bonus claim), its map entry. */
interface ClauseRow {
  conditions: Condition[];
  entered?: { test: string; bonus: boolean };
  mapped?: MappedClause;
}

/**
 * A clause's row: its text, its input cells and value formula (clauseValue); or locked, blank cells where the unit
 * enters nothing — an item or a part of one a higher authority scores, a clause aimed at another level. In a
 * selectable item (`selected`: its 抽查 test), the value and every condition count only when it was inspected;
 * when it was not, any entry is invalid.
 */
function writeClauseRow(w: Writer, item: Item | Penalty, clause: Clause, cells: ClauseCells, itemLimit: number, scoredAbove: boolean, row: number, height: number, selected?: string): ClauseRow {
  const { sheet } = w;
  const { tickCell, countCell, valueCell } = cells;
  const group = w.exclusiveOf.get(clause.id);
  sheet.put(sheet.ref("clause", row), "text", shownClauseText(clause, item, group));
  const takesEntry = isCountedKind(clause.kind) || clause.kind === "discretionary";
  const unit = writeClauseCells(w, clause, cells, itemLimit, scoredAbove, "unit", selected);
  const out: ClauseRow = { conditions: unit.conditions, ...(unit.entered ? { entered: unit.entered } : {}) };
  // Format 4: the assessors' cells on the same row, entered and scored alike (核定).
  let review: MappedClause["review"];
  if (w.review) {
    const r = reviewCells(sheet, row);
    sheet.put(r.noteCell, "note", null);
    sheet.reviewFlagRow(row, writeClauseCells(w, clause, r, itemLimit, scoredAbove, "review", selected).conditions);
    review = { inputCell: r.tickCell, countCell: r.countCell, valueCell: r.valueCell, noteCell: r.noteCell };
  }
  sheet.markRow(row, "clause", clause.id, height, item.id);
  out.mapped = {
    id: clause.id, text: clauseText(clause, item), ...(listedOf(clause) ? { listed: listedOf(clause) } : {}), kind: clause.kind,
    amount: "amount" in clause ? clause.amount : null, cap: "cap" in clause && clause.cap !== undefined ? clause.cap : null,
    unit: "unit" in clause ? clause.unit : null, inputCell: tickCell, countCell: takesEntry ? countCell : null, valueCell, row,
    ...(!scoredAbove && !unit.open ? { locked: true as const } : {}),
    ...(review ? { review } : {}),
  };
  return out;
}

/** Format 4: the assessors' cells of a row (核定 tick, count, value and note). */
const reviewCells = (sheet: Sheet, row: number) => ({
  tickCell: sheet.ref("rtick", row), countCell: sheet.ref("rcount", row), valueCell: sheet.ref("rvalue", row), noteCell: sheet.ref("rnote", row),
});

/**
 * A clause's entry cells and value on one side — the unit's, or (format 4) the assessors' in their own columns,
 * tested in their own helper cells: the tick and count cells, and the value formula with its status conditions.
 */
function writeClauseCells(w: Writer, clause: Clause, cells: ClauseCells, itemLimit: number, scoredAbove: boolean, side: Side, selected?: string): { conditions: Condition[]; entered?: ClauseRow["entered"]; open: boolean } {
  const { sheet } = w;
  const { tickCell, countCell, valueCell } = cells;
  const group = w.exclusiveOf.get(clause.id);
  const takesEntry = isCountedKind(clause.kind) || clause.kind === "discretionary";
  sheet.tested(tickCell, "tick", side);
  sheet.tested(countCell, "entry", side);
  const open = !scoredAbove && takesInput(clause);
  if (!open) {
    for (const a of [tickCell, countCell]) sheet.put(a, "computed", null);
    if (scoredAbove) {
      sheet.put(valueCell, "computed", null);
      return { conditions: [w.status.scoredAboveEntry(tickCell, countCell)], open };
    } else if (clause.kind === "scoredAbove") {
      sheet.put(valueCell, "computed", `上级评分${clause.points !== undefined ? `${clause.points}分` : ""}`);
      return { conditions: [w.status.scoredAboveEntry(tickCell, countCell)], open };
    }
    sheet.put(valueCell, "computed", "不适用");
    return { conditions: [w.status.noEntry(tickCell, countCell, "不适用于本级，不填")], open };
  }
  sheet.put(tickCell, "tick", null);
  if (sheet.format >= 3) sheet.validations.push(TICK_VALIDATION(tickCell));
  // Format 3 shows an amount with General: 0.## prints 2 as "2." in Excel and LibreOffice.
  const entryFormat = clause.kind === "discretionary" ? (sheet.format >= 3 ? `General"分"` : `0.##"分"`) : `0"${"unit" in clause ? clause.unit : ""}"`;
  sheet.put(countCell, takesEntry ? "count" : "computed", null, takesEntry ? { numFmt: entryFormat } : {});
  const value = clauseValue(clause, cells, itemLimit, w.formulas, w.status, sheet.format);
  let f = value.value;
  let conditions = value.conditions;
  if (group && isOneFact(group)) {
    // One fact, several clauses: while more than one is entered, none counts and each entered one is invalid.
    // Each side's entries make their own group test.
    const key = side === "unit" ? group.id : `${group.id}#核定`;
    const entered = rawEntered(clause, cells, itemLimit, w.formulas);
    w.groupTests.set(key, [...(w.groupTests.get(key) ?? []), entered]);
    f = `IF(${groupToken(key)},0,${f})`;
    conditions = [...conditions, [`AND(${entered},${groupToken(key)})`, "同一事实只扣一次，同组只填一项", true]];
  }
  if (selected) {
    f = `IF(${selected},${f},0)`;
    conditions = [
      ...conditions.map((c) => onlyWhen(selected, c)),
      w.status.noEntry(tickCell, countCell, "本项未抽查，不填", `NOT(${selected})`),
    ];
  }
  sheet.formula(valueCell, "computed", f);
  if (value.validation) sheet.validations.push(value.validation);
  return { conditions, entered: { test: value.entered, bonus: clause.kind === "bonus" }, open };
}

/** The first row of a selectable item's block (选查): the 抽查 tick. Returns the tick cell. */
function writeSelectRow(w: Writer, item: Item, row: number, height: number): string {
  // Format 4: the 抽查 tick stays the unit's (the assessors score what was inspected); its invalid tick makes the 核定 provisional too.
  if (w.review) writeReviewBlank(w, row);
  const { sheet } = w;
  const tickCell = sheet.ref("tick", row);
  sheet.put(sheet.ref("clause", row), "text", selectText(item));
  sheet.put(tickCell, "tick", null);
  sheet.validations.push({
    range: tickCell, type: "list", list: ["√"],
    prompt: "本项经抽查的选“√”，按评分标准填写；未抽查的留空，本项得满分", error: "勾选栏只能选“√”或留空",
  });
  sheet.tested(tickCell, "tick");
  sheet.put(sheet.ref("count", row), "computed", null);
  sheet.put(sheet.ref("value", row), "computed", null);
  sheet.markRow(row, "select", item.id, height);
  return tickCell;
}

/** The 抽查 row's text. */
const selectText = (item: Item) => `〖抽查〗${item.selectable!.text}：本项经抽查的，在勾选栏选“√”；未抽查的留空，本项得满分`;

/**
 * One item's block (a penalty's, with `section` null): number, text, points, guidance, note and score
 * merged over one row per clause (one blank row for an item without clauses). Returns its score cell.
 */
export function writeItem(w: Writer, section: Section | null, item: Item | Penalty, number?: string): string {
  const { sheet } = w;
  const isPenalty = section === null;
  const clauses = item.clauses as Clause[];
  // A selectable item's block starts with its 抽查 row.
  const selectable = !isPenalty && Boolean((item as Item).selectable);
  const offset = selectable ? 1 : 0;
  const n = Math.max(1, clauses.length) + offset;
  const first = sheet.row;
  const last = first + n - 1;
  const scoredAbove = !isPenalty && Boolean((item as Item).scoredAbove);
  const points = isPenalty ? undefined : (item as Item).points;
  const itemLimit = isPenalty ? penaltyAmountLimit(item as Penalty) : discretionaryLimit(section, item as Item);
  const noteCell = sheet.ref("note", first);

  // Format 3 numbers the items of a table that prints no 序号 (001), so that each row can be referred to.
  const label = sheet.format >= 3 && !item.label && number ? number : item.label;
  const texts = [...(selectable ? [selectText(item as Item)] : []), ...clauses.map((c) => shownClauseText(c, item, w.exclusiveOf.get(c.id)))];
  const layout = blockLayout(w, item, texts, n);
  layout.chunks.forEach(([from, to], c) => {
    const a = first + from;
    const b = first + to;
    if (c === 0) {
      sheet.put(sheet.ref("label", a), "label", label);
      sheet.put(sheet.ref("item", a), "text", item.text);
      if (sheet.has("points")) sheet.put(sheet.ref("points", a), "points", points ?? null);
      if (sheet.has("guidance")) sheet.put(sheet.ref("guidance", a), "text", item.guidance ?? null);
      sheet.put(noteCell, "note", null);
      if (sheet.has("responsible")) sheet.put(sheet.ref("responsible", a), "text", item.responsible ?? null);
    } else {
      // An item longer than a page goes on over pages in parts; each part repeats its 序号 and 考核要点.
      sheet.put(sheet.ref("label", a), "labelMore", `${label}\n(续)`);
      sheet.put(sheet.ref("item", a), "text", `（续上页）${item.text}`);
      if (sheet.has("points")) sheet.put(sheet.ref("points", a), "points", null);
      if (sheet.has("guidance")) sheet.put(sheet.ref("guidance", a), "text", "（见上页）");
      // Blank: the item's note is the first part's (a reader or a carry takes no text from here).
      sheet.put(sheet.ref("note", a), "text", null);
      if (sheet.has("responsible")) sheet.put(sheet.ref("responsible", a), "text", null);
      sheet.put(sheet.ref("score", a), "computed", null);
      if (w.review) for (const k of ["rscore", "rmark"] as const) sheet.put(sheet.ref(k, a), "computed", null);
    }
    for (const k of ITEM_COLUMNS) if (sheet.has(k)) sheet.merge(sheet.ref(k, a), sheet.ref(k, b));
    if (sheet.format >= 3) sheet.keep(a, b);
  });

  const clauseRows: ClauseRow[] = [];
  let selectCell: string | undefined;
  let selected: string | undefined;
  for (let k = 0; k < n; k++) {
    const row = first + k;
    const clause = clauses[k - offset];
    const cells: ClauseCells = { tickCell: sheet.ref("tick", row), countCell: sheet.ref("count", row), valueCell: sheet.ref("value", row) };
    const height = layout.heights[k];
    if (selectable && k === 0) {
      selectCell = writeSelectRow(w, item as Item, row, height);
      selected = w.formulas.ticked(selectCell);
      clauseRows.push({ conditions: [w.status.invalidTick(selectCell)] });
      if (w.review) sheet.reviewFlagRow(row, [w.status.invalidTick(selectCell)]);
    } else if (clause) {
      clauseRows.push(writeClauseRow(w, item, clause, cells, itemLimit, scoredAbove, row, height, selected));
    } else {
      sheet.put(sheet.ref("clause", row), "text", null);
      for (const a of [cells.tickCell, cells.countCell, cells.valueCell]) sheet.put(a, "computed", null);
      if (w.review) writeReviewBlank(w, row);
      sheet.markRow(row, "item", item.id, height);
      clauseRows.push({ conditions: [] });
    }
  }

  // The note is tested for evidence (below), except where a higher authority scores; it is right of the clause's cells.
  if (!scoredAbove) sheet.tested(noteCell, "entry");
  const scoreCell = sheet.ref("score", first);
  const score = itemScore(section, item, `${sheet.ref("value", first)}:${sheet.ref("value", last)}`, selected);
  // Format 3: an item of a deduct section (001) or a penalty holds minus its deduction; it prints as 扣N分, as
  // a reader of the official table expects of a deduction, never as a negative score (zero prints 0).
  const deducts = !section || sectionScoring(section) === "deduct";
  const extra = sheet.format >= 3 && deducts ? { numFmt: DEDUCTION_FORMAT } : {};
  if ("f" in score) sheet.formula(scoreCell, "computed", score.f, extra);
  else sheet.put(scoreCell, "computed", score.v);
  const review = w.review ? writeReviewItem(w, section, item, first, last, clauseRows.flatMap((r) => (r.mapped ? [r.mapped.row] : [])), selected, extra) : undefined;

  // The item's own flags (its note, ↔ evidenceFlags in scoreItem) sit on its first row: deductions
  // entered, or points claimed (every item where the rubric asks for evidence, else a bonus claimed).
  const entered = (bonus: boolean) => clauseRows.flatMap((r) => (r.entered && r.entered.bonus === bonus ? [r.entered.test] : []));
  const claims = w.evidenceRequired && !isPenalty ? "TRUE()" : anyOf(entered(true));
  clauseRows.forEach((r, k) => {
    // A selectable item needs its evidence only when inspected.
    const evidence = k === 0 && !scoredAbove
      ? w.status.evidence(noteCell, entered(false), claims).map((c) => onlyWhen(selected, c))
      : [];
    sheet.flagRow(first + k, [...evidence, ...r.conditions]);
  });

  (isPenalty ? w.map.penalties : w.map.items).push({
    id: item.id, sectionId: section?.id ?? null, label: item.label, title: item.text, max: points ?? null,
    scoreCell, noteCell, statusCell: sheet.ref("status", first), scoredAbove, clauses: clauseRows.flatMap((r) => (r.mapped ? [r.mapped] : [])),
    ...(selectCell ? { selectCell } : {}),
    ...(review ? { review } : {}),
  } satisfies MappedItem);
  sheet.row = last + 1;
  return scoreCell;
}

/**
 * A section: its heading (none for an implicit section), its items and subtotal row (sectionScore), its
 * checklist points. Returns the section's score — its subtotal cell, or the expression itself for an
 * implicit section — or null for a section without items.
 */
export function writeSection(w: Writer, section: Section): string | null {
  const { sheet } = w;
  const items = section.items ?? [];
  const pointsText = section.points !== undefined && items.length ? `（${section.points}分）` : "";
  if (!section.implicit) {
    const title = `${section.group ? section.group + " · " : ""}${section.title}${pointsText}`;
    sheet.bandRow(section.label || null, title, "section", section.id, Math.min(409, 6 + 15 * linesFor(section.title, 150)));
    // A section's heading prints on the page of its first item.
    sheet.glue(sheet.row - 1);
  }
  let score: string | null = null;
  if (items.length) {
    const firstItemRow = sheet.row;
    items.forEach((item, k) => writeItem(w, section, item, String(k + 1)));
    const expr = sectionScore(section, `${sheet.ref("score", firstItemRow)}:${sheet.ref("score", sheet.row - 1)}`);
    const reviewExpr = w.review ? sectionScore(section, `${sheet.ref("rscore", firstItemRow)}:${sheet.ref("rscore", sheet.row - 1)}`) : "";
    const max = section.points ?? 0;
    if (section.implicit) {
      score = expr;
      w.review?.sectionScores.push(reviewExpr);
      w.map.sections.push({ id: section.id, title: section.title, max, scoreCell: null });
    } else {
      const row = sheet.row++;
      score = sheet.ref("score", row);
      sheet.put(sheet.ref("label", row), "section", null);
      sheet.put(sheet.ref("item", row), "totalLabel", `小计（${section.title.length > 24 ? section.title.slice(0, 24) + "…" : section.title}）`);
      sheet.merge(sheet.ref("item", row), sheet.ref("value", row));
      sheet.formula(score, "total", expr);
      if (w.review) {
        sheet.formula(sheet.ref("rscore", row), "total", reviewExpr);
        w.review.sectionScores.push(sheet.ref("rscore", row));
      }
      sheet.borderRow(row, 1, sheet.printed, "section");
      sheet.markRow(row, "subtotal", section.id, 20);
      // A subtotal prints on the page of the section's last item.
      sheet.glue(row - 1);
      w.map.sections.push({ id: section.id, title: section.title, max, scoreCell: score });
    }
  }
  for (const check of section.checks ?? []) writeCheck(w, check);
  return score;
}

/** A checklist point (↔ scoreChecks): answered 是 / 否 / 不适用, with a note. */
function writeCheck(w: Writer, check: NonNullable<Section["checks"]>[number]): void {
  const { sheet } = w;
  const row = sheet.row++;
  const answerCell = sheet.ref("tick", row);
  const noteCell = sheet.ref("note", row);
  sheet.put(sheet.ref("label", row), "label", check.label);
  sheet.put(sheet.ref("item", row), "text", check.text);
  sheet.merge(sheet.ref("item", row), sheet.ref("clause", row));
  sheet.put(answerCell, "tick", null);
  sheet.put(noteCell, "note", null);
  sheet.tested(answerCell, "answer");
  sheet.tested(noteCell, "entry");
  if (sheet.has("responsible")) sheet.put(sheet.ref("responsible", row), "text", null);
  sheet.validations.push({ range: answerCell, type: "list", list: ["是", "否", "不适用"], prompt: "填写：是 / 否 / 不适用", error: "只能填“是”“否”或“不适用”" });
  sheet.markRow(row, "check", check.id, textHeight(linesFor(check.text, 60)));
  w.map.checks.push({ id: check.id, label: check.label, text: check.text, answerCell, noteCell, statusCell: sheet.ref("status", row) });
  sheet.flagRow(row, w.status.check(answerCell, noteCell));
}

/** A veto (↔ scoreVetoes): ticked when what it names occurred. Returns its tick cell. */
export function writeVeto(w: Writer, veto: NonNullable<Rubric["vetoes"]>[number]): string {
  const { sheet } = w;
  const row = sheet.row++;
  const tickCell = sheet.ref("tick", row);
  sheet.put(sheet.ref("label", row), "label", veto.effect === "fail" ? "一票否决" : "优秀否决");
  sheet.put(sheet.ref("item", row), "text", veto.text);
  sheet.merge(sheet.ref("item", row), addr(sheet.col("tick") - 1, row));
  sheet.put(tickCell, "tick", null);
  if (sheet.format >= 3) sheet.validations.push(TICK_VALIDATION(tickCell));
  sheet.tested(tickCell, "tick");
  const review = w.review ? writeReviewVeto(w, veto, row, tickCell) : undefined;
  sheet.borderRow(row, sheet.col("tick") + 1, sheet.printed);
  // Format 4: tall enough for the 核定对比 marker, which wraps to two lines in its narrow column.
  sheet.markRow(row, "veto", veto.id, textHeight(Math.max(linesFor(veto.text, 60), review ? 2 : 1)));
  w.map.vetoes.push({ id: veto.id, text: veto.text, effect: veto.effect, inputCell: tickCell, statusCell: sheet.ref("status", row), ...(review ? { review } : {}) });
  sheet.flagRow(row, [w.status.invalidTick(tickCell)]);
  return tickCell;
}

/**
 * The 状态 column and the hidden 问题数 column of every flagged row, now that every row's conditions are
 * known. From format 3 on (a sheet with helper cells), 问题数 counts the messages in 状态.
 */
export function writeStatusColumn({ sheet, helperCells }: Writer): void {
  for (const { row, conditions } of sheet.statusRows) {
    const s = statusFormulas(conditions, helperCells ? sheet.ref("status", row) : undefined);
    sheet.formula(sheet.ref("status", row), "status", s.text);
    sheet.formula(sheet.ref("flags", row), "id", s.count);
    if (sheet.has("invalid")) sheet.formula(sheet.ref("invalid", row), "id", s.invalid);
  }
  // Format 4: the 核定 entries' problems, apart from the unit's (the 核定 tier is 待更正 while one is invalid).
  for (const { row, conditions } of sheet.reviewStatusRows) {
    const s = statusFormulas(conditions, sheet.ref("rstatus", row));
    sheet.formula(sheet.ref("rstatus", row), "status", s.text);
    sheet.formula(sheet.ref("rinvalid", row), "id", s.invalid);
  }
}

// ---------------------------------------------------------------------------------------- format 4 (核定)

/** The marker of an item (or veto) whose 核定 entries differ from the unit's. */
export const REVIEW_MARK = "◆ 核定不同";

/** A row of a block with no clause (the 抽查 row, an item without clauses): blank 核定 cells, and its 核定说明. */
function writeReviewBlank(w: Writer, row: number): void {
  const { sheet } = w;
  for (const k of ["rtick", "rcount", "rvalue"] as const) sheet.put(sheet.ref(k, row), "computed", null);
  sheet.put(sheet.ref("rnote", row), "note", null);
}

/**
 * A clause row's entries differ between the sides (↔ review.ts entriesDiffer): its tick reads differently (helper
 * codes: ticked, not ticked, invalid), or its count cell does (blank, a number, FALSE, anything else), or both hold
 * numbers that differ.
 */
function rowDiffers(sheet: Sheet, row: number): string {
  const h = (k: ColumnKey) => sheet.helperOf(sheet.ref(k, row)).cell;
  return `${h("tick")}<>${h("rtick")},${h("count")}<>${h("rcount")},IF(${h("count")}=1,${sheet.ref("count", row)}<>${sheet.ref("rcount", row)},FALSE())`;
}

/** An item's 核定得分 (↔ itemScore on the 核定 values) and its 核定对比 marker. */
function writeReviewItem(w: Writer, section: Section | null, item: Item | Penalty, first: number, last: number, clauseRows: number[], selected: string | undefined, extra: object): MappedItem["review"] {
  const { sheet } = w;
  const scoreCell = sheet.ref("rscore", first);
  const score = itemScore(section, item, `${sheet.ref("rvalue", first)}:${sheet.ref("rvalue", last)}`, selected);
  if ("f" in score) sheet.formula(scoreCell, "computed", score.f, extra);
  else sheet.put(scoreCell, "computed", score.v);
  if (section === null) w.review!.penaltyScores.push(scoreCell);
  const markCell = sheet.ref("rmark", first);
  const differs = clauseRows.map((r) => rowDiffers(sheet, r));
  sheet.formula(markCell, "reviewMark", differs.length ? `IF(OR(${differs.join(",")}),"${REVIEW_MARK}","")` : `""`);
  const noteCells: string[] = [];
  for (let r = first; r <= last; r++) noteCells.push(sheet.ref("rnote", r));
  return { scoreCell, markCell, noteCells };
}

/** A veto row's 核定 tick, note and marker. */
function writeReviewVeto(w: Writer, veto: NonNullable<Rubric["vetoes"]>[number], row: number, tickCell: string): NonNullable<LayoutMap["vetoes"][number]["review"]> {
  const { sheet } = w;
  const inputCell = sheet.ref("rtick", row);
  sheet.put(inputCell, "tick", null);
  sheet.validations.push(TICK_VALIDATION(inputCell));
  sheet.tested(inputCell, "tick", "review");
  const noteCell = sheet.ref("rnote", row);
  sheet.put(noteCell, "note", null);
  const markCell = sheet.ref("rmark", row);
  sheet.formula(markCell, "reviewMark", `IF(${sheet.helperOf(tickCell).cell}<>${sheet.helperOf(inputCell).cell},"${REVIEW_MARK}","")`);
  sheet.reviewFlagRow(row, [w.status.invalidTick(inputCell)]);
  (veto.effect === "fail" ? w.review!.failTicks : w.review!.noExcellentTicks).push(inputCell);
  return { inputCell, noteCell, markCell };
}
