import { createHash, randomBytes } from 'node:crypto';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bodyBytes } from '../../../src/cassette/body.js';
import type { Header } from '../../../src/cassette/types.js';
import { BodyCapture } from '../../../src/record/body-capture.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const limits = { maxBodySize: 1024, maxDecodedBytes: 1 << 20 };

async function capture(chunks: Buffer[], headers: Header[], options = limits, end: 'complete' | 'cut' = 'complete', present = true) {
  const c = new BodyCapture(headers, options);
  for (const chunk of chunks) c.push(chunk);
  return c.finish(present, end);
}

function split(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

describe('BodyCapture', () => {
  it('gives none for an absent body and empty for a present zero-length one', async () => {
    expect(await capture([], [], limits, 'complete', false)).toEqual({ kind: 'none' });
    expect(await capture([], [['content-length', '0']])).toEqual({ kind: 'empty', size: 0 });
  });

  it('gives a buffered body at once, and only through finish() once it streams', async () => {
    const small = new BodyCapture([['content-type', 'text/plain']], limits);
    small.push(Buffer.from('hello'));
    expect(small.streaming).toBe(false);
    expect(small.finishBuffered(true, 'complete')).toEqual({ kind: 'text', text: 'hello', size: 5 });
    const big = new BodyCapture([['content-type', 'text/plain']], limits);
    big.push(Buffer.alloc(2000, 0x61));
    expect(big.streaming).toBe(true);
    expect(big.finishBuffered(true, 'complete')).toBeUndefined();
    expect(await big.finish(true, 'complete')).toMatchObject({ kind: 'text', size: 2000, truncated: true });
  });

  it('keeps a small body whole, decoded, as the most readable kind', async () => {
    const json = Buffer.from('{"a":[1,2]}');
    expect(await capture(split(json, 3), [['content-type', 'application/json']])).toEqual({ kind: 'json', value: { a: [1, 2] }, size: 11 });
    expect(await capture([gzipSync(json)], [['content-type', 'application/json'], ['content-encoding', 'gzip']])).toMatchObject({
      kind: 'json',
      contentEncoding: 'gzip',
    });
  });

  it('streams a body over the limit: decoded prefix, full size and SHA-256, for every encoding', async () => {
    const text = Buffer.from('lorem ipsum dolor sit amet '.repeat(400));
    const encoders: Array<[string, (b: Buffer) => Buffer]> = [
      ['gzip', gzipSync],
      ['br', brotliCompressSync],
      ['deflate', deflateSync],
      ['deflate', deflateRawSync],
    ];
    for (const [encoding, encode] of encoders) {
      const wire = encode(text);
      const body = await capture(split(wire, 100), [['content-type', 'text/plain'], ['content-encoding', encoding]], { maxBodySize: 64, maxDecodedBytes: 1 << 20 });
      expect(body).toMatchObject({ kind: 'text', size: text.length, sha256: sha(text), truncated: true, contentEncoding: encoding });
      expect(bodyBytes(body).equals(text.subarray(0, 64))).toBe(true);
    }
  });

  it('keeps an identity body of any size as prefix + size + hash', async () => {
    const big = randomBytes(50_000);
    const body = await capture(split(big, 4096), [['content-type', 'application/octet-stream']]);
    expect(body).toMatchObject({ kind: 'binary', size: big.length, sha256: sha(big), truncated: true });
    expect(bodyBytes(body).equals(big.subarray(0, 1024))).toBe(true);
  });

  it('stops decoding a streamed bomb at maxDecodedBytes', async () => {
    const bomb = gzipSync(Buffer.alloc(4 << 20));
    const body = await capture(split(bomb, 512), [['content-encoding', 'gzip']], { maxBodySize: 100, maxDecodedBytes: 1 << 20 });
    expect(body).toMatchObject({ truncated: true, contentEncoding: 'gzip' });
    expect(body.kind !== 'none' && body.decodeError).toMatch(/exceeds/);
  });

  it('keeps the raw bytes when a streamed body does not decode', async () => {
    const junk = Buffer.alloc(5000, 7);
    const body = await capture(split(junk, 1000), [['content-encoding', 'gzip']]);
    expect(body).toMatchObject({ kind: 'binary', size: 5000, sha256: sha(junk), truncated: true });
    expect(body.kind !== 'none' && body.decodeError).toMatch(/decoding failed/);
    const unknown = await capture(split(junk, 1000), [['content-encoding', 'x-custom']]);
    expect(unknown.kind !== 'none' && unknown.decodeError).toMatch(/unsupported content-encoding "x-custom"/);
  });

  it('marks a cut body truncated with what arrived, decoding what it can of a cut stream', async () => {
    expect(await capture([Buffer.from('partial')], [['content-type', 'text/plain']], limits, 'cut')).toMatchObject({
      kind: 'text',
      text: 'partial',
      truncated: true,
      sha256: sha(Buffer.from('partial')),
    });
    const text = Buffer.from('abcdefgh'.repeat(1000));
    const wire = gzipSync(text);
    const cut = await capture([wire.subarray(0, wire.length - 10)], [['content-encoding', 'gzip']], { maxBodySize: 10, maxDecodedBytes: 1 << 20 }, 'cut');
    expect(cut).toMatchObject({ truncated: true });
    expect(cut.kind !== 'none' && cut.decodeError).toBeUndefined();
  });
});

describe('BodyCapture with a content-encoding named like an Object.prototype member', () => {
  it.each(['constructor', '__proto__', 'toString'])('keeps a streamed body with "Content-Encoding: %s" raw and flagged', async (coding) => {
    const capture = new BodyCapture([['Content-Encoding', coding]], { maxBodySize: 16, maxDecodedBytes: 1024 });
    capture.push(Buffer.alloc(64, 0x61));
    const body = await capture.finish(true, 'complete');
    expect(body).toMatchObject({ kind: 'binary', size: 64, truncated: true, decodeError: `unsupported content-encoding "${coding.toLowerCase()}"` });
  });
});
