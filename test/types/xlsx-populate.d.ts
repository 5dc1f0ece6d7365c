// The part of xlsx-populate the tests use: making an encrypted workbook and another program's workbook.
declare module "xlsx-populate" {
  interface Cell {
    value(v: unknown): Cell;
  }
  interface Sheet {
    cell(address: string): Cell;
  }
  interface Workbook {
    sheet(index: number): Sheet;
    outputAsync(opts?: { password?: string }): Promise<Buffer>;
  }
  const XlsxPopulate: {
    fromBlankAsync(): Promise<Workbook>;
    fromDataAsync(data: Buffer): Promise<Workbook>;
  };
  export default XlsxPopulate;
}
