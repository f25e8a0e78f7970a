import { describe, expect, it } from 'vitest';
import { describeField } from '../../../src/assertions/describe.js';
import { evidenceOf } from './infer-helpers.js';

describe('collectEvidence', () => {
  const samples = Array.from({ length: 40 }, (_, i) => ({
    id: i + 1,
    email: `user${i}@example.com`,
    createdAt: `2024-05-01T10:00:${String(i).padStart(2, '0')}Z`,
    currency: 'EUR',
    nickname: i % 4 === 0 ? null : 'nick',
    token: '<redacted:authorization:3f9a1c>',
    ...(i === 0 ? { debug: true } : {}),
    items: [{ sku: `S${i}` }, { sku: `T${i}` }],
  }));
  const evidence = evidenceOf(samples);

  it('counts presence, nulls and distinct values per JSON pointer', () => {
    expect(evidence.get('/email')).toMatchObject({ types: ['string'], format: 'email', present: 40, of: 40, nulls: 0, distinct: 40, distinctCapped: false });
    expect(evidence.get('/nickname')).toMatchObject({ types: ['null', 'string'], nulls: 10, distinct: 1, values: ['nick'] });
    expect(evidence.get('/debug')).toMatchObject({ present: 1, of: 40 });
    expect(evidence.get('/items/*/sku')).toMatchObject({ present: 80, of: 80, distinct: 64, distinctCapped: true });
    expect(evidence.get('')).toMatchObject({ types: ['object'], present: 40, of: 40 });
  });

  it('marks fields whose values differed as volatile and the rest as stable', () => {
    expect(evidence.get('/id')?.volatile).toBe(true);
    expect(evidence.get('/createdAt')?.volatile).toBe(true);
    expect(evidence.get('/nickname')?.volatile).toBe(true);
    expect(evidence.get('/currency')?.volatile).toBe(false);
    expect(evidence.get('/debug')?.volatile).toBe(false);
  });

  it('treats a redaction placeholder as volatile even when every sample holds the same one', () => {
    expect(evidence.get('/token')).toMatchObject({ volatile: true, distinct: 1 });
    expect(evidence.get('/token')?.format).toBeUndefined();
  });

  it('is sorted by pointer and escapes pointer tokens', () => {
    const pointers = [...evidenceOf([{ 'a/b': 1, 'c~d': 2, z: 0 }]).keys()];
    expect(pointers).toEqual(['', '/a~1b', '/c~0d', '/z']);
  });

  it('reads as one line per field', () => {
    expect(describeField(evidence.get('/email')!)).toBe('email: string, format email, in 40/40, 40 distinct, volatile');
    expect(describeField(evidence.get('/currency')!)).toBe('currency: string, in 40/40, 1 distinct');
    expect(describeField(evidence.get('/items/*/sku')!)).toBe('items/*/sku: string, in 80/80, 64+ distinct, volatile');
  });
});
