import { describe, expect, it } from 'vitest';
import { identityOf, isDistinctive, producedValues, sentSecrets, sentValues, splitUrl } from '../../../src/collection/values.js';
import { call, USER_ID } from './fixtures.js';

describe('values', () => {
  it('identifies secrets by hash across rules, plain values by text', () => {
    expect(identityOf('<redacted:access_token:abcdef>')).toBe(identityOf('<redacted:authorization:abcdef>'));
    expect(identityOf('42')).toBe('v:42');
  });

  it('finds ids but not words, names or small numbers', () => {
    expect(isDistinctive(USER_ID, 'id')).toBe(true);
    expect(isDistinctive('ord_123', 'ref')).toBe(true);
    expect(isDistinctive(4242, 'total')).toBe(true);
    expect(isDistinctive(7, 'userId')).toBe(true);
    for (const [value, key] of [['pending', 'status'], ['Ada Lovelace', 'name'], [3, 'page'], [12.5, 'total'], [true, 'ok'], ['a"b1', 'x']] as const) {
      expect(isDistinctive(value, key)).toBe(false);
    }
  });

  it('lists what a response produced, shallow paths first, with Location segments and header tokens', () => {
    const exchange = call({
      method: 'POST', path: '/users', status: 201,
      body: { data: { id: 'deep-123' }, id: USER_ID },
      responseHeaders: [['Location', `/users/${USER_ID}`], ['X-Token', 'Bearer <redacted:x-token:abcdef>'], ['Set-Cookie', 'sid=<redacted:sid:123456>; Path=/']],
    });
    expect(producedValues(exchange).map((p) => [p.source.kind, p.recorded])).toEqual([
      ['body', USER_ID], ['body', 'deep-123'], ['location', USER_ID], ['header', '<redacted:x-token:abcdef>'], ['cookie', '<redacted:sid:123456>'],
    ]);
  });

  it('lists what a request sent, and the secrets it carries wherever they are', () => {
    const exchange = call({
      method: 'POST', path: `/users/${USER_ID}?key=%3Credacted%3Akey%3Aabcdef%3E`,
      requestHeaders: [['Authorization', 'Bearer <redacted:authorization:123456>'], ['Content-Length', '4242']],
      requestBody: { n: 5 },
    });
    expect(sentValues(exchange).map((s) => [s.location.kind, s.recorded])).toEqual([
      ['path', 'users'], ['path', USER_ID], ['query', '<redacted:key:abcdef>'], ['header', 'Bearer <redacted:authorization:123456>'], ['header', '<redacted:authorization:123456>'], ['body', '5'],
    ]);
    expect(sentSecrets(exchange).map((s) => [s.where, s.identity])).toEqual([['url', 's:abcdef'], ['header', 's:123456']]);
  });

  it('splits URLs without decoding them', () => {
    expect(splitUrl('https://h:8080/a%2Fb/c?x=1&y=%20&z#frag')).toEqual({
      origin: 'https://h:8080', pathSegments: ['a%2Fb', 'c'], query: [['x', '1'], ['y', '%20'], ['z', '']], hash: '#frag',
    });
  });
});
