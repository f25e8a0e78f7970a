import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { harEntryFromExchange, harLog, serializeHar } from '../../../src/cassette/har-export.js';
import { exchangeFromHarEntry } from '../../../src/cassette/har-import.js';
import { decodeExchange, encodeExchange } from '../../../src/cassette/codec.js';
import { CASSETTE_FORMAT_VERSION, type Exchange } from '../../../src/cassette/types.js';
import { makeExchange } from '../../helpers/exchange.js';

const harValidator = createRequire(import.meta.url)('har-validator') as { har(data: unknown): Promise<unknown> };

/** A recorded WebSocket with every kind of message apitape keeps, its close and omissions. */
function webSocketExchange(): Exchange {
  return {
    ...makeExchange({
      startedAt: '2026-02-03T09:15:03.500Z',
      durationMs: 5012.4,
      request: { url: 'wss://api.example.com/v1/live?room=1', headers: [['Upgrade', 'websocket'], ['Sec-WebSocket-Version', '13']] },
      response: { status: 101, statusText: 'Switching Protocols', headers: [['Upgrade', 'websocket']], body: { kind: 'none' } },
    }),
    websocket: {
      messages: [
        { direction: 'sent', time: 12.3, opcode: 1, size: 22, text: '{"subscribe":"orders"}' },
        { direction: 'received', time: 15, opcode: 2, size: 3, base64: 'AQID' },
        { direction: 'sent', time: 20.1, opcode: 9, size: 0, base64: '' },
        { direction: 'received', time: 20.7, opcode: 10, size: 0, base64: '' },
        { direction: 'received', time: 31.9, opcode: 1, size: 70000, truncated: true, sha256: 'b'.repeat(64), text: 'é'.repeat(10) },
        { direction: 'received', time: 40, opcode: 1, size: 2, base64: '//4=' },
        { direction: 'sent', time: 41, opcode: 1, size: 48, text: '{"token":"<redacted:token:abc123>"}' },
      ],
      close: { by: 'server', code: 1011, reason: 'upstream failed' },
      omitted: { messages: 12, bytes: 3400 },
    },
    note: 'websocket',
  };
}

describe('HAR export of WebSockets', () => {
  it("writes Chrome's _webSocketMessages (send/receive, epoch seconds, opcode, data) and hints only where needed", () => {
    const entry = harEntryFromExchange(webSocketExchange());
    expect(entry._webSocketMessages).toEqual([
      { type: 'send', time: 1770110103.5123, opcode: 1, data: '{"subscribe":"orders"}' },
      { type: 'receive', time: 1770110103.515, opcode: 2, data: 'AQID' },
      { type: 'send', time: 1770110103.5201, opcode: 9, data: '' },
      { type: 'receive', time: 1770110103.5207, opcode: 10, data: '' },
      { type: 'receive', time: 1770110103.5319, opcode: 1, data: 'é'.repeat(10), _apitape: { size: 70000, truncated: true, sha256: 'b'.repeat(64) } },
      { type: 'receive', time: 1770110103.54, opcode: 1, data: '//4=', _apitape: { encoding: 'base64' } },
      { type: 'send', time: 1770110103.541, opcode: 1, data: '{"token":"<redacted:token:abc123>"}', _apitape: { size: 48 } },
    ]);
    expect(entry._apitape).toEqual({ websocket: { close: { by: 'server', code: 1011, reason: 'upstream failed' }, omitted: { messages: 12, bytes: 3400 } } });
    expect(entry.response.status).toBe(101);
    expect(entry.comment).toBe('websocket');
  });

  it('passes har-validator and imports back to the same exchange (lossless)', async () => {
    const exchange = webSocketExchange();
    const log = harLog([harEntryFromExchange(exchange)], { creator: { name: 'apitape', version: 'test' } });
    const har = JSON.parse(serializeHar(log)) as { log: { entries: unknown[] } };
    await expect(harValidator.har(har)).resolves.toBeTruthy();
    const back = exchangeFromHarEntry(har.log.entries[0]);
    if (!back.ok) throw new Error(back.reason);
    expect(back.warnings).toEqual([]);
    const { id: _id, ...expected } = exchange;
    expect(back.exchange).toEqual(expected);
  });

  it('gives back every message time (0.1 ms steps, up to a day) whatever the start', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), fc.integer({ min: 0, max: 864_000_000 }), (start, tenths) => {
        const exchange = webSocketExchange();
        exchange.timings.startedAt = start.toISOString();
        exchange.websocket = { messages: [{ direction: 'sent', time: tenths / 10, opcode: 9, size: 0, base64: '' }] };
        const back = exchangeFromHarEntry(JSON.parse(JSON.stringify(harEntryFromExchange(exchange))));
        return back.ok && back.exchange.websocket?.messages[0]?.time === tenths / 10;
      }),
    );
  });

  it('writes no WebSocket fields for HTTP exchanges or a refused upgrade', () => {
    const refused = makeExchange({ request: { url: 'wss://api.example.com/v1/live' }, response: { status: 403, statusText: 'Forbidden' } });
    for (const exchange of [makeExchange(), refused]) {
      const entry = harEntryFromExchange(exchange);
      expect(entry._webSocketMessages).toBeUndefined();
      expect(entry._apitape).toBeUndefined();
    }
    const back = exchangeFromHarEntry(JSON.parse(JSON.stringify(harEntryFromExchange(refused))));
    expect(back.ok && back.exchange.websocket).toBe(undefined);
  });
});

describe('HAR import of WebSockets', () => {
  it("reads Chrome's messages, leaving out unreadable ones with a warning", () => {
    const result = exchangeFromHarEntry({
      startedDateTime: '2026-02-03T09:15:03.500Z',
      time: 12,
      request: { method: 'GET', url: 'wss://api.shop.example/v1/live', httpVersion: 'HTTP/1.1', headers: [] },
      response: { status: 101, statusText: 'Switching Protocols', httpVersion: 'HTTP/1.1', headers: [], content: { size: 0, mimeType: 'x-unknown' } },
      timings: { send: 0, wait: 11, receive: 1 },
      _webSocketMessages: [
        { type: 'send', time: 1770110103.5, opcode: 1, data: '{"subscribe":"orders"}' },
        { type: 'receive', time: 1770110103.75, opcode: 2, data: 'AAE=' },
        { type: 'receive', time: 1770110103.8, opcode: 8, data: '' },
        { type: 'sideways', time: 1770110103.8, opcode: 1, data: 'x' },
      ],
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.exchange.request.url).toBe('wss://api.shop.example/v1/live');
    expect(result.exchange.websocket).toEqual({
      messages: [
        { direction: 'sent', time: 0, opcode: 1, size: 22, text: '{"subscribe":"orders"}' },
        { direction: 'received', time: 250, opcode: 2, size: 2, base64: 'AAE=' },
      ],
    });
    expect(result.warnings).toEqual(['2 WebSocket message(s) without a readable type, time, opcode (1, 2, 9, 10) or data were left out']);
  });

  it('imports a ws: entry without messages as an exchange without a websocket field', () => {
    const result = exchangeFromHarEntry({ startedDateTime: '2026-02-03T09:15:03.500Z', request: { method: 'GET', url: 'ws://a.example/x' }, response: { status: 101 } });
    expect(result.ok && result.exchange.websocket).toBe(undefined);
    expect(result.ok && result.exchange.response?.status).toBe(101);
  });

  it('ignores hints the cassette reader would reject (negative or fractional sizes and counts, close codes past 65535)', () => {
    const result = exchangeFromHarEntry({
      startedDateTime: '2026-02-03T09:15:03.500Z',
      request: { method: 'GET', url: 'wss://a.example/live' },
      response: { status: 101 },
      _webSocketMessages: [
        { type: 'send', time: 1770110103.5, opcode: 1, data: 'hi', _apitape: { size: -1 } },
        { type: 'receive', time: 1770110103.5, opcode: 2, data: 'AQ==', _apitape: { size: 1.5 } },
      ],
      _apitape: { websocket: { close: { code: 70000, reason: 'bye' }, omitted: { messages: -2, bytes: 0.5 } } },
    });
    if (!result.ok) throw new Error(result.reason);
    expect(result.exchange.websocket).toEqual({
      messages: [
        { direction: 'sent', time: 0, opcode: 1, size: 2, text: 'hi' },
        { direction: 'received', time: 0, opcode: 2, size: 1, base64: 'AQ==' },
      ],
      close: { reason: 'bye' },
    });
    const line = encodeExchange({ id: '000000', ...result.exchange });
    expect(decodeExchange(line, CASSETTE_FORMAT_VERSION, 'imported.ndjson', 2).websocket).toEqual(result.exchange.websocket);
  });
});
