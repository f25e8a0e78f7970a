// Hooks on the client socket of a WebSocket upgrade, as mockttp hands it to its HTTP server: the
// response written when the upgrade is refused (read from the bytes sent to the client, with
// mockttp's mirroring of a chunked refusal repaired), and, once accepted, the control frames and
// the close of both WebSocket ends. Knows mockttp's conventions (its `ws-upgrade` socket event and
// `upstreamWebSocket`) but does not import it: proxy.ts is the only file that does.
import type { Socket } from 'node:net';
import type { Header } from '../cassette/types.js';

/** A refused upgrade's response, as written to the client. */
export interface RefusalObserver {
  onHead(head: { status: number; statusText: string; headers: Header[]; mark: number }): void;
  onData(chunk: Uint8Array): void;
  onEnd(): void;
}

/** Longest response head looked for; a longer one is passed on untouched and not recorded. */
const MAX_HEAD_BYTES = 64 * 1024;
const HEAD_END = Buffer.from('\r\n\r\n');

type Write = (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;
type End = (chunk?: unknown, encoding?: unknown, callback?: unknown) => Socket;

/**
 * Observes what is written to the client before the upgrade is accepted. A 101 (the upgrade went
 * through) ends the observation at once, so WebSocket frames are never looked at. Any other status
 * is a refusal: its head and body go to `observer`.
 *
 * mockttp mirrors an upstream refusal by writing the upstream's raw headers and then piping the
 * decoded body, so a `Transfer-Encoding: chunked` refusal reached the client without its chunk
 * framing (a parse error instead of the 403). The framing is put back here.
 */
export function observeRefusal(socket: Socket, observer: RefusalObserver): void {
  const own = socket as unknown as { write: Write; end: End };
  const hadOwn = { write: Object.hasOwn(socket, 'write'), end: Object.hasOwn(socket, 'end') };
  const write = own.write;
  const end = own.end;
  let state: 'head' | 'body' | 'off' = 'head';
  let held: Buffer[] = [];
  let chunked = false;
  const restore = () => {
    state = 'off';
    if (hadOwn.write) own.write = write;
    else delete (socket as unknown as Record<string, unknown>).write;
    if (hadOwn.end) own.end = end;
    else delete (socket as unknown as Record<string, unknown>).end;
  };
  const send = (bytes: Buffer, callback?: unknown) => write.call(socket, bytes, callback);
  const sendBody = (bytes: Buffer, callback?: unknown): boolean => {
    if (bytes.length === 0) return typeof callback === 'function' ? send(bytes, callback) : true;
    observer.onData(bytes);
    return send(chunked ? frameChunk(bytes) : bytes, callback);
  };
  /** Holds written bytes until the head is complete, then sends them on (a refusal's body framed again if chunked). */
  const takeHead = (bytes: Buffer, callback?: unknown): boolean => {
    held.push(bytes);
    const all = Buffer.concat(held);
    const at = all.indexOf(HEAD_END);
    if (at < 0 && all.length < MAX_HEAD_BYTES) {
      if (typeof callback === 'function') process.nextTick(callback as () => void);
      return true;
    }
    held = [];
    const head = at < 0 ? undefined : parseResponseHead(all.subarray(0, at).toString('latin1'));
    if (!head || head.status === 101) {
      restore();
      return send(all, callback);
    }
    state = 'body';
    observer.onHead({ ...head, mark: performance.now() });
    chunked = isChunked(head.headers);
    const rest = all.subarray(at + HEAD_END.length);
    if (rest.length === 0) return send(all, callback);
    send(all.subarray(0, at + HEAD_END.length));
    return sendBody(rest, callback);
  };
  own.write = function (chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const cb = typeof encoding === 'function' ? encoding : callback;
    const bytes = toBuffer(chunk, encoding);
    if (state === 'off' || bytes === undefined) return write.call(socket, chunk, encoding, callback);
    return state === 'head' ? takeHead(bytes, cb) : sendBody(bytes, cb);
  };
  own.end = function (chunk?: unknown, encoding?: unknown, callback?: unknown): Socket {
    const cb = [chunk, encoding, callback].find((a) => typeof a === 'function');
    if (chunk !== undefined && typeof chunk !== 'function' && chunk !== null) own.write(chunk, typeof encoding === 'function' ? undefined : encoding);
    if (state === 'head' && held.length > 0) send(Buffer.concat(held.splice(0))); // a head cut short: pass it on as it is
    if (state === 'body') {
      if (chunked) send(Buffer.from('0\r\n\r\n'));
      observer.onEnd();
    }
    restore();
    return end.call(socket, cb);
  };
}

/** The two ends of an accepted WebSocket, as far as the recorder listens to them. */
interface WebSocketEnd {
  on(event: 'ping' | 'pong', listener: (data: Buffer) => void): unknown;
  once(event: 'close', listener: (code: number, reason: Buffer) => void): unknown;
}

/** Control frames and the close of an accepted WebSocket. */
export interface WebSocketObserver {
  /** The upgrade was accepted: the client end and (when mockttp exposes it) the upstream end exist. */
  onOpen(): void;
  /**
   * A ping (9) or pong (10), `sent` by the client or `received` from the server. Called one turn
   * after the frame arrived, as mockttp announces data messages, so that the order of the two
   * sources is the order on the wire; `mark` is taken then too.
   */
  onControl(direction: 'sent' | 'received', opcode: 9 | 10, payload: Buffer, mark: number): void;
  /** One end closed: the first call tells who closed (`client` or `server`) and with what. */
  onClose(by: 'client' | 'server', code: number, reason: string): void;
}

/**
 * Listens to the WebSocket ends mockttp creates when it accepts the upgrade (its `ws-upgrade` event
 * on the client socket, with the upstream end as `upstreamWebSocket`). The end that closes first is
 * the one that started closing: mockttp closes the other end only after it.
 */
export function observeWebSocket(socket: Socket, observer: WebSocketObserver): void {
  socket.once('ws-upgrade', (client: WebSocketEnd & { upstreamWebSocket?: WebSocketEnd }) => {
    observer.onOpen();
    const upstream = client.upstreamWebSocket;
    const control = (direction: 'sent' | 'received', opcode: 9 | 10) => (data: Buffer) =>
      setImmediate(() => observer.onControl(direction, opcode, data, performance.now()));
    client.on('ping', control('sent', 9));
    client.on('pong', control('sent', 10));
    client.once('close', (code, reason) => observer.onClose('client', code, reason.toString('utf8')));
    if (!upstream) return;
    upstream.on('ping', control('received', 9));
    upstream.on('pong', control('received', 10));
    upstream.once('close', (code, reason) => observer.onClose('server', code, reason.toString('utf8')));
  });
}

/** `HTTP/1.1 403 Forbidden` and its header lines; undefined when it is not a response head. */
export function parseResponseHead(text: string): { status: number; statusText: string; headers: Header[] } | undefined {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const match = /^HTTP\/\d(?:\.\d)? (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!match) return undefined;
  const headers: Header[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return { status: Number(match[1]), statusText: match[2] ?? '', headers };
}

function isChunked(headers: readonly Header[]): boolean {
  const codings = headers.filter(([name]) => name.toLowerCase() === 'transfer-encoding').flatMap(([, value]) => value.split(','));
  return codings.at(-1)?.trim().toLowerCase() === 'chunked';
}

function frameChunk(bytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
}

function toBuffer(chunk: unknown, encoding: unknown): Buffer | undefined {
  if (typeof chunk === 'string') return Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  return undefined;
}
