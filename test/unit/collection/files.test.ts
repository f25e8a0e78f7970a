import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  collectionPath,
  environmentPath,
  readEnvironmentFile,
  resolveEnvironmentPath,
  writeFilesAtomically,
} from '../../../src/collection/files.js';
import { ApitapeError } from '../../../src/errors.js';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'apitape-files-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('collection files', () => {
  it('places collections and environments under the project', () => {
    expect(collectionPath('/p', 'My API / v2')).toBe('/p/collections/My-API-v2.postman_collection.json');
    expect(environmentPath('/p', 'staging')).toBe('/p/environments/staging.postman_environment.json');
    expect(resolveEnvironmentPath('/p', 'prod')).toBe('/p/environments/prod.postman_environment.json');
    expect(resolveEnvironmentPath('/p', 'envs/prod.json')).toBe('/p/envs/prod.json');
    expect(() => environmentPath('/p', '../escape')).toThrow(ApitapeError);
  });

  it('writes every file or none, leaving no temp files behind', async () => {
    const dir = await tempDir();
    const a = path.join(dir, 'a', 'one.json');
    await writeFilesAtomically([{ path: a, text: 'one' }, { path: path.join(dir, 'b', 'two.json'), text: 'two' }]);
    expect(await readFile(a, 'utf8')).toBe('one');

    await mkdir(path.join(dir, 'blocked.json'));
    await expect(writeFilesAtomically([{ path: a, text: 'changed' }, { path: path.join(dir, 'blocked.json'), text: 'x' }])).rejects.toMatchObject({
      code: 'WRITE_FAILED',
      exit: 2,
    });
    expect(await readFile(a, 'utf8')).toBe('one');
    await writeFile(path.join(dir, 'c'), 'a file where a folder should be');
    await expect(writeFilesAtomically([{ path: a, text: 'changed' }, { path: path.join(dir, 'c', 'x.json'), text: 'x' }])).rejects.toBeInstanceOf(ApitapeError);
    expect(await readFile(a, 'utf8')).toBe('one');
    expect((await readdir(path.join(dir, 'a'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads environment files, with a missing one an exit-2 error naming it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'missing.postman_environment.json');
    await expect(readEnvironmentFile(file)).rejects.toMatchObject({ code: 'ENV_NOT_FOUND', exit: 2 });
    await writeFile(file, '{"name":"x","values":[{"key":"baseUrl","value":"http://h"}]}');
    expect((await readEnvironmentFile(file)).values[0]!.value).toBe('http://h');
    expect(existsSync(file)).toBe(true);
  });
});
