/**
 * The shipped rubrics, bundled as data so the task pane (browser) and the command line share them.
 * Each file is taken on first use (shipped-file.ts: validated, so a bad file fails loudly with its path and
 * the JSON path; the bundled command line's build validated them all instead).
 *
 * Versions are kept: `rubrics/<id>.json` is the current version of each rubric (templates are made from
 * it); `rubrics/archive/<id>@<version>.json` holds every earlier published version, never edited, so a
 * return made from it is still scored by the rules it was filled against. `rubrics/rubrics.lock.json`
 * pins every published version's fingerprint and content; a test keeps files, this list and the lock equal.
 */
import type { Rubric } from "./schema";
import { shippedFile } from "./shipped-file";
import { fingerprint } from "./fingerprint";
import { SHIPPED } from "./shipped";

/** Current versions, by file name in rubrics/: there from the start, except in the task pane (see shipped.ts). */
let shippedSource: Record<string, unknown> | undefined = SHIPPED;

/** Loads the current versions where the build left them out (the task pane); call before anything below. */
export async function loadShippedRubrics(): Promise<void> {
  shippedSource ??= (await import(/* webpackChunkName: "rubrics" */ "./shipped-data")).SHIPPED_SOURCES;
}

function shippedSources(): Record<string, unknown> {
  if (!shippedSource) throw new Error("内置考核细则尚未载入 / the shipped rubrics are not loaded yet (loadShippedRubrics)");
  return shippedSource;
}

/** Superseded versions (rubrics/archive/), loaded on demand: the task pane needs them only for old returns. */
let archiveSource: Record<string, unknown> | undefined;

/** Loads the archived versions; call before reading a return (readers are synchronous). */
export async function loadArchivedRubrics(): Promise<void> {
  registerArchivedRubrics((await import(/* webpackChunkName: "rubric-archive" */ "./archive")).ARCHIVE);
}

/** For hosts that already hold the archive module (the tests' setup). */
export function registerArchivedRubrics(source: Record<string, unknown>): void {
  archiveSource ??= source;
}

let current: Rubric[] | undefined;
let archived: Rubric[] | undefined;

/**
 * Each file taken once, on first use, and only when asked for: a reader wants one rubric, and taking them
 * all (the complete county2023 among them) cost a worker of the consolidation pool tens of milliseconds at
 * start.
 */
const taken = new Map<string, Rubric>();
function takenFile(path: string, source: unknown): Rubric {
  let rubric = taken.get(path);
  if (!rubric) taken.set(path, (rubric = shippedFile(source, path)));
  return rubric;
}

/**
 * The rubrics of `source` with this id, among the files `named` picks: found by name, so that only those are
 * taken (the tests keep every file named by its id: `<id>.json`, archived `<id>@<version>.json`).
 */
function filesOf(source: Record<string, unknown>, dir: string, id: string, named: (file: string) => boolean): Rubric[] {
  return Object.entries(source)
    .filter(([file]) => named(file))
    .map(([file, json]) => takenFile(`${dir}/${file}`, json))
    .filter((r) => r.id === id);
}

/** All shipped rubrics (current versions), in file-name order. */
export function shippedRubrics(): Rubric[] {
  current ??= Object.entries(shippedSources()).map(([file, json]) => takenFile(`rubrics/${file}`, json));
  return current;
}

/** Every earlier published version still read by this release (empty until `loadArchivedRubrics`). */
export function archivedRubrics(): Rubric[] {
  if (!archiveSource) return [];
  archived ??= Object.entries(archiveSource).map(([file, json]) => takenFile(`rubrics/archive/${file}`, json));
  return archived;
}

export function shippedFileNames(): string[] {
  return Object.keys(shippedSources());
}

export function archivedFileNames(): string[] {
  return Object.keys(archiveSource ?? {});
}

/** What a return records about the rubric it was made from. */
export interface RubricRef {
  id: string;
  version: string;
  fingerprint: string;
}

/**
 * `findRubric(id)` is the current version of a rubric. `findRubric(id, version, fingerprint)` is exactly
 * that published version — current or archived — or undefined: a return is scored by the rubric it was
 * made from, never by one that merely shares its id.
 */
export function findRubric(id: string, version?: string, fp?: string): Rubric | undefined {
  const currentVersions = filesOf(shippedSources(), "rubrics", id, (file) => file === `${id}.json`);
  if (version === undefined && fp === undefined) return currentVersions[0];
  return [...currentVersions, ...filesOf(archiveSource ?? {}, "rubrics/archive", id, (file) => file.startsWith(`${id}@`))].find(
    (r) => r.id === id && r.version === version && (fp === undefined || fingerprint(r) === fp),
  );
}

/** The lookup a reader takes: by id alone the current version, with version and fingerprint exactly that one. */
export type RubricLookup = (id: string, version?: string, fingerprint?: string) => Rubric | undefined;
