/**
 * The shipped rubrics, bundled as data so the task pane (browser) and the command line share them.
 * Each is validated on first use; a bad file fails loudly with its path and the JSON path.
 *
 * Versions are kept: `rubrics/<id>.json` is the current version of each rubric (templates are made from
 * it); `rubrics/archive/<id>@<version>.json` holds every earlier published version, never edited, so a
 * return made from it is still scored by the rules it was filled against. `rubrics/rubrics.lock.json`
 * pins every published version's fingerprint and content; a test keeps files, this list and the lock equal.
 */
import { parseRubric } from "./load";
import type { Rubric } from "./schema";
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
 * Each file validated once, on first use, and only when asked for: a reader wants one rubric, and validating
 * them all (the complete county2023 among them) cost a worker of the consolidation pool tens of milliseconds
 * at start.
 */
const validated = new Map<string, Rubric>();
function validatedFile(path: string, json: unknown): Rubric {
  let rubric = validated.get(path);
  if (!rubric) validated.set(path, (rubric = parseRubric(json, path)));
  return rubric;
}

/** The files of `source` whose (not yet validated) id is `id`, validated. */
function filesOf(source: Record<string, unknown>, dir: string, id: string): Rubric[] {
  return Object.entries(source)
    .filter(([, json]) => (json as { id?: unknown } | null)?.id === id)
    .map(([file, json]) => validatedFile(`${dir}/${file}`, json));
}

/** All shipped rubrics (current versions), in file-name order. */
export function shippedRubrics(): Rubric[] {
  current ??= Object.entries(shippedSources()).map(([file, json]) => validatedFile(`rubrics/${file}`, json));
  return current;
}

/** Every earlier published version still read by this release (empty until `loadArchivedRubrics`). */
export function archivedRubrics(): Rubric[] {
  if (!archiveSource) return [];
  archived ??= Object.entries(archiveSource).map(([file, json]) => validatedFile(`rubrics/archive/${file}`, json));
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
  const currentVersions = filesOf(shippedSources(), "rubrics", id);
  if (version === undefined && fp === undefined) return currentVersions[0];
  return [...currentVersions, ...filesOf(archiveSource ?? {}, "rubrics/archive", id)].find(
    (r) => r.id === id && r.version === version && (fp === undefined || fingerprint(r) === fp),
  );
}

/** The lookup a reader takes: by id alone the current version, with version and fingerprint exactly that one. */
export type RubricLookup = (id: string, version?: string, fingerprint?: string) => Rubric | undefined;
