/**
 * What the `consolidate` command runs on: the pure core and the writers, in one place so the command's
 * tests can run it on fakes. The 通报附件 writer (the docx package, most of this chunk's size) loads only
 * when --notice asks for it.
 */
import { parseUnitList } from "../consolidate/units";
import { parsePolicy } from "../consolidate/policy";
import { consolidate } from "../consolidate/roster";
import { rosterToXlsx } from "../consolidate/xlsx";
import { readMany } from "../consolidate/pool";
import { nativeDeflater } from "../xlsx/deflate-node";
import { consolidateComposite } from "../consolidate/composite";
import { parseScoreSheet } from "../consolidate/scores";
import { schemeChoice } from "./scheme-option";
import type { ConsolidateDeps } from "./consolidate";

export const deps: ConsolidateDeps = {
  readMany,
  parseUnitList,
  parsePolicy,
  consolidate,
  // Node's zlib deflates roster.xlsx (six times fflate's speed; the pane and the page use fflate).
  rosterToXlsx: (c) => rosterToXlsx(c, { deflater: nativeDeflater }),
  noticeToDocx: async (group, opts) => (await import("../consolidate/docx")).noticeToDocx(group, opts),
  composite: { scheme: schemeChoice, parseScoreSheet, consolidateComposite },
};
