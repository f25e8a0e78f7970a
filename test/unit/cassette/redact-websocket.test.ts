import { describe, expect, it } from 'vitest';
import { redactExchange } from '../../../src/cassette/redact.js';
import type { Exchange, WebSocketMessage } from '../../../src/cassette/types.js';
import { makeExchange } from '../../helpers/exchange.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl';

function withMessages(messages: WebSocketMessage[], reason?: string): Exchange {
  return {
    ...makeExchange({ request: { url: 'wss://api.example.com/live' } }),
    websocket: { messages, close: { by: 'server', code: 1008, ...(reason ? { reason } : {}) } },
  };
}

const sent = (text: string, extra: Partial<WebSocketMessage> = {}): WebSocketMessage => ({ direction: 'sent', time: 0, opcode: 1, size: Buffer.byteLength(text), text, ...extra });

describe('redactExchange: WebSocket messages', () => {
  it('redacts secret-named JSON fields (staying compact) and JWTs in text messages', () => {
    const out = redactExchange(withMessages([sent('{"type":"auth","token":"s3cret","n":1}'), sent(`jwt ${JWT} here`), sent('{"plain":true}')]));
    const texts = out.websocket!.messages.map((m) => m.text);
    expect(texts[0]).toMatch(/^\{"type":"auth","token":"<redacted:token:[0-9a-f]{6}>","n":1\}$/);
    expect(texts[1]).toMatch(/^jwt <redacted:jwt:[0-9a-f]{6}> here$/);
    expect(texts[2]).toBe('{"plain":true}');
    expect(out.websocket!.messages[0]!.size).toBe(Buffer.byteLength('{"type":"auth","token":"s3cret","n":1}'));
  });

  it('redacts a truncated JSON prefix by pattern, and a secret in the close reason', () => {
    const out = redactExchange(withMessages([sent('{"password":"hunter22","items":[1,2', { truncated: true, sha256: 'a'.repeat(64), size: 9000 })], `expired ${JWT}`));
    expect(out.websocket!.messages[0]!.text).toMatch(/^\{"password":"<redacted:password:[0-9a-f]{6}>","items":\[1,2$/);
    expect(out.websocket!.close).toEqual({ by: 'server', code: 1008, reason: expect.stringMatching(/^expired <redacted:jwt:[0-9a-f]{6}>$/) });
  });

  it('leaves binary, ping and pong payloads and the input exchange as they are', () => {
    const binary: WebSocketMessage = { direction: 'received', time: 1, opcode: 2, size: 3, base64: Buffer.from('abc').toString('base64') };
    const input = withMessages([binary, sent('{"token":"t"}')]);
    const copy = structuredClone(input);
    const out = redactExchange(input);
    expect(out.websocket!.messages[0]).toEqual(binary);
    expect(input).toEqual(copy);
  });

  it('gives the same placeholder in a message as in a header, so a token can be followed', () => {
    const exchange = withMessages([sent(JSON.stringify({ token: 'abc123token' }))]);
    exchange.request.headers = [['x-auth-token', 'abc123token']];
    const out = redactExchange(exchange);
    const placeholder = out.request.headers[0]![1];
    expect(out.websocket!.messages[0]!.text).toContain(placeholder.replace('x-auth-token', 'token'));
  });
});

describe('Sec-WebSocket-Protocol', () => {
  it('redacts a credential carried as a subprotocol and keeps ordinary subprotocols', () => {
    const token = 'c2VjcmV0LXNlcnZpY2UtYWNjb3VudC10b2tlbi12YWx1ZQ';
    const redacted = redactExchange(
      makeExchange({ request: { headers: [['Sec-WebSocket-Protocol', `base64url.bearer.authorization.k8s.io.${token}, v4.channel.k8s.io`]] } }),
    );
    const value = redacted.request.headers[0]![1];
    expect(value).not.toContain(token);
    expect(value).toMatch(/^base64url\.bearer\.authorization\.k8s\.io\.<redacted:sec-websocket-protocol:[0-9a-f]{6}>, v4\.channel\.k8s\.io$/);
    const plain = redactExchange(makeExchange({ request: { headers: [['Sec-WebSocket-Protocol', 'graphql-ws,chat']] } }));
    expect(plain.request.headers[0]![1]).toBe('graphql-ws,chat');
  });
});
