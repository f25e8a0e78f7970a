// Secrets canary: a bearer token, a cookie and an API key sent in every place a secret can travel;
// none of their values may appear in any file under cassettes/ or in the recorder's output.
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { readBody, readRecorded, startRecording, tempDir, upstream } from './helpers.js';

const BEARER = 'canary-bearer-7f3a9c1e5b';
const COOKIE = 'canary-cookie-2d8e4f6a0c';
const API_KEY = 'canary-apikey-9b1d3f5e7a';
const PASSWORD = 'canary-password-4c6e8a0b2d';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnktand0LXVzZXIifQ.c2lnbmF0dXJlLWNhbmFyeQ';
const CANARIES = [BEARER, COOKIE, API_KEY, PASSWORD, JWT, 'c2lnbmF0dXJlLWNhbmFyeQ'];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)])));
  return nested.flat();
}

describe('secrets never reach a cassette', () => {
  it('redacts tokens, cookies and keys in headers, query, form and JSON bodies, both ways', async () => {
    const cwd = await tempDir();
    const { url: target } = await upstream(async (req, res) => {
      await readBody(req);
      res.writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': `session=${COOKIE}; HttpOnly`,
        'x-api-key': API_KEY,
      });
      res.end(JSON.stringify({ access_token: BEARER, refresh_token: JWT, user: { name: 'Ada', password: PASSWORD } }));
    });
    const rec = await startRecording(cwd, ['--target', target]);
    const headers = { authorization: `Bearer ${BEARER}`, cookie: `session=${COOKIE}; theme=dark`, 'x-api-key': API_KEY };
    await (await request(`${rec.url}/items?api_key=${API_KEY}&token=${BEARER}&page=2`, { headers })).body.dump();
    await (
      await request(`${rec.url}/login`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: `username=ada&password=${PASSWORD}&api_key=${API_KEY}`,
      })
    ).body.dump();
    await (
      await request(`${rec.url}/session`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ credentials: { apiKey: API_KEY, password: PASSWORD }, token: BEARER, id_token: JWT }),
      })
    ).body.dump();
    await rec.stop();

    const exchanges = await readRecorded(cwd);
    expect(exchanges).toHaveLength(3);
    expect(new URL(exchanges[0]!.request.url).searchParams.get('page')).toBe('2');
    const files = await filesUnder(path.join(cwd, 'cassettes'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const content = await readFile(file, 'utf8');
      for (const canary of CANARIES) expect(content.includes(canary), `${canary} in ${file}`).toBe(false);
    }
    for (const canary of CANARIES) expect(rec.io.out() + rec.io.err()).not.toContain(canary);
    const raw = await readFile(path.join(cwd, 'cassettes', 'default.ndjson'), 'utf8');
    expect(raw.match(/<redacted:[a-z0-9_.-]+:[0-9a-f]{6}>/g)!.length).toBeGreaterThan(10);
  });
});
