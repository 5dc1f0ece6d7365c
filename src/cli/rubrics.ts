/** `safescore rubrics [--json]`: the shipped rubrics and their variants. */
import type { Rubric } from "../rubric/schema";
import { score } from "../scoring";

export interface RubricListing {
  id: string;
  title: string;
  version: string;
  variants: { id: string; title: string; units: string[] }[];
}

export function rubricListing(rubrics: Rubric[]): RubricListing[] {
  return rubrics.map((r) => ({
    id: r.id,
    title: r.title,
    version: r.version,
    variants: (r.variants ?? []).map((v) => ({ id: v.id, title: v.title, units: v.units })),
  }));
}

export function listRubrics(rubrics: Rubric[], json: boolean): string {
  if (json) return JSON.stringify(rubricListing(rubrics), null, 2) + "\n";
  const lines: string[] = [];
  for (const r of rubrics) {
    const first = score(r, { variant: r.variants?.[0]?.id });
    const size = first.max > 0 ? `满分 ${first.max}` : `巡查清单 ${first.checks.length} 条，不计分`;
    lines.push(`${r.id}  v${r.version}  ${r.title}（${size}）`);
    for (const v of r.variants ?? []) lines.push(`    --variant ${v.id.padEnd(8)} ${v.units.join("、")}`);
  }
  return lines.join("\n") + "\n";
}
