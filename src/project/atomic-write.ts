// Replacing project files safely: every file goes to a temp file beside it, then all are renamed into place.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ApitapeError } from '../errors.js';

/** A file to write: its path and its whole text. */
export interface FileText {
  path: string;
  text: string;
}

/**
 * Writes every file to a temp file beside it, then renames them into place; if any write fails the
 * temp files are removed and no target is touched. Targets that are folders are refused before
 * anything is written, so a rename failing half-way would take an I/O fault between two renames.
 */
export async function writeFilesAtomically(files: FileText[]): Promise<void> {
  for (const file of files) {
    const stat = await fs.stat(file.path).catch(() => undefined);
    if (stat && !stat.isFile()) {
      throw new ApitapeError('WRITE_FAILED', `cannot write ${file.path}: something other than a file is in the way`, {
        hint: 'move it away, or choose another path with --out',
      });
    }
  }
  try {
    await replaceFiles(files);
  } catch (error) {
    const code = errorCode(error);
    throw new ApitapeError('WRITE_FAILED', `cannot write ${files.map((f) => f.path).join(', ')} (${code})`, {
      cause: error,
      exit: code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST' ? 2 : 3,
      hint: code === 'ENOSPC' ? 'the disk is full; nothing was replaced' : 'check that the folders are writable',
    });
  }
}

/**
 * The mechanism under `writeFilesAtomically`, for callers that word their own error: creates each
 * file's folder, writes every temp file, then renames them all. On failure the temp files are removed
 * and the file-system error is rethrown as it came.
 */
export async function replaceFiles(files: FileText[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const file of files) {
      await fs.mkdir(path.dirname(file.path), { recursive: true });
      const temp = `${file.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      temps.push(temp);
      await fs.writeFile(temp, file.text);
    }
    for (const [index, file] of files.entries()) await fs.rename(temps[index]!, file.path);
  } catch (error) {
    await Promise.all(temps.map((t) => fs.rm(t, { force: true })));
    throw error;
  }
}

/** The `code` of a file-system error (`ENOSPC`, `EACCES`…), `EIO` when it has none. */
export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'EIO';
}
