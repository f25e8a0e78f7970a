import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseHarDocument } from '../../../src/cassette/har-document.js';
import { harEntryFromExchange, harLog, serializeHar } from '../../../src/cassette/har-export.js';
import { importHarEntries, type ImportedExchange, type SkippedEntry } from '../../../src/cassette/har-import.js';
import { redactExchange } from '../../../src/cassette/redact.js';
import type { Exchange } from '../../../src/cassette/types.js';

const harValidator = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> };
const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/har/${name}`, import.meta.url));

interface Imported {
  exchanges: ImportedExchange[];
  skipped: SkippedEntry[];
  warnings: string[];
  creator?: string;
}

function importFixture(name: string): Imported {
  const doc = parseHarDocument(readFileSync(fixture(name)), name);
  const skipped: SkippedEntry[] = [];
  const warnings = [...doc.warnings];
  const exchanges = [...importHarEntries(doc.entries, { onSkip: (s) => skipped.push(s), onWarning: (w) => warnings.push(w) })];
  return { exchanges, skipped, warnings, creator: doc.creator };
}

const withIds = (exchanges: ImportedExchange[]): Exchange[] => exchanges.map((e, i) => ({ id: String(i).padStart(6, '0'), ...e }));

/** Export → validate → import again: every field must come back. */
async function expectRoundTrip(exchanges: ImportedExchange[]): Promise<void> {
  const har = JSON.parse(serializeHar(harLog(withIds(exchanges).map((e) => harEntryFromExchange(e)), { creator: { name: 'apitape', version: 'test' } })));
  await expect(harValidator.har(har)).resolves.toBeTruthy();
  const again = [...importHarEntries((har as { log: { entries: unknown[] } }).log.entries)];
  expect(again).toEqual(exchanges);
}

const CANARIES = ['canary-password-321', 'canary-cookie-456', 'canary-key-789', 'canary-token-123', 'canary-xkey-555', 'canary-secret-654', 'canary-access-987', 'Y2FuYXJ5'];

describe('hand-built HAR fixtures', () => {
  it('chrome.har: keeps the API calls and the WebSocket with its messages, skips data: with a reason', async () => {
    const { exchanges, skipped, warnings, creator } = importFixture('chrome.har');
    expect(creator).toBe('WebInspector 537.36');
    expect(exchanges.map((e) => `${e.request.method} ${e.response?.status ?? e.failure?.code}`)).toEqual([
      'POST 200',
      'GET 200',
      'GET 200',
      'GET 304',
      'GET ERR_CONNECTION_REFUSED',
      'GET 101',
      'OPTIONS 204',
    ]);
    expect(skipped.map((s) => s.reason)).toEqual(['request.url uses data: (only http:, https:, ws: and wss: exchanges are imported)']);
    expect(exchanges[5]!.websocket).toEqual({ messages: [{ direction: 'sent', time: 0, opcode: 1, size: 22, text: '{"subscribe":"orders"}' }] });
    expect(warnings).toEqual([]);
    const [login, users, avatar, page] = exchanges;
    expect(login!.request.headers.some(([name]) => name.startsWith(':'))).toBe(false);
    expect(login!.request.httpVersion).toBe('2');
    expect(login!.request.body).toEqual({ kind: 'json', value: { email: 'ada@example.com', password: 'canary-password-321' }, size: 60 });
    expect(users!.request.headers.filter(([name]) => name === 'x-request-id')).toEqual([
      ['x-request-id', 'a1'],
      ['x-request-id', 'a2'],
    ]);
    expect(users!.response?.body).toMatchObject({ kind: 'json', contentEncoding: 'br' });
    expect(avatar!.response?.body).toMatchObject({ kind: 'binary', size: 70 });
    expect(page!.response?.body).toEqual({ kind: 'none' });
    await expectRoundTrip(exchanges);
  });

  it('firefox.har: form POST, two Set-Cookie, a body that was not saved, HEAD with Content-Length', async () => {
    const { exchanges, skipped, warnings } = importFixture('firefox.har');
    expect(skipped).toEqual([]);
    expect(warnings).toEqual(['entry 3 (GET https://api.shop.example/v1/exports/catalog.json): the response body is not in the HAR (size only); kept as truncated']);
    const [products, login, catalog, head] = exchanges;
    expect(products!.timings).toEqual({ startedAt: '2026-02-04T13:02:12.031Z', durationMs: 118, firstByteMs: 116 });
    expect(products!.response?.body).toMatchObject({ kind: 'text', contentEncoding: 'gzip' });
    expect(login!.request.body).toEqual({ kind: 'text', text: 'username=ada&password=canary-password-321', size: 41 });
    expect(login!.response?.headers.filter(([n]) => n === 'Set-Cookie')).toHaveLength(2);
    expect(catalog!.response?.body).toEqual({ kind: 'empty', size: 2048000, truncated: true });
    expect(head!.response?.body).toEqual({ kind: 'none' });
    await expectRoundTrip(exchanges);
  });

  it('charles.har: base64 JSON, a still-gzipped body, 204, a failure and a comment', async () => {
    const { exchanges, skipped, warnings } = importFixture('charles.har');
    expect(skipped).toEqual([]);
    expect(warnings).toEqual([]);
    const [put, gzipped, deleted, failed] = exchanges;
    expect(put!.response?.body).toMatchObject({ kind: 'json', value: { id: 42, status: 'paid' } });
    expect(put!.note).toBe('order update from the admin screen');
    expect(gzipped!.response?.body).toEqual({ kind: 'json', value: { id: 43, status: 'pending' }, size: 28, contentEncoding: 'gzip' });
    expect(deleted!.response?.body).toEqual({ kind: 'none' });
    expect(failed!.response).toBeNull();
    expect(failed!.failure).toEqual({ code: 'NO_RESPONSE', message: 'the HAR entry has no response', phase: 'headers' });
    await expectRoundTrip(exchanges);
  });

  it('insomnia.har: bodies only in params, query only in queryString, a bad entry named', async () => {
    const { exchanges, skipped, warnings } = importFixture('insomnia.har');
    expect(skipped).toEqual([{ entry: 4, label: 'entry 4 (GET /v1/relative-only)', reason: 'request.url "/v1/relative-only" is not an absolute URL' }]);
    expect(warnings).toEqual([]);
    const [token, upload, search] = exchanges;
    expect(token!.request.body).toMatchObject({ kind: 'text', text: 'grant_type=client_credentials&client_id=shop+web&client_secret=canary-secret-654' });
    const multipart = Buffer.from((upload!.request.body as { base64: string }).base64, 'base64').toString();
    expect(multipart).toContain('Content-Disposition: form-data; name="file"; filename="invoice.txt"\r\nContent-Type: text/plain\r\n\r\ntotal: 21.49\r\n');
    expect(search!.request.url).toBe('http://127.0.0.1:3000/v1/search?q=turing+machine&limit=5');
    expect(search!.request.body).toEqual({ kind: 'none' });
    expect(token!.note).toBe('get a token');
    await expectRoundTrip(exchanges);
  });

  it('fiddler-utf16.har: UTF-16 with a BOM and non-ASCII text', async () => {
    const { exchanges } = importFixture('fiddler-utf16.har');
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.response?.body).toEqual({ kind: 'text', text: 'Bonjour, café ☕', size: 18 });
    expect(exchanges[0]!.timings.startedAt).toBe('2026-02-07T09:00:00.123Z');
    await expectRoundTrip(exchanges);
  });

  it('truncated.har: keeps the complete entries and says where the file broke', () => {
    const { exchanges, warnings } = importFixture('truncated.har');
    expect(exchanges.map((e) => e.request.url)).toEqual(['https://api.shop.example/v1/auth/login', 'https://api.shop.example/v1/users?page=1&api_key=canary-key-789']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^truncated\.har: invalid JSON at \d+:\d+ \(.+\); read the 2 complete entries before it/);
  });

  it.each([
    ['not-har.json', /not-har\.json is not a HAR file: found an object without a "log" object/],
    ['saved-page.har', /saved-page\.har is not a HAR file: invalid JSON at 1:1 \(Unexpected token '<'\)/],
  ])('%s is refused as not HAR', (name, message) => {
    expect(() => importFixture(name)).toThrow(message);
  });

  it('no canary secret survives redaction of any imported exchange', () => {
    for (const name of ['chrome.har', 'firefox.har', 'charles.har', 'insomnia.har']) {
      const text = JSON.stringify(withIds(importFixture(name).exchanges).map((e) => redactExchange(e)));
      for (const canary of CANARIES) expect(text, `${canary} in ${name}`).not.toContain(canary);
    }
  });
});
