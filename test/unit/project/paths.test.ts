import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApitapeError } from '../../../src/errors.js';
import { collectionPath, environmentPath, resolveEnvironmentFile } from '../../../src/project/paths.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('project paths', () => {
  it('places collections and environments under the project', () => {
    expect(collectionPath('/p', 'My API / v2')).toBe('/p/collections/My-API-v2.postman_collection.json');
    expect(environmentPath('/p', 'staging')).toBe('/p/environments/staging.postman_environment.json');
    expect(() => environmentPath('/p', '../escape')).toThrow(ApitapeError);
  });
});

describe('resolveEnvironmentFile', () => {
  it('takes a plain name from environments/, a value with a slash or .json as a path, and lists known names when one is missing', async () => {
    const cwd = await tempDir();
    await fs.mkdir(path.join(cwd, 'environments'));
    await fs.writeFile(path.join(cwd, 'environments', 'prod.postman_environment.json'), '{}');
    expect(await resolveEnvironmentFile(cwd, 'prod')).toBe(path.join(cwd, 'environments', 'prod.postman_environment.json'));
    expect(await resolveEnvironmentFile(cwd, 'envs/qa.json')).toBe(path.join(cwd, 'envs', 'qa.json'));
    await expect(resolveEnvironmentFile(cwd, 'staging')).rejects.toMatchObject({ code: 'ENV_NOT_FOUND', hint: 'known environments: prod' });
    await expect(resolveEnvironmentFile(cwd, 'bad name')).rejects.toMatchObject({ code: 'ENV_NAME_INVALID' });
  });
});
