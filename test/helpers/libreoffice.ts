/**
 * Recalculate .xlsx files with real LibreOffice Calc (headless) and read the recalculated values back.
 *
 * LibreOffice normally trusts the cached results stored in an .xlsx; we run it with a private, throwaway
 * user profile whose registrymodifications.xcu sets OOXMLRecalcMode and ODFRecalcMode to 0 ("always
 * recalculate"), so every formula is evaluated by Calc itself. One profile is created per process (jest
 * worker) and calls within the process are serialised, so parallel test files never share a profile.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import ExcelJS from "exceljs";
import JSZip from "jszip"; // exceljs's own zip library (a dependency of exceljs 4)
import { findSoffice } from "./tools";

/** Found with the other external tools (tools.ts); re-exported for callers of this module. */
export { findSoffice };

/** Hard limit on one soffice run. */
export const SOFFICE_TIMEOUT_MS = 120_000;


const RECALC_XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

const PROFILE_PREFIX = "safescore-lo-";
let profileDir: string | undefined;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes profiles left behind by processes that have exited (jest workers may not run "exit" handlers). */
function sweepStaleProfiles(): void {
  for (const name of readdirSync(tmpdir())) {
    const m = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(name);
    if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

/** This process's LibreOffice profile (created on first use, removed by disposeProfile or when the process exits). */
function profile(): string {
  if (profileDir && existsSync(join(profileDir, "user"))) return profileDir;
  sweepStaleProfiles();
  profileDir = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  mkdirSync(join(profileDir, "user"), { recursive: true });
  writeFileSync(join(profileDir, "user", "registrymodifications.xcu"), RECALC_XCU);
  const dir = profileDir;
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Deletes this process's profile once pending conversions finish (call from afterAll); the next call makes a new one. */
export async function disposeProfile(): Promise<void> {
  await serialised(async () => {
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    profileDir = undefined;
  });
}

/** Calls within this process run one at a time (they share one profile, which LibreOffice locks). */
let queue: Promise<unknown> = Promise.resolve();
function serialised<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs soffice in its own process group, so a timeout kills soffice.bin as well as the launcher. */
function runSoffice(soffice: string, args: string[]): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(soffice, args, { detached: process.platform !== "win32", stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid !== undefined) process.kill(process.platform === "win32" ? child.pid : -child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, SOFFICE_TIMEOUT_MS);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** What soffice converts to: the output's extension and the --convert-to argument. */
interface Target {
  ext: string;
  filter: string;
}
const XLSX: Target = { ext: ".xlsx", filter: "xlsx:Calc MS Excel 2007 XML" };
const PDF: Target = { ext: ".pdf", filter: "pdf:calc_pdf_Export" };

async function convert(inputs: string[], outDir: string, target: Target = XLSX): Promise<string[]> {
  const soffice = findSoffice();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc");
  const absInputs = inputs.map((p) => resolve(p));
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const outputs = absInputs.map((p) => join(out, basename(p, extname(p)) + target.ext));
  const seen = new Set<string>();
  absInputs.forEach((input, i) => {
    if (!existsSync(input)) throw new Error(`recalc: input not found: ${input}`);
    if (outputs[i] === input) throw new Error(`recalc: output would overwrite its input ${input}; use another outDir`);
    if (seen.has(outputs[i])) throw new Error(`recalc: two inputs would both be written to ${outputs[i]}`);
    seen.add(outputs[i]);
  });
  // A stale output from an earlier run must not pass for this run's result.
  for (const o of outputs) if (existsSync(o)) unlinkSync(o);

  const args = [
    `-env:UserInstallation=${pathToFileURL(profile()).href}`,
    "--headless",
    "--norestore",
    "--nologo",
    "--nodefault",
    "--nolockcheck",
    "--convert-to",
    target.filter,
    "--outdir",
    out,
    ...absInputs,
  ];
  const r = await runSoffice(soffice, args);
  const missing = outputs.filter((o) => !existsSync(o));
  if (missing.length > 0 || r.timedOut) {
    const why = r.timedOut ? `timed out after ${SOFFICE_TIMEOUT_MS} ms` : `exit code ${r.code}${r.signal ? `, signal ${r.signal}` : ""}`;
    throw new Error(
      `LibreOffice did not produce ${missing.join(", ") || "its output"} (${why}).\n` +
        `command: ${soffice} ${args.map((a) => JSON.stringify(a)).join(" ")}\n` +
        `stderr: ${r.stderr.trim() || "(empty)"}\nstdout: ${r.stdout.trim() || "(empty)"}`,
    );
  }
  return outputs;
}

/** Recalculates one .xlsx with LibreOffice; returns the path of the recalculated copy in outDir. */
export async function recalcXlsx(inputPath: string, outDir: string): Promise<string> {
  const [out] = await serialised(() => convert([inputPath], outDir));
  return out;
}

/** Prints .xlsx files to PDF (as Calc would print them: page setup, print area, titles, header/footer) in ONE soffice run. */
export async function printToPdf(inputs: string[], outDir: string): Promise<string[]> {
  if (inputs.length === 0) return [];
  return serialised(() => convert(inputs, outDir, PDF));
}

/** Word-processor targets: plain text (UTF-8, one table cell per line) and PDF. */
const WRITER: Record<"txt" | "pdf", Target> = {
  txt: { ext: ".txt", filter: "txt:Text (encoded):UTF8" },
  pdf: { ext: ".pdf", filter: "pdf:writer_pdf_Export" },
};

/** Converts .docx files to UTF-8 text or PDF with LibreOffice Writer in ONE soffice run; returns the output paths. */
export async function convertDocuments(inputs: string[], outDir: string, to: "txt" | "pdf"): Promise<string[]> {
  if (inputs.length === 0) return [];
  return serialised(() => convert(inputs, outDir, WRITER[to]));
}

/** Recalculates several .xlsx files in ONE soffice run; returns the output paths in input order. */
export async function recalcMany(inputs: string[], outDir: string): Promise<string[]> {
  if (inputs.length === 0) return [];
  return serialised(() => convert(inputs, outDir));
}

function xmlUnescape(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) out[m[1]] = xmlUnescape(m[2]);
  return out;
}

/**
 * Addresses of formula cells whose cached result is the empty string (`t="str"` with an empty or no <v>).
 * ExcelJS reads those as `result: undefined`, indistinguishable from "no cached value", so we look at the XML.
 */
async function emptyStringFormulaCells(path: string, sheetName: string): Promise<Set<string>> {
  const zip = await JSZip.loadAsync(await readFile(path));
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const sheet = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => attrs(m[0])).find((a) => a.name === sheetName);
  const rid = sheet?.["r:id"] ?? Object.entries(sheet ?? {}).find(([k]) => k.endsWith(":id"))?.[1];
  const rel = [...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => attrs(m[0])).find((a) => a.Id === rid);
  const empty = new Set<string>();
  if (!rel) return empty;
  const target = rel.Target.startsWith("/") ? rel.Target.slice(1) : `xl/${rel.Target}`;
  const xml = (await zip.file(target)?.async("string")) ?? "";
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const a = attrs(m[1]);
    const body = m[2] ?? "";
    if (a.t !== "str" || !/<f\b/.test(body)) continue;
    const v = /<v>([\s\S]*?)<\/v>/.exec(body);
    if (!v || v[1] === "") empty.add(a.r);
  }
  return empty;
}

/**
 * Values of the cells of one sheet (default: the first), keyed by address ("B7"). Formula cells give
 * `cell.result` (never `cell.value.result`, from which ExcelJS drops false, 0 and ""), with an empty
 * string result read as "". Errors come back as { error: "#DIV/0!" }; rich text and hyperlinks as their
 * text; merged-into cells are left out.
 */
export async function readValues(path: string, sheetName?: string): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = sheetName === undefined ? wb.worksheets[0] : wb.getWorksheet(sheetName);
  if (!ws) throw new Error(`readValues: no sheet ${sheetName === undefined ? "at all" : JSON.stringify(sheetName)} in ${path}`);
  const values = new Map<string, unknown>();
  let needEmpty = false;
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      switch (cell.type) {
        case ExcelJS.ValueType.Merge:
          return;
        case ExcelJS.ValueType.Formula:
          if (cell.result === undefined) needEmpty = true;
          values.set(cell.address, cell.result);
          return;
        case ExcelJS.ValueType.RichText:
        case ExcelJS.ValueType.Hyperlink:
          values.set(cell.address, cell.text);
          return;
        default:
          values.set(cell.address, cell.value);
      }
    });
  });
  if (needEmpty) for (const address of await emptyStringFormulaCells(path, ws.name)) if (values.has(address) && values.get(address) === undefined) values.set(address, "");
  return values;
}
