// The built binary under real signals: `kill -9` mid-recording leaves a readable cassette with every
// exchange that was reported, and SIGTERM stops it cleanly with a summary. Needs `npm run build`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readCassetteAll } from '../../../src/cassette/store.js';
import { startSampleApi } from '../../../src/sample-api/server.js';
import { tempDir } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'apitape.js');

interface Spawned {
  child: ChildProcess;
  url: string;
  output(): string;
  waitFor(pattern: RegExp): Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function spawnRecorder(cwd: string, args: string[]): Promise<Spawned> {
  expect(existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')), 'run `npm run build` first').toBe(true);
  const child = spawn(process.execPath, [BIN, 'record', '--port', '0', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < 800 && !pattern.test(output); i += 1) {
      if (child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (!pattern.test(output)) throw new Error(`expected ${pattern} in the recorder's output:\n${output}`);
  };
  await waitFor(/recording (http:\/\/\S+)/);
  const url = /recording (http:\/\/\S+)/.exec(output)![1]!;
  return { child, url, output: () => output, waitFor, exit };
}

describe('the built recorder under signals', () => {
  it('keeps every reported exchange readable after kill -9, tolerating a torn last line', async () => {
    const cwd = await tempDir();
    const api = await startSampleApi();
    onTestFinished(() => api.close());
    const rec = await spawnRecorder(cwd, ['--target', api.url, '--cassette', 'crash']);
    for (let i = 0; i < 5; i += 1) await (await request(`${rec.url}/health?i=${i}`)).body.dump();
    await rec.waitFor(/health\?i=4 → 200/);
    rec.child.kill('SIGKILL');
    expect((await rec.exit).signal).toBe('SIGKILL');

    const file = path.join(cwd, 'cassettes', 'crash.ndjson');
    const { exchanges } = await readCassetteAll(file);
    expect(exchanges.map((e) => new URL(e.request.url).search)).toEqual(['?i=0', '?i=1', '?i=2', '?i=3', '?i=4']);

    await appendFile(file, '{"id":"000005","timings":{"startedAt":"2026'); // what a crash mid-write leaves
    const warnings: string[] = [];
    const again = await readCassetteAll(file, { onWarning: (w) => warnings.push(w) });
    expect(again.exchanges).toHaveLength(5);
    expect(warnings.join('\n')).toMatch(/incomplete/);

    const next = await spawnRecorder(cwd, ['--target', api.url, '--cassette', 'crash']);
    await (await request(`${next.url}/health?i=5`)).body.dump();
    await next.waitFor(/i=5 → 200/);
    next.child.kill('SIGTERM');
    expect((await next.exit).code).toBe(143);
    expect(next.output()).toMatch(/Recorded 1 exchange/);
    const { exchanges: all } = await readCassetteAll(file);
    expect(all.map((e) => e.id)).toEqual(['000000', '000001', '000002', '000003', '000004', '000005']);
  }, 120_000);
});
