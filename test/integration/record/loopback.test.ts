// The proxy listens on loopback only (mockttp alone would listen on every interface).
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { startRecording, tempDir } from './helpers.js';

/** Local addresses of the listening TCP sockets on `port`, from /proc/net/tcp{,6} (Linux). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== '0A' || !local?.endsWith(`:${hexPort}`)) continue; // 0A = LISTEN
      found.push(local.split(':')[0]!);
    }
  }
  return found;
}

function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('listening address', () => {
  it('binds 127.0.0.1 only, so other interfaces refuse connections', async () => {
    const cwd = await tempDir();
    const rec = await startRecording(cwd, ['--target', 'https://api.example.com']);
    const port = Number(new URL(rec.url).port);
    expect(listeningAddresses(port)).toEqual(['0100007F']); // 127.0.0.1, and nothing on 0.0.0.0 or ::
    expect(await tryConnect('127.0.0.1', port)).toBe('connected');
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a!.address);
    for (const address of external) expect(await tryConnect(address, port)).toBe('ECONNREFUSED');
    await rec.stop();
  });

  it('listens on another address only with --allow-remote, and says it is an open proxy', async () => {
    const cwd = await tempDir();
    const rec = await startRecording(cwd, ['--target', 'https://api.example.com', '--host', '0.0.0.0', '--allow-remote']);
    expect(rec.io.err()).toContain('this is now an open proxy for that network');
    expect(listeningAddresses(Number(new URL(rec.url).port))).toEqual(['00000000']);
    await rec.stop();
  });
});
