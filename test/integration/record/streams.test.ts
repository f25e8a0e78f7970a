// Long-lived streams pass through untouched: Server-Sent Events reach the client as they are sent
// (not held back until the end), and WebSocket traffic flows; the handshake is recorded.
import { createHash } from 'node:crypto';
import { request, WebSocket } from 'undici';
import { describe, expect, it } from 'vitest';
import { readRecorded, startRecording, tempDir, upstream } from './helpers.js';

function acceptKey(key: string): string {
  return createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
}

describe('streams through the recorder', () => {
  it('delivers each server-sent event as it is sent, exempt from the idle timeout', async () => {
    const cwd = await tempDir();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { url: target } = await upstream((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write('data: first\n\n');
      void released.then(async () => {
        await new Promise((resolve) => setTimeout(resolve, 300)); // longer than --idle-timeout
        res.end('data: last\n\n');
      });
    });
    const rec = await startRecording(cwd, ['--target', target, '--idle-timeout', '100ms']);
    const res = await request(`${rec.url}/events`);
    const chunks: string[] = [];
    for await (const chunk of res.body) {
      chunks.push(chunk.toString());
      if (chunks.length === 1) release(); // the first event arrived while the stream is still open
    }
    expect(chunks.join('')).toBe('data: first\n\ndata: last\n\n');
    await rec.stop();
    const [exchange] = await readRecorded(cwd);
    expect(exchange!.failure).toBeUndefined();
    expect(exchange!.response!.body).toMatchObject({ kind: 'text', text: 'data: first\n\ndata: last\n\n' });
  });

  it('passes WebSocket messages through and records the handshake', async () => {
    const cwd = await tempDir();
    const { url: target, server } = await upstream((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    server.on('upgrade', (req, socket) => {
      if (req.url === '/forbidden') {
        socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      const key = String(req.headers['sec-websocket-key']);
      socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`);
      socket.write(Buffer.concat([Buffer.from([0x81, 5]), Buffer.from('hello')]));
      socket.on('data', () => undefined);
      setTimeout(() => socket.end(Buffer.from([0x88, 0x02, 0x03, 0xe8])), 50);
    });
    const rec = await startRecording(cwd, ['--target', target]);
    const ws = new WebSocket(`${rec.url.replace('http', 'ws')}/live?room=1`);
    const message = await new Promise<string>((resolve, reject) => {
      ws.onmessage = (event) => resolve(String(event.data));
      ws.onerror = () => reject(new Error('websocket error'));
    });
    expect(message).toBe('hello');
    await new Promise((resolve) => (ws.onclose = resolve));
    const rejected = new WebSocket(`${rec.url.replace('http', 'ws')}/forbidden`);
    await new Promise((resolve) => (rejected.onclose = resolve));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await rec.stop();
    const exchanges = await readRecorded(cwd);
    const live = exchanges.find((e) => e.request.url.includes('/live'));
    expect(live).toMatchObject({ note: 'websocket', request: { method: 'GET', url: `${target.replace('http', 'ws')}/live?room=1` }, response: { status: 101 } });
    expect(live!.request.headers.some(([n]) => n.toLowerCase() === 'sec-websocket-key')).toBe(true);
    const forbidden = exchanges.find((e) => e.request.url.includes('/forbidden'));
    expect(forbidden).toMatchObject({ note: 'websocket', response: { status: 403, statusText: 'Forbidden' } });
    expect(forbidden!.failure).toBeUndefined();
  });
});
