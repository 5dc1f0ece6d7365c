/**
 * `npm run bench`: the figures the issues ask for, measured in one run.
 * Not a test: it prints numbers and targets, and exits 0 whatever they are.
 */
import { scoringBench } from "./scoring";
import { workbookBench } from "./workbook";
import { bundleBench, paneUpdateBench, workbenchLoadBench } from "./pane";
import { excelBench } from "./excel";
import { streamBench } from "./stream";
import { consolidateBench } from "./consolidate";
import { formatsBench } from "./formats";
import { importBench } from "./import";

(async () => {
  const pane = { title: "Task pane and Office.js (in-memory host)", lines: [...(await excelBench()), await paneUpdateBench(), ...bundleBench(), await workbenchLoadBench()] };
  for (const r of [scoringBench(), await workbookBench(), await streamBench(), await consolidateBench(), await formatsBench(), await importBench(), pane]) {
    console.log(`\n## ${r.title}`);
    for (const line of r.lines) console.log(line);
  }
})();
