// RELIABILITY 5: clients that send their request head a byte at a time are closed at the header
// timeout, while other clients are served as usual.
import { connect } from 'node:net';
import { request } from 'undici';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readRecorded, startRecording, tempDir, upstream } from '../record/helpers.js';

describe('slowloris', () => {
  it('closes 50 connections that drip their headers once --header-timeout passes, and serves others meanwhile', async () => {
    const cwd = await tempDir();
    const { url: target } = await upstream((_req, res) => res.end('ok'));
    const rec = await startRecording(cwd, ['--target', target, '--quiet', '--header-timeout', '1s']);
    const port = Number(new URL(rec.url).port);
    let closed = 0;
    const sockets = Array.from({ length: 50 }, () => {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.once('close', () => (closed += 1));
      socket.write('GET /slow HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      return socket;
    });
    onTestFinished(() => sockets.forEach((s) => s.destroy()));
    const drip = setInterval(() => sockets.forEach((s) => s.destroyed || s.write('a')), 200);
    onTestFinished(() => clearInterval(drip));
    const ok = await request(`${rec.url}/ok`);
    expect(await ok.body.text()).toBe('ok');
    for (let i = 0; i < 200 && closed < 50; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(50);
    expect(rec.io.err()).toContain('request head not complete within --header-timeout from a client (ERR_HTTP_REQUEST_TIMEOUT); answered 400');
    const after = await request(`${rec.url}/after`);
    expect(await after.body.text()).toBe('ok');
    await rec.stop();
    expect((await readRecorded(cwd)).map((e) => new URL(e.request.url).pathname)).toEqual(['/ok', '/after']);
  }, 30_000);

  it('leaves a slow upload alone: the timeout is for the head only', async () => {
    const cwd = await tempDir();
    const { url: target } = await upstream((req, res) => {
      let n = 0;
      req.on('data', (c: Buffer) => (n += c.length));
      req.on('end', () => res.end(String(n)));
    });
    const rec = await startRecording(cwd, ['--target', target, '--quiet', '--header-timeout', '300ms']);
    const socket = connect(Number(new URL(rec.url).port), '127.0.0.1');
    onTestFinished(() => void socket.destroy());
    let reply = '';
    socket.on('data', (d: Buffer) => (reply += d.toString()));
    socket.write('POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\nConnection: close\r\n\r\n');
    for (let i = 0; i < 8; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 150)); // 1.2 s of body in all, four header timeouts
      socket.write('b');
    }
    await new Promise((resolve) => socket.once('close', resolve));
    expect(reply).toMatch(/^HTTP\/1\.1 200[\s\S]*\r\n\r\n8$/);
    await rec.stop();
  }, 30_000);
});
