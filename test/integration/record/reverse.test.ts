// Reverse-mode recording end to end: the CLI in-process, the sample API as upstream, undici as client.
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { request } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startSampleApi, SAMPLE_CREDENTIALS } from '../../../src/sample-api/server.js';
import { readRecorded, startRecording, tempDir } from './helpers.js';

async function sampleApi(): Promise<string> {
  const api = await startSampleApi();
  onTestFinished(() => api.close());
  return api.url;
}

describe('apitape record --target (reverse mode)', () => {
  it('forwards every request to the target and records each exchange, redacted, in order', async () => {
    const cwd = await tempDir();
    const target = await sampleApi();
    const rec = await startRecording(cwd, ['--target', target]);

    const login = await request(`${rec.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(SAMPLE_CREDENTIALS),
    });
    const { access_token: token } = (await login.body.json()) as { access_token: string };
    const auth = { authorization: `Bearer ${token}` };
    const list = await request(`${rec.url}/users?page=1&limit=2`, { headers: auth });
    expect(list.statusCode).toBe(200);
    const users = (await list.body.json()) as { items?: Array<{ id: string }> } | Array<{ id: string }>;
    const created = await request(`${rec.url}/users`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Katherine Johnson', email: 'kj@example.com' }),
    });
    expect(created.statusCode).toBe(201);
    await created.body.json();
    const missing = await request(`${rec.url}/nope`, { headers: auth });
    expect(missing.statusCode).toBe(404);
    await missing.body.dump();

    expect(await rec.stop()).toBe(130);
    const exchanges = await readRecorded(cwd);
    expect(exchanges.map((e) => `${e.request.method} ${e.request.url} ${e.response?.status}`)).toEqual([
      `POST ${target}/auth/login 200`,
      `GET ${target}/users?page=1&limit=2 200`,
      `POST ${target}/users 201`,
      `GET ${target}/nope 404`,
    ]);
    expect(users).toBeDefined();
    const [first, second] = exchanges;
    expect(first!.request.body).toMatchObject({ kind: 'json' });
    expect(second!.response!.body.kind).toBe('json');
    expect(second!.request.headers.find(([n]) => n.toLowerCase() === 'host')?.[1]).toBe(new URL(target).host);
    expect(second!.timings.firstByteMs).toBeGreaterThanOrEqual(0);
    const raw = await readFile(path.join(cwd, 'cassettes', 'default.ndjson'), 'utf8');
    expect(raw).not.toContain(token);
    expect(raw).toContain('<redacted:');
    expect(JSON.parse(raw.split('\n')[0]!)).toMatchObject({ apitape: 'cassette', target });

    const out = rec.io.out();
    expect(out).toContain(`GET ${target}/users?page=1&limit=2 → 200`);
    expect(out).toMatch(/Recorded 4 exchanges \(4 endpoints, [\d.]+ (B|KB) of bodies\) into cassettes\/default\.ndjson/);
    expect(out).toContain(`GET ${target}/nope`);
    expect(out).not.toContain(token);
  });

  it('appends to an existing cassette, and --overwrite starts it anew', async () => {
    const cwd = await tempDir();
    const target = await sampleApi();
    for (const extra of [[], [], ['--overwrite']]) {
      const rec = await startRecording(cwd, ['--target', target, '--quiet', ...extra]);
      await (await request(`${rec.url}/health`)).body.dump();
      expect(await rec.stop()).toBe(130);
      expect(rec.io.out()).not.toContain('→ 200');
    }
    const exchanges = await readRecorded(cwd);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.id).toBe('000000');
  });

  it('passes static assets and CORS preflights through without recording them unless asked', async () => {
    const cwd = await tempDir();
    const target = await sampleApi();
    const rec = await startRecording(cwd, ['--target', target, '--cassette', 'filtered', '--exclude', '/users/**']);
    for (const p of ['/app.js', '/logo.png', '/health', '/users/123']) await (await request(`${rec.url}${p}`)).body.dump();
    const preflight = await request(`${rec.url}/health`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' },
    });
    await preflight.body.dump();
    await rec.stop();
    expect((await readRecorded(cwd, 'filtered')).map((e) => e.request.url)).toEqual([`${target}/health`]);

    const all = await startRecording(cwd, ['--target', target, '--cassette', 'all', '--record-assets', '--record-preflight', '--include', '/app.js', '--include', '/health']);
    await (await request(`${all.url}/app.js`)).body.dump();
    await (await request(`${all.url}/users`)).body.dump();
    await (await request(`${all.url}/health`, { method: 'OPTIONS', headers: { 'access-control-request-method': 'GET' } })).body.dump();
    await all.stop();
    expect((await readRecorded(cwd, 'all')).map((e) => `${e.request.method} ${new URL(e.request.url).pathname}`)).toEqual([
      'GET /app.js',
      'OPTIONS /health',
    ]);
  });

  it('takes redaction rules and record defaults from apitape.config.json, flags winning', async () => {
    const cwd = await tempDir();
    const target = await sampleApi();
    await writeFile(
      path.join(cwd, 'apitape.config.json'),
      JSON.stringify({ redact: { headers: ['x-tenant-secret'] }, record: { exclude: ['/health'], maxBodySize: 1024 } }),
    );
    const rec = await startRecording(cwd, ['--target', target, '--cassette', 'configured']);
    await (await request(`${rec.url}/health`)).body.dump();
    await (await request(`${rec.url}/users`, { headers: { 'x-tenant-secret': 'tenant-canary-51f0' } })).body.dump();
    await rec.stop();
    const exchanges = await readRecorded(cwd, 'configured');
    expect(exchanges.map((e) => new URL(e.request.url).pathname)).toEqual(['/users']);
    expect(await readFile(path.join(cwd, 'cassettes', 'configured.ndjson'), 'utf8')).not.toContain('tenant-canary-51f0');

    const flagged = await startRecording(cwd, ['--target', target, '--cassette', 'flagged', '--exclude', '/users']);
    await (await request(`${flagged.url}/health`)).body.dump();
    await flagged.stop();
    expect((await readRecorded(cwd, 'flagged')).map((e) => new URL(e.request.url).pathname)).toEqual(['/health']);

    await writeFile(path.join(cwd, 'apitape.config.json'), JSON.stringify({ record: { exlude: ['/x'] } }));
    const { main } = await import('../../../src/cli/main.js');
    const { fakeIo } = await import('../../helpers/io.js');
    const io = fakeIo(cwd);
    expect(await main(['record', '--target', target, '--port', '0'], io)).toBe(2);
    expect(io.err()).toContain('unknown key "exlude"');
  });

  it('rejects bad targets, ports and a non-loopback host without --allow-remote (exit 2)', async () => {
    const cwd = await tempDir();
    const { main } = await import('../../../src/cli/main.js');
    const { fakeIo } = await import('../../helpers/io.js');
    for (const [args, message] of [
      [['--target', 'ftp://example.com'], /http:\/\/ or https:\/\//],
      [['--target', 'example.com'], /did you mean https:\/\/example\.com/],
      [['--target', 'https://example.com/api/v1'], /origin only/],
      [['--target', 'https://example.com', '--port', '70000'], /0 to 65535/],
      [['--target', 'https://example.com', '--host', '0.0.0.0'], /--allow-remote/],
      [['--target', 'https://example.com', '--max-body-size', 'lots'], /size like 4MB/],
    ] as const) {
      const io = fakeIo(cwd);
      expect(await main(['record', ...args], io)).toBe(2);
      expect(io.err()).toMatch(message);
    }
  });

  it('fails with exit 2 when the port is already in use', async () => {
    const cwd = await tempDir();
    const target = await sampleApi();
    const first = await startRecording(cwd, ['--target', target, '--cassette', 'one']);
    const { main } = await import('../../../src/cli/main.js');
    const { fakeIo } = await import('../../helpers/io.js');
    const io = fakeIo(cwd);
    const port = new URL(first.url).port;
    expect(await main(['record', '--target', target, '--port', port, '--cassette', 'two'], io)).toBe(2);
    expect(io.err()).toContain(`port ${port}`);
    await first.stop();
  });
});
