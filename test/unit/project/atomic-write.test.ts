import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApitapeError } from '../../../src/errors.js';
import { writeFilesAtomically } from '../../../src/project/atomic-write.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('writeFilesAtomically', () => {
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
});
