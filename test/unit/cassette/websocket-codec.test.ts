import { describe, expect, it } from 'vitest';
import { decodeExchange, encodeExchange } from '../../../src/cassette/codec.js';
import type { Exchange, WebSocketRecord } from '../../../src/cassette/types.js';
import { isWebSocketExchange } from '../../../src/cassette/types.js';
import { CassetteFormatError } from '../../../src/errors.js';
import { makeExchange } from '../../helpers/exchange.js';

const record: WebSocketRecord = {
  messages: [
    { direction: 'sent', time: 1.5, opcode: 1, size: 5, text: 'hello' },
    { text: 'x'.repeat(4), base64: undefined, sha256: 'a'.repeat(64), truncated: true, size: 9000, opcode: 1, time: 2, direction: 'received' } as never,
    { direction: 'received', time: 3, opcode: 2, size: 2, base64: 'AP8=' },
  ],
  omitted: { bytes: 10, messages: 3 },
  close: { reason: 'bye', code: 1000, by: 'client' },
};

function websocketExchange(websocket: WebSocketRecord = record): Exchange {
  return {
    ...makeExchange({ request: { url: 'wss://api.example.com/live' }, response: { status: 101, statusText: 'Switching Protocols', headers: [], body: { kind: 'none' } } }),
    note: 'websocket',
    websocket,
  };
}

describe('the websocket field in cassette lines', () => {
  it('is written in the fixed key order, after failure and before note', () => {
    const line = encodeExchange(websocketExchange());
    expect(line).toContain(
      '"websocket":{"messages":[' +
        '{"direction":"sent","time":1.5,"opcode":1,"size":5,"text":"hello"},' +
        `{"direction":"received","time":2,"opcode":1,"size":9000,"truncated":true,"sha256":"${'a'.repeat(64)}","text":"xxxx"},` +
        '{"direction":"received","time":3,"opcode":2,"size":2,"base64":"AP8="}],' +
        '"close":{"by":"client","code":1000,"reason":"bye"},"omitted":{"messages":3,"bytes":10}},"note":"websocket"}',
    );
    expect(decodeExchange(line, 1, 'c.ndjson', 2)).toEqual(JSON.parse(line));
    expect(encodeExchange(decodeExchange(line, 1, 'c.ndjson', 2))).toBe(line);
  });

  it('is absent from exchanges without one, which keep their bytes', () => {
    const plain = makeExchange();
    const line = encodeExchange(plain);
    expect(line).not.toContain('websocket');
    expect(line).toBe(encodeExchange({ ...plain, websocket: undefined }));
  });

  it.each([
    ['not an object', [], 'websocket must be an object'],
    ['no messages', {}, 'websocket.messages must be a list'],
    ['a bad direction', { messages: [{ direction: 'up', time: 0, opcode: 1, size: 1, text: 'a' }] }, 'websocket.messages[0].direction must be "sent" or "received"'],
    ['a bad opcode', { messages: [{ direction: 'sent', time: 0, opcode: 8, size: 0, base64: '' }] }, 'websocket.messages[0].opcode must be 1, 2, 9 or 10'],
    ['no time', { messages: [{ direction: 'sent', opcode: 1, size: 1, text: 'a' }] }, 'websocket.messages[0].time must be a number (ms)'],
    ['both payloads', { messages: [{ direction: 'sent', time: 0, opcode: 1, size: 1, text: 'a', base64: 'YQ==' }] }, 'needs exactly one of "text" or "base64"'],
    ['text on binary', { messages: [{ direction: 'sent', time: 0, opcode: 2, size: 1, text: 'a' }] }, 'has "text" but is not a text message'],
    ['a bad close', { messages: [], close: { by: 'proxy' } }, 'websocket.close.by must be "client" or "server"'],
    ['a bad omitted', { messages: [], omitted: { messages: -1, bytes: 0 } }, 'websocket.omitted must be'],
  ])('is refused with a CassetteFormatError naming the line when it has %s', (_name, websocket, message) => {
    const line = JSON.stringify({ ...JSON.parse(encodeExchange(websocketExchange())), websocket });
    let error: unknown;
    try {
      decodeExchange(line, 1, 'cassettes/live.ndjson', 7);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CassetteFormatError);
    expect((error as CassetteFormatError).line).toBe(7);
    expect((error as Error).message).toContain('cassettes/live.ndjson:7: not an exchange: ');
    expect((error as Error).message).toContain(message);
  });
});

describe('isWebSocketExchange', () => {
  it('is true for ws:/wss: URLs and for exchanges with WebSocket traffic, false for HTTP', () => {
    expect(isWebSocketExchange(websocketExchange())).toBe(true);
    expect(isWebSocketExchange(makeExchange({ request: { url: 'ws://a.example/x' } }))).toBe(true);
    expect(isWebSocketExchange(makeExchange())).toBe(false);
  });
});
