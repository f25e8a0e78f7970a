import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WEBSOCKET_LIMITS, WebSocketCapture, storedMessage, type PassedMessage } from '../../../src/record/websocket.js';

const text = (value: string, mark = 1010): PassedMessage => ({ direction: 'sent', opcode: 1, payload: Buffer.from(value), mark });
const limits = { maxMessages: 3, maxMessageBytes: 8, maxTotalBytes: 20 };

describe('WebSocketCapture', () => {
  it('keeps messages with their time from the exchange start, text as text and the rest as base64', () => {
    const capture = new WebSocketCapture(1000, DEFAULT_WEBSOCKET_LIMITS);
    capture.add(text('hi', 1012.345));
    capture.add({ direction: 'received', opcode: 2, payload: new Uint8Array([0, 255]), mark: 1020 });
    capture.add({ direction: 'sent', opcode: 9, payload: new Uint8Array(0), mark: 1030 });
    expect(capture.record()).toEqual({
      messages: [
        { direction: 'sent', time: 12.3, opcode: 1, size: 2, text: 'hi' },
        { direction: 'received', time: 20, opcode: 2, size: 2, base64: 'AP8=' },
        { direction: 'sent', time: 30, opcode: 9, size: 0, base64: '' },
      ],
    });
  });

  it('keeps the first maxMessages messages and counts the rest, with their bytes', () => {
    const capture = new WebSocketCapture(1000, limits);
    for (const word of ['a', 'bb', 'ccc', 'dddd', 'e']) capture.add(text(word));
    const record = capture.record();
    expect(record.messages.map((m) => m.text)).toEqual(['a', 'bb', 'ccc']);
    expect(record.omitted).toEqual({ messages: 2, bytes: 5 });
  });

  it('stops keeping once maxTotalBytes is reached, cutting the message that reaches it', () => {
    const capture = new WebSocketCapture(1000, { maxMessages: 100, maxMessageBytes: 8, maxTotalBytes: 12 });
    for (const word of ['12345678', '123456', 'x', '']) capture.add(text(word));
    const record = capture.record();
    expect(record.messages.map((m) => [m.text, m.size, m.truncated])).toEqual([
      ['12345678', 8, undefined],
      ['1234', 6, true],
    ]);
    expect(record.omitted).toEqual({ messages: 2, bytes: 1 });
  });

  it('notes the first close only, storing 1005 (no status) as no code', () => {
    const capture = new WebSocketCapture(0, limits);
    expect(capture.closed).toBe(false);
    capture.close({ by: 'server', code: 1005, reason: '' });
    capture.close({ by: 'client', code: 1000, reason: 'late' });
    expect(capture.closed).toBe(true);
    expect(capture.record().close).toEqual({ by: 'server' });
  });
});

describe('storedMessage', () => {
  it('keeps a prefix of a long message, with the whole size and SHA-256, never splitting a character', () => {
    const payload = Buffer.from('ab€€'); // € is 3 bytes: a b [e2 82 ac] [e2 82 ac]
    const stored = storedMessage({ direction: 'received', opcode: 1, payload, mark: 0 }, 4, 1);
    expect(stored).toEqual({
      direction: 'received',
      time: 1,
      opcode: 1,
      size: 8,
      truncated: true,
      sha256: createHash('sha256').update(payload).digest('hex'),
      text: 'ab',
    });
  });

  it('stores a text message that is not UTF-8 as base64, and cuts binary at the byte limit', () => {
    expect(storedMessage({ direction: 'sent', opcode: 1, payload: Buffer.from([0xff, 0xfe]), mark: 0 }, 10, 0)).toEqual({
      direction: 'sent',
      time: 0,
      opcode: 1,
      size: 2,
      base64: '//4=',
    });
    expect(storedMessage({ direction: 'sent', opcode: 2, payload: Buffer.from([1, 2, 3, 4, 5]), mark: 0 }, 3, 0)).toMatchObject({ size: 5, truncated: true, base64: 'AQID' });
  });
});
