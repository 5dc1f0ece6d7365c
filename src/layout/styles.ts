/** The plan's named cell styles, shared by both adapters. */
import type { CellStyle, StyleName } from "./types";

const INPUT_FILL = "FFFFF8E1"; // pale yellow: cells the unit fills in
const COMPUTED_FILL = "FFF3F6FA"; // pale blue-grey: formulas

/** Format 4's own styles (核定), left out of the earlier formats' plans, which stay as they were. */
export type ReviewStyle = "given" | "givenNote" | "givenField" | "reviewMark";

export const STYLES: Record<Exclude<StyleName, ReviewStyle>, CellStyle> = {
  title: { bold: true, size: 16, hAlign: "center", vAlign: "middle", locked: true },
  fieldLabel: { bold: true, hAlign: "right", vAlign: "middle", locked: true },
  field: { fill: INPUT_FILL, vAlign: "middle", border: true, locked: false, wrap: true },
  header: { bold: true, fill: "FFDDE6F0", hAlign: "center", vAlign: "middle", wrap: true, border: true, locked: true },
  section: { bold: true, fill: "FFEAEFF5", vAlign: "middle", wrap: true, border: true, locked: true },
  // Text format keeps printed numbers like "2.1" as text when Office.js writes them.
  label: { hAlign: "center", vAlign: "top", border: true, locked: true, numFmt: "@" },
  text: { vAlign: "top", wrap: true, border: true, locked: true },
  points: { hAlign: "center", vAlign: "top", border: true, locked: true },
  tick: { fill: INPUT_FILL, hAlign: "center", vAlign: "top", border: true, locked: false },
  count: { fill: INPUT_FILL, hAlign: "center", vAlign: "top", border: true, locked: false },
  computed: { fill: COMPUTED_FILL, hAlign: "center", vAlign: "top", border: true, locked: true },
  note: { fill: INPUT_FILL, vAlign: "top", wrap: true, border: true, locked: false },
  status: { color: "FFC62828", vAlign: "top", wrap: true, border: true, locked: true },
  totalLabel: { bold: true, hAlign: "right", vAlign: "middle", border: true, locked: true },
  total: { bold: true, fill: COMPUTED_FILL, hAlign: "center", vAlign: "middle", border: true, locked: true },
  id: { color: "FF999999", locked: true },
  noteText: { hAlign: "left", vAlign: "top", wrap: true, locked: true },
  // Format 3: the 序号 of an item's part on a later page, over two lines ("7" and "(续)").
  labelMore: { hAlign: "center", vAlign: "top", wrap: true, border: true, locked: true, numFmt: "@" },
};

const GIVEN_FILL = "FFEFEFEF"; // light grey: the unit's entries as returned, locked in a reviewed table

/** Format 4 (核定): the unit's entries locked as returned (the assessors' cells keep the input styles), and the marker. */
export const REVIEW_STYLES: Record<ReviewStyle, CellStyle> = {
  given: { fill: GIVEN_FILL, hAlign: "center", vAlign: "top", border: true, locked: true },
  givenNote: { fill: GIVEN_FILL, vAlign: "top", wrap: true, border: true, locked: true },
  givenField: { fill: GIVEN_FILL, vAlign: "middle", border: true, locked: true, wrap: true },
  reviewMark: { bold: true, color: "FFC62828", hAlign: "center", vAlign: "top", wrap: true, border: true, locked: true },
};
