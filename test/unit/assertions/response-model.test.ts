// RELIABILITY.md line 18: invalid UTF-8 in application/json, a JSON BOM, numbers > 2^53,
// 10,000-deep nesting, very large arrays → "unparseable" or a capped schema, never a crash.
import { describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { MAX_DEPTH } from '../../../src/assertions/shape.js';
import type { Body } from '../../../src/cassette/types.js';
import { makeExchange } from '../../fixtures/apis/build.js';
import { rejectedBy } from './validators.js';

const JSON_HEADERS: Array<[string, string]> = [['Content-Type', 'application/json']];

function responseFor(...bodies: Body[]) {
  const endpoints = inferEndpoints(bodies.map((body) => makeExchange({ url: 'http://api.test/x', body, headers: JSON_HEADERS })));
  return endpoints[0]!.responses[0]!;
}

function text(value: string): Body {
  return { kind: 'text', text: value, size: Buffer.byteLength(value) };
}

describe('bad and extreme JSON bodies', () => {
  it('counts invalid UTF-8 (stored as binary) and broken JSON as unparseable, with no schema', () => {
    const invalidUtf8: Body = { kind: 'binary', base64: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]).toString('base64'), size: 6 };
    const truncated: Body = { kind: 'text', text: '{"a":1}', size: 7, truncated: true };
    const response = responseFor(invalidUtf8, text('{"a": '), truncated);
    expect(response.unparseable).toBe(3);
    expect(response.schema).toBeUndefined();
    expect(response.bodyKinds).toEqual(['binary', 'text']);
  });

  it('reads JSON behind a byte-order mark', () => {
    const response = responseFor(text('\uFEFF{"a":1}'), text('\uFEFF{"a":2}'));
    expect(response.unparseable).toBeUndefined();
    expect(response.schema).toMatchObject({ properties: { a: { type: 'integer' } }, required: ['a'] });
  });

  it('types numbers beyond 2^53 as integers and 1e400 as a number', () => {
    const response = responseFor(text('{"id": 123456789012345678901234567890, "x": 1e400}'), text('{"id": 9007199254740993, "x": 2.5}'));
    expect(response.schema?.properties).toEqual({ id: { type: 'integer' }, x: { type: 'number' } });
  });

  it('caps a 10,000-deep body without a stack overflow, and the capped schema still accepts it', () => {
    const deepText = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    for (const source of [deepText, deepObject]) {
      const response = responseFor(text(source));
      expect(response.schemaCapped).toBe(true);
      expect(response.fields.length).toBeLessThanOrEqual(MAX_DEPTH + 1);
      expect(JSON.stringify(response.schema).length).toBeLessThan(10_000);
      expect(rejectedBy(response.schema!, JSON.parse(source))).toEqual([]);
    }
  });

  it('merges a million-item array into one item schema', () => {
    const big = Array.from({ length: 1_000_000 }, (_, i) => ({ i }));
    const response = responseFor({ kind: 'json', value: big, size: 8_000_000 });
    expect(response.schema).toEqual({
      $schema: 'http://json-schema.org/draft-07/schema#',
      items: { properties: { i: { type: 'integer' } }, required: ['i'], type: 'object' },
      type: 'array',
    });
    expect(response.fields.find((f) => f.pointer === '/*/i')).toMatchObject({ present: 1_000_000, distinct: 64, distinctCapped: true });
  });
});
