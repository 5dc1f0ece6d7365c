/** The command line's two error kinds, apart from the commands so the entry point loads nothing heavy. */
import { fsErrorLine } from "../text/fs-error";

/** A usage error: exit 1, the message and the usage. */
export class UsageError extends Error {}

/** A file could not be read (or written): exit 2, one line. */
export class FileError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = "FileError";
  }
}

/** A file-system error as a FileError with one line (any other error as it is). */
export function fileError(path: string, e: unknown, doing: "read" | "write" = "read"): Error {
  const line = fsErrorLine(path, e, doing);
  return line ? new FileError(path, line) : (e as Error);
}

/** Several problems with one file (a decisions file, a rubric it produces): exit 2, one line each. */
export class FileProblems extends FileError {
  constructor(path: string, readonly lines: string[]) {
    super(path, lines.join("\n"));
    this.name = "FileProblems";
  }
}
