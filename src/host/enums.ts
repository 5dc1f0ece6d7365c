/**
 * Excel enums as the string constants Office.js uses (Excel.CellControlType.checkbox === "Checkbox"),
 * for add-in code that reads them from the global Excel namespace.
 */
export const ExcelEnums = {
  ChartType: {
    columnClustered: "ColumnClustered", columnStacked: "ColumnStacked", barClustered: "BarClustered", barStacked: "BarStacked",
    line: "Line", lineMarkers: "LineMarkers", pie: "Pie", doughnut: "Doughnut", xyscatter: "XYScatter", area: "Area",
  },
  ChartSeriesBy: { auto: "Auto", columns: "Columns", rows: "Rows" },
  ChartSeriesDimension: { categories: "Categories", values: "Values", xvalues: "XValues", yvalues: "YValues", bubbleSizes: "BubbleSizes" },
  ChartLegendPosition: { invalid: "Invalid", top: "Top", bottom: "Bottom", left: "Left", right: "Right", corner: "Corner", custom: "Custom" },
  CellControlType: { unknown: "Unknown", empty: "Empty", mixed: "Mixed", checkbox: "Checkbox" },
  SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
  BorderIndex: {
    edgeTop: "EdgeTop", edgeBottom: "EdgeBottom", edgeLeft: "EdgeLeft", edgeRight: "EdgeRight",
    insideVertical: "InsideVertical", insideHorizontal: "InsideHorizontal", diagonalDown: "DiagonalDown", diagonalUp: "DiagonalUp",
  },
  BorderLineStyle: {
    none: "None", continuous: "Continuous", dash: "Dash", dashDot: "DashDot", dashDotDot: "DashDotDot", dot: "Dot", double: "Double", slantDashDot: "SlantDashDot",
  },
  BorderWeight: { hairline: "Hairline", thin: "Thin", medium: "Medium", thick: "Thick" },
  HorizontalAlignment: {
    general: "General", left: "Left", center: "Center", right: "Right", fill: "Fill", justify: "Justify",
    centerAcrossSelection: "CenterAcrossSelection", distributed: "Distributed",
  },
  VerticalAlignment: { top: "Top", center: "Center", bottom: "Bottom", justify: "Justify", distributed: "Distributed" },
  PageOrientation: { portrait: "Portrait", landscape: "Landscape" },
  PaperType: { letter: "Letter", legal: "Legal", a3: "A3", a4: "A4", a5: "A5", b4: "B4", b5: "B5" },
  ClearApplyTo: { all: "All", formats: "Formats", contents: "Contents", hyperlinks: "Hyperlinks", removeHyperlinks: "RemoveHyperlinks", resetContents: "ResetContents" },
  RangeValueType: { unknown: "Unknown", empty: "Empty", string: "String", integer: "Integer", double: "Double", boolean: "Boolean", error: "Error", richValue: "RichValue" },
  DataValidationType: {
    none: "None", wholeNumber: "WholeNumber", decimal: "Decimal", list: "List", date: "Date", time: "Time",
    textLength: "TextLength", custom: "Custom", inconsistent: "Inconsistent", mixedCriteria: "MixedCriteria",
  },
  DataValidationOperator: {
    between: "Between", notBetween: "NotBetween", equalTo: "EqualTo", notEqualTo: "NotEqualTo", greaterThan: "GreaterThan",
    lessThan: "LessThan", greaterThanOrEqualTo: "GreaterThanOrEqualTo", lessThanOrEqualTo: "LessThanOrEqualTo",
  },
  DataValidationAlertStyle: { stop: "Stop", warning: "Warning", information: "Information" },
  EventSource: { local: "Local", remote: "Remote" },
  EventTriggerSource: { unknown: "Unknown", thisLocalAddin: "ThisLocalAddin" },
  EventType: {
    worksheetChanged: "WorksheetChanged", worksheetDeleted: "WorksheetDeleted", worksheetAdded: "WorksheetAdded",
    worksheetActivated: "WorksheetActivated", worksheetSelectionChanged: "WorksheetSelectionChanged",
  },
  DataChangeType: {
    unknown: "Unknown", rangeEdited: "RangeEdited", rowInserted: "RowInserted", rowDeleted: "RowDeleted",
    columnInserted: "ColumnInserted", columnDeleted: "ColumnDeleted", cellInserted: "CellInserted", cellDeleted: "CellDeleted",
  },
  ProtectionSelectionMode: { normal: "Normal", unlocked: "Unlocked", none: "None" },
  CalculationType: { recalculate: "Recalculate", full: "Full", fullRebuild: "FullRebuild" },
  CalculationMode: { automatic: "Automatic", automaticExceptTables: "AutomaticExceptTables", manual: "Manual" },
  ErrorCodes: {
    accessDenied: "AccessDenied", apiNotFound: "ApiNotFound", generalException: "GeneralException", insertDeleteConflict: "InsertDeleteConflict",
    invalidArgument: "InvalidArgument", invalidBinding: "InvalidBinding", invalidOperation: "InvalidOperation", invalidReference: "InvalidReference",
    invalidSelection: "InvalidSelection", itemAlreadyExists: "ItemAlreadyExists", itemNotFound: "ItemNotFound", notImplemented: "NotImplemented",
    unsupportedOperation: "UnsupportedOperation", invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
  },
} as const;
