/**
 * Structure: the neutral table (rows of cells) → parts, sections, items and checks, each text verbatim with
 * the lines it came from. Pure.
 *
 * A file may hold several tables (001: 附件2, 附件3, 附件4): a line "附件N" begins a part, its title is the
 * next line, and its column headings are the first header row. Header rows repeated by page breaks are
 * dropped (and counted). Where cells carry their column (Word, Excel) the headings say what each cell is;
 * in plain text the cells are read by what they say, in one of four layouts found by a pre-scan:
 * - `labelled` (004): rows open with a 序号 ("2.1"), then 考核要点, 评分依据, "评分要点：…检查要求：…", 责任单位;
 *   a row whose 序号 was lost opens with its 考核要点 (the label is inferred and reported);
 * - `award` (000): 考核指标 "1.…（30分）" followed by 考核办法 sub-items "…，得3分"; a unit name between
 *   them makes the item a per-unit variant;
 * - `rows` (001): 考核项 "…情况20分" (a section) over rows of 考核内容及评分标准 and 考核方式;
 * - `checklist` (002): no scoring words at all; 主要内容 over numbered 巡查要点.
 */
import { cellText, type Cell, type SourceKind, type SourceLine, type Table } from "./table";

export interface Text {
  text: string;
  lines: SourceLine[];
}

export type Layout = "labelled" | "award" | "rows" | "checklist" | "columns";

export interface PItem {
  label: string;
  /** The label was not printed: inferred from reading order. */
  labelInferred?: boolean;
  text?: Text;
  basis?: Text;
  /** 评分标准 / 评分要点 lines, "评分要点：" removed. */
  scoring: SourceLine[];
  guidance?: Text;
  responsible?: Text;
  /** Points printed with the item ("（30分）", a 分值 column). */
  points?: number;
  /** The unit(s) this item is for (000 indicator 7 per department). */
  units?: SourceLine[];
  line: number;
}

export interface PCheck {
  label: string;
  text: Text;
}

export interface PSection {
  label: string;
  title?: Text;
  points?: number;
  group?: string;
  /** Printed as such (a heading or a 考核项 cell), not made up by the importer. */
  printed: boolean;
  items: PItem[];
  checks: PCheck[];
  line: number;
}

/** Something the structure step noticed that a person should see (page headers dropped, a label inferred). */
export interface StructureNote {
  kind: "headers" | "labelInferred" | "ignored";
  text: string;
  line: number;
}

export interface Part {
  /** "附件2", when printed. */
  label?: string;
  title?: SourceLine;
  layout: Layout;
  /** Column headings as printed, by role. */
  columns: Partial<Record<ColumnRole, string>>;
  sections: PSection[];
  /** Lines before the part's table (the notice; for vetoes and fields). */
  preamble: SourceLine[];
  /** Lines after the table (footer fields, 注：…). */
  footer: SourceLine[];
  notes: StructureNote[];
}

export interface Parsed {
  kind: SourceKind;
  /** Lines before the first part: the notice itself. */
  preamble: SourceLine[];
  parts: Part[];
}

export type ColumnRole = "label" | "section" | "group" | "item" | "itemScoring" | "scoring" | "guidance" | "basis" | "responsible" | "points" | "score" | "note" | "check";

/** Column headings as printed (spaces removed) → what the column holds. */
const HEADINGS: Record<string, ColumnRole> = {
  序号: "label", 编号: "label",
  类别: "group", 考核类别: "group", 对象: "group",
  考核项: "section", 考核项目: "section", 主要内容: "section", 考核类型: "section",
  考核要点: "item", 考核内容: "item", 考核指标: "item", 指标内容: "item",
  巡查要点: "check", 检查要点: "check",
  考核内容及评分标准: "itemScoring", 考核内容和评分标准: "itemScoring",
  评分标准: "scoring", 评分要点: "scoring", 考核办法: "scoring", 评分细则: "scoring", 评分要点和操作指南: "scoring", 扣分标准: "scoring", 计分方法: "scoring", 评分办法: "scoring",
  检查要求: "guidance", 考核方式: "guidance", 检查方法: "guidance", 考核方法: "guidance", 操作指南: "guidance",
  评分依据: "basis", 考核依据: "basis",
  责任单位: "responsible", 牵头单位: "responsible",
  分值: "points", 标准分: "points", 分数: "points", 满分: "points", 标准分值: "points",
  得分: "score", 自评得分: "score", 实得分: "score", 扣分: "score", 考核得分: "score",
  自评情况: "note", 备注: "note", 扣分原因: "note", 自评说明: "note",
};

const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");
/** A heading as printed, also with a note in parentheses ("分值（分）", "评分标准（100分）"). */
export const headingRole = (s: string): ColumnRole | undefined => HEADINGS[squash(s)] ?? HEADINGS[squash(s).replace(/[（(][^（）()]*[)）]$/, "")];

/** A number as printed in points: "20分", "（30分）", "满分100分". */
const POINTS_TAIL = /(?:满分)?[（(]?\s*([0-9]+(?:\.[0-9]+)?)\s*分\s*[)）]?[。]?$/;
export const SCORING_WORDS = /扣\s*(?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十]+)\s*分|得[，,]?\s*[0-9]+(?:\.[0-9]+)?\s*分|加\s*[0-9]+(?:\.[0-9]+)?\s*分|酌情扣|直接评分/;
const AWARD_LINE = /得[，,]?\s*[0-9]+(?:\.[0-9]+)?\s*分/;
const DEDUCT_LINE = /扣\s*(?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十]+)\s*分|酌情扣/;
const LABEL = /^[0-9]{1,3}(?:\.[0-9]{1,3}){0,3}$/;
const PART = /^附\s*件\s*([0-9一二三四五六七八九十]*)$/;
const SECTION_HEADING = /^[一二三四五六七八九十]+[、．.]/;
/** A short cell naming a unit or an office (000's 区教育局, 004's 责任单位 县委办公室、县政府办公室). */
const UNIT_NAME = /^[^，。；：:]{2,80}$/;
/**
 * A cell's text: lines the extraction broke inside a sentence are joined again; a line that begins with
 * numbering ("2.", "（3）") or "注：" keeps its own line, as printed (county2023's transcription rule).
 */
const OWN_LINE = /^(?:[0-9]{1,2}\s*[.．、](?![0-9])|注[：:]|[（(][0-9一二三四五六七八九十]{1,2}[)）]|评分要点|检查要求)/;
const text = (lines: SourceLine[]): Text => ({
  text: lines.map((l, k) => (k > 0 && OWN_LINE.test(l.text) ? "\n" : "") + l.text).join(""),
  lines,
});
/** Texts of several cells: each cell's own text, one cell a line. */
const cellsText = (cells: SourceLine[][]): Text => {
  const parts = cells.filter((c) => c.length).map(text);
  return { text: parts.map((p) => p.text).join("\n"), lines: parts.flatMap((p) => p.lines) };
};
const pointsOf = (s: string): number | undefined => {
  const m = POINTS_TAIL.exec(s.trim());
  return m ? Number(m[1]) : undefined;
};

interface Flat {
  cell: Cell;
  text: string;
  rowStart: boolean;
  row: number;
}

/** Cells in reading order; a cell is cut where a line begins "评分要点：", and parentheses left open are closed by the next cell. */
function flatten(table: Table): Flat[] {
  const out: Flat[] = [];
  table.rows.forEach((row, ri) => {
    // Empty cells (a Word cell merged from above, an empty column) say nothing.
    row.cells.filter((cell) => cell.lines.length).forEach((cell, ci) => {
      const pieces: SourceLine[][] = [[]];
      for (const l of cell.lines) {
        if ((/^评分(要点|标准)[：:]/.test(l.text) || PART.test(squash(l.text))) && pieces[pieces.length - 1].length) pieces.push([]);
        pieces[pieces.length - 1].push(l);
      }
      pieces.forEach((lines, pi) => {
        const c: Cell = { lines, column: cell.column };
        const prev = out[out.length - 1];
        // "综合工作300分（政府工作" + "100分）": a heading broken by a page.
        if (prev && table.kind === "text" && unbalanced(prev.text) && lines.length === 1 && /^[^（(]*[)）]$/.test(lines[0].text) && lines[0].text.length < 20) {
          prev.cell.lines[prev.cell.lines.length - 1] = { ...prev.cell.lines[prev.cell.lines.length - 1], text: prev.cell.lines[prev.cell.lines.length - 1].text + lines[0].text };
          prev.text = cellText(prev.cell);
          return;
        }
        out.push({ cell: c, text: cellText(c), rowStart: ci === 0 && pi === 0, row: ri });
      });
    });
  });
  return out;
}

const unbalanced = (s: string) => (s.match(/[（(]/g)?.length ?? 0) > (s.match(/[)）]/g)?.length ?? 0);

/** A cell that is a column heading, and the run of such cells that is a header row. */
const isHeading = (f: Flat) => headingRole(f.text) !== undefined && f.cell.lines.length === 1;

export function parseTable(table: Table): Parsed {
  const cells = flatten(table);
  // Parts: "附件N" lines, each with a table after it; a file without them is one part.
  const starts: number[] = [];
  cells.forEach((f, i) => {
    if (PART.test(squash(f.cell.lines[0].text)) && f.cell.lines.length <= 2) starts.push(i);
  });
  const bounds = starts.length ? starts.map((s, k) => [s, starts[k + 1] ?? cells.length] as const) : [[0, cells.length] as const];
  const preamble = starts.length ? cells.slice(0, starts[0]).flatMap((f) => f.cell.lines) : [];
  const parts = bounds.map(([from, to]) => parsePart(table.kind, cells.slice(from, to), starts.length > 0)).filter((p): p is Part => p !== null);
  return { kind: table.kind, preamble, parts };
}

function parsePart(kind: SourceKind, cells: Flat[], labelled: boolean): Part | null {
  let i = 0;
  let label: string | undefined;
  let title: SourceLine | undefined;
  if (labelled) {
    const first = cells[0].cell.lines;
    label = squash(first[0].text);
    title = first[1];
    i = 1;
  }
  // The table begins at its first header row, unless table content comes first (004 has only page headers).
  const firstHeader = cells.findIndex((f, k) => k >= i && isHeading(f));
  const firstContent = cells.findIndex((f, k) => k >= i && (LABEL.test(f.text) || /^评分(要点|标准)[：:]/.test(f.text)));
  // A table whose first content comes before any header row (004: the header only repeats at page breaks)
  // begins with the part.
  const tableStart = firstHeader >= 0 && (firstContent < 0 || firstHeader < firstContent) ? firstHeader : i;
  const preamble = cells.slice(i, tableStart).flatMap((f) => f.cell.lines);
  if (!title && labelled) title = preamble[0];
  else if (!title) title = preamble.find((l) => /(细则|自评表|评分表|考核表|要点|标准)$/.test(l.text));
  if (!title && label) title = preamble[0];

  const columns: Part["columns"] = {};
  const byColumn = new Map<number, ColumnRole>();
  const notes: StructureNote[] = [];
  const body: Flat[] = [];
  let headerRows = 0;
  let headerLine = 0;
  for (let k = tableStart; k < cells.length; k++) {
    const f = cells[k];
    if (isHeading(f)) {
      const role = headingRole(f.text) as ColumnRole;
      // Repeats of the header row (page breaks) are dropped; the first names the columns.
      if (headerRows === 0 || !columns[role]) {
        if (!columns[role]) columns[role] = f.text;
        if (f.cell.column !== undefined) byColumn.set(f.cell.column, role);
      }
      if (k === tableStart || !isHeading(cells[k - 1])) {
        headerRows++;
        if (headerRows > 1) headerLine = f.cell.lines[0].line;
      }
      continue;
    }
    body.push(f);
  }
  if (headerRows > 1) {
    notes.push({ kind: "headers", text: `表头在分页处重复 ${headerRows - 1} 次，已略去（末次在第 ${headerLine} 行）`, line: headerLine });
  }
  // The footer: "单位负责人：…", "注：…", "抄送：…" after the last table cell.
  const footer: SourceLine[] = [];
  while (body.length && /^(单位负责人|填表人|注[：:]|抄送|.{0,40}印发$)/.test(body[body.length - 1].text.replace(/^[\s\u3000]+/, ""))) {
    footer.unshift(...(body.pop() as Flat).cell.lines);
  }
  const allText = body.map((f) => f.text).join("\n");
  if (!body.length) return null;

  let layout: Layout;
  if (byColumn.size >= 2 && body.some((f) => f.cell.column !== undefined)) layout = "columns";
  else if (!SCORING_WORDS.test(allText)) layout = "checklist";
  else if (body.some((f) => /^评分(要点|标准)[：:]/.test(f.text)) || body.filter((f) => LABEL.test(f.text)).length >= 3) layout = "labelled";
  else {
    const lines = body.flatMap((f) => f.cell.lines.map((l) => l.text));
    layout = lines.filter((l) => AWARD_LINE.test(l)).length > lines.filter((l) => DEDUCT_LINE.test(l)).length ? "award" : "rows";
  }
  const part: Part = { label, title, layout, columns, sections: [], preamble, footer, notes };
  if (layout === "checklist" && !SCORING_WORDS.test(allText) && !/是否|情况/.test(allText)) return part.sections.length ? part : null;
  const read = { labelled: readLabelled, award: readAward, rows: readRows, checklist: readChecklist, columns: readColumns }[layout];
  read(body, part, byColumn);
  return part.sections.some((s) => s.items.length || s.checks.length) ? part : null;
}

// ------------------------------------------------------------------------------------------ the layouts

function newSection(part: Part, line: number, title?: Text, printed = false): PSection {
  const s: PSection = { label: "", title, printed, items: [], checks: [], line };
  if (title) {
    s.points = pointsOf(title.text.replace(/\n/g, ""));
    // "安全生产责任体系建立情况20分", "…情况\n满分100分": the points go to `points`, the title keeps the words.
    if (s.points !== undefined) {
      const lines = title.lines.map((l) => ({ ...l }));
      const last = lines[lines.length - 1];
      last.text = last.text.replace(POINTS_TAIL, "").trim();
      const kept = lines.filter((l) => l.text);
      if (kept.length) s.title = text(kept);
    }
    const m = /^([一二三四五六七八九十]+)[、．.]/.exec(title.text);
    if (m) s.label = m[1];
  }
  part.sections.push(s);
  return s;
}

/** Scoring lines, split from a "评分要点：…检查要求：…" cell: the first part scores, the rest guides. */
function splitScoring(lines: SourceLine[]): { scoring: SourceLine[]; guidance: SourceLine[] } {
  const at = lines.findIndex((l) => /^(检查要求|操作指南|考核方式)[：:]/.test(l.text));
  const scoring = (at < 0 ? lines : lines.slice(0, at)).map((l, k) => (k === 0 ? { ...l, text: l.text.replace(/^评分(要点|标准)[：:]\s*/, "") } : l)).filter((l) => l.text);
  const guidance = at < 0 ? [] : lines.slice(at).map((l, k) => (k === 0 ? { ...l, text: l.text.replace(/^(检查要求|操作指南|考核方式)[：:]\s*/, "") } : l)).filter((l) => l.text);
  return { scoring, guidance };
}

/**
 * The label of a row whose 序号 was lost, from the labels around it: the sibling between two printed
 * siblings (19.5, ?, 19.7 → 19.6), else the next whole number (2.2, ?, 4.1 → 3).
 */
export function inferLabel(prev: string | undefined, next: string | undefined): string {
  if (!prev) return next && /^[0-9]+$/.test(next) && Number(next) > 1 ? String(Number(next) - 1) : "1";
  const p = prev.split(".").map(Number);
  const n = next?.split(".").map(Number);
  if (n && p.length > 1 && n.length === p.length && p.slice(0, -1).join(".") === n.slice(0, -1).join(".") && n[n.length - 1] === p[p.length - 1] + 2) {
    return [...p.slice(0, -1), p[p.length - 1] + 1].join(".");
  }
  return String(p[0] + 1);
}

/** A 责任单位 cell: short, no sentence, no rule (县委办公室、县政府办公室; 各镇人民政府、…，县消防救援大队). */
const isResponsible = (f: { text: string; cell: Cell }) =>
  f.text.length <= 100 && f.cell.lines.length <= 3 && !/[。；：:]/.test(f.text) && !SCORING_WORDS.test(f.text);

/** 004: 序号 / 考核要点 / 评分依据 / 评分要点和操作指南 / 责任单位, one section per whole 序号. */
function readLabelled(body: Flat[], part: Part): void {
  let item: PItem | undefined;
  let lastLabel: string | undefined;
  let lastPrinted: string | undefined;
  const start = (label: string, line: number, inferred: boolean) => {
    item = { label, scoring: [], line, ...(inferred ? { labelInferred: true } : {}) };
    lastLabel = label;
    const top = label.split(".")[0];
    let section = part.sections[part.sections.length - 1];
    if (!section || section.label !== top) {
      section = newSection(part, line);
      section.label = top;
    }
    section.items.push(item);
    if (inferred) part.notes.push({ kind: "labelInferred", text: `序号缺失，按阅读顺序补为“${label}”（在${lastPrinted ?? "表首"}之后）`, line });
  };
  // The next printed 序号 after each cell, computed once (a lookup per lost 序号 must not rescan the table).
  const after: (string | undefined)[] = new Array(body.length);
  for (let k = body.length - 1, next: string | undefined; k >= 0; k--) {
    after[k] = next;
    if (LABEL.test(body[k].text)) next = body[k].text;
  }
  const nextPrinted = (k: number) => after[k];
  const seen = new Map<string, number>();
  for (const [k, f] of body.entries()) {
    const line = f.cell.lines[0].line;
    if (LABEL.test(f.text)) {
      if (seen.has(f.text)) part.notes.push({ kind: "ignored", text: `序号“${f.text}”重复出现（前次在第 ${seen.get(f.text)} 行），按两个考核要点起草`, line });
      else seen.set(f.text, line);
      start(f.text, line, false);
      lastPrinted = f.text;
      continue;
    }
    if (/^评分(要点|标准)[：:]/.test(f.text)) {
      if (!item) start(inferLabel(lastLabel, nextPrinted(k)), line, true);
      const { scoring, guidance } = splitScoring(f.cell.lines);
      item!.scoring.push(...scoring);
      if (guidance.length) item!.guidance = cellsText([item!.guidance?.lines ?? [], guidance]);
      continue;
    }
    const done = item && item.scoring.length > 0;
    if (done && !item!.responsible && part.columns.responsible !== undefined && isResponsible(f)) {
      item!.responsible = text(f.cell.lines);
      continue;
    }
    if (!item || done) {
      start(inferLabel(lastLabel, nextPrinted(k)), line, true);
      item!.text = text(f.cell.lines);
      continue;
    }
    if (!item.text) item.text = text(f.cell.lines);
    else if (!item.basis) item.basis = text(f.cell.lines);
    else item.basis = cellsText([item.basis.lines, f.cell.lines]);
  }
}

/** 000: 考核指标 "N.…（M分）" then 考核办法 sub-items "…，得K分"; a unit name between makes a per-unit item. */
function readAward(body: Flat[], part: Part): void {
  const section = newSection(part, body[0].cell.lines[0].line);
  let item: PItem | undefined;
  for (const f of body) {
    const line = f.cell.lines[0].line;
    const awards = f.cell.lines.filter((l) => AWARD_LINE.test(l.text)).length;
    if (/^[0-9]{1,2}\s*[.．、]/.test(f.text) && awards === 0 && f.text.length > 20) {
      item = { label: /^([0-9]{1,2})/.exec(f.text)![1], text: text(f.cell.lines), scoring: [], line, points: pointsOf(f.text) };
      section.items.push(item);
      continue;
    }
    if (!item) continue;
    if (awards > 0) {
      // A second list of sub-items under the same 考核指标 without a unit between: more sub-items.
      item.scoring.push(...f.cell.lines);
      continue;
    }
    if (UNIT_NAME.test(f.text.replace(/\n/g, "")) && f.text.length <= 80) {
      // A unit name: the item (as printed last) is this unit's; a second unit re-uses the 考核指标 printed before.
      if (item.units && item.scoring.length) {
        item = { ...item, scoring: [], units: undefined, line };
        section.items.push(item);
      }
      item.units = [...(item.units && !item.scoring.length ? item.units : []), ...f.cell.lines];
      continue;
    }
    part.notes.push({ kind: "ignored", text: `未归入任何考核指标的文字：${f.text.slice(0, 60)}`, line });
  }
}

/** 001: 类别 / 考核项 "…情况20分" / 考核内容及评分标准 / 考核方式 / 得分, one row per item. */
function readRows(body: Flat[], part: Part): void {
  let section: PSection | undefined;
  let group: string | undefined;
  const groups = new Set<string>();
  // Rows as the reader grouped them.
  const rows: Flat[][] = [];
  for (const f of body) {
    if (f.rowStart || !rows.length || rows[rows.length - 1][0].row !== f.row) rows.push([]);
    rows[rows.length - 1].push(f);
  }
  for (const row of rows) {
    // 考核项 and 类别 cells: a short phrase with its points, never a sentence.
    const titled = row.filter((f) => f.text.replace(/\n/g, "").replace(POINTS_TAIL, "").length <= 60 && !/[。；]/.test(f.text) && pointsOf(f.text.replace(/\n/g, "")) !== undefined && !SCORING_WORDS.test(f.text));
    let rest = row.filter((f) => !titled.includes(f));
    for (const [k, f] of titled.entries()) {
      const flat = f.text.replace(/\n/g, "");
      // Two such cells in a row: the first is the 类别 (a group), printed again after page breaks.
      if (groups.has(flat) || (k === 0 && titled.length > 1)) {
        group = flat;
        groups.add(flat);
      } else {
        section = newSection(part, f.cell.lines[0].line, text(f.cell.lines), true);
        if (group) section.group = group;
      }
    }
    rest = rest.filter((f) => f.text.trim());
    if (!rest.length) continue;
    const [content, ...others] = rest;
    if (!section) section = newSection(part, content.cell.lines[0].line);
    const item: PItem = { label: "", scoring: content.cell.lines, line: content.cell.lines[0].line };
    // A 考核项 printed without its points where a page broke the row: a short phrase, no sentence.
    // (Not a 考核方式 such as "由各县区安委办提供…相关资料": no list, no "由/查看/检查…" opening.)
    const title = others.findIndex((f) => f.cell.lines.length === 1 && f.text.length <= 30 && !/[。，,；：:、]/.test(f.text) && !/^([0-9]{1,2}\s*[、.．]|由|查|检查|抽查|依据|根据)/.test(f.text) && !SCORING_WORDS.test(f.text));
    const guidance = title < 0 ? others : others.slice(0, title);
    if (guidance.length) item.guidance = cellsText(guidance.map((f) => f.cell.lines));
    section.items.push(item);
    if (title >= 0) {
      section = newSection(part, others[title].cell.lines[0].line, text(others[title].cell.lines), true);
      if (group) section.group = group;
      const after = others.slice(title + 1);
      if (after.length) part.notes.push({ kind: "ignored", text: `考核项“${others[title].text}”之后的考核方式（${after.length}段）位置不明，未收入：${after[0].text.slice(0, 30)}…`, line: after[0].cell.lines[0].line });
    }
  }
}

/** 002: 主要内容 (a heading "一、…方面" groups them) over numbered 巡查要点 "1．是否…". */
function readChecklist(body: Flat[], part: Part): void {
  let group: string | undefined;
  let section: PSection | undefined;
  for (const f of body) {
    const line = f.cell.lines[0].line;
    if (SECTION_HEADING.test(f.text)) {
      group = f.text.replace(/\n/g, "");
      section = undefined;
      continue;
    }
    const numbered = f.cell.lines.filter((l) => /^[0-9]{1,2}\s*[.．、]/.test(l.text)).length;
    if (numbered === 0) {
      if (f.text.length <= 40) {
        section = newSection(part, line, text(f.cell.lines), true);
        if (group) section.group = group;
      } else part.notes.push({ kind: "ignored", text: `说明文字，未作为巡查要点：${f.text.slice(0, 60)}`, line });
      continue;
    }
    if (!section) {
      section = newSection(part, line, group ? { text: group, lines: [] } : undefined, false);
    }
    for (const l of f.cell.lines) {
      const m = /^([0-9]{1,2})\s*[.．、]\s*/.exec(l.text);
      if (m) section.checks.push({ label: m[1], text: text([{ ...l, text: l.text.slice(m[0].length) }]) });
      else if (section.checks.length) {
        const c = section.checks[section.checks.length - 1];
        c.text = text([...c.text.lines, l]);
      }
    }
  }
}

/** Word and Excel tables with a header row: each cell's column says what it is. */
function readColumns(body: Flat[], part: Part, byColumn: Map<number, ColumnRole>): void {
  const rows: Flat[][] = [];
  for (const f of body) {
    if (!rows.length || rows[rows.length - 1][0].row !== f.row) rows.push([]);
    rows[rows.length - 1].push(f);
  }
  let section: PSection | undefined;
  let group: string | undefined;
  let item: PItem | undefined;
  // Printed headings ("一、组织领导（20分）") are the sections; 考核项目 is then a line of the item's text.
  const headings = rows.some((r) => r.length === 1 && SECTION_HEADING.test(r[0].text));
  for (const row of rows) {
    const line = row[0].cell.lines[0].line;
    const get = (role: ColumnRole) => row.filter((f) => f.cell.column !== undefined && byColumn.get(f.cell.column) === role);
    // A heading row: one cell, "一、组织领导（20分）".
    if (row.length === 1 && (SECTION_HEADING.test(row[0].text) || row[0].cell.column === undefined)) {
      if (SECTION_HEADING.test(row[0].text)) section = newSection(part, line, text(row[0].cell.lines), true);
      continue;
    }
    const g = get("group")[0];
    if (g) group = g.text.replace(/\n/g, "");
    const s = headings ? undefined : get("section")[0];
    if (s && s.text !== section?.title?.text) {
      section = newSection(part, line, text(s.cell.lines), true);
      if (group) section.group = group;
    }
    const labelCell = get("label")[0];
    const itemCells = [...(headings ? get("section") : []), ...get("item"), ...get("check")];
    const scoring = [...get("itemScoring"), ...get("scoring")];
    const guidance = get("guidance");
    // A row numbered 一、二… with no 评分标准 is a section: its title in the next cell, its points in 分值.
    if (labelCell && /^[一二三四五六七八九十]+[、.．]?$/.test(labelCell.text) && !scoring.length) {
      const titleCell = row.find((f) => f !== labelCell && f.cell.column !== undefined && !["points", "score", "note"].includes(byColumn.get(f.cell.column) ?? ""));
      section = newSection(part, line, titleCell ? text(titleCell.cell.lines) : undefined, true);
      section.label = labelCell.text.replace(/[、.．]$/, "");
      const pts = Number(get("points")[0]?.text.replace(/分$/, ""));
      if (section.points === undefined && get("points").length && Number.isFinite(pts)) section.points = pts;
      continue;
    }
    if (!section) section = newSection(part, line);
    if (get("check").length && !get("scoring").length) {
      for (const l of get("check").flatMap((f) => f.cell.lines)) {
        const m = /^([0-9]{1,2})\s*[.．、]\s*/.exec(l.text);
        if (m || !section.checks.length) section.checks.push({ label: m?.[1] ?? labelCell?.text ?? "", text: text([{ ...l, text: m ? l.text.slice(m[0].length) : l.text }]) });
        else section.checks[section.checks.length - 1].text = text([...section.checks[section.checks.length - 1].text.lines, l]);
      }
      continue;
    }
    // A row with only more 评分标准 (a merged 考核内容 above it) continues the item.
    if (!labelCell && !itemCells.length && item && section.items.includes(item)) {
      for (const f of scoring) item.scoring.push(...splitScoring(f.cell.lines).scoring);
      if (guidance.length) item.guidance = cellsText([item.guidance?.lines ?? [], ...guidance.map((f) => f.cell.lines)]);
      continue;
    }
    if (!labelCell && !itemCells.length && !scoring.length) continue;
    item = { label: labelCell?.text ?? "", scoring: [], line };
    if (itemCells.length) item.text = cellsText(itemCells.map((f) => f.cell.lines));
    for (const f of scoring) {
      const split = splitScoring(f.cell.lines);
      item.scoring.push(...split.scoring);
      if (split.guidance.length) item.guidance = text(split.guidance);
    }
    if (guidance.length) item.guidance = cellsText([item.guidance?.lines ?? [], ...guidance.map((f) => f.cell.lines)]);
    const basis = get("basis");
    if (basis.length) item.basis = cellsText(basis.map((f) => f.cell.lines));
    const resp = get("responsible");
    if (resp.length) item.responsible = cellsText(resp.map((f) => f.cell.lines));
    const pts = get("points")[0];
    if (pts) {
      const n = Number(pts.text.replace(/分$/, ""));
      if (Number.isFinite(n) && n >= 0) item.points = n;
    }
    section.items.push(item);
  }
}
