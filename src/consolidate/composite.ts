/**
 * A composite roster (--scheme): each unit's final score built from several parts (001 三、考核记分: 县区
 * 千分 = 党委层面100 + 政府层面300 + 行政执法100 + 行业专项200 + 日常考核300), some from returns of a rubric, some
 * entered by the office in a scores sheet (scores.ts). Pure.
 *
 * Decisions (the issue leaves them open; the README states them for the office):
 * - Returns are matched, checked and vetoed by the ordinary roster (roster.ts, one place for those rules);
 *   each rubric component takes the return's total scaled to its weight (total × weight / the table's max).
 * - Parts are rounded to policy.decimals and the composite is their sum, so the roster.xlsx SUM of the part
 *   cells gives exactly the composite shown.
 * - A unit lacking any part (no usable return, no entered line) is never ranked on a partial sum: a
 *   "missing-part" problem line names the parts, the row comes last with the reason in 备注.
 * - A 一票否决 from the unit list or from any of the unit's returns vetoes the composite (last, no score); a
 *   优秀否决 from either caps its tier at 良好.
 * - Tiers and the 以上 threshold are the policy's percents applied to composite / max × 100 (001 gives no
 *   thresholds); the composite's roster carries them converted to points (800 of 1000 for 80) so 设置, the
 *   summary sentence and the sheet's formulas all speak in the composite's points. Reward rates are per point.
 * - Ranking follows the roster's rules (003): by score, ties in unit-list order, then first seen; vetoed
 *   units after the ranked ones, numbered on.
 */
import { matchName, normalizeUnitName } from "../rubric/variants";
import { sheetName, type Scheme, type SchemeComponent } from "../scheme/schema";
import { DEFAULT_TIER_POLICY, tierFor } from "../scoring/tiers";
import type { TierId } from "../scoring/types";
import { consolidate } from "./roster";
import type { ScoreSheet } from "./scores";
import { roundTo, summarize } from "./summary";
import { rankedFigures } from "./basis";
import type { Consolidation, Policy, Problem, ReadOutcome, RosterGroup, RosterRow, ScoredReturn, UnitEntry } from "./types";

/** The policy as the composite's roster applies it: threshold and tiers converted from percent to points of `max`. */
export function compositePolicy(policy: Policy, max: number): Policy {
  const t = policy.tiers ?? DEFAULT_TIER_POLICY;
  const points = (percent: number) => roundTo((percent * max) / 100, 4);
  return {
    ...policy,
    scoreBasis: "raw",
    threshold: points(policy.threshold),
    tiers: { excellent: points(t.excellent), good: points(t.good), pass: points(t.pass) },
  };
}

/** Why a unit has no figure for a part, in both languages; `absent`: nothing was given (else: given, but unusable). */
interface Why {
  zh: string;
  en: string;
  absent: boolean;
}

type PartState = { value: number; why: null } | { value: null; why: Why };

interface UnitAcc {
  name: string;
  /** Index in the unit list, or null. */
  listed: number | null;
  entry: UnitEntry | null;
  match: RosterRow["match"];
  /** By component index. */
  parts: Map<number, PartState>;
  files: string[];
  /** 问题数: the row problems of its returns. */
  problems: number;
  /** 一票否决 declared in its returns: "党委层面：reason". */
  fail: string[];
  noExcellent: string[];
  /** Entered lines by sheetName(组成部分). */
  lines: Map<string, { score: number; line: number }[]>;
  /** A part came from the assessors' 核定 (policy.basis "review" and a reviewed return). */
  reviewed: boolean;
}

/** What a scores sheet's 组成部分 names: a component, one of its parts, or a line averaged into a part. */
interface Target {
  component: number;
  part: number | null;
  /** The most points the line may give. */
  cap: number;
}

const joinZh = (xs: string[]) => xs.join("、");

export function consolidateComposite(returns: ReadOutcome[], units: UnitEntry[] | null, policy: Policy, scheme: Scheme, scores: ScoreSheet | null): Consolidation {
  const base = consolidate(returns, units, policy);
  const decimals = policy.decimals;
  // Returns of several rubrics are the point here, not a problem; and a missing return is told per part below.
  const problems: Problem[] = base.problems.filter((p) => p.kind !== "other-rubric" && p.kind !== "missing-return");
  const retByFile = new Map<string, ScoredReturn>();
  for (const o of returns) if (o.ok) retByFile.set(o.ret.file, o.ret);

  const list = units ?? [];
  const names = list.map((u) => u.name);
  const accs: UnitAcc[] = [];
  const byKey = new Map<string, UnitAcc>();
  const acc = (name: string, listed: number | null, match: RosterRow["match"]): UnitAcc => {
    const key = listed !== null ? `l:${listed}` : `n:${normalizeUnitName(name)}`;
    let a = byKey.get(key);
    if (!a) {
      a = { name, listed, entry: listed === null ? null : list[listed], match, parts: new Map(), files: [], problems: 0, fail: [], noExcellent: [], lines: new Map(), reviewed: false };
      byKey.set(key, a);
      accs.push(a);
    } else if (match === "fuzzy") a.match = "fuzzy";
    return a;
  };
  list.forEach((u, i) => {
    if (!u.exempt) acc(u.name, i, null);
  });
  const listedIndex = (name: string): number | null => {
    const i = names.findIndex((n) => normalizeUnitName(n) === normalizeUnitName(name));
    return i < 0 ? null : i;
  };

  // ---- parts from returns ----
  const exemptFiles = new Map<string, string[]>();
  for (const g of base.groups) {
    for (const e of g.exempt) if (e.file) exemptFiles.set(e.unit, [...(exemptFiles.get(e.unit) ?? []), e.file]);
    const k = scheme.components.findIndex((c) => c.rubric === g.rubric.id);
    for (const row of g.rows) {
      const ret = row.file === null ? undefined : retByFile.get(row.file);
      // A listed unit vetoed without a return is the list's (below); a return without 单位名称 has its problem line.
      if (!ret || ret.unit === null || normalizeUnitName(ret.unit) === "") continue;
      if (k < 0) {
        problems.push({
          file: ret.file, unit: row.unit, kind: "other-rubric",
          message: `使用考核细则“${ret.rubric.title}”（${ret.rubric.id}），不是考核方案“${scheme.title}”的组成部分，未计入 / made from rubric ${ret.rubric.id}, which is no part of scheme ${scheme.id}; not counted`,
        });
        continue;
      }
      const comp = scheme.components[k];
      const a = acc(row.unit, units && row.match !== "unlisted" ? listedIndex(row.unit) : null, row.match);
      a.files.push(ret.file);
      a.problems += row.problems;
      // The figures the roster ranks by (the 核定 of a reviewed return under basis "review"): its total, vetoes, state.
      const fig = rankedFigures(ret, policy);
      const failed = fig.veto.reasons.filter((r) => r.effect === "fail").map((r) => r.text);
      const barred = fig.veto.reasons.filter((r) => r.effect === "noExcellent").map((r) => r.text);
      if (fig.veto.fail) a.fail.push(`${comp.name}：${failed.join("；")}`);
      if (fig.veto.noExcellent) a.noExcellent.push(`${comp.name}：${barred.join("；")}`);
      if (a.parts.has(k)) continue; // a second return of the unit: the roster kept both out already (its note says so)
      if (row.rank === null && !row.vetoed) a.parts.set(k, { value: null, why: { zh: row.note, en: `the return is not ranked (${row.note})`, absent: false } });
      else if (fig.state === "unfilled" || ret.max <= 0) a.parts.set(k, { value: null, why: { zh: "自评表未填写", en: "the return is not filled in", absent: false } });
      else {
        a.parts.set(k, { value: roundTo((fig.total * comp.weight) / ret.max, decimals), why: null });
        if (fig.basis === "review") a.reviewed = true;
      }
    }
  }

  // ---- entered lines ----
  if (scores) {
    problems.push(...scores.problems);
    const targets = new Map<string, Target>();
    scheme.components.forEach((c, i) => {
      targets.set(sheetName(c.name), { component: i, part: null, cap: c.weight });
      c.parts?.forEach((p, j) => {
        targets.set(sheetName(p.name), { component: i, part: j, cap: p.weight });
        for (const w of p.averageWith ?? []) targets.set(sheetName(w), { component: i, part: j, cap: p.weight });
      });
    });
    const entered = scheme.components.flatMap((c) => (c.rubric ? [] : [c.name, ...(c.parts ?? []).flatMap((p) => [p.name, ...(p.averageWith ?? [])])]));
    for (const l of scores.lines) {
      const at = `${scores.file} 第${l.line}行`;
      const atEn = `${scores.file} line ${l.line}`;
      const bad = (unit: string | null, zh: string, en: string) =>
        problems.push({ file: scores.file, unit, kind: "invalid-score", message: `${at}：${zh}，未计入 / ${atEn}: ${en}; not counted` });
      let a: UnitAcc;
      if (units) {
        const m = matchName(l.unit, names);
        if (m.kind === "none") {
          bad(l.unit, `单位“${l.unit}”不在考核对象名单中`, `unit "${l.unit}" is not on the unit list`);
          continue;
        }
        if (list[m.index].exempt) continue; // 免考: shown apart, its scores are not counted
        if (m.kind === "fuzzy") {
          problems.push({ file: scores.file, unit: names[m.index], kind: "fuzzy-match", message: `${at}：单位名称“${l.unit}”按名单中的“${names[m.index]}”匹配 / ${atEn}: unit name "${l.unit}" matched "${names[m.index]}" on the list` });
        }
        a = acc(names[m.index], m.index, m.kind);
      } else a = acc(l.unit, null, null);
      const t = targets.get(sheetName(l.part));
      if (!t) {
        bad(a.name, `组成部分“${l.part}”不在考核方案中（可填：${joinZh(entered)}）`, `"${l.part}" is not a part of scheme ${scheme.id}`);
        continue;
      }
      const comp = scheme.components[t.component];
      if (comp.rubric) {
        bad(a.name, `“${comp.name}”按 ${comp.rubric} 自评表计分，不在分数表中填写`, `${comp.name} is scored from the returns of ${comp.rubric}, not entered`);
        continue;
      }
      if (l.score > t.cap) {
        bad(a.name, `“${l.part}”的分数 ${l.score} 超过该部分分值 ${t.cap}`, `the score ${l.score} for "${l.part}" is above its ${t.cap} points`);
        continue;
      }
      const key = sheetName(l.part);
      a.lines.set(key, [...(a.lines.get(key) ?? []), { score: l.score, line: l.line }]);
    }
  }

  // ---- each unit's parts ----
  for (const a of accs) {
    /** The unit's one line for a name: undefined when absent, null when given twice (told once here). */
    const one = (name: string): { score: number } | undefined | null => {
      const ls = a.lines.get(sheetName(name)) ?? [];
      if (ls.length > 1) {
        const rows = ls.map((l) => l.line).join("、");
        problems.push({ file: scores!.file, unit: a.name, kind: "invalid-score", message: `${scores!.file} 第${rows}行：单位“${a.name}”的“${name}”有${ls.length}行分数，均未计入 / ${scores!.file} lines ${rows}: ${ls.length} scores for "${name}" of "${a.name}"; none counted` });
        return null;
      }
      return ls[0];
    };
    scheme.components.forEach((c, k) => {
      if (c.rubric) {
        if (!a.parts.has(k)) a.parts.set(k, { value: null, why: { zh: `没有 ${c.rubric} 自评表`, en: `no return of ${c.rubric}`, absent: true } });
        return;
      }
      a.parts.set(k, enteredPart(c, one, decimals));
    });
  }

  // ---- rows ----
  const components = scheme.components;
  const ranked: RosterRow[] = [];
  const vetoed: RosterRow[] = [];
  const apart: RosterRow[] = [];
  for (const a of accs) {
    const states = components.map((_, k) => a.parts.get(k)!);
    const parts = Object.fromEntries(components.map((c, k) => [c.name, states[k].value]));
    const missing = components.flatMap((c, k) => {
      const s = states[k];
      return s.value === null ? [{ name: c.name, why: s.why }] : [];
    });
    if (missing.length) {
      problems.push({
        file: null, unit: a.name, kind: "missing-part",
        message: `单位“${a.name}”缺少组成部分：${missing.map((m) => `${m.name}（${m.why.zh}）`).join("；")}，不按部分分数排名 / "${a.name}" lacks ${missing.map((m) => `${m.name} (${m.why.en})`).join("; ")}; not ranked on a partial sum`,
      });
    }
    const row: RosterRow = {
      rank: null, unit: a.name, category: a.entry?.category ?? null, score: null, tier: null, reward: null, note: "",
      vetoed: false, problems: a.problems, file: a.files.length ? a.files.join("；") : null, match: a.match, parts,
      // A composite's parts stand in for the two scores; basis says whether any part is a 核定.
      selfScore: null, reviewScore: null, basis: a.reviewed ? "review" : "self",
    };
    const vetoNote = a.entry?.veto ?? (a.fail.length ? `自评表申报一票否决：${a.fail.join("；")}` : null);
    if (vetoNote) {
      vetoed.push({ ...row, tier: "fail", note: vetoNote, vetoed: true });
      continue;
    }
    if (missing.length) {
      // 备注: what is missing, and what was given but cannot be used (the problems list says why).
      const absent = missing.filter((m) => m.why.absent).map((m) => m.name);
      const unusable = missing.filter((m) => !m.why.absent).map((m) => m.name);
      const note = [absent.length ? `缺少${joinZh(absent)}` : "", unusable.length ? `${joinZh(unusable)}待核实` : ""].filter(Boolean).join("；");
      apart.push({ ...row, note: `${note}，未排名` });
      continue;
    }
    const score = roundTo(states.reduce((s, x) => s + x.value!, 0), decimals);
    const barred = a.entry?.noExcellent ? `优秀否决：${a.entry.noExcellent}` : a.noExcellent.length ? `自评表申报优秀否决：${a.noExcellent.join("；")}` : "";
    const tier: TierId = tierFor(roundTo((score * 100) / scheme.max, 4), policy.tiers ?? DEFAULT_TIER_POLICY, { fail: false, noExcellent: barred !== "" });
    ranked.push({ ...row, score, tier, reward: null, note: barred });
  }
  const applied = compositePolicy(policy, scheme.max);
  for (const r of ranked) {
    const rate = (r.category && applied.reward.perPointAboveThreshold[r.category]) || 0;
    r.reward = r.score! >= applied.threshold ? roundTo((r.score! - applied.threshold) * rate, 2) : 0;
  }
  // Stable: ties keep the order units were met in (the list's, then first seen).
  ranked.sort((x, y) => y.score! - x.score!);
  [...ranked, ...vetoed].forEach((r, k) => (r.rank = k + 1));
  const rows = [...ranked, ...vetoed, ...apart];

  const exempt: RosterGroup["exempt"] = list.flatMap((u) => (u.exempt ? [{ unit: u.name, reason: u.exempt, file: exemptFiles.get(u.name)?.join("；") ?? null }] : []));
  const group: RosterGroup = {
    rubric: { id: scheme.id, version: scheme.version, title: scheme.title },
    rows,
    exempt,
    summary: summarize(rows, applied),
    deductions: { items: [], rows: [] },
    composite: { max: scheme.max, components: components.map((c) => ({ name: c.name, weight: c.weight, rubric: c.rubric ?? null })) },
  };
  return { groups: [group], problems, policy: applied };
}

/**
 * An entered component: its own line, or one line per part (each part the mean of its own line and the
 * `averageWith` lines the unit has); never both.
 */
function enteredPart(c: SchemeComponent, one: (name: string) => { score: number } | undefined | null, decimals: number): PartState {
  const whole = one(c.name);
  const none: PartState = { value: null, why: { zh: "分数表中没有", en: "not in the scores sheet", absent: true } };
  if (whole === null) return { value: null, why: { zh: "分数表中有重复的行", en: "given twice in the scores sheet", absent: false } };
  if (!c.parts) return whole ? { value: roundTo(whole.score, decimals), why: null } : none;
  const given = c.parts.map((p) => ({ p, own: one(p.name), more: (p.averageWith ?? []).map(one) }));
  const anyPart = given.some((g) => g.own !== undefined || g.more.some((m) => m !== undefined));
  if (whole && anyPart) return { value: null, why: { zh: "分数表中既有总分又有细项分数", en: "both a total and part lines in the scores sheet", absent: false } };
  if (whole) return { value: roundTo(whole.score, decimals), why: null };
  if (!anyPart) return none;
  const absent = given.filter((g) => g.own === undefined).map((g) => g.p.name);
  const twice = given.filter((g) => g.own === null || g.more.some((m) => m === null)).map((g) => g.p.name);
  if (twice.length) return { value: null, why: { zh: `分数表中有重复的行：${joinZh(twice)}`, en: `given twice in the scores sheet: ${twice.join(", ")}`, absent: false } };
  if (absent.length) return { value: null, why: { zh: `分数表中没有：${joinZh(absent)}`, en: `not in the scores sheet: ${absent.join(", ")}`, absent: true } };
  const values = given.map((g) => {
    const xs = [g.own!.score, ...g.more.filter((m): m is { score: number } => !!m).map((m) => m.score)];
    return roundTo(xs.reduce((s, x) => s + x, 0) / xs.length, decimals);
  });
  return { value: roundTo(values.reduce((s, x) => s + x, 0), decimals), why: null };
}
