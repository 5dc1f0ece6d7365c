/** `safescore schemes [--json]`: the shipped schemes (how a unit's final score is built) and their components. */
import type { Scheme } from "../scheme/schema";

export interface SchemeListing {
  id: string;
  title: string;
  components: { name: string; weight: number; rubric?: string }[];
}

export function schemeListing(schemes: Scheme[]): SchemeListing[] {
  return schemes.map((s) => ({
    id: s.id,
    title: s.title,
    components: s.components.map((c) => ({ name: c.name, weight: c.weight, ...(c.rubric ? { rubric: c.rubric } : {}) })),
  }));
}

/** The source column: the rubric whose returns score it, or the scores sheet (with its parts, if any). */
function source(c: Scheme["components"][number]): string {
  if (c.rubric) return `自评表 ${c.rubric}`;
  if (!c.parts) return "分数表";
  const averaged = c.parts.flatMap((p) => (p.averageWith ?? []).map((a) => `${a}与${p.name}取平均`));
  return `分数表，${c.parts.length} 项：${c.parts.map((p) => `${p.name} ${p.weight}`).join("、")}${averaged.length ? `（${averaged.join("；")}）` : ""}`;
}

export function listSchemes(schemes: Scheme[], json: boolean): string {
  if (json) return JSON.stringify(schemeListing(schemes), null, 2) + "\n";
  const lines: string[] = [];
  for (const s of schemes) {
    lines.push(`${s.id}  v${s.version}  ${s.title}（满分 ${s.max}）`);
    lines.push(`    ${"组成部分".padEnd(8, "　")}分值  来源`);
    for (const c of s.components) lines.push(`    ${c.name.padEnd(8, "　")}${String(c.weight).padStart(4)}  ${source(c)}`);
  }
  return lines.join("\n") + "\n";
}
