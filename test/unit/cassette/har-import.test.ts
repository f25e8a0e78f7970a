import { describe, expect, it } from 'vitest';
import { entryLabel, exchangeFromHarEntry, importHarEntries, type SkippedEntry } from '../../../src/cassette/har-import.js';

/** A minimal Chrome-like entry; `patch` replaces top-level parts. */
function entry(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    startedDateTime: '2026-02-03T10:15:03.004+01:00',
    time: 50,
    request: {
      method: 'GET',
      url: 'https://api.example.com/v1/users?page=2',
      httpVersion: 'http/2.0',
      headers: [
        { name: ':authority', value: 'api.example.com' },
        { name: 'accept', value: 'application/json' },
      ],
      queryString: [{ name: 'page', value: '2' }],
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'http/2.0',
      headers: [{ name: 'content-type', value: 'application/json' }],
      cookies: [],
      content: { size: 2, mimeType: 'application/json', text: '[]' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 2,
    },
    cache: {},
    timings: { blocked: 1, dns: -1, connect: -1, send: 0, wait: 45, receive: 4 },
    ...patch,
  };
}

function ok(value: unknown) {
  const result = exchangeFromHarEntry(value);
  if (!result.ok) throw new Error(`expected an exchange, got: ${result.reason}`);
  return result;
}

function reason(value: unknown): string {
  const result = exchangeFromHarEntry(value);
  if (result.ok) throw new Error('expected the entry to be skipped');
  return result.reason;
}

describe('exchangeFromHarEntry', () => {
  it('maps a browser entry onto an exchange', () => {
    const { exchange, warnings } = ok(entry({ comment: 'first page' }));
    expect(exchange).toEqual({
      timings: { startedAt: '2026-02-03T09:15:03.004Z', durationMs: 50, firstByteMs: 46 },
      request: {
        method: 'GET',
        url: 'https://api.example.com/v1/users?page=2',
        httpVersion: '2',
        headers: [['accept', 'application/json']],
        body: { kind: 'none' },
      },
      response: {
        status: 200,
        statusText: 'OK',
        httpVersion: '2',
        headers: [['content-type', 'application/json']],
        body: { kind: 'json', value: [], size: 2 },
      },
      note: 'first page',
    });
    expect(warnings).toEqual([]);
  });

  it('fills in what lenient exporters leave out', () => {
    const { exchange } = ok({
      startedDateTime: '2026-02-03T09:15:03Z',
      request: { method: 'DELETE', url: 'http://localhost:8080/v1/orders/1' },
      response: { status: '204' },
    });
    expect(exchange.request).toEqual({ method: 'DELETE', url: 'http://localhost:8080/v1/orders/1', httpVersion: '1.1', headers: [], body: { kind: 'none' } });
    expect(exchange.response).toEqual({ status: 204, statusText: '', httpVersion: '1.1', headers: [], body: { kind: 'none' } });
    expect(exchange.timings).toEqual({ startedAt: '2026-02-03T09:15:03.000Z', durationMs: 0 });
  });

  it('builds the query from queryString when the URL has none (and trusts the URL when it has one)', () => {
    const request = { method: 'GET', url: 'http://localhost/search', queryString: [{ name: 'q', value: 'a b' }, { name: 'n', value: '5' }] };
    expect(ok(entry({ request })).exchange.request.url).toBe('http://localhost/search?q=a+b&n=5');
    const withQuery = { ...request, url: 'http://localhost/search?q=x' };
    expect(ok(entry({ request: withQuery })).exchange.request.url).toBe('http://localhost/search?q=x');
  });

  it('turns a response-less entry into a transport failure, reading Chrome _error', () => {
    const refused = ok(
      entry({
        response: { status: 0, statusText: '', httpVersion: '', headers: [], content: { size: 0, mimeType: 'x-unknown' }, _error: 'net::ERR_CONNECTION_REFUSED' },
        timings: { blocked: 2, send: 0, wait: 0, receive: 0 },
        time: 2.5,
      }),
    ).exchange;
    expect(refused.response).toBeNull();
    expect(refused.failure).toEqual({ code: 'ERR_CONNECTION_REFUSED', message: 'net::ERR_CONNECTION_REFUSED', phase: 'connect' });
    expect(refused.timings).toEqual({ startedAt: '2026-02-03T09:15:03.004Z', durationMs: 2.5 });
    expect(ok(entry({ response: { status: 0, _error: 'net::ERR_CERT_AUTHORITY_INVALID' } })).exchange.failure?.phase).toBe('tls');
    expect(ok(entry({ response: undefined })).exchange.failure).toEqual({ code: 'NO_RESPONSE', message: 'the HAR entry has no response', phase: 'headers' });
  });

  it("reads apitape's own failure hint, also next to a partial response", () => {
    const failure = { code: 'ECONNRESET', message: 'socket hang up', phase: 'body' };
    const { exchange } = ok(entry({ _apitape: { failure } }));
    expect(exchange.failure).toEqual(failure);
    expect(exchange.response?.status).toBe(200);
  });

  it('takes the previous start time when startedDateTime is unreadable, and says so', () => {
    const result = exchangeFromHarEntry(entry({ startedDateTime: 'yesterday' }), { fallbackStartedAt: '2026-01-01T00:00:00.000Z' });
    expect(result.ok && result.exchange.timings.startedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(result.ok && result.warnings).toEqual(['startedDateTime "yesterday" is not a date; used the previous entry\'s']);
  });

  it('warns about bodies the HAR did not keep and malformed headers', () => {
    const result = ok(
      entry({
        response: { status: 200, headers: [{ value: 'x' }], content: { size: 5000, mimeType: 'application/json' } },
      }),
    );
    expect(result.warnings).toEqual([
      'the response body is not in the HAR (size only); kept as truncated',
      '1 malformed header(s) without a name were dropped',
    ]);
    expect(result.exchange.response?.body).toEqual({ kind: 'empty', size: 5000, truncated: true });
  });

  it.each([
    ['not an object', 'oops', 'not an object'],
    ['no request', { response: {} }, 'it has no request'],
    ['no method', { request: { url: 'http://a/' } }, 'request.method null is not an HTTP method'],
    ['a method with spaces', { request: { method: 'GET /', url: 'http://a/' } }, 'request.method "GET /" is not an HTTP method'],
    ['no url', { request: { method: 'GET' } }, 'request.url is missing'],
    ['a relative url', { request: { method: 'GET', url: '/v1/users' } }, 'request.url "/v1/users" is not an absolute URL'],
    ['a data: url', { request: { method: 'GET', url: 'data:text/plain,hi' } }, 'request.url uses data: (only http:, https:, ws: and wss: exchanges are imported)'],
  ])('skips an entry with %s, saying why', (_name, value, expected) => {
    expect(reason(value)).toBe(expected);
  });
});

describe('importHarEntries', () => {
  it('keeps file order, names each skipped entry and labels warnings', () => {
    const skipped: SkippedEntry[] = [];
    const warnings: string[] = [];
    const entries = [
      entry(),
      { request: { method: 'GET', url: 'chrome-extension://abc/icon.png' } },
      entry({ startedDateTime: undefined, request: { method: 'POST', url: 'https://api.example.com/v1/orders' } }),
    ];
    const exchanges = [...importHarEntries(entries, { onSkip: (s) => skipped.push(s), onWarning: (w) => warnings.push(w) })];
    expect(exchanges.map((e) => `${e.request.method} ${e.request.url}`)).toEqual([
      'GET https://api.example.com/v1/users?page=2',
      'POST https://api.example.com/v1/orders',
    ]);
    expect(exchanges[1]!.timings.startedAt).toBe(exchanges[0]!.timings.startedAt);
    expect(skipped).toEqual([
      { entry: 2, label: 'entry 2 (GET chrome-extension://abc/icon.png)', reason: 'request.url uses chrome-extension: (only http:, https:, ws: and wss: exchanges are imported)' },
    ]);
    expect(warnings).toEqual(["entry 3 (POST https://api.example.com/v1/orders): startedDateTime null is not a date; used the previous entry's"]);
  });

  it('shortens long URLs in labels', () => {
    const label = entryLabel({ request: { method: 'GET', url: `https://a.example/${'x'.repeat(200)}` } }, 0);
    expect(label.length).toBeLessThan(100);
    expect(label).toMatch(/^entry 1 \(GET https:\/\/a\.example\/x+\.\.\.\)$/);
    expect(entryLabel(null, 4)).toBe('entry 5');
  });
});
