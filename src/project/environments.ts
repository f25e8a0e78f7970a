// Reading the Postman environment files of a project (`environments/*.postman_environment.json`).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { parseEnvironment, type PostmanEnvironment } from '../collection/environment.js';
import { ApitapeError } from '../errors.js';

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

/** Every `<cwd>/environments/*.postman_environment.json`, sorted by file name; none when the folder is absent. */
export async function readEnvironments(cwd: string): Promise<PostmanEnvironment[]> {
  const dir = path.join(cwd, 'environments');
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.postman_environment.json')).sort();
  return Promise.all(files.map((f) => readEnvironmentFile(path.join(dir, f))));
}
