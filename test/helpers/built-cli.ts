// The built `apitape` as a child process: real signals, and memory figures of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, onTestFinished } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'apitape.js');

export interface SpawnedRecorder {
  child: ChildProcess;
  /** The proxy address from the ready line. */
  url: string;
  output(): string;
  /** Resolves once `pattern` appears in stdout + stderr (fails after about 20 s). */
  waitFor(pattern: RegExp): Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Spawns `apitape record --port 0 <args>` from the build (`npm run build`), prefixed by `prefix`
 * (e.g. `setpriv …`), and waits for its ready line; killed with SIGKILL if the test leaves it running.
 */
export async function spawnRecorder(cwd: string, args: string[], prefix: string[] = []): Promise<SpawnedRecorder> {
  expect(existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')), 'run `npm run build` first').toBe(true);
  const [file, ...rest] = [...prefix, process.execPath, BIN, 'record', '--port', '0', ...args];
  const child = spawn(file!, rest, { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < 800 && !pattern.test(output) && child.exitCode === null; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    if (!pattern.test(output)) throw new Error(`expected ${pattern} in the recorder's output:\n${output}`);
  };
  await waitFor(/recording (http:\/\/\S+)/);
  return { child, url: /recording (http:\/\/\S+)/.exec(output)![1]!, output: () => output, waitFor, exit };
}

/** Runs the built `apitape <args>` (prefixed by `prefix`) to its end: its exit code and output. */
export async function runBuilt(cwd: string, args: string[], prefix: string[] = []): Promise<{ code: number | null; output: string }> {
  expect(existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')), 'run `npm run build` first').toBe(true);
  const [file, ...rest] = [...prefix, process.execPath, BIN, ...args];
  const child = spawn(file!, rest, { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', (exitCode) => resolve(exitCode)));
  return { code, output };
}

/** Peak resident memory (VmHWM) of a running process, in bytes (Linux). */
export function peakRss(pid: number): number {
  const line = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmHWM for pid ${pid}`);
  return Number(line[1]) * 1024;
}
