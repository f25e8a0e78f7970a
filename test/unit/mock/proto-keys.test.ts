// The mock's matching and re-encoding never take an inherited Object.prototype member for recorded data.
import { describe, expect, it } from 'vitest';
import type { RecordedResponse } from '../../../src/cassette/types.js';
import { canEncode, encodeContent } from '../../../src/mock/encode.js';
import { replyFor } from '../../../src/mock/reply.js';
import type { MockSample } from '../../../src/mock/routes.js';
import { sameJson } from '../../../src/mock/secret-match.js';
import { scoreSample } from '../../../src/mock/select.js';
import { jsonBody, makeExchange } from '../../helpers/exchange.js';

const parse = (text: string): unknown => JSON.parse(text);

describe('sameJson with prototype-named keys', () => {
  it('does not match a recorded `__proto__: {}` with the prototype of a body that lacks the key', () => {
    expect(sameJson(parse('{"__proto__":{},"a":1}'), parse('{"a":1,"b":1}'))).toBe(false);
    expect(sameJson(parse('{"__proto__":{},"a":1}'), parse('{"a":1,"__proto__":{}}'))).toBe(true);
    expect(sameJson(parse('{"constructor":{},"a":1}'), parse('{"a":1,"b":{}}'))).toBe(false);
  });
});

describe('scoreSample with prototype-named keys', () => {
  it('scores a body with a `__proto__` key as it scores the same body with any other new key', () => {
    const sample: MockSample = {
      source: 'flow',
      exchange: makeExchange({ request: { method: 'POST', url: 'https://h/x', body: jsonBody({ a: 1, b: 2 }) } }),
    };
    const score = (body: string) => scoreSample(sample, { method: 'POST', path: '/x', query: [], body: Buffer.from(body) });
    expect(score('{"a":1,"__proto__":{}}')).toBe(score('{"a":1,"other":{}}'));
    expect(score('{"a":1,"constructor":{}}')).toBe(score('{"a":1,"other":{}}'));
  });
});

describe('re-encoding with a coding named like a prototype member', () => {
  it('knows no `constructor` or `__proto__` coding', () => {
    expect(canEncode('constructor')).toBe(false);
    expect(canEncode('__proto__')).toBe(false);
    expect(() => encodeContent(Buffer.from('x'), '__proto__')).toThrow(/cannot re-encode content-encoding "__proto__"/);
  });

  it('sends such a body decoded instead of failing with a TypeError', () => {
    const response: RecordedResponse = {
      status: 200,
      statusText: 'OK',
      httpVersion: '1.1',
      headers: [['content-type', 'text/plain'], ['content-encoding', '__proto__']],
      body: { kind: 'text', text: 'hello', size: 5, contentEncoding: '__proto__' },
    };
    const reply = replyFor(response, undefined, 'flow#000001');
    expect(reply.body.toString('utf8')).toBe('hello');
    expect(reply.headers.filter(([name]) => name === 'content-encoding')).toEqual([]);
  });
});
