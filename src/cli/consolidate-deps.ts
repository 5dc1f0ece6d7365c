/**
 * What the `consolidate` command runs on: the pure core and the writers, in one place so the command's
 * tests can run it on fakes. What only an option needs loads when it is given: the unit list's reader
 * (iconv-lite), the policy's and the schemes' validation (zod), the composite, and the 通报附件 writer (the
 * docx package). A plain consolidation would otherwise load about a megabyte before its first return.
 */
import { consolidate } from "../consolidate/roster";
import { rosterToXlsx } from "../consolidate/xlsx";
import { readMany, startPool } from "../consolidate/pool";
import { nativeDeflater } from "../xlsx/deflate-node";
import type { ConsolidateDeps } from "./consolidate";

export const deps: ConsolidateDeps = {
  startPool,
  readMany,
  parseUnitList: async (bytes, fileName) => (await import("../consolidate/units")).parseUnitList(bytes, fileName),
  parsePolicy: async (text, fileName) => (await import("../consolidate/policy")).parsePolicy(text, fileName),
  consolidate,
  // Node's zlib deflates roster.xlsx (six times fflate's speed; the pane and the page use fflate).
  rosterToXlsx: (c) => rosterToXlsx(c, { deflater: nativeDeflater }),
  noticeToDocx: async (group, opts) => (await import("../consolidate/docx")).noticeToDocx(group, opts),
  composite: async () => {
    const [{ schemeChoice }, { parseScoreSheet }, { consolidateComposite }] = await Promise.all([
      import("./scheme-option"),
      import("../consolidate/scores"),
      import("../consolidate/composite"),
    ]);
    return { scheme: schemeChoice, parseScoreSheet, consolidateComposite };
  },
};
