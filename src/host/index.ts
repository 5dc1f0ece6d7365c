/**
 * In-memory Excel host: Office.js's Excel API (the part SafeScore uses) over a plain-data workbook, with
 * formulas recalculated like Excel. Browser-safe, no dependencies. See host.ts.
 */
export { Host, createHost } from "./host";
export type { HostExcel, HostOfficeExtension, HostOptions } from "./host";
export type { HostOffice, OfficeTheme } from "./office";
export { HostError, ErrorCodes } from "./errors";
export { WorkbookModel } from "./model/workbook";
export type { ModelChange, Trigger } from "./model/workbook";
export { SheetModel } from "./model/sheet";
export type { CellFormat, CellModel, CellSnapshot, EditResult, PageLayoutModel, ValidationModel, Visibility } from "./model/types";
export { CellError } from "./values";
export type { CellValue } from "./values";
export { RequestContext } from "./api/context";
export type { ChartModel, ChartData } from "./model/chart";
