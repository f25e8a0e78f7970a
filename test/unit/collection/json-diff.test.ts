import { describe, expect, it } from 'vitest';
import { diffJson } from '../../../src/collection/json-diff.js';

describe('diffJson', () => {
  it('lists changed, added and removed pointers with array items generalised', () => {
    expect(diffJson({ a: 1, b: [{ c: 1 }, { c: 2 }], d: 'x' }, { a: 2, b: [{ c: 1 }, { c: 3 }], e: 'x' })).toEqual(['/a', '/b/*/c', '/d', '/e']);
  });

  it('ignores timestamps and sees array length changes', () => {
    expect(diffJson({ t: '2026-01-01T00:00:00Z', l: [1] }, { t: '2026-01-01T00:00:05.123+02:00', l: [1, 2] })).toEqual(['/l']);
  });

  it('escapes pointer segments and treats own keys only', () => {
    expect(diffJson({ 'a/b': 1 }, { 'a/b': 2 })).toEqual(['/a~1b']);
    expect(diffJson(JSON.parse('{"constructor":1}'), {})).toEqual(['/constructor']);
  });

  it('gives up on values too large to compare', () => {
    const big = Array.from({ length: 30_000 }, (_, i) => i);
    expect(diffJson(big, big)).toBeUndefined();
  });
});
