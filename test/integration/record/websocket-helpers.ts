// A WebSocket upstream (the `ws` package on a node:http or node:https server on loopback) and a client
// that collects what it gets, for the recorder's WebSocket tests. Everything closes when the test ends.
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { onTestFinished } from 'vitest';
import { WebSocket, WebSocketServer, type ClientOptions, type RawData } from 'ws';
import { listenForTest } from '../../helpers/loopback.js';

export const BIG_MESSAGE_BYTES = 20 * 1024;

/**
 * The upstream's routes:
 * - `/refuse-chunked`, `/refuse-length`: answer the upgrade 403 with a JSON body (chunked, or with Content-Length);
 * - anything else is accepted and echoes: text as `echo: <text>`, binary as it came. Text commands:
 *   `close-1011` closes with 1011, `drop` drops the connection without a close frame, `flood <n>` sends
 *   n messages `m<i>`, `big` sends a 20 KiB message.
 */
export async function wsUpstream(tls?: { cert: string; key: string }): Promise<{ url: string; closes: Array<{ code: number; reason: string }> }> {
  const server: Server = tls ? createHttpsServer(tls) : createHttpServer();
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<Duplex>();
  const closes: Array<{ code: number; reason: string }> = [];
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (req.url === '/refuse-chunked') {
      const body = '{"error":"forbidden","hint":"log in first"}';
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`);
      return;
    }
    if (req.url === '/refuse-length') {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 9\r\nConnection: close\r\n\r\nforbidden');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('close', (code, reason) => closes.push({ code, reason: reason.toString() }));
      ws.on('message', (data: RawData, isBinary: boolean) => answer(ws, data as Buffer, isBinary));
    });
  });
  const port = await listenForTest(server);
  onTestFinished(() => {
    for (const client of wss.clients) client.terminate();
    for (const socket of sockets) socket.destroy();
    wss.close();
  });
  return { url: `${tls ? 'https' : 'http'}://${tls ? 'localhost' : '127.0.0.1'}:${port}`, closes };
}

function answer(ws: WebSocket, data: Buffer, isBinary: boolean): void {
  if (isBinary) return ws.send(data, { binary: true });
  const text = data.toString('utf8');
  if (text === 'close-1011') return ws.close(1011, 'upstream failed');
  if (text === 'drop') return ws.terminate();
  if (text === 'big') return ws.send('x'.repeat(BIG_MESSAGE_BYTES));
  const flood = /^flood (\d+)$/.exec(text);
  if (flood) {
    for (let i = 0; i < Number(flood[1]); i += 1) ws.send(`m${i}`);
    return;
  }
  ws.send(`echo: ${text}`);
}

/** A connected client that collects what it receives. */
export interface TestClient {
  ws: WebSocket;
  /** Text messages as text, binary ones as `binary:<hex>`, pongs as `pong:<text>`. */
  received: string[];
  /** Resolves once `count` things have been received. */
  receive(count: number): Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a WebSocket to `url` and waits until it is open. */
export async function connect(url: string, options: ClientOptions = {}): Promise<TestClient> {
  const ws = new WebSocket(url, options);
  onTestFinished(() => ws.terminate());
  const received: string[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const check = () => {
    for (const waiter of waiters.splice(0)) {
      if (received.length >= waiter.count) waiter.resolve();
      else waiters.push(waiter);
    }
  };
  ws.on('message', (data: RawData, isBinary: boolean) => {
    received.push(isBinary ? `binary:${(data as Buffer).toString('hex')}` : data.toString());
    check();
  });
  ws.on('pong', (data) => {
    received.push(`pong:${data.toString()}`);
    check();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    received,
    closed,
    receive: (count) =>
      new Promise<void>((resolve) => {
        waiters.push({ count, resolve });
        check();
      }),
  };
}

/** Tries to open a WebSocket that the upstream refuses: the status, headers and body the client got. */
export async function refused(url: string, options: ClientOptions = {}): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  const ws = new WebSocket(url, options);
  onTestFinished(() => ws.terminate());
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    ws.once('error', reject);
    ws.once('open', () => reject(new Error(`${url} was accepted`)));
  });
}
