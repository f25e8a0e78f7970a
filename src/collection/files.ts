// The generate stage's edge to the disk: where collections and environments live, and writing a set
// of files so that either all of them are replaced or none is (temp files, then renames).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ApitapeError } from '../errors.js';
import { isEnvironmentName, parseEnvironment, type PostmanEnvironment } from './environment.js';

/** `<cwd>/collections/<name>.postman_collection.json`. */
export function collectionPath(cwd: string, name: string): string {
  return path.join(cwd, 'collections', `${fileStem(name)}.postman_collection.json`);
}

/** `<cwd>/environments/<name>.postman_environment.json`; the name is checked so it cannot escape. */
export function environmentPath(cwd: string, name: string): string {
  if (!isEnvironmentName(name)) {
    throw new ApitapeError('ENV_NAME', `invalid environment name "${name.slice(0, 60)}"`, {
      hint: 'use letters, digits, ".", "_" and "-", e.g. --env-name staging',
    });
  }
  return path.join(cwd, 'environments', `${name}.postman_environment.json`);
}

/** `--env staging` names `environments/staging.postman_environment.json`; a value with a slash or ending in `.json` is a path. */
export function resolveEnvironmentPath(cwd: string, nameOrPath: string): string {
  if (nameOrPath.includes('/') || nameOrPath.includes(path.sep) || nameOrPath.endsWith('.json')) {
    return path.resolve(cwd, nameOrPath);
  }
  return environmentPath(cwd, nameOrPath);
}

/** Reads and parses an environment file; a missing or malformed file is an `ApitapeError` (exit 2). */
export async function readEnvironmentFile(file: string): Promise<PostmanEnvironment> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ApitapeError('ENV_NOT_FOUND', `cannot read environment ${file} (${code})`, {
      cause: error,
      exit: code === 'ENOENT' || code === 'EISDIR' ? 2 : 3,
      hint: code === 'ENOENT' ? 'generate one with `apitape generate`, or pass a path with --env FILE' : undefined,
    });
  }
  return parseEnvironment(text, file);
}

/** Like `readEnvironmentFile`, but `undefined` when the file does not exist. */
export async function readEnvironmentIfPresent(file: string): Promise<PostmanEnvironment | undefined> {
  const exists = await fs.stat(file).then(() => true, () => false);
  return exists ? readEnvironmentFile(file) : undefined;
}

/**
 * Writes every file to a temp file beside it, then renames them into place; if any write fails the
 * temp files are removed and no target is touched. Targets that are folders are refused before
 * anything is written, so a rename failing half-way would take an I/O fault between two renames.
 */
export async function writeFilesAtomically(files: Array<{ path: string; text: string }>): Promise<void> {
  for (const file of files) {
    const stat = await fs.stat(file.path).catch(() => undefined);
    if (stat && !stat.isFile()) {
      throw new ApitapeError('WRITE_FAILED', `cannot write ${file.path}: something other than a file is in the way`, {
        hint: 'move it away, or choose another path with --out',
      });
    }
  }
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
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new ApitapeError('WRITE_FAILED', `cannot write ${files.map((f) => f.path).join(', ')} (${code})`, {
      cause: error,
      exit: code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST' ? 2 : 3,
      hint: code === 'ENOSPC' ? 'the disk is full; nothing was replaced' : 'check that the folders are writable',
    });
  }
}

/** A file-name stem for a collection name: letters, digits, `.`, `_`, `-`; other runs become `-`. */
export function fileStem(name: string): string {
  const stem = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 100);
  return stem === '' ? 'collection' : stem;
}
