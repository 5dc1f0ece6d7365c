/**
 * Many read returns + the office's unit list + its policy → the roster of 003_… per rubric, with its summary,
 * 扣分明细 and a problems list (pure). No file is ever dropped without a problem line saying why.
 *
 * Decisions where the issue leaves room (and 003_… shows the practice):
 * - 序号 is the position in the ranking, 1..n with no gaps: 003 numbers tied units consecutively (王村镇政府
 *   and 经济开发区管委会 both 95 are 1 and 2). Ties go in unit-list order, then unlisted returns by file name.
 * - Vetoed units follow the ranked ones and are numbered after them (003: 35–38), in unit-list order.
 * - The score is the percent (or raw total) rounded half up to policy.decimals, and ranking uses that
 *   rounded score (the one printed): two units shown with the same score are tied.
 * - Rows kept out of the ranking (two returns for one unit, no unit name, no score) come last with
 *   序号 null and the reason in 备注; they are not counted in the summary.
 * - Returns are grouped by rubric id; each group has its own ranking. The largest group comes first; every
 *   return of another group gets an "other-rubric" line. Listed units without a return (vetoed ones still
 *   get their row, as 003 prints them) and exempt units are shown in the first group.
 * - A reviewed return is ranked, rewarded, vetoed, tiered and itemised by the figures `rankedFigures` picks
 *   (basis.ts: the 核定 under policy.basis "review"); every row shows both scores and says which it went by.
 */
import { matchName, normalizeUnitName } from "../rubric/variants";
import type { TierId } from "../scoring/types";
import { ACCEPTED_TICKS } from "../scoring/inputs";
import { figureScore, rankedFigures, reviewFigures, selfFigures, type ReturnFigures } from "./basis";
import { deductionMatrix, movedByReview, roundTo, summarize, type Standing } from "./summary";
import type { Consolidation, Policy, Problem, ReadOutcome, RosterGroup, RosterRow, ScoredReturn, UnitEntry } from "./types";

/** Reader and engine flags that mean the sheet was altered (the recomputed score stands; the office should know). */
export const TAMPER_KINDS = new Set([
  "changed-points", "changed-text", "formula-replaced", "formula-changed", "deleted-row", "duplicate-row",
  "hidden-row", "row-without-id", "hidden-table", "cached-total", "given-changed",
]);

/**
 * 问题数 of a row: the return's missing evidence (an item claims points with no 自评情况), invalid entries
 * (scored as blank) and unexplained entries (a loss ticked or a discretionary amount with no note) — what the
 * review meeting must look at in the unit's own entries. Tampering is in the problems list instead.
 */
export const ROW_PROBLEM_KINDS = new Set(["missing-evidence", "invalid-input", "unexplained-entry"]);

const NO_NAME = "（未填写单位名称）";

interface Candidate {
  ret: ScoredReturn;
  /** Index in the unit list, or null (unlisted, no list, no name). */
  listed: number | null;
  match: RosterRow["match"];
  /** Who the return belongs to: the listed unit, else the normalised typed name; null without a name. */
  key: string | null;
}

const byFile = (a: { file: string | null }, b: { file: string | null }) => ((a.file ?? "") < (b.file ?? "") ? -1 : (a.file ?? "") > (b.file ?? "") ? 1 : 0);
const listOrder = (x: number | null) => x ?? Number.POSITIVE_INFINITY;

/** The group's rubric: the current version its returns name (a return from an older one records the newer). */
function groupRubric(rets: ScoredReturn[]): RosterGroup["rubric"] {
  const current = rets.find((r) => r.newerRubricVersion === null);
  if (current) return { ...current.rubric };
  return { ...rets[0].rubric, version: rets[0].newerRubricVersion! };
}

/** Items by key, in first-seen order (a null key is left out). */
function groupBy<T>(items: T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/** The first `n` of a list joined, and how many more: "a、b、c 等 12 个". */
function fewOf(list: string[], sep: string, n: number): string {
  return list.length <= n ? list.join(sep) : `${list.slice(0, n).join(sep)} 等 ${list.length} 个`;
}

/** What an invalid tick's message ends with: said once in a line, after its first invalid tick, not after every one. */
const TICKS_HINT = `。${ACCEPTED_TICKS.zh}`;

/**
 * Flags of one kind in one line: "表!D7：无法识别；表!E9：…（共 12 处）" — at most FLAGS_PER_LINE named, and the
 * accepted ticks said once, after the first invalid tick (where a line cut short on a terminal still shows it).
 */
const FLAGS_PER_LINE = 5;
function flagList(flags: ScoredReturn["flags"]): string {
  let hinted = false;
  const named = flags
    .slice(0, FLAGS_PER_LINE)
    .map((f) => {
      const again = hinted && f.message.endsWith(TICKS_HINT);
      hinted ||= f.message.endsWith(TICKS_HINT);
      return `${f.cell ? `${f.cell}：` : ""}${again ? f.message.slice(0, -TICKS_HINT.length) : f.message}`;
    })
    .join("；");
  return flags.length > FLAGS_PER_LINE ? `${named}；……（共 ${flags.length} 处）` : named;
}

export function consolidate(returns: ReadOutcome[], units: UnitEntry[] | null, policy: Policy): Consolidation {
  const problems: Problem[] = [];
  const names = (units ?? []).map((u) => u.name);

  // Unreadable files: one line each, with the reader's reason.
  const rets: ScoredReturn[] = [];
  for (const o of returns) {
    if (o.ok) rets.push(o.ret);
    else problems.push({ file: o.error.file, unit: null, kind: "unreadable", message: o.error.message });
  }

  // Who sent each return.
  const candidates: Candidate[] = rets.map((ret) => {
    if (ret.unit === null || normalizeUnitName(ret.unit) === "") {
      problems.push({ file: ret.file, unit: null, kind: "no-unit-name", message: "自评表未填写单位名称，未排名 / the return gives no 单位名称; not ranked" });
      return { ret, listed: null, match: null, key: null };
    }
    if (!units) return { ret, listed: null, match: null, key: `n:${normalizeUnitName(ret.unit)}` };
    const m = matchName(ret.unit, names);
    if (m.kind === "none") {
      problems.push({ file: ret.file, unit: ret.unit, kind: "unlisted-unit", message: `单位“${ret.unit}”不在考核对象名单中，按其自评表排名 / unit "${ret.unit}" is not on the unit list; ranked as it is` });
      return { ret, listed: null, match: "unlisted", key: `n:${normalizeUnitName(ret.unit)}` };
    }
    if (m.kind === "fuzzy") {
      problems.push({ file: ret.file, unit: names[m.index], kind: "fuzzy-match", message: `单位名称“${ret.unit}”按名单中的“${names[m.index]}”匹配 / unit name "${ret.unit}" matched "${names[m.index]}" on the list` });
    }
    return { ret, listed: m.index, match: m.kind, key: `l:${m.index}` };
  });

  // What each return says about itself: an older rubric version, tampering, invalid entries.
  for (const { ret, listed } of candidates) {
    const unit = listed !== null ? names[listed] : ret.unit;
    if (ret.newerRubricVersion !== null) {
      problems.push({
        file: ret.file, unit, kind: "older-version",
        message: `按旧版考核细则 ${ret.rubric.id} ${ret.rubric.version} 填报（现行 ${ret.newerRubricVersion}），按其填报时的版本计分 / made from ${ret.rubric.id} ${ret.rubric.version} (current ${ret.newerRubricVersion}); scored by that version`,
      });
    }
    // One line per return and kind, naming the first cells (the return's own score report lists them all).
    const tampered = ret.flags.filter((f) => TAMPER_KINDS.has(f.kind));
    const invalid = ret.flags.filter((f) => f.kind === "invalid-input");
    // Scored by the office's points already (layout/scored.ts); the office should know the unit saw others.
    for (const f of ret.flags.filter((x) => x.kind === "local-points")) problems.push({ file: ret.file, unit, kind: "local-points", message: f.message });
    if (tampered.length) problems.push({ file: ret.file, unit, kind: "tampered", message: flagList(tampered) });
    if (invalid.length) problems.push({ file: ret.file, unit, kind: "invalid-entry", message: flagList(invalid) });
    // ReviewedScore carries no cells: the return's own review report (score, review) lists them.
    if (ret.review && !ret.review.complete) {
      problems.push({ file: ret.file, unit, kind: "review-invalid", message: "核定有无效填写（按空白计分）或与重算不符之处，请在该表的核定中核实 / the assessors' 核定 has invalid entries (scored as blank) or figures that differ from the recomputed ones; check it in the return" });
    }
  }

  // Groups by rubric id, the largest first (ties: first seen).
  const byRubric = groupBy(candidates, (c) => c.ret.rubric.id);
  const groups = [...byRubric.values()].sort((a, b) => b.length - a.length);
  if (groups.length > 1) {
    const main = groupRubric(groups[0].map((c) => c.ret));
    for (const g of groups.slice(1)) {
      for (const { ret } of g) {
        problems.push({
          file: ret.file, unit: ret.unit, kind: "other-rubric",
          message: `使用考核细则“${ret.rubric.title}”（${ret.rubric.id}），与多数自评表（${main.id}）不同，单独排名 / made from rubric ${ret.rubric.id}, not ${main.id} as most returns; ranked apart`,
        });
      }
    }
  }

  const returned = new Set(candidates.flatMap((c) => (c.listed === null ? [] : [c.listed])));
  const out: RosterGroup[] = groups.map((g, k) => buildGroup(g, k === 0 ? (units ?? []) : [], returned, units ?? [], policy, problems));

  // Listed units without a return (exempt ones are not missing).
  (units ?? []).forEach((u, i) => {
    if (returned.has(i) || u.exempt) return;
    problems.push({
      file: null, unit: u.name, kind: "missing-return",
      message: u.veto
        ? `名单中的单位“${u.name}”没有交自评表（已按名单一票否决列入成绩表） / "${u.name}" on the list sent no return (listed as vetoed by the office)`
        : `名单中的单位“${u.name}”没有交自评表 / "${u.name}" on the unit list sent no return`,
    });
  });

  return { groups: out, problems, policy };
}

/** A row in the making, with the return (and the figures it is ranked by) behind it. */
interface Placed {
  row: RosterRow;
  ret: ScoredReturn | null;
  figures: ReturnFigures | null;
  listed: number | null;
}

/** Where one set of a return's figures puts a unit on the office's list: its veto and 优秀否决 count for both. */
function standing(f: ReturnFigures, entry: UnitEntry | null, policy: Policy): Standing {
  if (entry?.veto || f.veto.fail) return { atOrAbove: false, tier: "fail" };
  const score = figureScore(f, policy);
  return { atOrAbove: score !== null && score >= policy.threshold, tier: entry?.noExcellent && f.tier === "excellent" ? "good" : f.tier };
}

/** The reasons of a fail veto, joined. */
const failReasons = (f: ReturnFigures) => f.veto.reasons.filter((r) => r.effect === "fail").map((r) => r.text).join("；");

function buildGroup(group: Candidate[], extraUnits: UnitEntry[], returned: Set<number>, units: UnitEntry[], policy: Policy, problems: Problem[]): RosterGroup {
  const exempt: RosterGroup["exempt"] = [];
  const ranked: Placed[] = [];
  const vetoed: Placed[] = [];
  const apart: Placed[] = [];

  const byKey = groupBy(group, (c) => c.key);

  for (const c of group) {
    const { ret, listed } = c;
    const entry = listed === null ? null : units[listed];
    const unit = entry ? entry.name : (ret.unit ?? NO_NAME);
    const figures = rankedFigures(ret, policy);
    const byReview = figures.basis === "review";
    const base = {
      unit, category: entry?.category ?? null, vetoed: false, file: ret.file, match: c.match,
      problems: ret.flags.filter((f) => ROW_PROBLEM_KINDS.has(f.kind)).length,
      selfScore: null, reviewScore: null, basis: figures.basis,
    };
    const place = (row: RosterRow) => ({ row, ret, figures, listed });
    if (entry?.exempt) {
      exempt.push({ unit, reason: entry.exempt, file: ret.file });
      continue;
    }
    const same = c.key === null ? [] : byKey.get(c.key)!;
    if (c.key === null || same.length > 1 || figures.percent === null) {
      const note = c.key === null
        ? "未填写单位名称，未排名"
        : figures.percent === null
          ? "没有分数（检查表），未排名"
          : `同一单位有${same.length}份自评表，核实前不排名`;
      if (c.key !== null && same.length > 1) {
        const others = fewOf(same.filter((o) => o !== c).map((o) => o.ret.file), "、", 3);
        problems.push({ file: ret.file, unit, kind: "duplicate-unit", message: `单位“${unit}”有${same.length}份自评表（另见 ${others}），均未排名，请核实 / ${same.length} returns for "${unit}" (also ${others}); none is ranked until resolved` });
      }
      apart.push(place({ ...base, rank: null, score: null, tier: figures.tier, reward: null, note }));
      continue;
    }
    if (entry?.veto || figures.veto.fail) {
      // The office's finding first; else the veto of the figures ranked by (the assessors' rule over the unit's declaration).
      const note = entry?.veto ?? (byReview ? `核定一票否决：${failReasons(figures)}` : `自评表申报一票否决：${failReasons(figures)}`);
      vetoed.push(place({ ...base, rank: null, score: null, tier: "fail", reward: null, note, vetoed: true }));
      continue;
    }
    if (figures.state === "unfilled") {
      // A blank table scores full marks: it would top the ranking. The office asks the unit to fill it in.
      problems.push(
        byReview
          ? { file: ret.file, unit, kind: "unfilled", message: `单位“${unit}”的核定没有任何填写，未排名 / the assessors' 核定 has no entry at all; not ranked` }
          : { file: ret.file, unit, kind: "unfilled", message: `单位“${unit}”报回的自评表没有任何填写（未勾选、未填次数和自评情况），未排名 / the return has no entry at all; not ranked` },
      );
      apart.push(place({ ...base, rank: null, score: null, tier: null, reward: null, note: byReview ? "核定未填写，未排名" : "自评表未填写，未排名" }));
      continue;
    }
    // Not vetoed and scored (checked above), so the ranked figures always give a score.
    const score = figureScore(figures, policy)!;
    const rate = (entry?.category && policy.reward.perPointAboveThreshold[entry.category]) || 0;
    const reward = score >= policy.threshold ? roundTo((score - policy.threshold) * rate, 2) : 0;
    let tier: TierId | null = figures.tier;
    if (entry?.noExcellent && tier === "excellent") tier = "good";
    const selfScore = figureScore(selfFigures(ret), policy);
    const reviewScore = figureScore(reviewFigures(ret), policy);
    ranked.push(place({ ...base, rank: null, score, selfScore, reviewScore, tier, reward, note: entry?.noExcellent ? `优秀否决：${entry.noExcellent}` : "" }));
  }

  // Vetoed and exempt units of the list that sent no return at all are still shown (003 lists every vetoed unit).
  extraUnits.forEach((u, i) => {
    if (returned.has(i)) return;
    if (u.exempt) exempt.push({ unit: u.name, reason: u.exempt, file: null });
    else if (u.veto) {
      const row: RosterRow = { rank: null, unit: u.name, category: u.category, score: null, selfScore: null, reviewScore: null, basis: "self", tier: "fail", reward: null, note: u.veto, vetoed: true, problems: 0, file: null, match: null };
      vetoed.push({ row, ret: null, figures: null, listed: i });
    }
  });

  ranked.sort((a, b) => b.row.score! - a.row.score! || listOrder(a.listed) - listOrder(b.listed) || byFile(a.row, b.row));
  vetoed.sort((a, b) => listOrder(a.listed) - listOrder(b.listed) || byFile(a.row, b.row));
  apart.sort((a, b) => byFile(a.row, b.row));
  const ordered = [...ranked, ...vetoed];
  ordered.forEach((r, k) => (r.row.rank = k + 1));
  const rows = [...ordered, ...apart].map((r) => r.row);
  // What the review changed: counted units with a reviewed return, their standing by each score.
  const reviewed = ordered.flatMap(({ row, ret, listed }) => {
    const review = ret ? reviewFigures(ret) : null;
    if (!ret || !review) return [];
    const entry = listed === null ? null : units[listed];
    return [{ unit: row.unit, self: standing(selfFigures(ret), entry, policy), review: standing(review, entry, policy) }];
  });
  return {
    rubric: groupRubric(group.map((c) => c.ret)),
    rows,
    exempt,
    summary: summarize(rows, policy, movedByReview(reviewed, policy)),
    // The 扣分明细 itemises the figures each row is ranked by.
    deductions: deductionMatrix(
      [...ordered, ...apart].map(({ row, ret, figures }) => ({
        row,
        ret: ret && figures ? { items: ret.items.map((it, k) => ({ ...it, deduction: figures.deductions[k] ?? 0 })) } : null,
      })),
    ),
  };
}
