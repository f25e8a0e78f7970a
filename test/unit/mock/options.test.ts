import { describe, expect, it } from 'vitest';
import { ApitapeError } from '../../../src/errors.js';
import { parseFallback, parsePort, recordTarget } from '../../../src/mock/options.js';

describe('parsePort', () => {
  it('accepts 0 to 65535 and rejects anything else with exit 2', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('65535')).toBe(65535);
    for (const bad of ['70000', '-1', '80x', '', '1.5']) {
      expect(() => parsePort(bad)).toThrow(ApitapeError);
      try {
        parsePort(bad);
      } catch (error) {
        expect((error as ApitapeError).exit).toBe(2);
      }
    }
  });
});

describe('parseFallback', () => {
  it('accepts an origin with an optional path prefix', () => {
    expect(parseFallback('https://api.example.com').href).toBe('https://api.example.com/');
    expect(parseFallback('http://127.0.0.1:8080/v1').pathname).toBe('/v1');
  });

  it('rejects other schemes, queries and credentials', () => {
    expect(() => parseFallback('ftp://x')).toThrow(/http/);
    expect(() => parseFallback('api.example.com')).toThrow(/not a URL/);
    expect(() => parseFallback('https://x/?a=1')).toThrow(/query/);
    expect(() => parseFallback('https://u:p@x')).toThrow(/credentials/);
  });
});

describe('recordTarget', () => {
  it('records into the first named cassette, or the only one', () => {
    expect(recordTarget(['a', 'b'], ['a', 'b'], true)).toBe('a');
    expect(recordTarget([], ['only'], true)).toBe('only');
  });

  it('needs a fallback and an unambiguous cassette', () => {
    expect(() => recordTarget(['a'], ['a'], false)).toThrow(/--fallback/);
    expect(() => recordTarget([], ['a', 'b'], true)).toThrow(/one cassette to append to, and 2/);
  });
});
