/** Office.js figures against the in-memory host: syncs and payload to insert, syncs per recalculation. */
import { createHost } from "../src/host";
import { createSession } from "../src/excel/session";
import { shippedRubrics } from "../src/rubric/library";
import { variantIds } from "../src/rubric/model";
import { plan } from "../src/layout/plan";

export async function excelBench(): Promise<string[]> {
  let largest = { rubric: shippedRubrics()[0], variant: undefined as string | undefined, rows: 0 };
  for (const rubric of shippedRubrics()) for (const variant of variantIds(rubric)) {
    const rows = plan(rubric, variant).lastRow;
    if (rows > largest.rows) largest = { rubric, variant, rows };
  }
  const host = createHost({ apiVersion: "1.18" });
  const restore = host.install(globalThis);
  try {
    const session = createSession();
    host.resetCounters();
    await session.insert(largest.rubric, largest.variant, "某单位");
    const insertSyncs = host.syncCount;
    const insertMb = host.requestBytes / 1024 / 1024;
    const p = plan(largest.rubric, largest.variant);
    host.workbook.userEdit("自评表", p.map.items[0].clauses[0].inputCell, true);
    host.resetCounters();
    const t0 = performance.now();
    await session.read();
    const readMs = performance.now() - t0;
    return [
      `insert ${largest.rubric.id} (${largest.rows} rows): ${insertSyncs} syncs (target ≤ 3), request ${insertMb.toFixed(2)} MB (limit 5 MB) — ${insertSyncs <= 3 && insertMb < 5 ? "met" : "NOT met"}`,
      `recalculation after an edit: ${host.syncCount} read sync (target 1) — ${host.syncCount === 1 ? "met" : "NOT met"}; read + score through the host ${readMs.toFixed(1)} ms`,
    ];
  } finally {
    restore();
  }
}
