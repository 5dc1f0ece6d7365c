/**
 * Excel requirement sets the add-in depends on. `manifest.xml` declares MIN_EXCEL_API (test/manifest.test.ts
 * keeps the two equal); anything newer is optional and must be feature-detected with
 * `Office.context.requirements.isSetSupported("ExcelApi", …)` before use.
 */

/** The lowest ExcelApi set SafeScore runs on: Worksheet.onChanged (1.7), data validation (1.8), page layout and print titles (1.9). */
export const MIN_EXCEL_API = "1.9";

/** Optional: `WorksheetChangedEventArgs.triggerSource` (ExcelApi 1.14); below it, tell the add-in's own writes apart another way. */
export const TRIGGER_SOURCE_API = "1.14";

/** Optional: `Range.control` cell checkboxes (ExcelApi 1.18); below it, ticks are typed (√, 1, 是 …). */
export const CHECKBOX_API = "1.18";
