// Bodies of every shape through the reverse proxy: what the client gets is byte-identical, what the
// cassette holds is decoded, lossless or (past the limit) a prefix with size and SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { Agent, FormData, request } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { bodyBytes } from '../../../src/cassette/body.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { readBody, readRecorded, startRecording, tempDir, upstream } from './helpers.js';

const run = promisify(execFile);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const BINARY = randomBytes(3000);
const BIG = randomBytes(20 * 1024 * 1024);
const JSON_DOC = { users: [{ id: 1, name: 'Ada', tags: ['x', 'y'] }], total: 1, note: 'é ✓' };

async function bodyServer() {
  return upstream(async (req, res) => {
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = Buffer.from(JSON.stringify(JSON_DOC));
    switch (path) {
      case '/echo':
        res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/octet-stream', 'x-sha': sha(body) });
        return res.end(body);
      case '/binary':
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        return res.end(BINARY);
      case '/gzip':
      case '/br':
      case '/deflate':
      case '/deflate-raw': {
        const encode = { '/gzip': gzipSync, '/br': brotliCompressSync, '/deflate': deflateSync, '/deflate-raw': deflateRawSync }[path]!;
        const encoding = path === '/deflate-raw' ? 'deflate' : path.slice(1);
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
        return res.end(encode(json));
      }
      case '/big':
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': BIG.length });
        return res.end(BIG);
      case '/big-gzip':
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        return res.end(gzipSync(Buffer.alloc(8 * 1024 * 1024, 'a')));
      case '/chunked': {
        res.writeHead(200, { 'content-type': 'text/plain' });
        let i = 0;
        const tick = setInterval(() => {
          if (i === 5) {
            clearInterval(tick);
            return res.end();
          }
          res.write(`part ${i++}\n`);
        }, 10);
        return;
      }
      case '/empty':
        res.writeHead(200, { 'content-length': '0' });
        return res.end();
      case '/no-content':
        res.writeHead(204);
        return res.end();
      default:
        res.writeHead(404);
        return res.end();
    }
  });
}

function find(exchanges: Exchange[], method: string, path: string): Exchange {
  const found = exchanges.find((e) => e.request.method === method && new URL(e.request.url).pathname === path);
  if (!found) throw new Error(`no ${method} ${path} in ${exchanges.map((e) => e.request.url).join(', ')}`);
  return found;
}

describe('bodies through the recorder', () => {
  it('records JSON, form, multipart, binary, encoded, chunked and empty bodies losslessly', async () => {
    const cwd = await tempDir();
    const { url: target } = await bodyServer();
    const rec = await startRecording(cwd, ['--target', target]);

    const json = await request(`${rec.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(JSON_DOC) });
    expect(await json.body.json()).toEqual(JSON_DOC);
    const form = await request(`${rec.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Ada+Lovelace&lang=en',
    });
    expect(await form.body.text()).toBe('name=Ada+Lovelace&lang=en');
    const multipart = new FormData();
    multipart.append('title', 'report');
    multipart.append('file', new Blob([BINARY], { type: 'application/octet-stream' }), 'data.bin');
    const mp = await request(`${rec.url}/echo`, { method: 'POST', body: multipart });
    const mpSha = mp.headers['x-sha'];
    await mp.body.dump();
    const binary = await request(`${rec.url}/binary`);
    expect(Buffer.from(await binary.body.arrayBuffer()).equals(BINARY)).toBe(true);
    for (const p of ['/gzip', '/br', '/deflate', '/deflate-raw']) {
      const res = await request(`${rec.url}${p}`);
      expect(res.headers['content-encoding']).toBe(p === '/deflate-raw' ? 'deflate' : p.slice(1)); // passed through untouched
      await res.body.dump();
    }
    const chunked = await request(`${rec.url}/chunked`);
    expect(await chunked.body.text()).toBe('part 0\npart 1\npart 2\npart 3\npart 4\n');
    for (const p of ['/empty', '/no-content']) await (await request(`${rec.url}${p}`)).body.dump();
    await rec.stop();

    const exchanges = await readRecorded(cwd);
    const echoes = exchanges.filter((e) => e.request.url.endsWith('/echo'));
    expect(echoes[0]!.request.body).toMatchObject({ kind: 'json', value: JSON_DOC });
    expect(echoes[0]!.response!.body).toMatchObject({ kind: 'json', value: JSON_DOC });
    expect(echoes[1]!.request.body).toMatchObject({ kind: 'text', text: 'name=Ada+Lovelace&lang=en' });
    expect(sha(bodyBytes(echoes[2]!.request.body))).toBe(mpSha);
    expect(bodyBytes(find(exchanges, 'GET', '/binary').response!.body).equals(BINARY)).toBe(true);
    for (const p of ['/gzip', '/br', '/deflate', '/deflate-raw']) {
      const body = find(exchanges, 'GET', p).response!.body;
      expect(body).toMatchObject({ kind: 'json', value: JSON_DOC, contentEncoding: p === '/deflate-raw' ? 'deflate' : p.slice(1) });
    }
    expect(find(exchanges, 'GET', '/chunked').response!.body).toMatchObject({ kind: 'text', text: 'part 0\npart 1\npart 2\npart 3\npart 4\n' });
    expect(find(exchanges, 'GET', '/empty').response!.body).toMatchObject({ kind: 'empty', size: 0 });
    expect(find(exchanges, 'GET', '/no-content').response!.body).toEqual({ kind: 'none' });
    expect(find(exchanges, 'GET', '/binary').request.body).toEqual({ kind: 'none' });
  });

  it('streams a 20 MB download and upload intact, keeping a prefix, the size and the SHA-256', async () => {
    const cwd = await tempDir();
    const { url: target } = await bodyServer();
    const rec = await startRecording(cwd, ['--target', target, '--max-body-size', '64KB']);
    const down = await request(`${rec.url}/big`);
    expect(sha(Buffer.from(await down.body.arrayBuffer()))).toBe(sha(BIG));
    const up = await request(`${rec.url}/echo`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: BIG });
    expect(up.headers['x-sha']).toBe(sha(BIG));
    expect(sha(Buffer.from(await up.body.arrayBuffer()))).toBe(sha(BIG));
    const bomb = await request(`${rec.url}/big-gzip`);
    await bomb.body.dump();
    await rec.stop();

    const exchanges = await readRecorded(cwd);
    const download = find(exchanges, 'GET', '/big').response!.body;
    expect(download).toMatchObject({ kind: 'binary', size: BIG.length, truncated: true, sha256: sha(BIG) });
    expect(bodyBytes(download).equals(BIG.subarray(0, 64 * 1024))).toBe(true);
    const upload = find(exchanges, 'POST', '/echo');
    expect(upload.request.body).toMatchObject({ kind: 'binary', size: BIG.length, truncated: true, sha256: sha(BIG) });
    expect(upload.response!.body).toMatchObject({ size: BIG.length, sha256: sha(BIG) });
    const decoded = find(exchanges, 'GET', '/big-gzip').response!.body;
    expect(decoded).toMatchObject({ kind: 'text', size: 8 * 1024 * 1024, truncated: true, contentEncoding: 'gzip' });
    expect(bodyBytes(decoded).length).toBe(64 * 1024);
  }, 120_000);

  it('caps what a compressed body may decode to (gzip bomb)', async () => {
    const cwd = await tempDir();
    const { url: target } = await bodyServer();
    const rec = await startRecording(cwd, ['--target', target, '--max-body-size', '1MB', '--max-decoded-size', '1MB']);
    const res = await request(`${rec.url}/big-gzip`);
    expect((await res.body.arrayBuffer()).byteLength).toBeLessThan(1024 * 1024); // the compressed bytes, untouched
    await rec.stop();
    const body = find(await readRecorded(cwd), 'GET', '/big-gzip').response!.body;
    expect(body).toMatchObject({ truncated: true, contentEncoding: 'gzip' });
    expect(body.kind !== 'none' && body.decodeError).toMatch(/exceeds/);
  });

  it('records 200 concurrent requests each exactly once, each paired with its own response', async () => {
    const cwd = await tempDir();
    const { url: target } = await bodyServer();
    const rec = await startRecording(cwd, ['--target', target, '--quiet']);
    const agent = new Agent({ connections: 200 });
    onTestFinished(() => agent.close());
    const ids = Array.from({ length: 200 }, (_, i) => i);
    await Promise.all(
      ids.map(async (i) => {
        const res = await request(`${rec.url}/echo?i=${i}`, { method: 'POST', body: `{"i":${i}}`, headers: { 'content-type': 'application/json' }, dispatcher: agent });
        expect(await res.body.json()).toEqual({ i });
      }),
    );
    await rec.stop();
    const exchanges = await readRecorded(cwd);
    expect(exchanges).toHaveLength(200);
    const seen = exchanges.map((e) => {
      const i = Number(new URL(e.request.url).searchParams.get('i'));
      expect(e.request.body).toMatchObject({ kind: 'json', value: { i } });
      expect(e.response!.body).toMatchObject({ kind: 'json', value: { i } });
      return i;
    });
    expect(seen.sort((a, b) => a - b)).toEqual(ids);
  }, 120_000);

  it('works with curl as the client', async () => {
    const cwd = await tempDir();
    const { url: target } = await bodyServer();
    const rec = await startRecording(cwd, ['--target', target]);
    const { stdout } = await run('curl', ['-sS', '--compressed', '-X', 'POST', '-H', 'content-type: application/json', '--data', '{"via":"curl"}', `${rec.url}/echo`]);
    expect(JSON.parse(stdout)).toEqual({ via: 'curl' });
    const gz = await run('curl', ['-sS', '--compressed', `${rec.url}/gzip`]);
    expect(JSON.parse(gz.stdout)).toEqual(JSON_DOC);
    await rec.stop();
    const exchanges = await readRecorded(cwd);
    expect(exchanges.map((e) => e.request.headers.find(([n]) => n.toLowerCase() === 'user-agent')?.[1])).toEqual([
      expect.stringMatching(/^curl\//),
      expect.stringMatching(/^curl\//),
    ]);
    expect(find(exchanges, 'POST', '/echo').request.body).toMatchObject({ kind: 'json', value: { via: 'curl' } });
  });
});
