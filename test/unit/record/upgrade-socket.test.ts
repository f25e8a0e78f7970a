import { EventEmitter, once } from 'node:events';
import { createServer, connect, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Header } from '../../../src/cassette/types.js';
import { observeRefusal, observeWebSocket, parseResponseHead } from '../../../src/record/upgrade-socket.js';

/** A connected pair of real sockets on loopback: `server` is the end the proxy writes to. */
async function socketPair(): Promise<{ server: Socket; client: Socket; read: () => Promise<string> }> {
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => {
    listener.close();
  });
  const accepted = once(listener, 'connection') as Promise<[Socket]>;
  const client = connect((listener.address() as { port: number }).port, '127.0.0.1');
  const [server] = await accepted;
  onTestFinished(() => {
    server.destroy();
    client.destroy();
  });
  const chunks: Buffer[] = [];
  client.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(client, 'end');
  return { server, client, read: async () => (await ended, Buffer.concat(chunks).toString('latin1')) };
}

function recorder() {
  const seen: { head?: { status: number; statusText: string; headers: Header[] }; body: string[]; ended: boolean } = { body: [], ended: false };
  return {
    seen,
    observer: {
      onHead: ({ status, statusText, headers }: { status: number; statusText: string; headers: Header[] }) => (seen.head = { status, statusText, headers }),
      onData: (chunk: Uint8Array) => seen.body.push(Buffer.from(chunk).toString()),
      onEnd: () => (seen.ended = true),
    },
  };
}

describe('observeRefusal', () => {
  it('puts the chunk framing back on a chunked refusal mirrored with its body decoded, and records it', async () => {
    const { server, read } = await socketPair();
    const { seen, observer } = recorder();
    observeRefusal(server, observer);
    server.write('HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n');
    server.write('no ');
    server.write(Buffer.from('entry'));
    server.end();
    expect(await read()).toBe('HTTP/1.1 403 Forbidden\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n3\r\nno \r\n5\r\nentry\r\n0\r\n\r\n');
    expect(seen).toEqual({
      head: { status: 403, statusText: 'Forbidden', headers: [['Transfer-Encoding', 'chunked'], ['Content-Type', 'text/plain']] },
      body: ['no ', 'entry'],
      ended: true,
    });
  });

  it('passes a refusal with Content-Length through unchanged, head and body in one end()', async () => {
    const { server, read } = await socketPair();
    const { seen, observer } = recorder();
    observeRefusal(server, observer);
    const response = 'HTTP/1.1 401 Unauthorized\r\nContent-Length: 4\r\n\r\nnope';
    server.end(response);
    expect(await read()).toBe(response);
    expect(seen).toEqual({ head: { status: 401, statusText: 'Unauthorized', headers: [['Content-Length', '4']] }, body: ['nope'], ended: true });
  });

  it('lets a 101 and everything after it through untouched, and stops observing', async () => {
    const { server, read } = await socketPair();
    const { seen, observer } = recorder();
    const ownWrite = Object.hasOwn(server, 'write');
    observeRefusal(server, observer);
    server.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n');
    expect(Object.hasOwn(server, 'write')).toBe(ownWrite);
    server.end(Buffer.from([0x81, 0x02, 0x68, 0x69]));
    expect(Buffer.from(await read(), 'latin1').toString('hex')).toBe(`${Buffer.from('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n').toString('hex')}81026869`);
    expect(seen).toEqual({ body: [], ended: false });
  });
});

describe('observeWebSocket', () => {
  it('reports pings and pongs of both ends a turn later, and which end closed first', async () => {
    const socket = new EventEmitter() as unknown as Socket;
    const events: string[] = [];
    observeWebSocket(socket, {
      onOpen: () => events.push('open'),
      onControl: (direction, opcode, payload) => events.push(`${direction} ${opcode} ${payload.toString()}`),
      onClose: (by, code, reason) => events.push(`close by ${by} ${code} ${reason}`),
    });
    const client = new EventEmitter();
    const upstream = new EventEmitter();
    socket.emit('ws-upgrade', Object.assign(client, { upstreamWebSocket: upstream }));
    client.emit('ping', Buffer.from('a'));
    upstream.emit('pong', Buffer.from('a'));
    upstream.emit('close', 1011, Buffer.from('boom'));
    client.emit('close', 1011, Buffer.from('boom'));
    expect(events).toEqual(['open', 'close by server 1011 boom', 'close by client 1011 boom']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events.slice(3)).toEqual(['sent 9 a', 'received 10 a']);
  });
});

describe('parseResponseHead', () => {
  it('reads the status line and header lines, and refuses what is not a response', () => {
    expect(parseResponseHead('HTTP/1.1 403 Forbidden\r\nX-A: 1\r\nx-b:2')).toEqual({ status: 403, statusText: 'Forbidden', headers: [['X-A', '1'], ['x-b', '2']] });
    expect(parseResponseHead('HTTP/1.1 500')).toEqual({ status: 500, statusText: '', headers: [] });
    expect(parseResponseHead('GET / HTTP/1.1')).toBeUndefined();
  });
});
