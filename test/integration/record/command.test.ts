// `record --target … -- <command>`: the command gets APITAPE_BASE_URL, recording stops when it exits,
// and its exit code (or signal) becomes apitape's.
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { startSampleApi } from '../../../src/sample-api/server.js';
import { fakeIo } from '../../helpers/io.js';
import { readRecorded, tempDir } from './helpers.js';

async function sampleApi(): Promise<string> {
  const api = await startSampleApi();
  onTestFinished(() => api.close());
  return api.url;
}

const node = (script: string) => [process.execPath, '-e', script];

describe('apitape record -- <command> (reverse mode)', () => {
  it('runs the command against the proxy and exits with its exit code', async () => {
    const cwd = await tempDir();
    const target = await sampleApi();
    const io = fakeIo(cwd, { PATH: process.env.PATH });
    const script = `
      const base = process.env.APITAPE_BASE_URL;
      (async () => {
        for (const p of ['/health', '/users']) { const r = await fetch(base + p); await r.text(); console.log(p, r.status); }
        process.exit(3);
      })();`;
    const code = await main(['record', '--target', target, '--port', '0', '--', ...node(script)], io);
    expect(code).toBe(3);
    expect(io.out()).toContain('/health 200');
    expect(io.out()).toContain('/users 401');
    expect(io.out()).toMatch(/Recorded 2 exchanges/);
    expect((await readRecorded(cwd)).map((e) => `${new URL(e.request.url).pathname} ${e.response?.status}`)).toEqual(['/health 200', '/users 401']);
  });

  it('gives an empty cassette and a clear summary when the command makes no request', async () => {
    const cwd = await tempDir();
    const io = fakeIo(cwd, { PATH: process.env.PATH });
    const code = await main(['record', '--target', 'https://api.example.com', '--port', '0', '--cassette', 'quiet', '--', ...node('console.log(process.env.APITAPE_BASE_URL)')], io);
    expect(code).toBe(0);
    expect(io.out()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/m);
    expect(io.out()).toContain('Recorded 0 exchanges (0 endpoints, 0 B of bodies) into cassettes/quiet.ndjson');
    expect(io.out()).toContain('No request reached the proxy');
    expect(await readRecorded(cwd, 'quiet')).toEqual([]);
  });

  it('passes Ctrl-C on to the command and exits with what the command exits with', async () => {
    const cwd = await tempDir();
    const io = fakeIo(cwd, { PATH: process.env.PATH });
    const script = `process.on('SIGINT', () => { console.log('child got SIGINT'); process.exit(42); }); console.log('child ready'); setInterval(() => {}, 1000);`;
    const done = main(['record', '--target', 'https://api.example.com', '--port', '0', '--', ...node(script)], io);
    for (let i = 0; i < 200 && !io.out().includes('child ready'); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    io.interrupt();
    expect(await done).toBe(42);
    expect(io.out()).toContain('child got SIGINT');
    expect(io.out()).toMatch(/Recorded 0 exchanges/);
  });

  it('reports 128 + the signal number for a command killed by a signal, and 127 for a missing command', async () => {
    const cwd = await tempDir();
    const killed = fakeIo(cwd, { PATH: process.env.PATH });
    expect(await main(['record', '--target', 'https://api.example.com', '--port', '0', '--', ...node("process.kill(process.pid, 'SIGKILL')")], killed)).toBe(137);
    const missing = fakeIo(cwd, { PATH: process.env.PATH });
    expect(await main(['record', '--target', 'https://api.example.com', '--port', '0', '--', 'apitape-no-such-command-xyz'], missing)).toBe(127);
    expect(missing.err()).toContain('command not found: apitape-no-such-command-xyz');
  });
});
