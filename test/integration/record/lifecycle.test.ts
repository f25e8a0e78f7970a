// `apitape record` start and end: a start-up failure leaves the cassette byte for byte as it was
// (with --overwrite too), and a recording in which no exchange reached the target fails with exit 3.
import * as fs from 'node:fs/promises';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../helpers/io.js';
import { readRecorded, startRecording, tempDir, upstream } from './helpers.js';

const node = (script: string) => [process.execPath, '-e', script];

/** Fetches each path from APITAPE_BASE_URL in turn, then exits with `code`. */
const fetchAll = (paths: string[], code = 0) =>
  node(`(async () => { for (const p of ${JSON.stringify(paths)}) { const r = await fetch(process.env.APITAPE_BASE_URL + p); await r.text(); } process.exit(${code}); })();`);

/** A loopback origin nothing listens on (a port that was just free). */
async function closedOrigin(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A cassette with two answered exchanges, recorded through the CLI; returns its path and bytes. */
async function goodCassette(cwd: string, target: string): Promise<{ file: string; bytes: Buffer }> {
  const io = fakeIo(cwd, { PATH: process.env.PATH });
  expect(await main(['record', '--target', target, '--port', '0', '--quiet', '--', ...fetchAll(['/one', '/two'])], io)).toBe(0);
  const file = path.join(cwd, 'cassettes', 'default.ndjson');
  return { file, bytes: await fs.readFile(file) };
}

async function okUpstream(): Promise<string> {
  return (
    await upstream((req, res) => {
      if (req.url === '/reset') return req.socket.destroy();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ path: req.url }));
    })
  ).url;
}

describe('a start-up failure leaves the cassette as it was', () => {
  it('--overwrite with the port in use: exit 2, the old recording intact, no lock or staging file left', async () => {
    const cwd = await tempDir();
    const target = await okUpstream();
    const { file, bytes } = await goodCassette(cwd, target);
    const busy = new URL(target).port; // the upstream holds it
    const io = fakeIo(cwd);
    expect(await main(['record', '--target', target, '--port', busy, '--overwrite'], io)).toBe(2);
    expect(io.err()).toBe(`apitape: port ${busy} on 127.0.0.1 is already in use\n  pick another with --port, or --port 0 for any free port\n`);
    expect(await fs.readFile(file)).toEqual(bytes);
    expect(await fs.readdir(path.dirname(file))).toEqual(['default.ndjson']);
  });

  it('appending with the port in use keeps even a torn last line, and a first recording leaves no folder', async () => {
    const cwd = await tempDir();
    const target = await okUpstream();
    const { file, bytes } = await goodCassette(cwd, target);
    const torn = Buffer.concat([bytes, Buffer.from('{"id":"000002","timings":{"st')]); // what a kill -9 mid-write leaves
    await fs.writeFile(file, torn);
    const busy = new URL(target).port;
    expect(await main(['record', '--target', target, '--port', busy], fakeIo(cwd))).toBe(2);
    expect(await fs.readFile(file)).toEqual(torn);
    expect(await fs.readdir(path.dirname(file))).toEqual(['default.ndjson']);

    const empty = await tempDir();
    expect(await main(['record', '--target', target, '--port', busy, '--cassette', 'first'], fakeIo(empty))).toBe(2);
    expect(await fs.readdir(empty)).toEqual([]);
  });

  it('a bad --target is refused (exit 2) before the cassette is touched', async () => {
    const cwd = await tempDir();
    const target = await okUpstream();
    const { file, bytes } = await goodCassette(cwd, target);
    for (const bad of ['ftp://example.com', 'staging.example.com', `${target}/api`]) {
      const io = fakeIo(cwd);
      expect(await main(['record', '--target', bad, '--port', '0', '--overwrite'], io), bad).toBe(2);
      expect(io.err()).toMatch(/--target/);
    }
    expect(await fs.readFile(file)).toEqual(bytes);
  });
});

describe('a recording in which no exchange reached the target', () => {
  it('exits 3 after a command that exited 0, saying why, and keeps the failures in the cassette', async () => {
    const cwd = await tempDir();
    const target = await closedOrigin();
    const io = fakeIo(cwd, { PATH: process.env.PATH });
    expect(await main(['record', '--target', target, '--port', '0', '--', ...fetchAll(['/a', '/b'])], io)).toBe(3);
    expect(io.err()).toContain(
      `apitape: none of the 2 exchanges reached the target ${target}: ECONNREFUSED ×2 (connect ECONNREFUSED ${target.slice('http://'.length)})\n` +
        `  is the API running at ${target}, and is --target right?\n`,
    );
    expect(io.out()).toContain('Recorded 2 exchanges (2 endpoints, 0 B of bodies, 2 failed) into cassettes/default.ndjson');
    const recorded = await readRecorded(cwd);
    expect(recorded.map((e) => [new URL(e.request.url).pathname, e.response, e.failure?.code])).toEqual([
      ['/a', null, 'ECONNREFUSED'],
      ['/b', null, 'ECONNREFUSED'],
    ]);
  });

  it("keeps the command's own non-zero exit code", async () => {
    const cwd = await tempDir();
    const io = fakeIo(cwd, { PATH: process.env.PATH });
    expect(await main(['record', '--target', await closedOrigin(), '--port', '0', '--', ...fetchAll(['/a'], 5)], io)).toBe(5);
    expect(io.err()).toMatch(/the only exchange did not reach the target http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
  });

  it('exits 3 on Ctrl-C instead of 130; one answered exchange among failures keeps 130', async () => {
    const cwd = await tempDir();
    const dead = await startRecording(cwd, ['--target', await closedOrigin(), '--cassette', 'dead']);
    for (const p of ['/a', '/b']) expect((await request(`${dead.url}${p}`)).statusCode).toBe(502);
    expect(await dead.stop()).toBe(3);
    expect(dead.io.err()).toMatch(/none of the 2 exchanges reached the target/);

    const mixed = await startRecording(cwd, ['--target', await okUpstream(), '--cassette', 'mixed']);
    expect((await request(`${mixed.url}/reset`)).statusCode).toBe(502);
    expect((await request(`${mixed.url}/fine`)).statusCode).toBe(200);
    expect(await mixed.stop()).toBe(130);
    expect(mixed.io.err()).not.toMatch(/reached the target/);
    expect((await readRecorded(cwd, 'mixed')).map((e) => e.response?.status ?? e.failure?.code)).toEqual(['ECONNRESET', 200]);
  });

  it('with --overwrite leaves the old cassette as it was and keeps the failed recording beside it', async () => {
    const cwd = await tempDir();
    const { file, bytes } = await goodCassette(cwd, await okUpstream());
    const io = fakeIo(cwd, { PATH: process.env.PATH });
    expect(await main(['record', '--target', await closedOrigin(), '--port', '0', '--overwrite', '--', ...fetchAll(['/typo'])], io)).toBe(3);
    expect(await fs.readFile(file)).toEqual(bytes);
    const staging = (await fs.readdir(path.dirname(file))).filter((f) => f !== 'default.ndjson');
    expect(staging).toEqual([expect.stringMatching(/^default\.ndjson\.recording-\d+$/)]);
    expect(io.out()).toContain(`Recorded 1 exchange (1 endpoint, 0 B of bodies, 1 failed) into cassettes/${staging[0]}`);
    expect(io.out()).toContain(
      `  --overwrite: cassettes/default.ndjson was left as it was, since no exchange got an answer from the target (this recording: cassettes/${staging[0]})\n`,
    );

    const next = fakeIo(cwd, { PATH: process.env.PATH });
    expect(await main(['record', '--target', 'http://127.0.0.1:9', '--port', '0', '--', process.execPath, '-e', ''], next)).toBe(0);
    expect(next.err()).toContain(`${path.join(path.dirname(file), staging[0]!)} holds an --overwrite recording that did not replace default.ndjson`);
  });
});

describe('a recording with no exchange at all', () => {
  it('is no failure (exit 0), says nothing was recorded, and an --overwrite keeps the old cassette', async () => {
    const cwd = await tempDir();
    const { file, bytes } = await goodCassette(cwd, await okUpstream());
    const io = fakeIo(cwd, { PATH: process.env.PATH });
    expect(await main(['record', '--target', 'http://127.0.0.1:9', '--port', '0', '--overwrite', '--', process.execPath, '-e', ''], io)).toBe(0);
    expect(io.out()).toContain('Nothing was recorded.');
    expect(io.out()).toContain('  --overwrite: cassettes/default.ndjson was left as it was, since nothing was recorded\n');
    expect(await fs.readFile(file)).toEqual(bytes);
    expect(await fs.readdir(path.dirname(file))).toEqual(['default.ndjson']);
  });
});
