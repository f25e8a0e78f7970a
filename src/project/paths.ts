// Where a project's collections and environments live, and finding the one a command's flag means.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { isEnvironmentName } from '../collection/environment.js';
import { ApitapeError } from '../errors.js';

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
 * The environment file for `replay --env`: a path when it contains a slash or ends in `.json`, else
 * the name in `<cwd>/environments/<name>.postman_environment.json`, which must exist (the error lists
 * the known names).
 */
export async function resolveEnvironmentFile(cwd: string, nameOrPath: string): Promise<string> {
  if (isPathArgument(nameOrPath)) return path.resolve(cwd, nameOrPath);
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

/** A file-name stem for a collection name: letters, digits, `.`, `_`, `-`; other runs become `-`. */
export function fileStem(name: string): string {
  const stem = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 100);
  return stem === '' ? 'collection' : stem;
}

/** Whether an `--env` value is a path (it holds a slash or ends in `.json`) rather than a name. */
function isPathArgument(nameOrPath: string): boolean {
  return nameOrPath.includes('/') || nameOrPath.includes(path.sep) || nameOrPath.endsWith('.json');
}
