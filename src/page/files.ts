/**
 * Files dropped or picked on the page → the returns to read, by the command line's rule for a folder
 * (cli/files.ts): .xlsx only, Excel's lock files (~$…) and hidden files skipped and counted, each path once,
 * in code-point order of the path. The DOM half walks a dropped folder (webkitGetAsEntry, which every
 * Chromium has) into File objects with their relative paths.
 */
export interface Picked<F> {
  /** The path inside what was dropped (folder/name.xlsx), or the bare name. */
  path: string;
  file: F;
}

export function returnsToRead<F>(picked: Picked<F>[]): { files: Picked<F>[]; skipped: number } {
  const seen = new Set<string>();
  const files: Picked<F>[] = [];
  let skipped = 0;
  for (const x of picked) {
    const parts = x.path.split("/");
    const name = parts[parts.length - 1];
    if (!/\.xlsx$/i.test(name) || name.startsWith("~$") || parts.some((s) => s.startsWith("."))) skipped++;
    else if (!seen.has(x.path)) {
      seen.add(x.path);
      files.push(x);
    }
  }
  // Code-point order, as the command line sorts a folder's names (not the locale's collation).
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped };
}

/** The files of a drop, folders walked (their entries read in batches until an empty one). */
export async function droppedFiles(data: DataTransfer): Promise<Picked<File>[]> {
  const entries = [...data.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => Boolean(e));
  if (!entries.length) return [...data.files].map((file) => ({ path: file.name, file }));
  const out: Picked<File>[] = [];
  const walk = async (entry: FileSystemEntry, prefix: string, depth: number): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      out.push({ path: prefix + entry.name, file });
    } else if (entry.isDirectory && depth < 32) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (!batch.length) break;
        for (const e of batch) await walk(e, `${prefix}${entry.name}/`, depth + 1);
      }
    }
  };
  for (const e of entries) await walk(e, "", 0);
  return out;
}

/** Files from an <input type=file> (webkitdirectory gives each its path inside the folder). */
export function inputFiles(list: FileList | null): Picked<File>[] {
  return [...(list ?? [])].map((file) => ({ path: file.webkitRelativePath || file.name, file }));
}

/** Offers bytes as a download (a blob: URL, revoked once the browser has it). */
export function saveBytes(bytes: Uint8Array, name: string, type: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
