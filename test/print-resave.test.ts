/**
 * Page numbers survive a re-save by other programs: the footer carries its section code (&C), which openpyxl
 * needs to keep it (a footer without one was dropped), and LibreOffice keeps it too. Checked on the format-3
 * golden returns, which are the templates re-saved by LibreOffice and by openpyxl (scripts/make-golden.ts).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { GOLDEN_ROOT } from "./helpers/golden";
import { PAGE_NUMBER_FOOTER } from "../src/layout/print";

const folder = join(GOLDEN_ROOT, "format-3");
const resaved = readdirSync(folder).filter((n) => /\.(lo|openpyxl)\.xlsx$/.test(n));

/** The odd footer of the table sheet (the first worksheet part), XML entities resolved. */
function footerOf(file: string): string | null {
  const parts = unzipSync(new Uint8Array(readFileSync(file)));
  const sheet = Object.keys(parts).filter((k) => /^xl\/worksheets\/sheet\d+\.xml$/.test(k)).sort()[0];
  const m = /<oddFooter>([^<]*)<\/oddFooter>/.exec(strFromU8(parts[sheet]));
  return m ? m[1].replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, "&") : null;
}

test("the golden set holds returns re-saved by LibreOffice and by openpyxl", () => {
  expect(resaved.filter((n) => n.endsWith(".lo.xlsx")).length).toBeGreaterThanOrEqual(6);
  expect(resaved.filter((n) => n.endsWith(".openpyxl.xlsx")).length).toBeGreaterThanOrEqual(6);
});

test.each(resaved)("%s keeps the page-number footer in its centre section", (name) => {
  const footer = footerOf(join(folder, name));
  expect(footer).not.toBeNull();
  expect(footer!.replace(/\s+/g, "")).toContain(`&C${PAGE_NUMBER_FOOTER}`.replace(/\s+/g, ""));
});
