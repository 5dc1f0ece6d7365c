/**
 * Writes examples/zhoucun2014/units-gbk.csv: the UTF-8 example unit list re-encoded as GBK (GB18030), the way
 * Excel on a Chinese Windows saves "CSV (逗号分隔)". Run: `npx tsx scripts/make-gbk-units.ts`.
 * test/consolidate-units.test.ts checks the committed file is exactly this.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";

const dir = join(__dirname, "..", "examples", "zhoucun2014");
const text = readFileSync(join(dir, "units.csv"), "utf8").replace(/^\uFEFF/, "");
writeFileSync(join(dir, "units-gbk.csv"), iconv.encode(text, "gb18030"));
