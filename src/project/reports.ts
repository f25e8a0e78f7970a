// The report folders of a project: naming `reports/<timestamp>/`, writing their files, finding and reading a past run.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ApitapeError } from '../errors.js';
import type { RunResult } from '../replay/types.js';
import { RUN_FILE } from '../report/folder.js';
import { errorCode, replaceFiles } from './atomic-write.js';

/** `<cwd>/reports/2026-11-28T18-54-07Z`, with `-2`, `-3`… when that folder exists already. */
export async function newReportDir(cwd: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const base = path.join(cwd, 'reports', stamp);
  for (let n = 1; n < 1000; n += 1) {
    const dir = n === 1 ? base : `${base}-${n}`;
    const created = await fs.mkdir(dir, { recursive: false }).then(() => true, (error: NodeJS.ErrnoException) => {
      if (error.code === 'EEXIST') return false;
      if (error.code === 'ENOENT') return fs.mkdir(dir, { recursive: true }).then(() => true);
      throw error;
    });
    if (created) return dir;
  }
  throw new ApitapeError('REPORT_DIR', `cannot find a free report folder name under ${path.dirname(base)}`, { exit: 3 });
}

/**
 * Writes `files` into `dir` (created if needed), through temp files renamed into place so a reader
 * never sees half a file; a failure is an environment error (exit 3).
 */
export async function writeReportFiles(dir: string, files: Array<{ name: string; text: string }>): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    await replaceFiles(files.map((file) => ({ path: path.join(dir, file.name), text: file.text })));
  } catch (error) {
    throw new ApitapeError('REPORT_WRITE', `cannot write the report to ${dir} (${errorCode(error)})`, { cause: error, exit: 3 });
  }
}

/** Reads `<dir>/run.json`, checking it is a run this build understands. */
export async function readRunResult(dir: string): Promise<RunResult> {
  const file = path.join(dir, RUN_FILE);
  const text = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ApitapeError('RUN_NOT_FOUND', `${file} does not exist (${error.code ?? error.message})`, {
      cause: error,
      hint: 'pass the folder of a replay, e.g. --run reports/2026-01-31T10-00-00Z',
    });
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApitapeError('RUN_MALFORMED', `${file} is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  const run = value as Partial<RunResult> | null;
  if (run?.apitape !== 'run' || !Array.isArray(run.requests) || typeof run.formatVersion !== 'number') {
    throw new ApitapeError('RUN_MALFORMED', `${file} is not an apitape run file`, { hint: 'run `apitape replay` to make one' });
  }
  if (run.formatVersion > 1) {
    throw new ApitapeError('RUN_VERSION', `${file} has formatVersion ${run.formatVersion}, but this build reads up to 1`, {
      hint: 'upgrade apitape or replay again',
    });
  }
  return run as RunResult;
}

/** The newest folder under `<cwd>/reports/` that holds a run.json. */
export async function latestRunDir(cwd: string): Promise<string> {
  const root = path.join(cwd, 'reports');
  const names = (await fs.readdir(root).catch(() => [] as string[])).sort().reverse();
  for (const name of names) {
    const exists = await fs.stat(path.join(root, name, RUN_FILE)).then((s) => s.isFile(), () => false);
    if (exists) return path.join(root, name);
  }
  throw new ApitapeError('RUN_NOT_FOUND', `no replay found under ${root}`, { hint: 'run `apitape replay --env NAME` first, or pass --run DIR' });
}
