/**
 * The order open problems are shown in, most urgent first, shared by the task pane (as groups) and the
 * command line (as lines): a table that was altered, then entries that cannot be read (the score waits on
 * them: 待更正), then what is missing.
 */
const TAMPER = new Set(["deleted-row", "changed-text", "changed-points", "formula-replaced", "formula-changed", "duplicate-row", "given-changed"]);

export const FLAG_GROUP_ORDER = ["tampered", "invalid-input", "unexplained-entry", "missing-evidence", "missing-field", "unanswered-check", "check-no-note"];

/** The group a flag kind is shown in: the tampering kinds together as "tampered", every other kind as itself. */
export function flagGroup(kind: string): string {
  return TAMPER.has(kind) ? "tampered" : kind;
}

/** `flags` in that order (stable; kinds outside the list keep their place after the listed ones). */
export function inFlagOrder<T extends { kind: string }>(flags: T[]): T[] {
  const rank = (k: string) => {
    const i = FLAG_GROUP_ORDER.indexOf(flagGroup(k));
    return i < 0 ? FLAG_GROUP_ORDER.length : i;
  };
  return flags.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f.kind) - rank(b.f.kind) || a.i - b.i).map((x) => x.f);
}
