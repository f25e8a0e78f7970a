import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bodyFromBytes } from '../../../src/cassette/body.js';
import type { Header, RecordedResponse } from '../../../src/cassette/types.js';
import { replyFor } from '../../../src/mock/reply.js';

function response(raw: Buffer | undefined, headers: Header[], status = 200): RecordedResponse {
  return { status, statusText: 'OK', httpVersion: '1.1', headers, body: bodyFromBytes(raw, headers) };
}

const header = (headers: Header[], name: string) => headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);

describe('replyFor', () => {
  const text = Buffer.from(JSON.stringify({ data: Array.from({ length: 40 }, (_, i) => ({ id: i })) }));
  const wire = gzipSync(text);
  const gzipped = response(wire, [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip'], ['Content-Length', String(wire.length)], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]);

  it('re-encodes a gzip body to the bytes a Node server sent', () => {
    const reply = replyFor(gzipped, 'gzip, deflate', 'flow#000001');
    expect(reply.body.equals(wire)).toBe(true);
    expect(gunzipSync(reply.body).equals(text)).toBe(true);
    expect(header(reply.headers, 'content-encoding')).toEqual(['gzip']);
    expect(header(reply.headers, 'content-length')).toEqual([String(wire.length)]);
    expect(header(reply.headers, 'set-cookie')).toEqual(['a=1', 'b=2']);
    expect(header(reply.headers, 'x-apitape-exchange')).toEqual(['flow#000001']);
  });

  it('sends the decoded body without Content-Encoding to a client that refuses the coding', () => {
    const reply = replyFor(gzipped, 'identity', 'flow#000001');
    expect(reply.body.equals(text)).toBe(true);
    expect(header(reply.headers, 'content-encoding')).toEqual([]);
    expect(header(reply.headers, 'content-length')).toEqual([String(text.length)]);
  });

  it('sends binary bodies byte for byte', () => {
    const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff]);
    const reply = replyFor(response(pdf, [['content-type', 'application/pdf']]), undefined, 'x');
    expect(reply.body.equals(pdf)).toBe(true);
  });

  it('sends a body that could not be decoded exactly as it was received', () => {
    const notGzip = Buffer.from('this is not gzip');
    const recorded = response(notGzip, [['content-type', 'text/plain'], ['content-encoding', 'gzip']]);
    expect(recorded.body.kind === 'binary' && recorded.body.decodeError).toBeTruthy();
    const reply = replyFor(recorded, 'gzip', 'x');
    expect(reply.body.equals(notGzip)).toBe(true);
    expect(header(reply.headers, 'content-encoding')).toEqual(['gzip']);
  });

  it('marks a truncated body, which can only be replayed as its prefix', () => {
    const big = Buffer.alloc(100, 'a');
    const recorded: RecordedResponse = { ...response(undefined, [['content-type', 'text/plain']]), body: bodyFromBytes(big, [['content-type', 'text/plain']], { maxBodySize: 10 }) };
    const reply = replyFor(recorded, undefined, 'x');
    expect(reply.body.length).toBe(10);
    expect(header(reply.headers, 'x-apitape-truncated')).toEqual(['100']);
  });

  it('keeps the recorded Content-Length of a bodiless HEAD answer and drops connection headers', () => {
    const head: RecordedResponse = { status: 200, statusText: 'OK', httpVersion: '1.1', headers: [['content-length', '1234'], ['connection', 'close'], ['transfer-encoding', 'chunked']], body: { kind: 'none' } };
    const reply = replyFor(head, undefined, 'x');
    expect(reply.body.length).toBe(0);
    expect(reply.headers.filter(([n]) => n !== 'x-apitape-exchange')).toEqual([['content-length', '1234']]);
  });
});
