// Upstream and client faults: each gives the client a clear answer, is recorded with its failure,
// and the proxy keeps serving (the next normal request succeeds and is recorded).
import { createServer } from 'node:net';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../../src/cassette/types.js';
import { readBody, readRecorded, startRecording, tempDir, upstream } from './helpers.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function faultyServer() {
  return upstream(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/ok') {
      await readBody(req);
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"ok":true}');
    }
    if (path === '/reset') return req.socket.destroy();
    if (path === '/silent') return; // accepts, never answers
    if (path === '/reset-mid-body') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
      res.write('x'.repeat(100));
      setTimeout(() => req.socket.destroy(), 50);
      return;
    }
    if (path === '/stall') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first part\n');
      return; // never finishes
    }
    if (path === '/slow-body') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const tick = setInterval(() => res.write('.'.repeat(100)), 20);
      res.on('close', () => clearInterval(tick));
      return;
    }
    if (path === '/upload') {
      await readBody(req).catch(() => undefined);
      res.writeHead(200);
      return res.end('done');
    }
    res.writeHead(404);
    res.end();
  });
}

function byPath(exchanges: Exchange[], path: string): Exchange {
  const found = exchanges.find((e) => new URL(e.request.url).pathname === path);
  if (!found) throw new Error(`${path} was not recorded (${exchanges.map((e) => e.request.url).join(', ')})`);
  return found;
}

async function expectServing(url: string): Promise<void> {
  const res = await request(`${url}/ok`);
  expect(res.statusCode).toBe(200);
  expect(await res.body.json()).toEqual({ ok: true });
}

describe('upstream faults', () => {
  it('answers 502 with a clear body when the upstream refuses the connection', async () => {
    const cwd = await tempDir();
    const target = `http://127.0.0.1:${await freePort()}`;
    const rec = await startRecording(cwd, ['--target', target]);
    const res = await request(`${rec.url}/users`);
    expect(res.statusCode).toBe(502);
    expect(res.headers['x-apitape-error']).toBe('ECONNREFUSED');
    expect(await res.body.text()).toMatch(/^apitape: could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    const again = await request(`${rec.url}/users`);
    expect(again.statusCode).toBe(502);
    await again.body.dump();
    await rec.stop();
    const [first] = await readRecorded(cwd);
    expect(first).toMatchObject({ response: null, failure: { code: 'ECONNREFUSED', phase: 'connect' } });
    expect(rec.io.out()).toContain(`GET ${target}/users → ECONNREFUSED`);
    expect(rec.io.err()).not.toContain('Failed to handle request');
  });

  it('answers 502 on a reset before headers, 504 on a silent upstream, and keeps serving', async () => {
    const cwd = await tempDir();
    const { url: target } = await faultyServer();
    const rec = await startRecording(cwd, ['--target', target, '--first-byte-timeout', '300ms']);
    const reset = await request(`${rec.url}/reset`);
    expect(reset.statusCode).toBe(502);
    expect(reset.headers['x-apitape-error']).toBe('ECONNRESET');
    await reset.body.dump();
    await expectServing(rec.url);
    const silent = await request(`${rec.url}/silent`);
    expect(silent.statusCode).toBe(504);
    expect(await silent.body.text()).toContain('no response from');
    await expectServing(rec.url);
    await rec.stop();

    const exchanges = await readRecorded(cwd);
    expect(byPath(exchanges, '/reset')).toMatchObject({ response: null, failure: { code: 'ECONNRESET', phase: 'headers' } });
    expect(byPath(exchanges, '/silent')).toMatchObject({ response: null, failure: { code: 'TIMEOUT_FIRST_BYTE', phase: 'headers' } });
    expect(exchanges.filter((e) => e.request.url.endsWith('/ok'))).toHaveLength(2);
  });

  it('cuts the client connection when the upstream fails mid-body, and records the truncated body', async () => {
    const cwd = await tempDir();
    const { url: target } = await faultyServer();
    const rec = await startRecording(cwd, ['--target', target, '--idle-timeout', '300ms']);
    for (const path of ['/reset-mid-body', '/stall']) {
      const res = await request(`${rec.url}${path}`);
      expect(res.statusCode).toBe(200);
      await expect(res.body.text()).rejects.toThrow();
      await expectServing(rec.url);
    }
    await rec.stop();
    const exchanges = await readRecorded(cwd);
    const midBody = byPath(exchanges, '/reset-mid-body');
    expect(midBody.failure).toMatchObject({ code: 'ECONNRESET', phase: 'body' });
    expect(midBody.response?.body).toMatchObject({ kind: 'text', text: 'x'.repeat(100), truncated: true });
    const stalled = byPath(exchanges, '/stall');
    expect(stalled.failure).toMatchObject({ code: 'TIMEOUT_IDLE', phase: 'body' });
    expect(stalled.response?.body).toMatchObject({ text: 'first part\n', truncated: true });
  });

  it('records a client that aborts mid-download or mid-upload, and keeps serving', async () => {
    const cwd = await tempDir();
    const { url: target } = await faultyServer();
    const rec = await startRecording(cwd, ['--target', target]);
    const controller = new AbortController();
    const res = await request(`${rec.url}/slow-body`, { signal: controller.signal });
    for await (const _chunk of res.body) {
      controller.abort();
      break;
    }
    const uploadAbort = new AbortController();
    const slowUpload = (async function* () {
      yield Buffer.from('partial upload');
      await new Promise((resolve) => setTimeout(resolve, 100));
      uploadAbort.abort();
      yield Buffer.from('never sent');
    })();
    await expect(request(`${rec.url}/upload`, { method: 'POST', body: Readable.from(slowUpload), signal: uploadAbort.signal })).rejects.toThrow();
    await expectServing(rec.url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await rec.stop();
    const exchanges = await readRecorded(cwd);
    const download = byPath(exchanges, '/slow-body');
    expect(download.failure).toMatchObject({ code: 'CLIENT_ABORTED', phase: 'body' });
    expect(download.response?.body).toMatchObject({ truncated: true });
    const upload = byPath(exchanges, '/upload');
    expect(upload.failure).toMatchObject({ code: 'CLIENT_ABORTED' });
    expect(upload.request.body).toMatchObject({ kind: 'text', text: expect.stringContaining('partial upload'), truncated: true });
    expect(byPath(exchanges, '/ok').response?.status).toBe(200);
  });
});

describe('stopping', () => {
  it('lets in-flight exchanges finish within the grace period, then flushes and summarises', async () => {
    const cwd = await tempDir();
    const { url: target } = await upstream((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"slow":true}');
      }, 400);
    });
    const rec = await startRecording(cwd, ['--target', target, '--grace', '5s']);
    const pending = request(`${rec.url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const code = rec.stop();
    const res = await pending;
    expect(await res.body.json()).toEqual({ slow: true });
    expect(await code).toBe(130);
    const [exchange] = await readRecorded(cwd);
    expect(exchange).toMatchObject({ response: { status: 200 } });
    expect(exchange!.failure).toBeUndefined();
    expect(rec.io.out()).toMatch(/Recorded 1 exchange \(1 endpoint/);
  });

  it('marks exchanges still in flight after the grace period as stopped', async () => {
    const cwd = await tempDir();
    const { url: target } = await upstream(() => undefined);
    const rec = await startRecording(cwd, ['--target', target, '--grace', '200ms']);
    const pending = request(`${rec.url}/never`).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await rec.stop()).toBe(130);
    expect(await pending).toBeInstanceOf(Error);
    const [exchange] = await readRecorded(cwd);
    expect(exchange).toMatchObject({ response: null, failure: { code: 'RECORDING_STOPPED', phase: 'headers' } });
  });

  it('prints a clear summary when nothing was recorded', async () => {
    const cwd = await tempDir();
    const rec = await startRecording(cwd, ['--target', 'https://api.example.com']);
    await rec.stop();
    expect(rec.io.out()).toContain('Recorded 0 exchanges (0 endpoints, 0 B of bodies) into cassettes/default.ndjson');
    expect(rec.io.out()).toContain('No request reached the proxy');
    expect(await readRecorded(cwd)).toEqual([]);
  });
});
