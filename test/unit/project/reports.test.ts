import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestRunDir, newReportDir, readRunResult, writeReportFiles } from '../../../src/project/reports.js';
import { analyseRun } from '../../../src/report/analyse.js';
import { reportFiles } from '../../../src/report/folder.js';
import { replayed, runOf } from '../report/builders.js';
import { tempDir } from '../../helpers/temp-dir.js';

describe('report files', () => {
  it('names report folders by time, never reusing one', async () => {
    const cwd = await tempDir();
    const now = new Date('2026-03-04T05:06:07.890Z');
    const first = await newReportDir(cwd, now);
    const second = await newReportDir(cwd, now);
    expect(path.relative(cwd, first)).toBe(path.join('reports', '2026-03-04T05-06-07Z'));
    expect(path.relative(cwd, second)).toBe(path.join('reports', '2026-03-04T05-06-07Z-2'));
  });

  it('writes a run and reads it back; the newest run folder is found', async () => {
    const cwd = await tempDir();
    const run = runOf([replayed(0)]);
    const older = path.join(cwd, 'reports', '2026-01-01T00-00-00Z');
    const newer = path.join(cwd, 'reports', '2026-02-01T00-00-00Z');
    await writeReportFiles(older, reportFiles(run, analyseRun(run, [], { failOn: 'breaking' })));
    await writeReportFiles(newer, reportFiles(run, analyseRun(run, [], { failOn: 'breaking' })));
    await fs.mkdir(path.join(cwd, 'reports', '2026-03-01T00-00-00Z')); // no run.json: not a run
    expect(await latestRunDir(cwd)).toBe(newer);
    expect(await readRunResult(newer)).toEqual(run);
    expect((await fs.readdir(newer)).sort()).toEqual(['drift.html', 'drift.json', 'drift.md', 'junit.xml', 'run.json']);
  });

  it('explains a missing, broken, foreign or future run file', async () => {
    const cwd = await tempDir();
    await expect(readRunResult(cwd)).rejects.toMatchObject({ code: 'RUN_NOT_FOUND', exit: 2 });
    await expect(latestRunDir(cwd)).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    await fs.writeFile(path.join(cwd, 'run.json'), '{not json');
    await expect(readRunResult(cwd)).rejects.toMatchObject({ code: 'RUN_MALFORMED' });
    await fs.writeFile(path.join(cwd, 'run.json'), '{"apitape":"cassette"}');
    await expect(readRunResult(cwd)).rejects.toMatchObject({ code: 'RUN_MALFORMED' });
    await fs.writeFile(path.join(cwd, 'run.json'), JSON.stringify({ ...runOf([]), formatVersion: 9 }));
    await expect(readRunResult(cwd)).rejects.toMatchObject({ code: 'RUN_VERSION' });
  });
});
