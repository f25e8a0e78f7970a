// WebSockets through the recorder in reverse mode (`record --target`): a real `ws` upstream and
// client on loopback. Messages (text, binary, ping/pong) and the close are recorded; a refused
// upgrade reaches the client as the upstream sent it and is recorded with its status and body;
// big and many messages are capped; secrets in messages are redacted; Ctrl-C cuts an open socket.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../../src/cassette/types.js';
import { readRecorded, startRecording, tempDir } from './helpers.js';
import { BIG_MESSAGE_BYTES, connect, refused, wsUpstream } from './websocket-helpers.js';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEiLCJyb2xlIjoiYWRtaW4ifQ.c2lnbmF0dXJlLWNhbmFyeQ';

function only(exchanges: Exchange[], pathname: string): Exchange {
  const found = exchanges.filter((e) => new URL(e.request.url).pathname === pathname);
  expect(found, `exchanges for ${pathname}`).toHaveLength(1);
  return found[0]!;
}

describe('apitape record: WebSockets (reverse mode)', () => {
  it('records text, binary, ping and pong in order with times, and a close 1000 by the client', async () => {
    const cwd = await tempDir();
    const { url: target, closes } = await wsUpstream();
    const rec = await startRecording(cwd, ['--target', target]);
    const client = await connect(`${rec.url.replace('http', 'ws')}/live?room=1`);
    client.ws.send('hello');
    await client.receive(1);
    client.ws.send(Buffer.from([0, 1, 2, 255]));
    await client.receive(2);
    client.ws.ping('still there?');
    await client.receive(4); // two pongs: mockttp's end answers a ping itself, and passes the upstream's pong on
    client.ws.close(1000, 'done');
    expect(await client.closed).toEqual({ code: 1000, reason: 'done' });
    expect(client.received).toEqual(['echo: hello', 'binary:000102ff', 'pong:still there?', 'pong:still there?']);
    expect(await rec.stop()).toBe(130);
    expect(closes).toEqual([{ code: 1000, reason: 'done' }]);

    const live = only(await readRecorded(cwd), '/live');
    expect(live).toMatchObject({
      note: 'websocket',
      request: { method: 'GET', url: `${target.replace('http', 'ws')}/live?room=1` },
      response: { status: 101, statusText: 'Switching Protocols', body: { kind: 'none' } },
    });
    expect(live.failure).toBeUndefined();
    const messages = live.websocket!.messages;
    expect(messages.map(({ time: _time, ...rest }) => rest)).toEqual([
      { direction: 'sent', opcode: 1, size: 5, text: 'hello' },
      { direction: 'received', opcode: 1, size: 11, text: 'echo: hello' },
      { direction: 'sent', opcode: 2, size: 4, base64: 'AAEC/w==' },
      { direction: 'received', opcode: 2, size: 4, base64: 'AAEC/w==' },
      { direction: 'sent', opcode: 9, size: 12, base64: Buffer.from('still there?').toString('base64') },
      { direction: 'received', opcode: 10, size: 12, base64: Buffer.from('still there?').toString('base64') },
    ]);
    const times = messages.map((m) => m.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(live.timings.firstByteMs!);
    expect(times.at(-1)).toBeLessThanOrEqual(live.timings.durationMs);
    expect(live.websocket!.close).toEqual({ by: 'client', code: 1000, reason: 'done' });
    expect(live.websocket!.omitted).toBeUndefined();
  });

  it('records a close 1011 started by the server, and passes it on to the client', async () => {
    const cwd = await tempDir();
    const { url: target } = await wsUpstream();
    const rec = await startRecording(cwd, ['--target', target]);
    const client = await connect(`${rec.url.replace('http', 'ws')}/jobs`);
    client.ws.send('close-1011');
    expect(await client.closed).toEqual({ code: 1011, reason: 'upstream failed' });
    await rec.stop();
    const jobs = only(await readRecorded(cwd), '/jobs');
    expect(jobs.websocket).toEqual({
      messages: [expect.objectContaining({ direction: 'sent', opcode: 1, text: 'close-1011' })],
      close: { by: 'server', code: 1011, reason: 'upstream failed' },
    });
    expect(jobs.failure).toBeUndefined();
  });

  it('records a connection dropped without a close frame as closed 1006 by the end that dropped it', async () => {
    const cwd = await tempDir();
    const { url: target } = await wsUpstream();
    const rec = await startRecording(cwd, ['--target', target]);
    const base = rec.url.replace('http', 'ws');
    const byServer = await connect(`${base}/server-drops`);
    byServer.ws.send('drop');
    expect((await byServer.closed).code).toBe(1005); // mockttp closes the client's end without a status
    const byClient = await connect(`${base}/client-drops`);
    byClient.ws.send('bye');
    await byClient.receive(1);
    byClient.ws.terminate();
    await byClient.closed;
    for (let i = 0; i < 1000 && rec.io.out().split('\n').filter((l) => l.includes('-drops')).length < 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 20)); // both written before the stop cuts what is open
    await rec.stop();
    const exchanges = await readRecorded(cwd);
    expect(only(exchanges, '/server-drops').websocket!.close).toEqual({ by: 'server', code: 1006 });
    const client = only(exchanges, '/client-drops');
    expect(client.websocket!.close).toEqual({ by: 'client', code: 1006 });
    expect(client.failure).toBeUndefined();
  });

  it('mirrors a 403 refusal to the client (chunked or not) and records its status, headers and body', async () => {
    const cwd = await tempDir();
    const { url: target } = await wsUpstream();
    const rec = await startRecording(cwd, ['--target', target]);
    const base = rec.url.replace('http', 'ws');
    const chunked = await refused(`${base}/refuse-chunked`);
    expect(chunked).toMatchObject({ status: 403, body: '{"error":"forbidden","hint":"log in first"}' });
    expect(chunked.headers['content-type']).toBe('application/json');
    const withLength = await refused(`${base}/refuse-length`);
    expect(withLength).toMatchObject({ status: 403, body: 'forbidden' });
    const after = await connect(`${base}/after`); // the proxy keeps serving
    after.ws.send('ok?');
    await after.receive(1);
    after.ws.close();
    await after.closed;
    expect(rec.io.out()).not.toContain('Unexpected websocket response');
    await rec.stop();

    const exchanges = await readRecorded(cwd);
    const first = only(exchanges, '/refuse-chunked');
    expect(first).toMatchObject({
      note: 'websocket',
      response: {
        status: 403,
        statusText: 'Forbidden',
        headers: [['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked'], ['Connection', 'close']],
        body: { kind: 'json', value: { error: 'forbidden', hint: 'log in first' } },
      },
    });
    expect(first.failure).toBeUndefined();
    expect(first.websocket).toBeUndefined();
    expect(only(exchanges, '/refuse-length').response).toMatchObject({ status: 403, body: { kind: 'text', text: 'forbidden', size: 9 } });
    expect(only(exchanges, '/after').websocket!.messages).toHaveLength(2);
    expect(rec.io.out()).toMatch(/GET ws:\/\/127\.0\.0\.1:\d+\/refuse-chunked → 403/);
  });

  it('keeps a prefix, the size and the SHA-256 of a message over 16 KiB, and counts the messages after the first 1000', async () => {
    const cwd = await tempDir();
    const { url: target } = await wsUpstream();
    const rec = await startRecording(cwd, ['--target', target]);
    const client = await connect(`${rec.url.replace('http', 'ws')}/firehose`);
    client.ws.send('big');
    await client.receive(1);
    client.ws.send('flood 1200');
    await client.receive(1201);
    client.ws.close(1000);
    await client.closed;
    await rec.stop();

    const record = only(await readRecorded(cwd), '/firehose').websocket!;
    const big = 'x'.repeat(BIG_MESSAGE_BYTES);
    expect(record.messages[1]).toEqual({
      direction: 'received',
      time: expect.any(Number),
      opcode: 1,
      size: BIG_MESSAGE_BYTES,
      truncated: true,
      sha256: createHash('sha256').update(big).digest('hex'),
      text: big.slice(0, 16 * 1024),
    });
    expect(record.messages).toHaveLength(1000);
    expect(record.messages.at(-1)).toMatchObject({ direction: 'received', text: 'm996' });
    // kept: big, its answer, "flood 1200" and m0…m996; left out: m997…m1199
    const omitted = Array.from({ length: 203 }, (_, i) => `m${997 + i}`);
    expect(record.omitted).toEqual({ messages: 203, bytes: omitted.join('').length });
    expect(record.close).toEqual({ by: 'client', code: 1000 });
  });

  it('redacts a JWT and a token field in messages before they reach the cassette', async () => {
    const cwd = await tempDir();
    const { url: target } = await wsUpstream();
    const rec = await startRecording(cwd, ['--target', target]);
    const client = await connect(`${rec.url.replace('http', 'ws')}/auth`);
    client.ws.send(JSON.stringify({ type: 'auth', token: 'canary-ws-token-4711' }));
    client.ws.send(`Bearer ${JWT}`);
    await client.receive(2);
    client.ws.close();
    await client.closed;
    await rec.stop();

    const cassette = await readFile(path.join(cwd, 'cassettes', 'default.ndjson'), 'utf8');
    expect(cassette).not.toContain('canary-ws-token-4711');
    expect(cassette).not.toContain('c2lnbmF0dXJlLWNhbmFyeQ');
    expect(cassette).not.toContain(JWT.split('.')[1]);
    const texts = only(await readRecorded(cwd), '/auth').websocket!.messages.map((m) => m.text);
    expect(texts).toEqual([
      expect.stringMatching(/^\{"type":"auth","token":"<redacted:token:[0-9a-f]{6}>"\}$/),
      expect.stringMatching(/^Bearer <redacted:jwt:[0-9a-f]{6}>$/),
      expect.stringMatching(/^echo: \{"type":"auth","token":"<redacted:token:[0-9a-f]{6}>"\}$/),
      expect.stringMatching(/^echo: Bearer <redacted:jwt:[0-9a-f]{6}>$/),
    ]);
  });

  it('on Ctrl-C with sockets open, writes each exchange marked cut, disconnects the clients and does not wait out --grace', async () => {
    const cwd = await tempDir();
    const { url: target } = await wsUpstream();
    const rec = await startRecording(cwd, ['--target', target, '--grace', '60s']);
    const clients = await Promise.all(Array.from({ length: 20 }, (_, i) => connect(`${rec.url.replace('http', 'ws')}/open/${i}`)));
    for (const [i, client] of clients.entries()) client.ws.send(`still here ${i}`);
    await Promise.all(clients.map((client) => client.receive(1)));
    expect(await rec.stop()).toBe(130); // the test would time out (30 s) if the stop waited for the sockets
    for (const client of clients) expect((await client.closed).code).toBe(1006);

    const exchanges = await readRecorded(cwd);
    expect(exchanges).toHaveLength(20);
    const open = only(exchanges, '/open/7');
    expect(open.failure).toEqual({ code: 'RECORDING_STOPPED', message: 'the recording stopped before the exchange completed', phase: 'body' });
    expect(open.response?.status).toBe(101);
    expect(open.websocket!.messages.map((m) => m.text)).toEqual(['still here 7', 'echo: still here 7']);
    expect(open.websocket!.close).toBeUndefined();
    expect(exchanges.every((e) => e.failure?.code === 'RECORDING_STOPPED' && e.websocket?.messages.length === 2)).toBe(true);
  });
});
