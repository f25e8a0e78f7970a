import { PassThrough, type Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { recordedHeaders, tapRequestBody, type ProxiedRequest } from '../../../src/record/downstream.js';

describe('recordedHeaders', () => {
  it('drops HTTP/2 pseudo-headers and keeps order, case and duplicates', () => {
    expect(
      recordedHeaders([
        [':method', 'GET'],
        [':authority', 'x.io'],
        ['Accept', 'a'],
        ['accept', 'b'],
      ]),
    ).toEqual([
      ['Accept', 'a'],
      ['accept', 'b'],
    ]);
  });
});

describe('tapRequestBody', () => {
  it('observes the first body stream mockttp hands out, passing every byte through unchanged', async () => {
    const sources: PassThrough[] = [];
    const req = { body: { asStream: (): Readable => sources[sources.push(new PassThrough()) - 1]! } } as unknown as ProxiedRequest;
    const seen: string[] = [];
    let ended = false;
    tapRequestBody(req, { onData: (chunk) => seen.push(chunk.toString()), onEnd: () => (ended = true) });
    const tapped = req.body!.asStream();
    const untapped = req.body!.asStream();
    expect(untapped).toBe(sources[1]);
    const received: string[] = [];
    tapped.on('data', (chunk: Buffer) => received.push(chunk.toString()));
    const done = new Promise((resolve) => tapped.on('end', resolve));
    sources[0]!.write('ab');
    sources[0]!.end('cd');
    await done;
    expect(received.join('')).toBe('abcd');
    expect(seen.join('')).toBe('abcd');
    expect(ended).toBe(true);
  });
});
