import { describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { fieldRows, splitPointer } from '../../../src/collection/field-rows.js';
import { calls } from './fixtures.js';

function rowsOf(bodies: unknown[]) {
  const endpoints = inferEndpoints(calls(bodies.map((body) => ({ path: '/things', body }))));
  return fieldRows(endpoints[0]!.responses[0]!);
}

describe('fieldRows', () => {
  it('gives type, format, whether the schema requires it, and the evidence, for every field', () => {
    const bodies = Array.from({ length: 40 }, (_, i) => ({
      id: `0b6a2c1e-5d7f-4e8a-9c3b-1a2b3c4d${String(1000 + i).padStart(4, '0')}`,
      ...(i < 37 ? { nickname: i % 2 ? null : `n${i}` } : {}),
      tags: [{ name: 'a' }, { name: 'b', extra: true }],
      token: `<redacted:token:${(0xa00000 + i).toString(16)}>`,
      role: 'user',
    }));
    const rows = rowsOf(bodies);
    expect(rows.map((r) => [r.pointer, r.types.join('|'), r.format ?? '', r.required, r.seenIn, r.notes.join(',')])).toEqual([
      ['', 'object', '', undefined, '40/40 samples', ''],
      ['/id', 'string', 'uuid', true, '40/40 samples', 'varies'],
      ['/nickname', 'null|string', '', false, '37/40 samples', 'null in 18,varies'],
      ['/role', 'string', '', true, '40/40 samples', ''],
      ['/tags', 'array', '', true, '40/40 samples', ''],
      ['/tags/*', 'object', '', undefined, '80 items', ''],
      ['/tags/*/extra', 'boolean', '', false, '40/80 parent objects', ''],
      ['/tags/*/name', 'string', '', true, '80/80 parent objects', 'varies'],
      ['/token', 'string', '', true, '40/40 samples', 'redacted'],
    ]);
  });

  it('follows the schema through nested objects, arrays and escaped names', () => {
    const rows = rowsOf([{ 'a/b': { 'c~d': 1 } }, { 'a/b': { 'c~d': 2 } }]);
    expect(rows.find((r) => r.pointer === '/a~1b/c~0d')).toMatchObject({ required: true, seenIn: '2/2 parent objects' });
  });

  it('calls nothing required from a single sample (the schema needs two)', () => {
    expect(rowsOf([{ id: 1 }]).find((r) => r.pointer === '/id')?.required).toBe(false);
  });
});

describe('splitPointer', () => {
  it('unescapes RFC 6901 tokens', () => {
    expect(splitPointer('')).toEqual([]);
    expect(splitPointer('/a~1b/*/c~0d')).toEqual(['a/b', '*', 'c~d']);
  });
});
