// Finds and reads the collection and environment files a replay needs; errors name the file and the fix.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ApitapeError } from '../errors.js';

/** Reads a JSON file; a missing file, bad encoding or bad JSON is an exit-2 error naming `file:line:col`. */
export async function readJsonFile(file: string, what: string, notFoundCode: string): Promise<unknown> {
  const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'EISDIR') {
      throw new ApitapeError(notFoundCode, `${what} ${file} does not exist`, { cause: error });
    }
    throw new ApitapeError('FILE_READ', `cannot read ${what} ${file}: ${error.code ?? error.message}`, { cause: error, exit: 3 });
  });
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return parseJsonText(bytes.subarray(2).toString('utf16le'), file, what);
  return parseJsonText(bytes.toString('utf8').replace(/^\uFEFF/, ''), file, what);
}

/** Parses JSON text; errors say where (`file:line:col`) and what was expected. */
export function parseJsonText(text: string, file: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const where = position === undefined ? (text.trim() === '' ? '1:1' : `${text.split('\n').length}:1`) : locate(text, Number(position));
    throw new ApitapeError('JSON_SYNTAX', `${file}:${where}: ${what} is not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`, {
      cause: error,
      hint: `fix the file or export it again from Postman`,
    });
  }
}

function locate(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

/**
 * The collection file to replay: `explicit` resolved against `cwd`, or else the only
 * `*.postman_collection.json` in `<cwd>/collections/`.
 */
export async function resolveCollectionFile(cwd: string, explicit?: string): Promise<string> {
  if (explicit !== undefined) return path.resolve(cwd, explicit);
  const dir = path.join(cwd, 'collections');
  const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  if (names.length === 1) return path.join(dir, names[0]!);
  if (names.length === 0) {
    throw new ApitapeError('COLLECTION_NOT_FOUND', `no collection in ${dir}`, {
      hint: 'run `apitape generate` first, or pass --collection FILE',
    });
  }
  throw new ApitapeError('COLLECTION_AMBIGUOUS', `${dir} holds ${names.length} collections (${names.join(', ')})`, {
    hint: 'choose one with --collection FILE',
  });
}

/**
 * The environment file for `--env`: a path when it contains a slash or ends in `.json`, else the
 * name in `<cwd>/environments/<name>.postman_environment.json`.
 */
export async function resolveEnvironmentFile(cwd: string, nameOrPath: string): Promise<string> {
  if (nameOrPath.includes('/') || nameOrPath.includes(path.sep) || nameOrPath.endsWith('.json')) {
    return path.resolve(cwd, nameOrPath);
  }
  if (!/^[A-Za-z0-9._-]+$/.test(nameOrPath)) {
    throw new ApitapeError('ENV_NAME_INVALID', `--env "${nameOrPath}" is neither a file path nor a plain name`, {
      hint: 'use a name like `prod` (environments/prod.postman_environment.json) or a path to a .json file',
    });
  }
  const dir = path.join(cwd, 'environments');
  const file = path.join(dir, `${nameOrPath}.postman_environment.json`);
  const exists = await fs.stat(file).then((s) => s.isFile(), () => false);
  if (exists) return file;
  const known = (await fs.readdir(dir).catch(() => [] as string[]))
    .filter((n) => n.endsWith('.postman_environment.json'))
    .map((n) => n.slice(0, -'.postman_environment.json'.length))
    .sort();
  throw new ApitapeError('ENV_NOT_FOUND', `environment "${nameOrPath}" not found: ${file} does not exist`, {
    hint: known.length ? `known environments: ${known.join(', ')}` : 'run `apitape generate` to create environments/, or pass a path',
  });
}
