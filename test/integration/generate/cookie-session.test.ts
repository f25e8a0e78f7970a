// A session cookie from a login, sent back as `Cookie` later: replay logs in on the other instance
// and the later requests carry that instance's session, not the recorded one.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { openCassetteWriter } from '../../../src/cassette/store.js';
import { parseEnvironment } from '../../../src/collection/environment.js';
import type { CollectionV21 } from '../../../src/collection/types.js';
import { fakeIo } from '../../helpers/io.js';
import { runNewman, withValues } from './newman-run.js';
import { callAndRecord } from './record-crud.js';

/** `POST /login` sets `sid`; `GET /me` answers 200 only with this instance's session cookie. */
async function startCookieApi(): Promise<{ url: string; close(): Promise<void> }> {
  const sid = randomBytes(8).toString('hex');
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/login') {
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': `sid=${sid}; Path=/; HttpOnly` });
        res.end(JSON.stringify({ ok: true }));
        return;
      }
      const cookies = String(req.headers.cookie ?? '').split(';').map((c) => c.trim());
      const authed = cookies.includes(`sid=${sid}`) && cookies.every((c) => !c.startsWith('sid=') || c === `sid=${sid}`);
      res.writeHead(authed ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(authed ? { user: 'demo', id: 1001 } : { error: 'no session' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe('cookie sessions', () => {
  it('chain from Set-Cookie to Cookie and replay against another instance', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'apitape-cookie-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const a = await startCookieApi();
    onTestFinished(() => a.close());
    const writer = await openCassetteWriter(path.join(dir, 'cassettes', 'session.ndjson'), { name: 'session', target: a.url });
    try {
      const login = await callAndRecord(a.url, writer, { method: 'POST', path: '/login', body: { user: 'demo' } });
      expect(login.status).toBe(200);
      const raw = await fetch(`${a.url}/login`, { method: 'POST' });
      const cookie = (raw.headers.get('set-cookie') ?? '').split(';')[0]!;
      const me = await callAndRecord(a.url, writer, { method: 'GET', path: '/me', headers: [['cookie', cookie]] });
      expect(me.status).toBe(200);
    } finally {
      await writer.close();
    }
    const io = fakeIo(dir);
    expect(await main(['generate'], io), io.err()).toBe(0);
    const collection = JSON.parse(await readFile(path.join(dir, 'collections', 'session.postman_collection.json'), 'utf8')) as CollectionV21;
    const environment = parseEnvironment(await readFile(path.join(dir, 'environments', 'local.postman_environment.json'), 'utf8'), 'local');
    expect(JSON.stringify(collection)).toContain('sid={{sid}}');
    expect(environment.values.map((v) => v.key)).toEqual(['baseUrl']);

    const b = await startCookieApi();
    onTestFinished(() => b.close());
    const outcome = await runNewman(collection, withValues(environment, { baseUrl: b.url }));
    expect(outcome.failures).toEqual([]);
    expect(outcome.assertions.map((a) => a.test)).toContain('saves {{sid}} from cookie sid');
  });
});
