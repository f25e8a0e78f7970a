import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { harEntryFromExchange, harLog, requestCookies, serializeHar, setCookieToHar } from '../../../src/cassette/har-export.js';
import { streamHar } from '../../../src/cassette/har-file.js';
import { exchangeFromHarEntry } from '../../../src/cassette/har-import.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { jsonBody, makeExchange } from '../../helpers/exchange.js';

const harValidator = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> };
const creator = { name: 'apitape', version: '0.1.0' };

/** Exchanges covering what HAR can hold: duplicates, bodies of every kind, failures, notes, versions. */
function sampleExchanges(): Exchange[] {
  return [
    makeExchange({
      id: '000000',
      request: {
        method: 'POST',
        url: 'https://api.example.com/v1/login?next=%2Fhome',
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Trace', 'a'],
          ['x-trace', 'b'],
          ['Cookie', 'theme=dark; session=<redacted:session:abc123>'],
        ],
        body: jsonBody({ email: 'ada@example.com' }),
      },
      response: {
        status: 201,
        statusText: 'Created',
        headers: [
          ['content-type', 'application/json; charset=utf-8'],
          ['Set-Cookie', 'session=<redacted:session:abc123>; Path=/; HttpOnly; Secure; Expires=Wed, 21 Oct 2026 07:28:00 GMT'],
          ['set-cookie', 'flash=hi'],
        ],
        body: jsonBody({ id: 1 }),
      },
    }),
    {
      ...makeExchange({
        id: '000001',
        request: { method: 'GET', url: 'http://localhost:8080/files/a.png', httpVersion: '2' },
        response: { httpVersion: '2', headers: [['content-type', 'image/png'], ['content-encoding', 'gzip']], body: { kind: 'binary', base64: 'iVBORw0KGgo=', size: 8, contentEncoding: 'gzip' } },
      }),
      timings: { startedAt: '2026-01-01T00:00:01.000Z', firstByteMs: 3.25, durationMs: 10.5 },
      note: 'avatar',
    },
    makeExchange({
      id: '000002',
      request: { method: 'HEAD', url: 'http://localhost:8080/files/big.pdf' },
      response: { status: 200, statusText: 'OK', headers: [['content-length', '78258']], body: { kind: 'none' } },
    }),
    makeExchange({
      id: '000003',
      request: { method: 'GET', url: 'https://api.example.com/v1/redirect' },
      response: { status: 302, statusText: 'Found', headers: [['Location', '/v1/home']], body: { kind: 'empty', size: 0 } },
    }),
    makeExchange({
      id: '000004',
      request: { method: 'GET', url: 'https://api.example.com/v1/big' },
      response: { headers: [['content-type', 'text/plain']], body: { kind: 'text', text: 'prefix', size: 99999, truncated: true, sha256: 'ab'.repeat(32) } },
    }),
    makeExchange({
      id: '000005',
      request: { method: 'GET', url: 'https://down.example.com/' },
      response: null,
      failure: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9', phase: 'connect' },
    }),
    makeExchange({
      id: '000006',
      request: { method: 'POST', url: 'https://api.example.com/v1/form', headers: [['content-type', 'application/x-www-form-urlencoded']], body: { kind: 'text', text: 'a=1&b=two+words', size: 15 } },
      response: { status: 500, statusText: 'Internal Server Error', headers: [], body: { kind: 'text', text: 'oops', size: 4 } },
    }),
  ];
}

function withoutId(exchange: Exchange): Omit<Exchange, 'id'> {
  const { id: _id, ...rest } = exchange;
  return rest;
}

describe('harEntryFromExchange', () => {
  it('writes the entry fields in HAR order with cookies, query and redirect derived from headers', () => {
    const entry = harEntryFromExchange(sampleExchanges()[0]!);
    expect(Object.keys(entry)).toEqual(['startedDateTime', 'time', 'request', 'response', 'cache', 'timings']);
    expect(Object.keys(entry.request)).toEqual(['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'postData', 'headersSize', 'bodySize']);
    expect(entry.request.httpVersion).toBe('HTTP/1.1');
    expect(entry.request.queryString).toEqual([{ name: 'next', value: '/home' }]);
    expect(entry.request.cookies).toEqual([
      { name: 'theme', value: 'dark' },
      { name: 'session', value: '<redacted:session:abc123>' },
    ]);
    expect(entry.request.headers.map((h) => h.name)).toEqual(['Content-Type', 'X-Trace', 'x-trace', 'Cookie']);
    expect(entry.request.postData).toEqual({ mimeType: 'application/json', text: '{"email":"ada@example.com"}' });
    expect(entry.response.cookies[0]).toEqual({
      name: 'session',
      value: '<redacted:session:abc123>',
      path: '/',
      expires: '2026-10-21T07:28:00.000Z',
      httpOnly: true,
      secure: true,
    });
    expect(entry.response.content).toEqual({ size: 8, mimeType: 'application/json; charset=utf-8', text: '{"id":1}' });
    expect(harEntryFromExchange(sampleExchanges()[3]!).response.redirectURL).toBe('/v1/home');
  });

  it('writes a failed exchange the way Chrome does, plus the failure for apitape', () => {
    const entry = harEntryFromExchange(sampleExchanges()[5]!);
    expect(entry.response).toMatchObject({ status: 0, statusText: '', headers: [], _error: 'connect ECONNREFUSED 127.0.0.1:9' });
    expect(entry._apitape).toEqual({ failure: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9', phase: 'connect' } });
    expect(entry.timings).toEqual({ send: 0, wait: -1, receive: -1 });
  });

  it('gives a binary body as base64 and the body size on the wire as unknown when it was encoded', () => {
    const entry = harEntryFromExchange(sampleExchanges()[1]!);
    expect(entry.response.content).toEqual({ size: 8, mimeType: 'image/png', text: 'iVBORw0KGgo=', encoding: 'base64' });
    expect(entry.response.bodySize).toBe(-1);
    expect(entry.comment).toBe('avatar');
    expect(entry.timings).toEqual({ send: 0, wait: 3.25, receive: 7.25 });
  });
});

describe('HAR export', () => {
  it('validates with har-validator', async () => {
    const log = harLog(sampleExchanges().map((e) => harEntryFromExchange(e)), { creator, comment: 'cassette sample' });
    await expect(harValidator.har(JSON.parse(serializeHar(log)))).resolves.toBeTruthy();
  });

  it('fails har-validator when a required field is missing (the check can fail)', async () => {
    const log = harLog([harEntryFromExchange(sampleExchanges()[0]!)], { creator });
    const broken = JSON.parse(serializeHar(log)) as { log: { entries: Array<{ request: Record<string, unknown> }> } };
    delete broken.log.entries[0]!.request.headers;
    await expect(harValidator.har(broken)).rejects.toThrow();
  });

  it('imports back into the same exchanges (round trip)', () => {
    for (const exchange of sampleExchanges()) {
      const entry = JSON.parse(JSON.stringify(harEntryFromExchange(exchange))) as unknown;
      const back = exchangeFromHarEntry(entry);
      expect(back.ok && back.exchange).toEqual(withoutId(exchange));
    }
  });

  it('is deterministic, and streaming gives the same bytes as serialising the whole log', async () => {
    const exchanges = sampleExchanges();
    const once = serializeHar(harLog(exchanges.map((e) => harEntryFromExchange(e)), { creator, comment: 'x' }));
    const twice = serializeHar(harLog(sampleExchanges().map((e) => harEntryFromExchange(e)), { creator, comment: 'x' }));
    expect(twice).toBe(once);
    for (const count of [0, 1, exchanges.length]) {
      const chunks: string[] = [];
      const written = await streamHar(toAsync(exchanges.slice(0, count)), { write: (c: string) => chunks.push(c) }, { creator, comment: 'x' });
      expect(written).toBe(count);
      const whole = serializeHar(harLog(exchanges.slice(0, count).map((e) => harEntryFromExchange(e)), { creator, comment: 'x' }));
      expect(chunks.join('')).toBe(whole);
    }
  });
});

describe('cookies', () => {
  it('splits Cookie headers into name/value pairs', () => {
    expect(requestCookies(['a=1; b=x=y', 'lonely'])).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'x=y' },
      { name: '', value: 'lonely' },
    ]);
  });

  it('reads Set-Cookie attributes and ignores an unreadable Expires', () => {
    expect(setCookieToHar('id=7; Domain=example.com; Path=/app; Expires=never; SameSite=Lax')).toEqual({
      name: 'id',
      value: '7',
      path: '/app',
      domain: 'example.com',
    });
  });
});

async function* toAsync<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
