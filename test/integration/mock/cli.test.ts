// `apitape mock` run in-process through main(): ready line, serving, fallback recording, stop, errors.
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { readCassetteAll } from '../../../src/cassette/store.js';
import { main } from '../../../src/cli/main.js';
import { startSampleApi } from '../../../src/sample-api/server.js';
import { fakeIo, type FakeIo } from '../../helpers/io.js';
import { recordSampleFlow, type RecordedFlow } from './sample-flow.js';

let dir: string;
let flow: RecordedFlow;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-mock-cli-'));
  const api = await startSampleApi({ seedUsers: 2 });
  try {
    flow = await recordSampleFlow(dir, api.url);
  } finally {
    await api.close();
  }
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Starts `apitape mock …` and resolves with its URL once the ready line is printed. */
async function startCli(args: string[]): Promise<{ io: FakeIo; url: string; done: Promise<number> }> {
  const io = fakeIo(dir);
  const done = main(['mock', '--port', '0', ...args], io);
  onTestFinished(async () => {
    io.interrupt();
    await done;
  });
  const deadline = Date.now() + 25_000; // mockttp's import alone can take seconds on a busy machine
  while (Date.now() < deadline) {
    const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out());
    if (match) return { io, url: match[1]!, done };
    const exited = await Promise.race([done.then((code) => code), new Promise((r) => setTimeout(r, 25, undefined))]);
    if (exited !== undefined) throw new Error(`mock exited with ${exited}: ${io.err()}`);
  }
  throw new Error(`no ready line: ${io.out()} ${io.err()}`);
}

describe('apitape mock (CLI)', () => {
  it('prints the address, serves the cassette, logs each request and stops on the signal', async () => {
    const { io, url, done } = await startCli(['--cassette', 'flow']);
    expect(io.out()).toMatch(new RegExp(`serving ${flow.exchanges.length} recorded exchanges \\(\\d+ routes\\) from flow at http://127\\.0\\.0\\.1:\\d+`));
    const health = await request(`${url}/health`);
    expect(health.statusCode).toBe(200);
    await health.body.dump();
    const missing = await request(`${url}/nope`);
    expect(missing.statusCode).toBe(404);
    await missing.body.dump();
    io.interrupt();
    expect(await done).toBe(0);
    expect(io.out()).toMatch(/GET \/health → 200 replayed flow#\d{6}/);
    expect(io.out()).toMatch(/GET \/nope → 404 unmatched/);
    expect(io.out()).toMatch(/stopped after 2 requests \(1 replayed, 1 unmatched, 0 forwarded, 0 recorded\)/);
  });

  it('forwards unknown requests to --fallback and appends them to the cassette with --record', async () => {
    const fallback = await startSampleApi({ seedUsers: 1 });
    onTestFinished(() => fallback.close());
    await fs.copyFile(flow.file, path.join(dir, 'cassettes', 'growing.ndjson'));
    const { io, url, done } = await startCli(['--cassette', 'growing', '--fallback', fallback.url, '--record', '--quiet']);
    expect(io.out()).toContain(`unknown requests go to ${fallback.url}/ and are recorded into growing`);
    const res = await request(`${url}/users/not-a-recorded-shape/orders/extra`);
    expect(res.statusCode).toBe(404);
    expect(await res.body.json()).toEqual({ error: 'no route for /users/not-a-recorded-shape/orders/extra' }); // the fallback's own answer
    io.interrupt();
    expect(await done).toBe(0);
    expect(io.out()).toMatch(/1 forwarded, 1 recorded/);
    const { exchanges } = await readCassetteAll(path.join(dir, 'cassettes', 'growing.ndjson'));
    expect(exchanges).toHaveLength(flow.exchanges.length + 1);
    expect(exchanges.at(-1)!.request.url).toBe(`${fallback.url}/users/not-a-recorded-shape/orders/extra`);
    expect(exchanges.at(-1)!.response?.status).toBe(404);
  });

  it('refuses bad usage with exit 2 and a message', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['mock', '--port', '70000'], /--port must be a number from 0 to 65535/],
      [['mock', '--record', '--cassette', 'flow'], /--record appends what the fallback API answers/],
      [['mock', '--fallback', 'ftp://x'], /--fallback must be an http/],
      [['mock', '--cassette', 'missing', '--port', '0'], /no cassette at/],
    ];
    for (const [args, message] of cases) {
      const io = fakeIo(dir);
      expect(await main(args, io), args.join(' ')).toBe(2);
      expect(io.err()).toMatch(message);
    }
  });

  it('exits 2 when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as net.AddressInfo).port;
    const io = fakeIo(dir);
    expect(await main(['mock', '--cassette', 'flow', '--port', String(port)], io)).toBe(2);
    expect(io.err()).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use`));
  });

  it('is listed in the help', async () => {
    const io = fakeIo(dir);
    expect(await main(['mock', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/--fallback <url>/);
    expect(io.out()).toMatch(/127\.0\.0\.1 only/);
  });
});
