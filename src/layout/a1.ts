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

/** "B12", "$b$12" → column 2, row 12 (by character codes: the writers and the reader parse every cell's address). */
export function parseAddr(a: string): { col: number; row: number } {
  let i = a.charCodeAt(0) === 36 /* $ */ ? 1 : 0;
  let col = 0;
  const lettersFrom = i;
  for (let c = a.charCodeAt(i) | 0x20; c >= 97 && c <= 122; c = a.charCodeAt(++i) | 0x20) col = col * 26 + c - 96;
  if (a.charCodeAt(i) === 36) i++;
  const digitsFrom = i;
  let row = 0;
  for (let c = a.charCodeAt(i); c >= 48 && c <= 57; c = a.charCodeAt(++i)) row = row * 10 + c - 48;
  if (i === lettersFrom || col === 0 || i === digitsFrom || i !== a.length) throw new Error(`not an A1 address: ${a}`);
  return { col, row };
}

/** A sheet name quoted for use in a reference when needed: 'My Sheet'!A1. */
export function sheetRef(sheet: string, a: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? `${sheet}!${a}` : `'${sheet.replace(/'/g, "''")}'!${a}`;
}
