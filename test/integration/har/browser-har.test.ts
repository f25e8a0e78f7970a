// A HAR written by a real browser (Debian's Chromium through playwright-core's recordHar) against the
// sample API on loopback, imported with `apitape import`: decoded gzip, binary, secrets redacted.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { cassettePath, readCassetteAll } from '../../../src/cassette/store.js';
import { main } from '../../../src/cli/main.js';
import { SAMPLE_CREDENTIALS, startSampleApi } from '../../../src/sample-api/server.js';
import { fakeIo } from '../../helpers/io.js';
import { launchChromium } from '../../helpers/chromium.js';

const harValidator = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> };

describe('a HAR recorded by Chromium', () => {
  it('imports with bodies decoded and secrets redacted, and round-trips', async () => {
    const cwd = await mkdtemp(path.join(tmpdir(), 'apitape-browser-har-'));
    onTestFinished(() => rm(cwd, { recursive: true, force: true }));
    const api = await startSampleApi({ seedUsers: 30 });
    onTestFinished(() => api.close());
    const browser = await launchChromium();

    const harFile = path.join(cwd, 'session.har');
    const context = await browser.newContext({ recordHar: { path: harFile, content: 'embed' } });
    const page = await context.newPage();
    await page.goto(`${api.url}/health`);
    const token = await page.evaluate(async (credentials) => {
      const login = await fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(credentials) });
      const { access_token } = (await login.json()) as { access_token: string };
      const auth = { authorization: `Bearer ${access_token}` };
      await (await fetch('/users?limit=20', { headers: auth })).json();
      await (await fetch('/files/report.pdf', { headers: auth })).arrayBuffer();
      return access_token;
    }, SAMPLE_CREDENTIALS);
    await context.close();

    const io = fakeIo(cwd);
    expect(await main(['import', 'session.har', '--all'], io), io.err()).toBe(0);
    const { exchanges } = await readCassetteAll(cassettePath(cwd, 'session'));
    const byPath = new Map(exchanges.map((e) => [`${e.request.method} ${new URL(e.request.url).pathname}`, e]));
    expect([...byPath.keys()]).toEqual(expect.arrayContaining(['GET /health', 'POST /auth/login', 'GET /users', 'GET /files/report.pdf']));

    const users = byPath.get('GET /users')!;
    expect(users.response?.body).toMatchObject({ kind: 'json', contentEncoding: 'gzip' });
    expect((users.response?.body as { value: { data: unknown[] } }).value.data).toHaveLength(20);
    const pdf = byPath.get('GET /files/report.pdf')!;
    expect(pdf.response?.body.kind).toBe('binary');
    expect(Buffer.from((pdf.response?.body as { base64: string }).base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const cassette = await readFile(cassettePath(cwd, 'session'), 'utf8');
    expect(cassette).not.toContain(token);
    expect(cassette).not.toContain(SAMPLE_CREDENTIALS.password);

    expect(await main(['export', '-f', 'har', '-o', 'again.har'], fakeIo(cwd))).toBe(0);
    const exported = await readFile(path.join(cwd, 'again.har'), 'utf8');
    await expect(harValidator.har(JSON.parse(exported))).resolves.toBeTruthy();
    expect(exported).not.toContain(token);
    expect(await main(['import', 'again.har', '--all'], fakeIo(cwd))).toBe(0);
    expect((await readCassetteAll(cassettePath(cwd, 'again'))).exchanges).toEqual(exchanges);
  });
});
