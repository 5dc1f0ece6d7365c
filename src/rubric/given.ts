/**
 * Rubrics an office brings itself (a rubric file: `--rubric <file>` on the command line, the pane's 载入考核细则
 * 文件), beside the shipped ones. Pure and browser-safe: the command line reads the file, the pane a File.
 *
 * A file rubric is validated exactly as a shipped one (load.ts: the file, the JSON path, the problem). It may
 * not reuse a shipped version's id and version with other scoring content: a return that records a shipped
 * version always means that shipped content. Reading returns, `givenLookup` puts the chosen rubrics in front
 * of the shipped library: a return is scored by the rubric it records, exactly (id, version, fingerprint),
 * and refused with a precise reason otherwise — never scored by another rubric.
 */
import { parseRubric, parseRubricText } from "./load";
import { RubricError } from "./errors";
import { fingerprint } from "./fingerprint";
import { archivedRubrics, findRubric, shippedRubrics, type RubricLookup } from "./library";
import type { Rubric } from "./schema";
import { WorkbookError } from "../layout/format";

/** The largest rubric file read (county2023 complete is well under 1 MB). */
export const MAX_RUBRIC_BYTES = 4 * 1024 * 1024;

/** What a reading command was told with --rubric: a shipped rubric's id, or a rubric from a file. */
export type RubricChoice = { kind: "id"; id: string } | { kind: "file"; name: string; rubric: Rubric };

/** A choice as plain data, to send to a worker thread (the rubric as its JSON, validated again there). */
export type RubricChoiceData = { kind: "id"; id: string } | { kind: "file"; name: string; json: unknown };

const short = (s: string, n = 40) => (s.length > n ? s.slice(0, n) + "…" : s);
const fp8 = (fp: string) => fp.slice(0, 8);

/** A file's rubric refused before parsing: too large. */
export function tooLarge(name: string, bytes: number): RubricError {
  const max = MAX_RUBRIC_BYTES / 1024 / 1024;
  return new RubricError(name, [{ path: "", message: `文件过大（${bytes} 字节，上限 ${max} MB） / too large (${bytes} bytes; at most ${max} MB)` }]);
}

/** A shipped version (current or archived) with this id and version. */
function shippedVersion(id: string, version: string): Rubric | undefined {
  return [...shippedRubrics(), ...archivedRubrics()].find((r) => r.id === id && r.version === version);
}

/** A validated rubric is usable as a file rubric unless it claims a shipped version with other scoring content. */
function notAShippedVersion(rubric: Rubric, name: string): Rubric {
  const shipped = shippedVersion(rubric.id, rubric.version);
  if (shipped && fingerprint(shipped) !== fingerprint(rubric)) {
    throw new RubricError(name, [
      {
        path: "version",
        message: `考核细则 ${rubric.id} 的 ${short(rubric.version, 20)} 版已内置于本程序，计分内容与此文件不同；请给此文件另定 id 或 version / rubric ${rubric.id} version ${short(rubric.version, 20)} is shipped with different scoring content: give this file its own id or version`,
      },
    ]);
  }
  return rubric;
}

/** Rubric file text → a validated rubric (RubricError naming the file and each JSON path otherwise). */
export function parseGivenRubric(text: string, name: string): Rubric {
  // UTF-16 length ≤ UTF-8 bytes × 1: a text this long is too large whatever its bytes.
  if (text.length > MAX_RUBRIC_BYTES) throw tooLarge(name, text.length);
  return notAShippedVersion(parseRubricText(text, name), name);
}

/** Already-parsed rubric JSON (a worker's copy of a choice) → a validated rubric. */
export function parseGivenRubricJson(json: unknown, name: string): Rubric {
  return notAShippedVersion(parseRubric(json, name), name);
}

/** A RubricError of a file rubric as one line, 中文 / English first, then every problem (`file: path: message`). */
export function rubricFileLine(e: RubricError): string {
  return `考核细则文件无效 / invalid rubric file: ${e.message.split("\n").join("; ")}`;
}

const refRef = (id: string, version: string, fp: string) => `${short(id)} ${short(version, 20)}（指纹 / fingerprint ${fp8(fp)}）`;

/**
 * The lookup a reader takes when --rubric was given: the return must have been made from one of the choices
 * (an id: any shipped version of it; a file: exactly that id, version and fingerprint). Without choices, the
 * shipped library. Refusals throw a WorkbookError saying precisely what the return records and what was given.
 */
export function givenLookup(choices: readonly RubricChoice[], base: RubricLookup = findRubric): RubricLookup {
  if (!choices.length) return base;
  const files = choices.flatMap((c) => (c.kind === "file" ? [c] : []));
  const ids = new Set(choices.flatMap((c) => (c.kind === "id" ? [c.id] : [])));
  return (id, version, fp) => {
    // By id alone (the reader's "current version", for 已有新版): only for a chosen shipped id.
    if (version === undefined && fp === undefined) return ids.has(id) ? base(id) : undefined;
    const exact = files.find((f) => f.rubric.id === id && f.rubric.version === version && (fp === undefined || fingerprint(f.rubric) === fp));
    if (exact) return exact.rubric;
    if (ids.has(id)) return base(id, version, fp);
    const recorded = refRef(id, version ?? "", fp ?? "");
    const sameId = files.filter((f) => f.rubric.id === id);
    if (sameId.length) {
      const given = sameId.map((f) => `${f.name}: ${refRef(f.rubric.id, f.rubric.version, fingerprint(f.rubric))}`).join("; ");
      throw new WorkbookError(
        "rubric-version",
        `工作簿记录的考核细则 ${recorded} 与 --rubric 给出的文件不符（${given}），不按其计分 / the return records rubric ${recorded}, which is not the rubric file given (${given}); not scored by it`,
      );
    }
    const given = choices.map((c) => (c.kind === "id" ? c.id : `${c.name}（${c.rubric.id}）`)).join("、");
    throw new WorkbookError(
      "unknown-rubric",
      `工作簿由考核细则 ${recorded}生成，不是 --rubric 给出的 ${given} / the return was made from rubric ${recorded}, not from the one given with --rubric (${given})`,
    );
  };
}

/** Choices as plain data for a worker thread. */
export function choiceData(choices: readonly RubricChoice[]): RubricChoiceData[] {
  return choices.map((c) => (c.kind === "id" ? c : { kind: "file", name: c.name, json: c.rubric }));
}

/** Plain data back to choices (validated again: a worker trusts nothing it is sent more than a file). */
export function choicesFromData(data: readonly RubricChoiceData[]): RubricChoice[] {
  return data.map((c) => (c.kind === "id" ? c : { kind: "file", name: c.name, rubric: parseGivenRubricJson(c.json, c.name) }));
}

/** Rubrics the office loaded in the task pane (its rubric file input): found like shipped ones while the pane runs. */
const remembered: Rubric[] = [];

/** Keeps a loaded rubric for reading the table made from it; a later file of the same id replaces it. */
export function rememberRubric(rubric: Rubric): void {
  const k = remembered.findIndex((r) => r.id === rubric.id);
  if (k >= 0) remembered.splice(k, 1);
  remembered.push(rubric);
}

/** The shipped library, then the loaded rubrics (by id, or exactly by id, version and fingerprint). */
export const findRubricOrLoaded: RubricLookup = (id, version, fp) =>
  findRubric(id, version, fp) ??
  remembered.find((r) => r.id === id && (version === undefined || r.version === version) && (fp === undefined || fingerprint(r) === fp));
