// Content-encodings that are wrong, stacked or unknown, through the proxy (RELIABILITY 12, 13), and
// secrets inside a compressed body (40): the client always gets the upstream's bytes untouched; the
// cassette holds the decoded body where it can, else the raw bytes with the reason, and no secret.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { bodyBytes } from '../../../src/cassette/body.js';
import { readRecorded, startRecording, tempDir, upstream } from '../record/helpers.js';

const DOC = Buffer.from('{"ok":true,"items":[1,2,3]}');
const NOT_GZIP = Buffer.from('plain text that is not gzip at all');
const TOKEN = 'canary-token-5e1f3a7c9b';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnktZ3ppcCJ9.Z3ppcC1zaWduYXR1cmUtY2FuYXJ5';

const REPLIES: Record<string, [encoding: string, bytes: Buffer]> = {
  '/lying-gzip': ['gzip', NOT_GZIP],
  '/stacked-no-space': ['gzip,br', brotliCompressSync(gzipSync(DOC))],
  '/stacked-upper': ['GZIP, BR', brotliCompressSync(gzipSync(DOC))],
  '/unknown': ['x-foo', NOT_GZIP],
  '/token-gzip': ['gzip', gzipSync(JSON.stringify({ access_token: TOKEN, id_token: JWT, user: 'ada' }))],
};

describe('content-encodings through the proxy', () => {
  it('pass the bytes through untouched, and record decoded bodies, or raw bytes with the reason', async () => {
    const cwd = await tempDir();
    const { url: target } = await upstream((req, res) => {
      req.resume();
      const [encoding, bytes] = REPLIES[req.url ?? '']!;
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
      res.end(bytes);
    });
    const rec = await startRecording(cwd, ['--target', target]);
    for (const [p, [encoding, bytes]] of Object.entries(REPLIES)) {
      const res = await request(`${rec.url}${p}`);
      expect([p, res.headers['content-encoding']]).toEqual([p, encoding]);
      expect(Buffer.from(await res.body.arrayBuffer()).equals(bytes), p).toBe(true);
    }
    await rec.stop();
    const exchanges = await readRecorded(cwd);
    const body = (p: string) => exchanges.find((e) => e.request.url.endsWith(p))!.response!.body;
    for (const p of ['/lying-gzip', '/unknown']) {
      expect(body(p)).toMatchObject({ kind: 'binary', contentEncoding: REPLIES[p]![0], decodeError: expect.any(String) });
      expect(bodyBytes(body(p)).equals(NOT_GZIP), p).toBe(true);
    }
    expect(body('/unknown')).toMatchObject({ decodeError: 'unsupported content-encoding "x-foo"' });
    for (const p of ['/stacked-no-space', '/stacked-upper']) {
      expect(body(p)).toMatchObject({ kind: 'json', value: JSON.parse(DOC.toString()), contentEncoding: REPLIES[p]![0] });
    }
    expect(body('/token-gzip')).toMatchObject({ kind: 'json', contentEncoding: 'gzip', value: { user: 'ada' } });
    const raw = await readFile(path.join(cwd, 'cassettes', 'default.ndjson'), 'utf8');
    for (const secret of [TOKEN, JWT, JWT.split('.')[2]!]) expect(raw).not.toContain(secret);
    expect(rec.io.out() + rec.io.err()).not.toContain(TOKEN);
  });
});
