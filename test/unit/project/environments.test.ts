import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnvironmentFile } from '../../../src/project/environments.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('environment files', () => {
  it('reads environment files, with a missing one an exit-2 error naming it', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'missing.postman_environment.json');
    await expect(readEnvironmentFile(file)).rejects.toMatchObject({ code: 'ENV_NOT_FOUND', exit: 2 });
    await writeFile(file, '{"name":"x","values":[{"key":"baseUrl","value":"http://h"}]}');
    expect((await readEnvironmentFile(file)).values[0]!.value).toBe('http://h');
    expect(existsSync(file)).toBe(true);
  });
});
