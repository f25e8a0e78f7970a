// Redaction keeps JSON keys that name Object.prototype members (`__proto__`, `constructor`, …): a
// recorded body is stored with every key it had, and the secrets under those keys are still redacted.
import { describe, expect, it } from 'vitest';
import { encodeExchange } from '../../../src/cassette/codec.js';
import { redactExchange } from '../../../src/cassette/redact.js';
import type { Body } from '../../../src/cassette/types.js';
import { jsonBody, makeExchange } from '../../helpers/exchange.js';

const PROTO_BODY = '{"__proto__":{"x":1},"constructor":{"y":2},"hasOwnProperty":3,"toString":"s","b":2}';

function responseBody(body: Body): Body {
  return redactExchange(makeExchange({ response: { headers: [['content-type', 'application/json']], body } })).response!.body;
}

describe('redactExchange with prototype-named keys', () => {
  it('keeps a `__proto__` key of a JSON body as a key (it used to become the prototype and vanish)', () => {
    const body = responseBody(jsonBody(JSON.parse(PROTO_BODY)));
    expect(body.kind).toBe('json');
    const value = (body as { value: Record<string, unknown> }).value;
    expect(Object.keys(value)).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'b']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(JSON.stringify(value)).toBe(PROTO_BODY);
  });

  it('stores the same line for such a body as without redaction, and redacts secrets below `__proto__`', () => {
    const exchange = makeExchange({ response: { body: jsonBody(JSON.parse(PROTO_BODY)) } });
    expect(encodeExchange(redactExchange(exchange))).toBe(encodeExchange(exchange));
    const secret = JSON.parse('{"__proto__":{"password":"hunter2-canary","user":"demo"}}');
    const value = (responseBody(jsonBody(secret)) as { value: Record<string, Record<string, string>> }).value;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(value['__proto__']!['password']).toMatch(/^<redacted:password:[0-9a-f]{6}>$/);
    expect(value['__proto__']!['user']).toBe('demo');
  });

  it('leaves a JSON text body with such keys and no secret byte for byte (it used to be rewritten without them)', () => {
    const text = `${PROTO_BODY}\n`;
    expect(responseBody({ kind: 'text', text, size: text.length })).toEqual({ kind: 'text', text, size: text.length });
  });

  it('keeps `__proto__` when a JSON text body is rewritten to redact a secret', () => {
    const text = '{"__proto__":{"a":1},"token":"t0k3n-canary"}';
    const body = responseBody({ kind: 'text', text, size: text.length }) as { text: string };
    expect(body.text).not.toContain('t0k3n-canary');
    expect(Object.keys(JSON.parse(body.text))).toEqual(['__proto__', 'token']);
    expect(JSON.parse(body.text)['__proto__']).toEqual({ a: 1 });
  });

  it('gives an ordinary body the same bytes and plain objects as before', () => {
    const exchange = makeExchange({ response: { body: jsonBody({ id: 7, name: 'x', tags: ['a'], nested: { ok: true, n: null } }) } });
    const redacted = redactExchange(exchange);
    expect(encodeExchange(redacted)).toBe(encodeExchange(exchange));
    const value = (redacted.response!.body as { value: { nested: object } }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.nested)).toBe(Object.prototype);
  });
});
