/**
 * `safescore consolidate <file|dir>… [--units <file>] [--policy <file>] -o <roster.xlsx> [--json] [--notice <file.docx>]`:
 * a folder of returns → the office's roster (003_…), its summary and the problems list.
 *
 * Exit 0 when a roster was written, even with problems; 1 usage; 2 nothing readable (or the unit list,
 * policy or output could not be read or written) — one line.
 *
 * `--json` prints, for one rubric:
 *   { "rubric": {id, version, title}, "rows": [...], "summary": {...}, "exempt": [...], "problems": [...], "groups": [<the same group>] }
 * and for returns of several rubrics (each ranked apart):
 *   { "groups": [{ "rubric", "rows", "summary", "exempt" }, …], "problems": [...] }
 * so `groups` is always there and a script written for one rubric reads `rows` and `summary` directly.
 * A row is {rank, unit, category, score, selfScore, reviewScore, basis, tier, reward, note, problems, file,
 * vetoed, match}: score is the one ranked by, basis "self" or "review" says which (policy.basis, for a
 * reviewed return); a vetoed unit's scores and reward are null; tier is the Chinese label (优秀, 良好, 合格,
 * 不合格) as in `score --json`. summary.moved counts the units the review moved across the threshold or a tier.
 *
 * With `--scheme <id|file> [--scores <file>]` (a composite, e.g. 001's 千分制) there is one group, the scheme's
 * (`rubric` holds its id, version and title), and each row also carries `parts`: {component name: points or
 * null}; `score` is their sum.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename, extname, join, dirname } from "node:path";
import type { Consolidation, Policy, Problem, ReadOutcome, RosterGroup, RosterRow, UnitEntry } from "../consolidate/types";
import type { PoolOptions, ReadManyOptions } from "../consolidate/pool";
import type { UnitList } from "../consolidate/units";
import { DEFAULT_POLICY } from "../consolidate/types";
import { TIER_LABELS } from "../scoring/tiers";
import { PROBLEM_LABELS } from "../consolidate/labels";
import { BASIS_LABELS } from "../consolidate/basis";
import { displaySafe, jsonTextPieces } from "../text/display";
import { FileError, UsageError } from "./errors";
import { fsErrorLine } from "../text/fs-error";
import { expandInputs } from "./files";
import type { RubricChoice, RubricChoiceData } from "../rubric/given";
import type { LocalPoints } from "../rubric/points";
import type { Scheme } from "../scheme/schema";
import type { ScoreSheet } from "../consolidate/scores";

/** What the command runs on; what only an option needs is loaded when it is given (consolidate-deps.ts). */
export interface ConsolidateDeps {
  /** Starts the workers for `total` files before the options are read (readMany starts them otherwise). */
  startPool?(total: number, opts: PoolOptions): Promise<ReadManyOptions["pool"]>;
  readMany(files: string[], opts: ReadManyOptions): Promise<ReadOutcome[]>;
  parseUnitList(bytes: Uint8Array, fileName: string): Promise<UnitList>;
  parsePolicy(text: string, fileName: string): Promise<Policy>;
  consolidate(outcomes: ReadOutcome[], units: UnitEntry[] | null, policy: Policy): Consolidation;
  rosterToXlsx(c: Consolidation): Promise<Uint8Array>;
  noticeToDocx(group: RosterGroup, opts: { title?: string }): Promise<Uint8Array>;
  /** --scheme: loaded only when asked for. */
  composite?: () => Promise<CompositeDeps>;
}

export interface CompositeDeps {
  /** A --scheme value (shipped id or file) → the validated scheme (UsageError, FileError otherwise). */
  scheme(value: string): Scheme;
  parseScoreSheet(bytes: Uint8Array, fileName: string): ScoreSheet;
  consolidateComposite(outcomes: ReadOutcome[], units: UnitEntry[] | null, policy: Policy, scheme: Scheme, scores: ScoreSheet | null): Consolidation;
}

export interface ConsolidateOptions {
  /** --rubric, repeated: shipped ids or rubric files; the returns must be made from one of them. */
  rubric?: string[];
  units?: string;
  policy?: string;
  /** --points: the office's local item points for the one --rubric given; every return is scored by them. */
  points?: string;
  out?: string;
  json?: boolean;
  notice?: string;
  /** --scheme: rank units by a composite (a shipped scheme's id or a scheme file). */
  scheme?: string;
  /** --scores: the office's entered scores for the scheme's parts (CSV or .xlsx). */
  scores?: string;
}

export interface ConsolidateIO {
  out: (s: string) => void;
  /** One line on stderr (notes). */
  note: (s: string) => void;
  /** Raw stderr for the progress line; present only when stderr is a terminal. */
  progress?: (s: string) => void;
  env: Record<string, string | undefined>;
}

/** Nothing could be read: exit 2, one line. */
export class NothingReadable extends FileError {}

function readBytes(path: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    const en = what === "名单" ? "the unit list" : what === "分数表" ? "the scores sheet" : "the policy";
    throw new FileError(path, `${what}无法读取 / cannot read ${en}: ${displaySafe(path)}${code ? `（${code}）` : ""}`);
  }
}

async function parsed<T>(what: string, path: string, f: () => T | Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw new FileError(path, `${displaySafe(path)}: ${what} — ${displaySafe(String((e as Error)?.message ?? e), 300)}`);
  }
}

function write(path: string, bytes: Uint8Array) {
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new FileError(path, fsErrorLine(path, e, "write") ?? `无法写入 / cannot write: ${displaySafe(path)}（${(e as Error)?.message}）`);
  }
}

const tierLabel = (t: RosterRow["tier"]) => (t ? TIER_LABELS[t].zh : null);

function rowJson(r: RosterRow) {
  return {
    rank: r.rank,
    unit: r.unit,
    category: r.category,
    score: r.vetoed ? null : r.score,
    selfScore: r.vetoed ? null : r.selfScore,
    reviewScore: r.vetoed ? null : r.reviewScore,
    basis: r.basis,
    tier: tierLabel(r.tier),
    reward: r.vetoed ? null : r.reward,
    note: r.note,
    problems: r.problems,
    file: r.file,
    vetoed: r.vetoed,
    match: r.match,
    ...(r.parts ? { parts: r.parts } : {}),
  };
}

function groupJson(g: RosterGroup) {
  const tiers = Object.fromEntries(Object.entries(g.summary.tiers).map(([id, n]) => [TIER_LABELS[id as keyof typeof TIER_LABELS]?.zh ?? id, n]));
  return { rubric: g.rubric, rows: g.rows.map(rowJson), summary: { ...g.summary, tiers }, exempt: g.exempt };
}

export function consolidationJson(c: Consolidation) {
  const groups = c.groups.map(groupJson);
  const problems = c.problems.map((p) => ({ file: p.file, unit: p.unit, kind: p.kind, message: p.message }));
  return groups.length === 1 ? { ...groups[0], problems, groups } : { groups, problems };
}

// ------------------------------------------------------------------------------------------- text output

/** Columns a string takes on a terminal: CJK and full-width forms take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w +=
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3040 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

const pad = (s: string, w: number, right = false) => {
  const fill = " ".repeat(Math.max(0, w - displayWidth(s)));
  return right ? fill + s : s + fill;
};

/** A table of cells (already made safe), columns aligned by display width; numeric columns right-aligned. */
function table(head: string[], rows: string[][], rightCols: Set<number>): string {
  const widths = head.map((h, k) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[k]))));
  const line = (cells: string[]) => cells.map((c, k) => pad(c, widths[k], rightCols.has(k))).join("  ").trimEnd();
  return [line(head), ...rows.map(line)].join("\n");
}

const num = (n: number | null, decimals = 2) => (n === null ? "—" : n.toFixed(decimals));

export function groupText(g: RosterGroup, policy: Policy): string {
  const s = g.summary;
  // A composite shows its parts before the sum; 自评分, 核定分 and 依据 come beside 考核分数 once any counted
  // unit was reviewed; the plain table otherwise.
  const parts = g.composite?.components ?? [];
  const both = s.moved.reviewed > 0;
  const head = ["序号", "单位", "类别", ...parts.map((c) => displaySafe(c.name, 20)), ...(both ? ["自评分", "核定分", "依据"] : []), "考核分数", "等次", "奖励金额（元）", "问题数", "备注"];
  const numeric = new Set(["序号", "自评分", "核定分", "考核分数", "奖励金额（元）", "问题数"]);
  const rightCols = new Set(head.flatMap((h, k) => (numeric.has(h) || (k >= 3 && k < 3 + parts.length) ? [k] : [])));
  const rows = g.rows.map((r) => [
    r.rank === null ? "—" : String(r.rank),
    displaySafe(r.unit, 40),
    displaySafe(r.category ?? "", 20),
    ...parts.map((c) => num(r.parts?.[c.name] ?? null, policy.decimals)),
    ...(both ? [r.vetoed ? "—" : num(r.selfScore, policy.decimals), r.vetoed ? "—" : num(r.reviewScore, policy.decimals), r.file === null ? "—" : BASIS_LABELS[r.basis]] : []),
    r.vetoed ? "—" : num(r.score, policy.decimals),
    tierLabel(r.tier) ?? "—",
    r.vetoed || r.reward === null ? "—" : num(r.reward),
    String(r.problems),
    displaySafe(r.note, 80),
  ]);
  const tiers = Object.entries(s.tiers)
    .map(([id, n]) => `${TIER_LABELS[id as keyof typeof TIER_LABELS]?.zh ?? displaySafe(id)} ${n}`)
    .join("，");
  const lines = [
    `${displaySafe(g.rubric.title)}（${displaySafe(g.rubric.id)} v${displaySafe(g.rubric.version)}）`,
    "",
    table(head, rows, rightCols),
    "",
    displaySafe(s.sentence, 500),
    ...(s.moved.sentence ? [s.moved.sentence] : []),
    `等次：${tiers}；平均分 ${num(s.mean)}，中位数 ${num(s.median)}；奖励合计 ${num(s.totalReward)} 元`,
  ];
  if (g.exempt.length) lines.push(`免考：${g.exempt.map((e) => `${displaySafe(e.unit, 40)}（${displaySafe(e.reason, 80)}）`).join("；")}`);
  return lines.join("\n") + "\n";
}


export function problemsText(problems: Problem[]): string {
  if (!problems.length) return "问题：无\n";
  const lines = problems.map((p) => {
    const where = [p.unit === null ? "" : displaySafe(p.unit, 40), p.file === null ? "" : displaySafe(p.file, 120)].filter(Boolean).join(" · ");
    return `  [${PROBLEM_LABELS[p.kind] ?? displaySafe(p.kind)}] ${where ? where + "：" : ""}${displaySafe(p.message, 300)}`;
  });
  return `问题（${problems.length}）：\n${lines.join("\n")}\n`;
}

export function consolidationText(c: Consolidation): string {
  return [...c.groups.map((g) => groupText(g, c.policy)), problemsText(c.problems)].join("\n");
}

// ------------------------------------------------------------------------------------------- the command

/** Where the notice of each group goes: the path given for one group, `<name>-<rubric id>.docx` for several. */
function noticePaths(path: string, groups: RosterGroup[]): string[] {
  if (groups.length <= 1) return [path];
  const ext = extname(path) || ".docx";
  return groups.map((g) => join(dirname(path), `${basename(path, ext)}-${g.rubric.id}${ext}`));
}

/** What the options make of the consolidation, each read and checked before any return. */
interface CommandOptions {
  units: UnitEntry[] | null;
  policy: Policy;
  composite: CompositeDeps | undefined;
  scheme: Scheme | null;
  scores: ScoreSheet | null;
  rubrics: RubricChoiceData[];
  points: LocalPoints | undefined;
}

async function readOptions(opts: ConsolidateOptions, io: ConsolidateIO, deps: ConsolidateDeps): Promise<CommandOptions> {
  const list = opts.units ? await parsed("无法读取考核对象名单 / cannot read the unit list", opts.units, () => deps.parseUnitList(readBytes(opts.units!, "名单"), basename(opts.units!))) : null;
  list?.problems.forEach((p) => io.note(`${displaySafe(basename(opts.units!))}: ${p}`));
  const units = list?.units ?? null;
  const policy = opts.policy
    ? await parsed("无法读取考核办法设置 / cannot read the policy", opts.policy, () => deps.parsePolicy(new TextDecoder().decode(readBytes(opts.policy!, "设置")), basename(opts.policy!)))
    : DEFAULT_POLICY;
  // A composite: the scheme, then the office's scores sheet, both read before any return.
  if (opts.scores && !opts.scheme) throw new UsageError("--scores 须与 --scheme 一起使用 / --scores needs --scheme");
  const composite = opts.scheme ? await deps.composite?.() : undefined;
  if (opts.scheme && !composite) throw new Error("consolidate: --scheme without its dependencies");
  const scheme = composite ? composite.scheme(opts.scheme!) : null;
  const scores = composite && opts.scores
    ? await parsed("无法读取分数表 / cannot read the scores sheet", opts.scores, () => composite.parseScoreSheet(readBytes(opts.scores!, "分数表"), basename(opts.scores!)))
    : null;

  // Read before the returns: a bad rubric file stops the command with its one line, like a bad policy file.
  // Their modules (zod, the rubrics) load only when given: this thread needs neither to read the returns.
  let choices: RubricChoice[] = [];
  let rubrics: RubricChoiceData[] = [];
  if (opts.rubric) {
    const [{ rubricChoices }, { choiceData }] = await Promise.all([import("./rubric-option"), import("../rubric/given")]);
    choices = rubricChoices(opts.rubric);
    rubrics = choiceData(choices);
  }
  // A points file names the items of one rubric: --points goes with exactly one --rubric.
  let points: LocalPoints | undefined;
  if (opts.points) {
    if (choices.length !== 1) throw new UsageError("--points 须与一个 --rubric 一起使用（分值文件针对一份考核细则） / --points needs exactly one --rubric (a points file is for one rubric)");
    const c = choices[0];
    const [{ readPointsFile }, { findRubric }] = await Promise.all([import("./points-option"), import("../rubric/library")]);
    points = readPointsFile(opts.points, c.kind === "file" ? c.rubric : findRubric(c.id)!);
  }
  return { units, policy, composite, scheme, scores, rubrics, points };
}

export async function consolidateCommand(inputs: string[], opts: ConsolidateOptions, io: ConsolidateIO, deps: ConsolidateDeps): Promise<void> {
  if (inputs.length === 0) throw new UsageError("consolidate 需要至少一个 .xlsx 文件或文件夹 / consolidate needs at least one .xlsx file or folder");
  if (!opts.out) throw new UsageError("缺少 -o <roster.xlsx> / missing -o <roster.xlsx>");

  // The returns' paths first. With many and no --rubric (the workers take the choices as they start), the
  // pool starts now and its workers load the reader while this thread reads the options (--units and
  // --policy: the first return ~50 ms sooner); an option that fails stops them before its error goes out.
  const found = expandInputs(inputs);
  const inProcessMax = io.env.SAFESCORE_IN_PROCESS_MAX === undefined ? undefined : Number(io.env.SAFESCORE_IN_PROCESS_MAX);
  const pool = opts.rubric ? undefined : await deps.startPool?.(found.files.length, { inProcessMax });
  let options: CommandOptions;
  try {
    options = await readOptions(opts, io, deps);
  } catch (e) {
    await pool?.destroy();
    throw e;
  }
  const { units, policy, composite, scheme, scores, rubrics, points } = options;

  found.notes.forEach(io.note);
  const early: Problem[] = found.problems.map((p) => ({ file: p.file, unit: null, kind: "unreadable", message: p.message }));
  if (found.files.length === 0) {
    throw new NothingReadable(inputs[0], `没有找到 .xlsx 自评表 / no .xlsx returns found${found.problems.length ? `：${found.problems[0].message}` : ""}`);
  }

  let last = 0;
  const progress = io.progress;
  const timing = io.env.SAFESCORE_TIMING ? phaseTimer(io.note) : null;
  timing?.("start");
  const outcomes = await deps.readMany(found.files, {
    tiers: policy.tiers,
    ...(rubrics.length ? { rubrics } : {}),
    ...(points ? { points } : {}),
    inProcessMax,
    pool,
    onProgress: (done, total) => {
      if (done === 1) timing?.("first");
      const now = Date.now();
      if (progress && (done === total || now - last > 100)) {
        last = now;
        progress(`\r已读取 ${done}/${total} 份… / read ${done}/${total}`);
      }
    },
  });
  progress?.("\r\x1b[K");
  timing?.("read");

  if (!outcomes.some((o) => o.ok)) {
    const first = outcomes.find((o) => !o.ok);
    throw new NothingReadable(inputs[0], `没有可读取的自评表：${outcomes.length} 个文件均无法读取 / nothing readable: none of ${outcomes.length} file(s) could be read${first && !first.ok ? `（${displaySafe(first.error.message, 200)}）` : ""}`);
  }

  const core = composite && scheme ? composite.consolidateComposite(outcomes, units, policy, scheme, scores) : deps.consolidate(outcomes, units, policy);
  // The roster holds what it needs of the returns: let them go before the workbook is written, the part of a
  // consolidation that needs the most memory (10,000 returns: tens of MB less at the peak).
  outcomes.length = 0;
  const c: Consolidation = { ...core, problems: [...early, ...core.problems] };
  timing?.("consolidated");
  write(opts.out, await deps.rosterToXlsx(c));
  timing?.("written");
  if (opts.notice) {
    const paths = noticePaths(opts.notice, c.groups);
    for (const [k, g] of c.groups.entries()) write(paths[k], await deps.noticeToDocx(g, {}));
  }
  // The JSON in pieces: 10,000 returns' is ~19 MB, and held whole (with its UTF-8 copy) it was the command's peak.
  if (opts.json) for (const piece of jsonTextPieces(consolidationJson(c))) io.out(piece);
  else io.out(consolidationText(c));
  timing?.("output", true);
}

/**
 * SAFESCORE_TIMING=1: one line on stderr of when each phase ended, in ms since the process started (what
 * `npm run bench` prints as where the time goes): the command began reading, the first return was read, all
 * were, the roster was consolidated, written, printed.
 */
function phaseTimer(note: (s: string) => void): (phase: string, last?: boolean) => void {
  const marks: string[] = [];
  return (phase, lastPhase = false) => {
    marks.push(`${phase} ${Math.round(performance.now())}`);
    if (lastPhase) note(`timing: ${marks.join(", ")}`);
  };
}
