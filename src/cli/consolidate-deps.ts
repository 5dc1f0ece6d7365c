/**
 * What the `consolidate` command runs on: the pure core and the writers. One module, so wiring the real
 * ones at merge is a change of import lines here (and in ../consolidate/read-worker.ts), nothing else.
 */
// MERGE: import { parseUnitList } from "../consolidate/units";
// MERGE: import { parsePolicy } from "../consolidate/policy";
// MERGE: import { consolidate } from "../consolidate/roster";
// MERGE: import { rosterToXlsx } from "../consolidate/xlsx";
// MERGE: import { noticeToDocx } from "../consolidate/docx";
import { consolidate, noticeToDocx, parsePolicy, parseUnitList, rosterToXlsx } from "../consolidate/interim";
import { readMany } from "../consolidate/pool";
import type { ConsolidateDeps } from "./consolidate";

export const deps: ConsolidateDeps = { readMany, parseUnitList, parsePolicy, consolidate, rosterToXlsx, noticeToDocx };
