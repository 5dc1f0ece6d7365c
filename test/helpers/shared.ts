/** The team's shared folder (SCORING.md, seeds/), which lives beside the repository. */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const SHARED_DIR = process.env.SAFESCORE_SHARED ?? resolve(__dirname, "..", "..", "..", "shared");

/** Text of one official document in shared/seeds; fails loudly (never skips) when shared/ is missing. */
export function seedText(file: string): string {
  const path = join(SHARED_DIR, "seeds", file);
  if (!existsSync(path)) throw new Error(`official document not found: ${path} (shared/ must sit beside the repository, or set SAFESCORE_SHARED)`);
  return readFileSync(path, "utf8");
}
