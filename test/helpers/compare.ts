/** Compares a recalculated sheet with the scoring engine, cell by cell. */
import { plan } from "../../src/layout/plan";
import { score, type Responses } from "../../src/scoring";
import type { ScoreOptions } from "../../src/scoring/score";
import { tierShown } from "../../src/layout/scored";
import type { Rubric } from "../../src/rubric/schema";

/** Compares the evaluated sheet with the engine; returns mismatches as readable lines. */
export function compareSheetWithEngine(rubric: Rubric, resp: Responses, get: (a: string) => unknown, p = plan(rubric, resp.variant), options: ScoreOptions = {}): string[] {
  const rep = score(rubric, resp, options);
  const out: string[] = [];
  const eq = (what: string, sheet: unknown, engine: unknown) => {
    if (sheet !== engine) out.push(`${what}: sheet ${JSON.stringify(sheet)} ≠ engine ${JSON.stringify(engine)}`);
  };
  const items = new Map(rep.sections.flatMap((s) => s.items).map((i) => [i.id, i]));
  for (const m of p.map.items) {
    const r = items.get(m.id)!;
    m.clauses.forEach((c, k) => {
      // A locked clause (a part scored above, another level) shows a word, not a value; the engine's is 0.
      if (!m.scoredAbove && !c.locked) eq(`${c.id} value (${c.valueCell})`, get(c.valueCell), r.clauses[k].value);
    });
    if (m.scoredAbove) continue;
    eq(`${m.id} score (${m.scoreCell})`, get(m.scoreCell), r.score !== undefined ? r.score : r.deduction === 0 ? 0 : -r.deduction);
  }
  for (const m of p.map.penalties) {
    const r = rep.penalties.find((x) => x.id === m.id)!;
    eq(`${m.id} deduction`, get(m.scoreCell), r.deduction === 0 ? 0 : -r.deduction);
    m.clauses.forEach((c, k) => {
      if (!c.locked) eq(`${c.id} value (${c.valueCell})`, get(c.valueCell), r.clauses[k].value);
    });
  }
  for (const s of p.map.sections) {
    if (s.scoreCell) eq(`section ${s.id}`, get(s.scoreCell), rep.sections.find((x) => x.id === s.id)!.score);
  }
  if (p.map.totalCell) {
    eq("total", get(p.map.totalCell), rep.total);
    eq("percent", get(p.map.percentCell!), rep.percent ?? "");
    // From format 3 on, the tier cell shows 未填写 / 待更正 by the report's state (tierShown); none when tiers are off.
    if (p.map.tierCell) eq("tier", get(p.map.tierCell), tierShown(rep, p.planVersion));
    else eq("no tier (tiers off)", rep.tier, null);
    eq("veto", get(p.map.vetoCell!), rep.veto.fail ? "一票否决" : rep.veto.noExcellent ? "优秀否决" : "无");
  }
  eq("open flags", get(p.map.flagCountCell), rep.flags.length);
  return out;
}

