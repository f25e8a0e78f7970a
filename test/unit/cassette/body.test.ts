import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bodyBytes, bodyFromBytes, bodyJson } from '../../../src/cassette/body.js';
import type { Header } from '../../../src/cassette/types.js';

const json: Header[] = [['Content-Type', 'application/json; charset=utf-8']];

describe('bodyFromBytes', () => {
  it('tells a missing body from an empty one', () => {
    expect(bodyFromBytes(undefined, json)).toEqual({ kind: 'none' });
    expect(bodyFromBytes(Buffer.alloc(0), json)).toEqual({ kind: 'empty', size: 0 });
  });

  it('keeps compact JSON as a value and anything else that is JSON as exact text', () => {
    expect(bodyFromBytes(Buffer.from('{"a":[1,2]}'), json)).toMatchObject({ kind: 'json', value: { a: [1, 2] }, size: 11 });
    const pretty = '{\n  "a": 1\n}';
    expect(bodyFromBytes(Buffer.from(pretty), json)).toMatchObject({ kind: 'text', text: pretty });
    const big = '{"id":12345678901234567890}';
    const body = bodyFromBytes(Buffer.from(big), json);
    expect(body).toMatchObject({ kind: 'text', text: big });
    expect(bodyBytes(body).toString()).toBe(big);
  });

  it('decodes gzip, deflate (zlib and raw), br and stacked encodings, noting the original', () => {
    const raw = Buffer.from('{"ok":true}');
    for (const [encoding, bytes] of [
      ['gzip', gzipSync(raw)],
      ['deflate', deflateSync(raw)],
      ['deflate', deflateRawSync(raw)],
      ['br', brotliCompressSync(raw)],
      ['gzip,br', brotliCompressSync(gzipSync(raw))],
      ['GZIP, BR', brotliCompressSync(gzipSync(raw))],
    ] as const) {
      const body = bodyFromBytes(bytes, [...json, ['Content-Encoding', encoding]]);
      expect(body, encoding).toMatchObject({ kind: 'json', value: { ok: true }, contentEncoding: encoding });
    }
  });

  it('keeps the raw bytes and says why when the encoding is wrong or unknown', () => {
    const notGzip = Buffer.from('plain, not gzip');
    const body = bodyFromBytes(notGzip, [['content-encoding', 'gzip']]);
    expect(body.kind).toBe('binary');
    expect(body).toMatchObject({ decodeError: expect.stringContaining('gzip') });
    expect(bodyBytes(body)).toEqual(notGzip);
    expect(bodyFromBytes(notGzip, [['content-encoding', 'x-foo']])).toMatchObject({ decodeError: 'unsupported content-encoding "x-foo"' });
  });

  it('caps a gzip bomb and keeps a prefix', () => {
    const bomb = gzipSync(Buffer.alloc(32 * 1024 * 1024, 'a'));
    const body = bodyFromBytes(bomb, [['content-type', 'text/plain'], ['content-encoding', 'gzip']], {
      maxDecodedBytes: 1024 * 1024,
      maxBodySize: 64 * 1024,
    });
    expect(body).toMatchObject({ kind: 'text', truncated: true });
    expect(bodyBytes(body).length).toBe(64 * 1024);
  });

  it('keeps a prefix, the full size and a hash of bodies over the limit', () => {
    const body = bodyFromBytes(Buffer.alloc(100, 'x'), [['content-type', 'text/plain']], { maxBodySize: 10 });
    expect(body).toMatchObject({ kind: 'text', text: 'x'.repeat(10), size: 100, truncated: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('stores non-text media types and invalid UTF-8 as base64', () => {
    const bytes = Buffer.from([0x25, 0x50, 0xff, 0x00, 0xc3]);
    expect(bodyFromBytes(bytes, [['content-type', 'application/pdf']])).toMatchObject({ kind: 'binary', base64: bytes.toString('base64') });
    expect(bodyFromBytes(bytes, json)).toMatchObject({ kind: 'binary' });
  });

  it('keeps a JSON BOM byte for byte, and still parses it as JSON', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]);
    const body = bodyFromBytes(withBom, json);
    expect(bodyBytes(body)).toEqual(withBom);
    expect(bodyJson(body)).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('bodyFromBytes with a content-encoding named like an Object.prototype member', () => {
  it.each(['constructor', '__proto__', 'hasOwnProperty'])('stores the raw bytes with a decode error for "%s"', (coding) => {
    const body = bodyFromBytes(Buffer.from('{"a":1}'), [['Content-Encoding', coding]]);
    expect(body).toMatchObject({ kind: 'binary', contentEncoding: coding, decodeError: expect.stringContaining('unsupported content-encoding') });
  });
});
