/**
 * The body of the sheet, row by row: an item's (or penalty's) block of clause rows and its score, a
 * section's heading and subtotal, a checklist point, a veto; and, once every row is known, the 状态 column.
 * Each writer puts its cells where the columns say, takes its formulas from scores.ts and its status
 * conditions from status.ts, and records where things are in the layout map.
 */
import type { Clause, Item, Penalty, Rubric, Section } from "../../rubric/schema";
import { isCountedKind } from "../../rubric/model";
import { discretionaryLimit, penaltyAmountLimit } from "../../scoring/score";
import { addr } from "../a1";
import type { EntryFormulas } from "../entries";
import type { ColumnKey, LayoutMap, MappedClause, MappedItem } from "../types";
import { linesFor, textHeight, type Sheet } from "./sheet";
import { clauseValue, itemScore, sectionScore, type ClauseCells } from "./scores";
import { anyOf, statusFormulas, type Condition, type StatusConditions } from "./status";

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
}

/** The columns an item's block merges over its clause rows. */
const ITEM_COLUMNS: ColumnKey[] = ["label", "item", "points", "guidance", "note", "responsible", "score"];

/** What one clause row adds to its item: its status conditions, its entered test (a loss or a bonus claim), its map entry. */
interface ClauseRow {
  conditions: Condition[];
  entered?: { test: string; bonus: boolean };
  mapped?: MappedClause;
}

/** A clause's row: its text, its input cells and value formula (clauseValue), or blank cells where a higher authority scores. */
function writeClauseRow(w: Writer, item: Item | Penalty, clause: Clause, cells: ClauseCells, itemLimit: number, scoredAbove: boolean, row: number, height: number): ClauseRow {
  const { sheet } = w;
  const { tickCell, countCell, valueCell } = cells;
  sheet.put(sheet.ref("clause", row), "text", clause.text);
  const takesEntry = isCountedKind(clause.kind) || clause.kind === "discretionary";
  const out: ClauseRow = { conditions: [] };
  sheet.tested(tickCell, "tick");
  sheet.tested(countCell, "entry");
  if (scoredAbove) {
    for (const a of [tickCell, countCell, valueCell]) sheet.put(a, "computed", null);
    out.conditions = [w.status.scoredAboveEntry(tickCell, countCell)];
  } else {
    sheet.put(tickCell, "tick", null);
    const entryFormat = clause.kind === "discretionary" ? `0.##"分"` : `0"${"unit" in clause ? clause.unit : ""}"`;
    sheet.put(countCell, takesEntry ? "count" : "computed", null, takesEntry ? { numFmt: entryFormat } : {});
    const value = clauseValue(clause, cells, itemLimit, w.formulas, w.status);
    sheet.formula(valueCell, "computed", value.value);
    if (value.validation) sheet.validations.push(value.validation);
    out.conditions = value.conditions;
    out.entered = { test: value.entered, bonus: clause.kind === "bonus" };
  }
  sheet.markRow(row, "clause", clause.id, height, item.id);
  out.mapped = {
    id: clause.id, text: clause.text, kind: clause.kind,
    amount: "amount" in clause ? clause.amount : null, cap: "cap" in clause && clause.cap !== undefined ? clause.cap : null,
    unit: "unit" in clause ? clause.unit : null, inputCell: tickCell, countCell: takesEntry ? countCell : null, valueCell, row,
  };
  return out;
}

/**
 * One item's block (a penalty's, with `section` null): number, text, points, guidance, note and score
 * merged over one row per clause (one blank row for an item without clauses). Returns its score cell.
 */
export function writeItem(w: Writer, section: Section | null, item: Item | Penalty): string {
  const { sheet } = w;
  const isPenalty = section === null;
  const clauses = item.clauses as Clause[];
  const n = Math.max(1, clauses.length);
  const first = sheet.row;
  const last = first + n - 1;
  const scoredAbove = !isPenalty && Boolean((item as Item).scoredAbove);
  const points = isPenalty ? undefined : (item as Item).points;
  const itemLimit = isPenalty ? penaltyAmountLimit(item as Penalty) : discretionaryLimit(section, item as Item);
  const noteCell = sheet.ref("note", first);

  sheet.put(sheet.ref("label", first), "label", item.label);
  sheet.put(sheet.ref("item", first), "text", item.text);
  if (sheet.has("points")) sheet.put(sheet.ref("points", first), "points", points ?? null);
  if (sheet.has("guidance")) sheet.put(sheet.ref("guidance", first), "text", item.guidance ?? null);
  sheet.put(noteCell, "note", null);
  if (sheet.has("responsible")) sheet.put(sheet.ref("responsible", first), "text", item.responsible ?? null);
  for (const k of ITEM_COLUMNS) if (sheet.has(k)) sheet.merge(sheet.ref(k, first), sheet.ref(k, last));

  const clauseRows: ClauseRow[] = [];
  for (let k = 0; k < n; k++) {
    const row = first + k;
    const clause = clauses[k];
    const cells: ClauseCells = { tickCell: sheet.ref("tick", row), countCell: sheet.ref("count", row), valueCell: sheet.ref("value", row) };
    const height = textHeight(Math.max(linesFor(clause?.text, 40), Math.ceil(linesFor(item.text, 34) / n), Math.ceil(linesFor(item.guidance, 30) / n)));
    if (clause) {
      clauseRows.push(writeClauseRow(w, item, clause, cells, itemLimit, scoredAbove, row, height));
    } else {
      sheet.put(sheet.ref("clause", row), "text", null);
      for (const a of [cells.tickCell, cells.countCell, cells.valueCell]) sheet.put(a, "computed", null);
      sheet.markRow(row, "item", item.id, height);
      clauseRows.push({ conditions: [] });
    }
  }

  // The note is tested for evidence (below), except where a higher authority scores; it is right of the clause's cells.
  if (!scoredAbove) sheet.tested(noteCell, "entry");
  const scoreCell = sheet.ref("score", first);
  const score = itemScore(section, item, `${sheet.ref("value", first)}:${sheet.ref("value", last)}`);
  if ("f" in score) sheet.formula(scoreCell, "computed", score.f);
  else sheet.put(scoreCell, "computed", score.v);

  // The item's own flags (its note, ↔ evidenceFlags in scoreItem) sit on its first row: deductions
  // entered, or points claimed (every item where the rubric asks for evidence, else a bonus claimed).
  const entered = (bonus: boolean) => clauseRows.flatMap((r) => (r.entered && r.entered.bonus === bonus ? [r.entered.test] : []));
  const claims = w.evidenceRequired && !isPenalty ? "TRUE()" : anyOf(entered(true));
  clauseRows.forEach((r, k) => {
    const evidence = k === 0 && !scoredAbove ? w.status.evidence(noteCell, entered(false), claims) : [];
    sheet.flagRow(first + k, [...evidence, ...r.conditions]);
  });

  (isPenalty ? w.map.penalties : w.map.items).push({
    id: item.id, sectionId: section?.id ?? null, label: item.label, title: item.text, max: points ?? null,
    scoreCell, noteCell, statusCell: sheet.ref("status", first), scoredAbove, clauses: clauseRows.flatMap((r) => (r.mapped ? [r.mapped] : [])),
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
  }
  let score: string | null = null;
  if (items.length) {
    const firstItemRow = sheet.row;
    for (const item of items) writeItem(w, section, item);
    const expr = sectionScore(section, `${sheet.ref("score", firstItemRow)}:${sheet.ref("score", sheet.row - 1)}`);
    const max = section.points ?? 0;
    if (section.implicit) {
      score = expr;
      w.map.sections.push({ id: section.id, title: section.title, max, scoreCell: null });
    } else {
      const row = sheet.row++;
      score = sheet.ref("score", row);
      sheet.put(sheet.ref("label", row), "section", null);
      sheet.put(sheet.ref("item", row), "totalLabel", `小计（${section.title.length > 24 ? section.title.slice(0, 24) + "…" : section.title}）`);
      sheet.merge(sheet.ref("item", row), sheet.ref("value", row));
      sheet.formula(score, "total", expr);
      sheet.borderRow(row, 1, sheet.visible, "section");
      sheet.markRow(row, "subtotal", section.id, 20);
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
  sheet.tested(tickCell, "tick");
  sheet.borderRow(row, sheet.col("tick") + 1, sheet.visible);
  sheet.markRow(row, "veto", veto.id, textHeight(linesFor(veto.text, 60)));
  w.map.vetoes.push({ id: veto.id, text: veto.text, effect: veto.effect, inputCell: tickCell, statusCell: sheet.ref("status", row) });
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
  }
}
