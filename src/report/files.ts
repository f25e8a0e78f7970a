// The report folder on disk: `reports/<timestamp>/` with run.json, junit.xml and drift.{md,html,json}.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ApitapeError } from '../errors.js';
import type { RunResult } from '../replay/types.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderJson } from './schema.js';
import type { DriftReport } from './types.js';

export const RUN_FILE = 'run.json';

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

/** The drift files only (what `apitape diff` rewrites). */
export function driftFiles(report: DriftReport): Array<{ name: string; text: string }> {
  return [
    { name: 'drift.md', text: renderMarkdown(report) },
    { name: 'drift.html', text: renderHtml(report) },
    { name: 'drift.json', text: renderJson(report) },
  ];
}

/** Every file of a run's report folder. */
export function reportFiles(run: RunResult, report: DriftReport): Array<{ name: string; text: string }> {
  return [
    { name: RUN_FILE, text: `${JSON.stringify(run, null, 2)}\n` },
    { name: 'junit.xml', text: renderJunit(run, report) },
    ...driftFiles(report),
  ];
}

/** Writes `files` into `dir` (created if needed); a failure is an environment error (exit 3). */
export async function writeReportFiles(dir: string, files: Array<{ name: string; text: string }>): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    for (const file of files) {
      const target = path.join(dir, file.name);
      const temp = `${target}.tmp`;
      await fs.writeFile(temp, file.text);
      await fs.rename(temp, target);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new ApitapeError('REPORT_WRITE', `cannot write the report to ${dir} (${code})`, { cause: error, exit: 3 });
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
