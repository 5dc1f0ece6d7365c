/** The command line's two error kinds, apart from the commands so the entry point loads nothing heavy. */

/** A usage error: exit 1, the message and the usage. */
export class UsageError extends Error {}

/** A file could not be read (or written): exit 2, one line. */
export class FileError extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
    this.name = "FileError";
  }
}

/** Several problems with one file (a decisions file, a rubric it produces): exit 2, one line each. */
export class FileProblems extends FileError {
  constructor(path: string, readonly lines: string[]) {
    super(path, lines.join("\n"));
    this.name = "FileProblems";
  }
}
