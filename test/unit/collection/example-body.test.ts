import { describe, expect, it } from 'vitest';
import { EXAMPLE_BODY_LIMIT, exampleBody, formatBytes } from '../../../src/collection/example-body.js';
import type { Body, Header } from '../../../src/cassette/types.js';

const JSON_TYPE: Header[] = [['content-type', 'application/json; charset=utf-8']];

function json(value: unknown): Body {
  return { kind: 'json', value, size: Buffer.byteLength(JSON.stringify(value)) };
}

describe('exampleBody', () => {
  it('shows a small JSON body whole, as recorded or pretty-printed, with no note', () => {
    expect(exampleBody(json({ id: 1, tags: ['a'] }), JSON_TYPE)).toEqual({ text: '{"id":1,"tags":["a"]}', language: 'json' });
    expect(exampleBody(json({ id: 1, tags: ['a'] }), JSON_TYPE, { pretty: true })).toEqual({ text: '{\n  "id": 1,\n  "tags": [\n    "a"\n  ]\n}', language: 'json' });
  });

  it('measures the limit on the text shown', () => {
    const value = { list: Array.from({ length: 100 }, (_, i) => i) };
    expect(exampleBody(json(value), JSON_TYPE, { limit: 400 }).note).toBeUndefined();
    expect(exampleBody(json(value), JSON_TYPE, { limit: 400, pretty: true }).note).toMatch(/^trimmed/);
  });

  it('trims a large JSON body to valid JSON: arrays to their first 3 items, long strings shortened, with a note', () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({ id: i, text: 'x'.repeat(300) }));
    const result = exampleBody(json({ data: rows, total: 500 }), JSON_TYPE);
    const shown = JSON.parse(result.text) as { data: Array<{ id: number; text: string }>; total: number };
    expect(shown.total).toBe(500);
    expect(shown.data.map((r) => r.id)).toEqual([0, 1, 2]);
    expect(shown.data[0]!.text).toHaveLength(200);
    expect(shown.data[0]!.text.endsWith('…')).toBe(true);
    expect(result.note).toMatch(/^trimmed from 1\d\d\.\d KB: arrays cut to their first 3 items, strings to 200 characters$/);
  });

  it('cuts a large body that trimming cannot shrink, and says so', () => {
    const wide = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`key${i}`, i]));
    const result = exampleBody(json(wide), JSON_TYPE, { pretty: true });
    expect(result.text.length).toBeLessThanOrEqual(EXAMPLE_BODY_LIMIT + 2);
    expect(result.text.endsWith('\n…')).toBe(true);
    expect(exampleBody(json(wide), JSON_TYPE, { limit: 100 }).text).toBe(`${JSON.stringify(wide).slice(0, 100)}…`);
    expect(result.note).toContain('then cut at 8.0 KB');
  });

  it('keeps a `__proto__` key of recorded JSON as data when trimming', () => {
    const value = JSON.parse(`{"__proto__": {"polluted": true}, "list": ${JSON.stringify(Array(3000).fill('v'))}}`) as unknown;
    const result = exampleBody(json(value), JSON_TYPE);
    expect(result.text).toContain('"__proto__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives nesting deeper than trimming walks', () => {
    let deep: unknown = { leaf: 'x'.repeat(EXAMPLE_BODY_LIMIT) };
    for (let i = 0; i < 2000; i += 1) deep = { d: deep };
    const result = exampleBody(json(deep), JSON_TYPE);
    expect(result.text.length).toBeLessThanOrEqual(EXAMPLE_BODY_LIMIT + 2);
    expect(result.note).toContain('cut at');
  });

  it('shows text as recorded (JSON kept as text stays exact), cut when large', () => {
    const pretty: Body = { kind: 'text', text: '{ "big": 12345678901234567890 }', size: 31 };
    expect(exampleBody(pretty, JSON_TYPE)).toEqual({ text: '{ "big": 12345678901234567890 }', language: 'json' });
    const long: Body = { kind: 'text', text: 'line\n'.repeat(5000), size: 25_000 };
    const result = exampleBody(long, [['content-type', 'text/plain']]);
    expect(result).toMatchObject({ language: 'text', note: 'cut at 8.0 KB of 24.4 KB' });
    expect(result.text.endsWith('line\n…')).toBe(true);
  });

  it('says when the recorder kept only a prefix, and leaves binary bodies out', () => {
    const truncated: Body = { kind: 'text', text: '<html>', size: 5_000_000, truncated: true, sha256: 'ab' };
    expect(exampleBody(truncated, [['content-type', 'text/html']])).toEqual({
      text: '<html>',
      language: 'html',
      note: 'the recorder kept only the first part of this 4.8 MB body',
    });
    expect(exampleBody({ kind: 'binary', base64: 'JVBERg==', size: 4 }, [['content-type', 'application/pdf']])).toEqual({
      text: '',
      language: 'text',
      note: 'binary body (4 bytes) left out',
    });
    expect(exampleBody({ kind: 'none' }, [])).toEqual({ text: '', language: 'text' });
  });

  it('picks the highlighting language from the media type', () => {
    const text = (type: string) => exampleBody({ kind: 'text', text: 'x', size: 1 }, [['Content-Type', type]]).language;
    expect([text('application/problem+json'), text('application/xml'), text('application/atom+xml'), text('text/csv')]).toEqual(['json', 'xml', 'xml', 'text']);
  });
});

describe('formatBytes', () => {
  it('uses bytes, KB and MB', () => {
    expect([formatBytes(1), formatBytes(1023), formatBytes(1536), formatBytes(3 * 1024 * 1024)]).toEqual(['1 byte', '1023 bytes', '1.5 KB', '3.0 MB']);
  });
});
