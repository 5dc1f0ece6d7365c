/**
 * `<file|dir>…` → the .xlsx files to read, recursively, in a stable order (the paths given, in order;
 * inside a folder, names sorted by code point, files before subfolders' contents as they sort). Nothing is
 * skipped silently: Excel's lock files (~$…), hidden files, other extensions inside folders and paths that
 * do not exist each give a note or a problem. Symbolic links are followed, each real folder once, so a link
 * loop ends; the depth is bounded too.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from "node:fs";
import { basename, join } from "node:path";
import { displaySafe } from "../text/display";
import { unreadableLine } from "../text/fs-error";

export interface Expansion {
  /** The .xlsx files, in order, each once. */
  files: string[];
  /** Paths that could not be used (missing, unreadable, not .xlsx when named explicitly): one line each. */
  problems: { file: string; message: string }[];
  /** What was skipped inside folders and why (lock files, hidden files, a link loop). */
  notes: string[];
}

export const MAX_DEPTH = 32;

const isXlsx = (name: string) => /\.xlsx$/i.test(name);
const isLock = (name: string) => name.startsWith("~$");
const isHidden = (name: string) => name.startsWith(".");

export function expandInputs(paths: string[]): Expansion {
  const files: string[] = [];
  const problems: Expansion["problems"] = [];
  const skipped = { lock: 0, hidden: 0, other: 0 };
  const notes: string[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();

  /** `real`: the file's real path where it is known already. */
  const addFile = (path: string, real?: string) => {
    if (real === undefined) {
      try {
        real = realpathSync(path);
      } catch {
        real = path;
      }
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(path);
  };

  /** The path's stat, or undefined after a problem line saying why it cannot be read. */
  const statOrProblem = (path: string) => {
    try {
      return statSync(path);
    } catch (e) {
      problems.push({ file: path, message: unreadableLine(path, e) });
      return undefined;
    }
  };

  const walk = (dir: string, depth: number) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch (e) {
      problems.push({ file: dir, message: unreadableLine(dir, e) });
      return;
    }
    if (seenDirs.has(real)) {
      notes.push(`跳过已读过的文件夹（符号链接） / skipped a folder already read (symbolic link): ${displaySafe(dir)}`);
      return;
    }
    if (depth > MAX_DEPTH) {
      notes.push(`文件夹层级超过 ${MAX_DEPTH} 层，未再深入 / deeper than ${MAX_DEPTH} levels, not read: ${displaySafe(dir)}`);
      return;
    }
    seenDirs.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ file: dir, message: unreadableLine(dir, e) });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const { name } = entry;
      const path = join(dir, name);
      if (isHidden(name)) {
        skipped.hidden++;
        continue;
      }
      // A plain file or folder is known from the listing, and a plain file's real path is its folder's and its
      // name: no stat or realpath calls for each file (1,000 returns: ~50 ms before the first was read).
      // Links, and anything else, are followed.
      const plain = entry.isFile() || entry.isDirectory();
      const st = plain ? entry : statOrProblem(path);
      if (!st) continue;
      if (st.isDirectory()) walk(path, depth + 1);
      else if (isLock(name)) skipped.lock++;
      else if (isXlsx(name)) addFile(path, plain ? join(real, name) : undefined);
      else skipped.other++;
    }
  };

  for (const path of paths) {
    const st = statOrProblem(path);
    if (!st) continue;
    if (st.isDirectory()) walk(path, 0);
    else if (isLock(basename(path))) {
      problems.push({ file: path, message: `${displaySafe(path)}: 这是 Excel 打开文件时留下的锁定文件（~$），不是自评表 / an Excel lock file (~$), not a return` });
    } else addFile(path); // named explicitly: read whatever it is; the reader says why it is not a return
  }
  if (skipped.lock) notes.push(`跳过 ${skipped.lock} 个 Excel 锁定文件（~$ 开头） / skipped ${skipped.lock} Excel lock file(s) (~$…)`);
  if (skipped.hidden) notes.push(`跳过 ${skipped.hidden} 个隐藏文件或文件夹（. 开头） / skipped ${skipped.hidden} hidden file(s) or folder(s)`);
  if (skipped.other) notes.push(`跳过 ${skipped.other} 个非 .xlsx 文件 / skipped ${skipped.other} file(s) that are not .xlsx`);
  return { files, problems, notes };
}
