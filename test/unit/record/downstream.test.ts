import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, type Readable } from 'node:stream';
import { request } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { observeResponse, recordedHeaders, tapRequestBody, type ProxiedRequest, type ProxiedResponse, type ResponseObserver } from '../../../src/record/downstream.js';

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

/** Records what an observer is told, as text. */
function recorder() {
  const events: string[] = [];
  const observer: ResponseObserver = {
    onHead: (head) => events.push(`head ${head.status}`),
    onData: (chunk) => events.push(`data ${Buffer.from(chunk).toString()}`),
    onEnd: () => events.push('end'),
  };
  return { events, observer };
}

/** A response whose `end` writes its chunk through `write`, as Node's HTTP/2 compatibility response does. */
class EndWritesResponse {
  statusCode = 200;
  statusMessage = 'OK';
  sent: string[] = [];
  writeHead() {
    return this;
  }
  write(chunk: unknown) {
    this.sent.push(String(chunk));
    return true;
  }
  end(chunk?: unknown) {
    if (chunk !== undefined && typeof chunk !== 'function') this.write(chunk);
    return this;
  }
}

describe('observeResponse', () => {
  it('sees the head, every chunk (strings in their encoding) and the end, once each, on a real response', async () => {
    const { events, observer } = recorder();
    const server = createServer((_req, res) => {
      observeResponse(res as unknown as ProxiedResponse, observer);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('ab');
      res.write('6364', 'hex');
      res.end(Buffer.from('ef'));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const res = await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(await res.body.text()).toBe('abcdef');
    expect(events).toEqual(['head 200', 'data ab', 'data cd', 'data ef', 'end']);
  });

  it("writes through Node's own methods, past a copying wrapper, and counts a chunk that end() writes once", () => {
    const { events, observer } = recorder();
    const res = new EndWritesResponse();
    const copied: string[] = [];
    Object.assign(res, { write: (chunk: unknown) => copied.push(String(chunk)), end: () => copied.push('end') }); // like mockttp's copy
    observeResponse(res as unknown as ProxiedResponse, observer);
    (res as unknown as ProxiedResponse).write('a');
    (res as unknown as ProxiedResponse).end('b');
    expect(res.sent).toEqual(['a', 'b']);
    expect(copied).toEqual([]);
    expect(events).toEqual(['data a', 'data b', 'end']);
  });
});
