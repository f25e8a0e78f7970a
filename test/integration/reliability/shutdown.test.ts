// Stopping under load (RELIABILITY 30, 37): Ctrl-C with requests in flight lets the answered ones
// finish within --grace and records the rest as stopped, exit 130, the cassette clean; a second
// Ctrl-C exits at once with the file intact; idle keep-alive sockets and open WebSockets do not hold
// the stop up. The signal tests run the built binary (`npm run build`).
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { connect, type Socket } from 'node:net';
import { Agent, request, WebSocket } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openCassetteWriter, readCassetteAll } from '../../../src/cassette/store.js';
import { readRecorded, startRecording, tempDir, upstream } from '../record/helpers.js';
import { waitUntilRefused } from './raw-http.js';
import { spawnRecorder } from '../../helpers/built-cli.js';

/** An upstream that holds `/slow/*` until `release()` and never answers `/never/*`. */
async function holdingUpstream() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived = 0;
  const { url } = await upstream((req, res) => {
    req.resume();
    arrived += 1;
    if (req.url?.startsWith('/never/')) return;
    const answer = () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ path: req.url }));
    };
    if (req.url?.startsWith('/slow/')) void released.then(answer);
    else answer();
  });
  return { url, release, arrived: () => arrived };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('Ctrl-C with requests in flight (built binary)', () => {
  it('lets answered requests finish within --grace, records the others as stopped, exits 130 with a clean cassette', async () => {
    const cwd = await tempDir();
    const api = await holdingUpstream();
    const rec = await spawnRecorder(cwd, ['--target', api.url, '--grace', '5s', '--quiet']); // room for the answered ten on a loaded machine
    const agent = new Agent({ connections: 20 });
    onTestFinished(() => agent.destroy());
    const slow = Array.from({ length: 10 }, (_, i) => request(`${rec.url}/slow/${i}`, { dispatcher: agent }).then((r) => r.body.json()));
    const never = Array.from({ length: 10 }, (_, i) =>
      request(`${rec.url}/never/${i}`, { dispatcher: agent }).then(
        async (r) => ({ status: r.statusCode, body: await r.body.text().catch((e: Error) => e) }),
        (e: Error) => e,
      ),
    );
    await until(() => api.arrived() === 20, 'all 20 requests to reach the upstream');
    rec.child.kill('SIGINT');
    await waitUntilRefused(Number(new URL(rec.url).port)); // the stop has begun: no new connections
    api.release();

    expect(await Promise.all(slow)).toEqual(Array.from({ length: 10 }, (_, i) => ({ path: `/slow/${i}` })));
    for (const outcome of await Promise.all(never)) expect(outcome).toBeInstanceOf(Error); // cut when the grace ran out
    expect((await rec.exit).code).toBe(130);
    expect(rec.output()).toMatch(/Recorded 20 exchanges \(20 endpoints, .*, 10 failed\)/);

    const warnings: string[] = [];
    const { exchanges } = await readCassetteAll(path.join(cwd, 'cassettes', 'default.ndjson'), { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    const byPath = new Map(exchanges.map((e) => [new URL(e.request.url).pathname, e]));
    expect(byPath.size).toBe(20);
    for (let i = 0; i < 10; i += 1) {
      expect(byPath.get(`/slow/${i}`)).toMatchObject({ response: { status: 200, body: { kind: 'json', value: { path: `/slow/${i}` } } } });
      expect(byPath.get(`/slow/${i}`)!.failure).toBeUndefined();
      expect(byPath.get(`/never/${i}`)).toMatchObject({ response: null, failure: { code: 'RECORDING_STOPPED', phase: 'headers' } });
    }
  }, 60_000);

  it('exits 130 at once on a second Ctrl-C, leaving every reported exchange readable and the cassette usable', async () => {
    const cwd = await tempDir();
    const api = await holdingUpstream();
    const rec = await spawnRecorder(cwd, ['--target', api.url, '--grace', '10m']);
    for (let i = 0; i < 3; i += 1) await (await request(`${rec.url}/done/${i}`)).body.dump();
    await rec.waitFor(/\/done\/2 → 200/);
    const stuck = Array.from({ length: 5 }, (_, i) => request(`${rec.url}/never/${i}`).catch((e: Error) => e));
    await until(() => api.arrived() === 8, 'the stuck requests to reach the upstream');

    rec.child.kill('SIGINT');
    await waitUntilRefused(Number(new URL(rec.url).port)); // the first Ctrl-C is waiting out its 10-minute grace
    rec.child.kill('SIGINT');
    expect(await rec.exit).toEqual({ code: 130, signal: null }); // not after the grace: the test would time out first
    for (const outcome of await Promise.all(stuck)) expect(outcome).toBeInstanceOf(Error);

    const file = path.join(cwd, 'cassettes', 'default.ndjson');
    const warnings: string[] = [];
    const { exchanges } = await readCassetteAll(file, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
    expect(exchanges.map((e) => new URL(e.request.url).pathname)).toEqual(['/done/0', '/done/1', '/done/2']);
    const next = await openCassetteWriter(file, { name: 'default' }); // the forced exit left a stale lock: taken over
    await next.close();
  }, 30_000);
});

describe('stopping with idle connections open', () => {
  it('closes 1,000 idle keep-alive sockets and 50 open WebSockets (both ends) and finishes, whatever --grace', async () => {
    const cwd = await tempDir();
    const { url: target, server } = await upstream((req, res) => {
      req.resume();
      res.end(`you sent ${req.url}`);
    });
    let upstreamWsClosed = 0;
    server.on('upgrade', (req, socket) => {
      socket.resume();
      socket.on('end', () => socket.end()); // the server half stays open otherwise (allowHalfOpen)
      socket.once('close', () => (upstreamWsClosed += 1));
      const accept = createHash('sha1').update(`${String(req.headers['sec-websocket-key'])}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
      socket.on('error', () => undefined);
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      socket.write(Buffer.concat([Buffer.from([0x81, 5]), Buffer.from('hello')]));
    });
    // A stop that waited on idle connections would wait out this grace, and the test time out.
    const rec = await startRecording(cwd, ['--target', target, '--quiet', '--grace', '10m']);
    const port = Number(new URL(rec.url).port);

    const sockets: Socket[] = [];
    let socketsClosed = 0;
    for (let batch = 0; batch < 1000; batch += 500) {
      await Promise.all(
        Array.from({ length: 500 }, (_, k) => {
          const socket = connect(port, '127.0.0.1');
          sockets.push(socket);
          socket.once('close', () => (socketsClosed += 1));
          return new Promise<void>((resolve, reject) => {
            let text = '';
            socket.on('data', (chunk: Buffer) => {
              text += chunk.toString();
              if (text.endsWith(`you sent /idle/${batch + k}`)) resolve();
            });
            socket.once('error', reject);
            socket.write(`GET /idle/${batch + k} HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n`);
          });
        }),
      );
    }
    let wsClosed = 0;
    await Promise.all(
      Array.from(
        { length: 50 },
        (_, i) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(`${rec.url.replace('http', 'ws')}/ws/${i}`);
            ws.onmessage = () => resolve();
            ws.onerror = () => reject(new Error(`WebSocket ${i} failed`));
            ws.onclose = () => (wsClosed += 1);
          }),
      ),
    );
    // The proxy closes a keep-alive socket idle for 5 s on its own; on a loaded machine some may have.
    const openAtStop = 1000 - socketsClosed;
    expect(openAtStop).toBeGreaterThan(250);
    expect(wsClosed).toBe(0);

    expect(await rec.stop()).toBe(130);
    await until(() => socketsClosed === 1000 && wsClosed === 50, 'every client connection to close');
    await until(() => upstreamWsClosed === 50, 'the proxy to close its upstream WebSocket connections');
    expect(await readRecorded(cwd)).toHaveLength(1050);
  }, 30_000);
});
