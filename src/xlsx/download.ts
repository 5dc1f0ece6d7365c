/** Browser only: a blank official workbook as a file download. Loaded on demand (ExcelJS is large). */
import type { Rubric } from "../rubric/schema";
import { plan } from "../layout/plan";
import { planToXlsx } from "./write";

export async function downloadTemplate(rubric: Rubric, variant: string | undefined, unit: string | undefined): Promise<string> {
  const bytes = await planToXlsx(plan(rubric, variant, unit));
  const blob = new Blob([new Uint8Array(bytes)], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const name = `${rubric.shortTitle ?? rubric.id}${unit ? "-" + unit : ""}.xlsx`;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return name;
}
