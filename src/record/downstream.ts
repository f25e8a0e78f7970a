// Hooks on one client request/response pair as mockttp hands them to its HTTP server: a tap on the
// request body stream, clear gateway errors in place of mockttp's, and the replies for timeouts.
// Knows mockttp's conventions (request id, `body.asStream()`, `passthrough-error:` tags) but does
// not import it: proxy.ts is the only file that does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import type { ExchangeFailure, Header } from '../cassette/types.js';
import { gatewayReply, upstreamFailure } from './gateway.js';

/** A request after mockttp's preprocessing: absolute URL, paired raw headers, id and timings. */
export interface ProxiedRequest extends Omit<IncomingMessage, 'rawHeaders'> {
  id?: string;
  url: string;
  rawHeaders: Array<[string, string]>;
  timingEvents: { startTime: number; startTimestamp: number };
  body?: { asStream(): Readable };
}

/** A response after mockttp's tracking: `tags` is shared with the request. */
export interface ProxiedResponse extends ServerResponse {
  tags?: string[];
  /** The headers as written (mockttp's tracked `writeHead`). */
  getRawHeaders?(): Array<[string, string]>;
  timingEvents?: { headersSentTimestamp?: number };
}

/** mockttp's status message when it turns an upstream error into a 502. */
const MOCKTTP_GATEWAY_MESSAGE = 'Error communicating with upstream server';
const ERROR_TAG = 'passthrough-error:';

/** Receives the bytes of a body as they pass. */
export interface BodyTap {
  onData(chunk: Buffer): void;
  onEnd(): void;
}

/**
 * Observes the request body as the passthrough sends it upstream. mockttp's own body events are
 * not used for requests: with a `maxBodySize` they lose the body once it is exceeded (the upload
 * then hangs), and without one mockttp holds the whole upload in memory.
 */
export function tapRequestBody(req: ProxiedRequest, tap: BodyTap): void {
  const body = req.body;
  if (!body) return;
  const original = body.asStream.bind(body);
  let tapped = false;
  body.asStream = () => {
    const source = original();
    if (tapped) return source;
    tapped = true;
    const through = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        tap.onData(chunk);
        callback(null, chunk);
      },
      flush(callback) {
        tap.onEnd();
        callback();
      },
    });
    source.on('error', (error) => through.destroy(error));
    return source.pipe(through);
  };
}

/** The response as it is written to the client. */
export interface ResponseObserver {
  onHead(head: { status: number; statusText: string; headers: Array<[string, string]>; mark: number }): void;
  onData(chunk: Uint8Array): void;
  onEnd(): void;
}

/**
 * Observes the response synchronously as it is written: the head right after `writeHead`, each body
 * chunk as it is handed to `write`/`end`, and the end once `end` has passed it on. Call before any
 * byte is written: the hook for the request runs before the passthrough starts.
 *
 * mockttp's own `write`/`end` copy every byte into a stream behind `res.body`, which holds whatever
 * nobody reads; reading it (`asStream()`, or draining it with `asBuffer()` as bare mockttp does for
 * its response events) costs a stream, a promise and an event per chunk: 10–20% of a small exchange's
 * proxying time in bench runs. (Its `response-body-data` events cost more: they re-concatenate every
 * chunk in 20 ms batches, about 110 MB more peak RSS with 20 concurrent 50 MB downloads.) So the
 * chunks are taken here and handed straight to Node's own `write`/`end`, which is what mockttp's
 * wrappers call after copying: its copy is never filled, and nothing in the proxy reads it.
 * (`writeHead` stays mockttp's: it records the raw headers and the time they were sent.)
 */
export function observeResponse(res: ProxiedResponse, observer: ResponseObserver): void {
  const writeHead = res.writeHead;
  const { write, end } = Object.getPrototypeOf(res) as ServerResponse;
  let announced = false;
  let ending = false;
  let ended = false;
  res.writeHead = function (this: ProxiedResponse, ...args: unknown[]) {
    const result = (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    if (!announced) {
      announced = true;
      observer.onHead({
        status: res.statusCode,
        statusText: res.statusMessage ?? '',
        headers: res.getRawHeaders?.() ?? [],
        mark: res.timingEvents?.headersSentTimestamp ?? performance.now(),
      });
    }
    return result;
  } as ServerResponse['writeHead'];
  res.write = function (this: ProxiedResponse, chunk: unknown, ...rest: unknown[]) {
    if (!ending) observeChunk(observer, chunk, rest[0]); // HTTP/2's `end` writes its chunk through `write`
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse['write'];
  res.end = function (this: ProxiedResponse, chunk?: unknown, ...rest: unknown[]) {
    if (ended) return (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    ended = true;
    observeChunk(observer, chunk, rest[0]);
    ending = true;
    let result: ServerResponse;
    try {
      result = (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    } finally {
      ending = false;
    }
    observer.onEnd();
    return result;
  } as ServerResponse['end'];
}

/** Passes a `write`/`end` chunk on as bytes (strings in their encoding; callbacks and empties skipped). */
function observeChunk(observer: ResponseObserver, chunk: unknown, encoding: unknown): void {
  if (typeof chunk === 'string') {
    if (chunk.length > 0) observer.onData(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  } else if (chunk instanceof Uint8Array) {
    if (chunk.length > 0) observer.onData(chunk);
  }
}

/** The pieces of a failure a hook reports back to the recorder. */
export interface FailureSink {
  /** `replaced`: the client got our gateway reply instead of a response. */
  (failure: ExchangeFailure, replaced: boolean): void;
}

/**
 * Replaces mockttp's upstream-error 502 (whose body is a bare `Error: …` string) with a clear
 * plain-text 502, and turns an upstream failure after the headers into a cut connection instead of
 * mockttp's error text appended to the body.
 */
export function guardGatewayErrors(res: ProxiedResponse, url: string, onFailure: FailureSink): void {
  const writeHead = res.writeHead;
  const end = res.end;
  let replacing = false;
  res.writeHead = function (this: ProxiedResponse, ...args: unknown[]) {
    if (!res.headersSent && args[0] === 502 && args[1] === MOCKTTP_GATEWAY_MESSAGE && errorCode(res) !== undefined) {
      replacing = true;
      return res;
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse['writeHead'];
  res.end = function (this: ProxiedResponse, ...args: unknown[]) {
    const code = errorCode(res);
    if (code === undefined || (!replacing && !res.headersSent)) return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    if (res.destroyed) return res; // the client went away first: mockttp aborted the upstream itself
    const message = typeof args[0] === 'string' ? args[0].replace(/^Error: /, '').trim() : code;
    if (replacing) {
      replacing = false;
      const failure = upstreamFailure(code, message, false);
      onFailure(failure, true);
      const reply = gatewayReply(failure, url);
      (writeHead as (...a: unknown[]) => unknown).call(res, reply.status, reply.statusText, reply.headers);
      return (end as (...a: unknown[]) => ServerResponse).call(res, reply.body);
    }
    onFailure(upstreamFailure(code, message, true), false);
    res.destroy();
    return res;
  } as ServerResponse['end'];
}

function errorCode(res: ProxiedResponse): string | undefined {
  const tag = res.tags?.find((t) => t.startsWith(ERROR_TAG));
  return tag?.slice(ERROR_TAG.length);
}

/**
 * Answers a request whose upstream never responded: a 504 with a clear body, then closes the
 * client connection so that mockttp abandons the upstream request.
 */
export function replyGatewayTimeout(req: ProxiedRequest, res: ProxiedResponse, failure: ExchangeFailure, url: string): void {
  const reply = gatewayReply(failure, url);
  const http1 = req.httpVersionMajor < 2;
  const headers = http1 ? { ...reply.headers, connection: 'close' } : reply.headers;
  try {
    res.writeHead(reply.status, http1 ? reply.statusText : '', headers);
    res.end(reply.body, () => {
      if (http1) req.socket?.destroySoon?.();
    });
  } catch {
    res.destroy();
  }
}

/** The recorded form of raw headers: HTTP/2 pseudo-headers dropped, order and case kept. */
export function recordedHeaders(raw: ReadonlyArray<[string, string]>): Header[] {
  return raw.filter(([name]) => !name.startsWith(':')).map(([name, value]) => [name, value]);
}
