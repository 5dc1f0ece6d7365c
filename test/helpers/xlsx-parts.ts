/** Hand-made .xlsx files for reader tests: a few XML parts zipped with fflate, built at test time. */
import { strToU8, zipSync, type Zippable } from "fflate";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const WS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet";

export interface SheetSpec {
  name: string;
  /** The worksheet XML, or just what goes inside <worksheet>…</worksheet>. */
  xml: string;
  state?: "hidden" | "veryHidden";
  /** Relationship target; default "worksheets/sheetN.xml". */
  target?: string;
}

export const worksheet = (inner: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${inner}</worksheet>`;

/** The parts of a workbook with these sheets (and shared strings, if any), ready to zip or to tamper with. */
export function xlsxParts(sheets: SheetSpec[], sharedStrings?: string): Record<string, string | Uint8Array> {
  const parts: Record<string, string | Uint8Array> = {
    "[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>`,
    "xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets>${sheets
      .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`)
      .join("")}</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map((s, i) => `<Relationship Id="rId${i + 1}" Type="${WS_TYPE}" Target="${s.target ?? `worksheets/sheet${i + 1}.xml`}"/>`)
      .join("")}</Relationships>`,
  };
  sheets.forEach((s, i) => {
    const path = s.target ? (s.target.startsWith("/") ? s.target.slice(1) : `xl/${s.target}`) : `xl/worksheets/sheet${i + 1}.xml`;
    parts[path] = s.xml.startsWith("<?xml") || s.xml.startsWith("<worksheet") ? s.xml : worksheet(s.xml);
  });
  if (sharedStrings !== undefined) parts["xl/sharedStrings.xml"] = `<?xml version="1.0" encoding="UTF-8"?><sst ${NS}>${sharedStrings}</sst>`;
  return parts;
}

/** Zips parts (strings as UTF-8) with deflate. */
export function zipParts(parts: Record<string, string | Uint8Array>, level: 0 | 6 | 9 = 6): Uint8Array {
  const files: Zippable = {};
  for (const [name, data] of Object.entries(parts)) files[name] = [typeof data === "string" ? strToU8(data) : data, { level }];
  return zipSync(files);
}

export const xlsxOf = (sheets: SheetSpec[], sharedStrings?: string) => zipParts(xlsxParts(sheets, sharedStrings));
