// Upstream faults beyond test/integration/record/faults.test.ts (RELIABILITY 25, 27, 28, 29): a reset
// mid-way through a streamed body, a dripping body, a reused keep-alive connection the upstream
// drops, and malformed responses from a raw `net` upstream. Each gives the client a clear answer or
// a cut connection, is recorded with its failure, and the proxy keeps serving.
import { createHash } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { request } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Exchange } from '../../../src/cassette/types.js';
import { bodyBytes } from '../../../src/cassette/body.js';
import { readRecorded, startRecording, tempDir, upstream } from '../record/helpers.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * A raw HTTP/1.1 upstream: `answer(path, nth)` gives the bytes to write for the nth request (from 1)
 * on its connection, or `null` to drop the connection without answering.
 */
async function rawUpstream(answer: (path: string, nth: number) => string | null): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const server = createServer((socket: Socket) => {
    connections += 1;
    let nth = 0;
    let pending = '';
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
        const head = pending.slice(0, end);
        pending = pending.slice(end + 4);
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        pending = pending.slice(length); // request bodies are small and arrive with the head here
        nth += 1;
        const reply = answer(head.split(' ')[1] ?? '/', nth);
        if (reply === null) return void socket.destroy();
        socket.write(reply, 'latin1');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, connections: () => connections };
}

function byPath(exchanges: Exchange[], path: string): Exchange {
  const found = exchanges.find((e) => new URL(e.request.url).pathname === path);
  if (!found) throw new Error(`${path} was not recorded (${exchanges.map((e) => e.request.url).join(', ')})`);
  return found;
}

const OK = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok';

describe('malformed upstream responses', () => {
  const MALFORMED: Record<string, [reply: string, code: string]> = {
    '/bad-status': ['HTTP/1.1 2OO OK\r\nContent-Length: 2\r\n\r\nok', 'HPE_INVALID_STATUS'],
    '/not-http': ['SSH-2.0-OpenSSH_9.6\r\n', 'HPE_INVALID_CONSTANT'],
    '/cl-and-te': ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 'HPE_INVALID_TRANSFER_ENCODING'],
    '/bad-length': ['HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nok', 'HPE_INVALID_CONTENT_LENGTH'],
    '/header-overflow': [`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(100_000)}\r\nContent-Length: 2\r\n\r\nok`, 'HPE_HEADER_OVERFLOW'],
  };

  it('answers 502 naming the parse error, records it, and keeps serving', async () => {
    const cwd = await tempDir();
    const api = await rawUpstream((path) => (path === '/ok' ? OK : `${MALFORMED[path]![0]}`));
    const rec = await startRecording(cwd, ['--target', api.url, '--quiet']);
    for (const [path, [, code]] of Object.entries(MALFORMED)) {
      const res = await request(`${rec.url}${path}`);
      expect([path, res.statusCode, res.headers['x-apitape-error']]).toEqual([path, 502, code]);
      expect(await res.body.text()).toMatch(new RegExp(`^apitape: could not reach ${api.url} \\(${code}\\): Parse Error: .+\\.\\n$`));
      const ok = await request(`${rec.url}/ok`);
      expect(await ok.body.text()).toBe('ok');
    }
    expect(await rec.stop()).toBe(130);
    const exchanges = await readRecorded(cwd);
    for (const [path, [, code]] of Object.entries(MALFORMED)) {
      expect(byPath(exchanges, path)).toMatchObject({ response: null, failure: { code, phase: 'headers', message: expect.stringMatching(/^Parse Error: /) } });
    }
    expect(exchanges.filter((e) => e.request.url.endsWith('/ok') && e.response?.status === 200)).toHaveLength(5);
  });

  it('cuts the client off when a chunked body turns malformed, and records what arrived', async () => {
    const cwd = await tempDir();
    const api = await rawUpstream((path) => (path === '/ok' ? OK : 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n'));
    const rec = await startRecording(cwd, ['--target', api.url, '--quiet']);
    const res = await request(`${rec.url}/bad-chunk`).catch((error: Error) => error);
    if (!(res instanceof Error)) await expect(res.body.text()).rejects.toThrow();
    expect(await (await request(`${rec.url}/ok`)).body.text()).toBe('ok');
    await rec.stop();
    const cut = byPath(await readRecorded(cwd), '/bad-chunk');
    expect(cut).toMatchObject({ response: { status: 200 }, failure: { code: 'HPE_INVALID_CHUNK_SIZE', phase: 'body' } });
    expect(cut.response!.body).toMatchObject({ truncated: true });
  });
});

describe('a keep-alive connection the upstream drops', () => {
  it('gives a non-idempotent request a clear 502 when its reused connection closes, and serves the next on a new one', async () => {
    const cwd = await tempDir();
    // Every second request on a connection finds it closed: what a client meets when its request
    // crosses the upstream's idle-timeout close (mitmproxy #3038).
    const dropped: number[] = [];
    const api = await rawUpstream((path, nth) => {
      if (nth === 1) return 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok';
      dropped.push(Number(path.split('/').pop()));
      return null;
    });
    const rec = await startRecording(cwd, ['--target', api.url, '--quiet']);
    const outcomes: Array<[number, number, string]> = [];
    for (let n = 0; n < 6; n += 1) {
      const res = await request(`${rec.url}/orders/${n}`, { method: 'POST', body: `{"n":${n}}`, headers: { 'content-type': 'application/json' } });
      outcomes.push([n, res.statusCode, await res.body.text()]);
      await new Promise((resolve) => setTimeout(resolve, 50)); // lets the proxy pool the upstream connection
    }
    expect(dropped.length).toBeGreaterThan(0); // the proxy did reuse connections
    for (const [n, status, text] of outcomes) {
      if (dropped.includes(n)) expect([status, text]).toEqual([502, `apitape: could not reach ${api.url} (ECONNRESET): socket hang up.\n`]);
      else expect([status, text]).toEqual([200, 'ok']);
    }
    for (const n of dropped) if (n < 5) expect(outcomes[n + 1]![1]).toBe(200); // it serves on after each drop
    await rec.stop();
    const recorded = (await readRecorded(cwd)).map((e) => [e.request.body.kind === 'json' ? e.request.body.value : undefined, e.response?.status ?? e.failure?.code]);
    expect(recorded).toEqual(outcomes.map(([n, status]) => [{ n }, status === 200 ? 200 : 'ECONNRESET']));
  });
});

describe('bodies that stop or drip', () => {
  it('records a body reset past --max-body-size as truncated, with the size and SHA-256 of what arrived', async () => {
    const cwd = await tempDir();
    const sent = Buffer.alloc(64 * 1024, 7);
    const { url: target } = await upstream((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(1024 * 1024) });
      res.write(sent, () => setTimeout(() => req.socket.destroy(), 50));
    });
    const rec = await startRecording(cwd, ['--target', target, '--quiet', '--max-body-size', '1KB']);
    const res = await request(`${rec.url}/download`);
    expect(res.statusCode).toBe(200);
    await expect(res.body.arrayBuffer()).rejects.toThrow();
    await rec.stop();
    const [cut] = await readRecorded(cwd);
    expect(cut).toMatchObject({ failure: { code: 'ECONNRESET', phase: 'body' } });
    expect(cut!.response!.body).toMatchObject({ kind: 'binary', size: sent.length, truncated: true, sha256: sha(sent) });
    expect(bodyBytes(cut!.response!.body).equals(sent.subarray(0, 1024))).toBe(true);
  });

  it('lets a drip faster than --idle-timeout through whole, and cuts one that pauses longer, recording the bytes that came', async () => {
    const cwd = await tempDir();
    const { url: target } = await upstream((req, res) => {
      req.resume();
      const pauseAfter = req.url === '/pausing' ? 5 : Infinity;
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const tick = setInterval(() => {
        if (sent === 20) {
          clearInterval(tick);
          return void res.end();
        }
        if (sent < pauseAfter) res.write(String(sent++ % 10));
      }, 40);
      res.on('close', () => clearInterval(tick));
    });
    const rec = await startRecording(cwd, ['--target', target, '--quiet', '--idle-timeout', '400ms']);
    const whole = await request(`${rec.url}/dripping`);
    expect(await whole.body.text()).toBe('01234567890123456789'); // 800 ms in all, never 400 ms silent
    const pausing = await request(`${rec.url}/pausing`);
    await expect(pausing.body.text()).rejects.toThrow();
    await rec.stop();
    const exchanges = await readRecorded(cwd);
    expect(byPath(exchanges, '/dripping').failure).toBeUndefined();
    expect(byPath(exchanges, '/pausing')).toMatchObject({
      failure: { code: 'TIMEOUT_IDLE', phase: 'body' },
      response: { status: 200, body: { kind: 'text', text: '01234', size: 5, truncated: true } },
    });
  });
});
