// WebSockets through the recorder in forward mode: the client opens a CONNECT tunnel through the
// proxy (as browsers do for every WebSocket) and speaks wss (trusting the apitape CA) or plain ws
// inside it, to a `ws` upstream on loopback (wss with a test-only certificate given as --upstream-ca).
import { readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import type { Socket } from 'node:net';
import * as path from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { describe, expect, it, onTestFinished } from 'vitest';
import { issueServerCertificate } from '../../../src/record/proxy.js';
import { readRecorded, startRecording, tempDir } from './helpers.js';
import { connect, refused, wsUpstream } from './websocket-helpers.js';

/** A CONNECT tunnel through the forward proxy at `proxyUrl` to `host:port`. */
async function tunnel(proxyUrl: string, host: string, port: string): Promise<Socket> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: `${host}:${port}` });
    req.once('connect', (res, socket) => {
      onTestFinished(() => {
        socket.destroy();
      });
      if (res.statusCode === 200) resolve(socket);
      else reject(new Error(`CONNECT answered ${res.statusCode}`));
    });
    req.once('error', reject);
    req.end();
  });
}

/** Client options that send the WebSocket through a fresh tunnel (TLS inside it for wss, trusting `ca`). */
async function throughProxy(proxyUrl: string, target: string, ca: string): Promise<{ createConnection: () => Socket }> {
  const url = new URL(target);
  const socket = await tunnel(proxyUrl, url.hostname, url.port);
  if (url.protocol === 'ws:') return { createConnection: () => socket };
  return { createConnection: () => tlsConnect({ socket, servername: url.hostname, ca }) };
}

describe('apitape record: WebSockets (forward mode)', () => {
  it('records wss messages and close through the intercepting proxy, and mirrors a 403 refusal', async () => {
    const cwd = await tempDir();
    const home = path.join(cwd, 'home');
    const issued = await issueServerCertificate('localhost');
    const upstreamCaFile = path.join(cwd, 'upstream-ca.pem');
    await writeFile(upstreamCaFile, issued.caCert);
    const { url: upstreamUrl } = await wsUpstream({ cert: issued.cert, key: issued.key });
    const target = upstreamUrl.replace('https', 'wss');
    const rec = await startRecording(cwd, ['--upstream-ca', upstreamCaFile], { APITAPE_HOME: home });
    const ca = await readFile(path.join(home, 'ca', 'ca.pem'), 'utf8');

    const client = await connect(`${target}/feed`, await throughProxy(rec.url, target, ca));
    client.ws.send('over tls');
    client.ws.send(Buffer.from('binary over tls'));
    await client.receive(2);
    client.ws.close(1000, 'bye');
    expect(await client.closed).toEqual({ code: 1000, reason: 'bye' });
    expect(client.received).toEqual(['echo: over tls', `binary:${Buffer.from('binary over tls').toString('hex')}`]);

    const refusal = await refused(`${target}/refuse-chunked`, await throughProxy(rec.url, target, ca));
    expect(refusal).toMatchObject({ status: 403, body: '{"error":"forbidden","hint":"log in first"}' });
    await rec.stop();

    const exchanges = await readRecorded(cwd);
    const feed = exchanges.find((e) => e.request.url === `${target}/feed`);
    expect(feed, exchanges.map((e) => e.request.url).join(', ')).toBeDefined();
    expect(feed).toMatchObject({ note: 'websocket', response: { status: 101 } });
    expect(feed!.websocket).toEqual({
      messages: [
        expect.objectContaining({ direction: 'sent', opcode: 1, text: 'over tls' }),
        expect.objectContaining({ direction: 'sent', opcode: 2, base64: Buffer.from('binary over tls').toString('base64') }),
        expect.objectContaining({ direction: 'received', opcode: 1, text: 'echo: over tls' }),
        expect.objectContaining({ direction: 'received', opcode: 2, base64: Buffer.from('binary over tls').toString('base64') }),
      ],
      close: { by: 'client', code: 1000, reason: 'bye' },
    });
    const refusedExchange = exchanges.find((e) => e.request.url === `${target}/refuse-chunked`);
    expect(refusedExchange?.response).toMatchObject({ status: 403, body: { kind: 'json', value: { error: 'forbidden', hint: 'log in first' } } });
  });

  it('records plain ws through a CONNECT tunnel, a close 1011 by the server, and cuts a socket left open on Ctrl-C', async () => {
    const cwd = await tempDir();
    const { url: upstreamUrl } = await wsUpstream();
    const target = upstreamUrl.replace('http', 'ws');
    const rec = await startRecording(cwd, [], { APITAPE_HOME: path.join(cwd, 'home') });
    const failing = await connect(`${target}/jobs`, await throughProxy(rec.url, target, ''));
    failing.ws.send('close-1011');
    expect(await failing.closed).toEqual({ code: 1011, reason: 'upstream failed' });
    const open = await connect(`${target}/open`, await throughProxy(rec.url, target, ''));
    open.ws.send('hi');
    await open.receive(1);
    expect(await rec.stop()).toBe(130);
    expect((await open.closed).code).toBe(1006);

    const exchanges = await readRecorded(cwd);
    expect(exchanges.find((e) => e.request.url === `${target}/jobs`)?.websocket?.close).toEqual({ by: 'server', code: 1011, reason: 'upstream failed' });
    const cut = exchanges.find((e) => e.request.url === `${target}/open`);
    expect(cut?.failure?.code).toBe('RECORDING_STOPPED');
    expect(cut?.websocket?.messages.map((m) => m.text)).toEqual(['hi', 'echo: hi']);
  });
});
