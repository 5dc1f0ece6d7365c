/**
 * `npm run bench`: the figures the issues ask for, measured in one run.
 * Not a test: it prints numbers and targets, and exits 0 whatever they are.
 */
import { scoringBench } from "./scoring";
import { workbookBench } from "./workbook";
import { bundleBench, paneUpdateBench } from "./pane";

(async () => {
  const pane = { title: "Task pane", lines: [await paneUpdateBench(), ...bundleBench()] };
  for (const r of [scoringBench(), await workbookBench(), pane]) {
    console.log(`\n## ${r.title}`);
    for (const line of r.lines) console.log(line);
  }
})();
