/** A1 references. Columns and rows are 1-based. */

export function colLetter(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export const addr = (col: number, row: number): string => `${colLetter(col)}${row}`;

export function parseAddr(a: string): { col: number; row: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(a);
  if (!m) throw new Error(`not an A1 address: ${a}`);
  return { col: colNumber(m[1]), row: Number(m[2]) };
}

/** A sheet name quoted for use in a reference when needed: 'My Sheet'!A1. */
export function sheetRef(sheet: string, a: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? `${sheet}!${a}` : `'${sheet.replace(/'/g, "''")}'!${a}`;
}
