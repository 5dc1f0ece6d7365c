/** Node-only: reading rubric files from disk (the command line and tests). */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { parseRubricText } from "./load";
import type { Rubric } from "./schema";

export const RUBRICS_DIR = join(__dirname, "..", "..", "rubrics");

/** Loads and validates one rubric file; errors name the file relative to the working directory. */
export function loadRubricFile(path: string): Rubric {
  return parseRubricText(readFileSync(path, "utf8"), relative(process.cwd(), path) || path);
}

/** Every rubric file shipped in `rubrics/` (the schema file excluded). */
export function rubricFiles(dir = RUBRICS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json") && !f.endsWith(".lock.json"))
    .sort()
    .map((f) => join(dir, f));
}

export const ARCHIVE_DIR = join(RUBRICS_DIR, "archive");
export const LOCK_FILE = join(RUBRICS_DIR, "rubrics.lock.json");

/** Every superseded version kept in `rubrics/archive/` (`<id>@<version>.json`). */
export function archivedRubricFiles(dir = ARCHIVE_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(dir, f));
}
