// Joins the pieces of each proxied exchange (request head, body chunks, response head, body chunks,
// abort or gateway failure) by id, and emits one finished exchange when it is complete.
import type { Body, Exchange, ExchangeFailure, Header, RecordedResponse } from '../cassette/types.js';
import { BatchQueue } from './batch-queue.js';
import { BodyCapture, type BodyLimits, type CaptureEnd } from './body-capture.js';
import type { ExchangeFilter } from './filter.js';
import { DEFAULT_WEBSOCKET_LIMITS, WebSocketCapture, type PassedMessage, type WebSocketLimits } from './websocket.js';

/** An exchange as the recorder produces it; the cassette writer gives it its id. */
export type CapturedExchange = Omit<Exchange, 'id'>;

/** What is known of a request when it arrives, before its body. */
export interface RequestStart {
  id: string;
  method: string;
  /** Absolute URL as sent upstream. */
  url: string;
  httpVersion: string;
  headers: Header[];
  /** Wall-clock start (ms since the epoch). */
  startTime: number;
  /** Monotonic start (ms, `performance.now()` clock); durations are measured against it. */
  startMark: number;
  /** Whether the request announced a body (Content-Length or Transfer-Encoding). */
  hasBody: boolean;
  /**
   * The previous request on the same HTTP/1 connection, if any: pipelined requests are answered in
   * order but may finish here in any order, and are recorded in the order they were sent.
   */
  after?: string;
  note?: string;
}

/** The response head as written to the client. */
export interface ResponseStart {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: Header[];
  /** Monotonic time the headers were sent to the client. */
  mark: number;
}

export interface AssemblerOptions {
  limits: BodyLimits;
  filter: ExchangeFilter;
  /** Receives each finished exchange; the next one is built only after its promise settles (backpressure). */
  emit: (exchange: CapturedExchange) => void | Promise<void>;
  /** An exchange that could not be assembled (a bug, never a network fault); it is skipped. */
  onError?: (error: unknown, url: string) => void;
  /** Monotonic clock in ms; defaults to `performance.now()`. */
  now?: () => number;
  /** How long to wait for late body events after the response ended or the connection closed. */
  settleMs?: number;
  /**
   * Finished exchanges are built and emitted in batches, at most about this often (default 25 ms;
   * 0 builds each as it finishes; see batch-queue.ts). At one request at a time, batching nearly
   * halves the proxy's extra CPU per exchange. No exchange waits more than twice this.
   */
  batchMs?: number;
  /** What is kept of each WebSocket's messages (default `DEFAULT_WEBSOCKET_LIMITS`). */
  webSocketLimits?: WebSocketLimits;
}

interface Pending {
  start: RequestStart;
  request: BodyCapture;
  requestEnded: boolean;
  response?: { head: ResponseStart; body: BodyCapture; ended: boolean };
  failure?: ExchangeFailure;
  /** A gateway failure replaces the response the client got (our own 502/504). */
  dropResponse?: boolean;
  settleTimer?: NodeJS.Timeout;
  /** The messages of an accepted WebSocket; the exchange then stays open until the socket closes. */
  webSocket?: WebSocketCapture;
}

const BODILESS_STATUS = new Set([204, 304]);

/** The join table. All inputs for unknown (filtered or finished) ids are ignored. */
export class ExchangeAssembler {
  private readonly pending = new Map<string, Pending>();
  /** Finished exchanges waiting for an earlier request on their connection, by that request's id. */
  private readonly held = new Map<string, { entry: Pending; endMark: number }>();
  private readonly heldIds = new Set<string>();
  /**
   * Finished exchanges, built and emitted one at a time in the order they finished: a large body's
   * prefix becomes base64 and JSON only while no other does, and the next build waits for `emit`.
   */
  private readonly finished: BatchQueue<{ entry: Pending; endMark: number }>;
  private readonly now: () => number;
  private readonly settleMs: number;

  constructor(private readonly options: AssemblerOptions) {
    this.now = options.now ?? (() => performance.now());
    this.settleMs = options.settleMs ?? 60;
    this.finished = new BatchQueue(({ entry, endMark }) => this.emit(entry, endMark), options.batchMs ?? 25);
  }

  /** Exchanges started but not yet emitted. */
  get inFlight(): number {
    return this.pending.size + this.held.size;
  }

  /** Accepted WebSockets not yet closed: stopping does not wait for them, it cuts them. */
  get openWebSockets(): number {
    let open = 0;
    for (const entry of this.pending.values()) if (entry.webSocket && !entry.webSocket.closed) open += 1;
    return open;
  }

  /** Starts an exchange; false when the filter leaves it unrecorded (later events are ignored). */
  begin(start: RequestStart): boolean {
    if (!this.options.filter.acceptRequest(start)) return false;
    this.pending.set(start.id, { start, request: new BodyCapture(start.headers, this.options.limits), requestEnded: false });
    return true;
  }

  requestData(id: string, chunk: Uint8Array): void {
    this.pending.get(id)?.request.push(chunk);
  }

  requestEnd(id: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    entry.requestEnded = true;
    if (entry.response?.ended) this.finalize(id);
  }

  responseHead(id: string, head: ResponseStart): void {
    const entry = this.pending.get(id);
    if (!entry || entry.dropResponse || entry.response) return;
    if (!this.options.filter.acceptResponse(entry.start, head.headers)) {
      this.pending.delete(id);
      this.release(id);
      return;
    }
    entry.response = { head, body: new BodyCapture(head.headers, this.options.limits), ended: false };
  }

  responseData(id: string, chunk: Uint8Array, ended: boolean): void {
    const entry = this.pending.get(id);
    if (entry?.dropResponse && ended) return this.finalize(id); // our gateway reply went out
    if (!entry?.response || entry.dropResponse) return;
    entry.response.body.push(chunk);
    if (!ended) return;
    entry.response.ended = true;
    if (entry.requestEnded) this.finalize(id);
    else this.settle(id, entry); // a response may end before the upload does (413, early reply)
  }

  /**
   * Records a transport failure. With `dropResponse`, what the client got was our own gateway
   * error, so the exchange is stored with `response: null`.
   */
  fail(id: string, failure: ExchangeFailure, dropResponse: boolean): void {
    const entry = this.pending.get(id);
    if (!entry || entry.failure) return;
    entry.failure = failure;
    if (dropResponse) {
      entry.dropResponse = true;
      entry.response = undefined;
    }
  }

  /** The client connection closed before the exchange completed normally. */
  abort(id: string, failure: ExchangeFailure): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    if (!entry.failure && !entry.response?.ended) entry.failure = failure;
    this.settle(id, entry);
  }

  /**
   * Starts keeping the messages of the WebSocket upgrade `id` (once; later calls are no-ops). From
   * then on the exchange is complete only when the socket closes (`endWebSocket`) or is aborted.
   */
  openWebSocket(id: string): void {
    const entry = this.pending.get(id);
    if (entry) entry.webSocket ??= new WebSocketCapture(entry.start.startMark, this.options.webSocketLimits ?? DEFAULT_WEBSOCKET_LIMITS);
  }

  /** The upgrade was accepted: records the 101 head; the exchange stays open for its messages. */
  acceptWebSocket(id: string, head: ResponseStart): void {
    this.openWebSocket(id);
    this.responseHead(id, head);
    const response = this.pending.get(id)?.response;
    if (response) response.ended = true;
  }

  webSocketMessage(id: string, message: PassedMessage): void {
    this.pending.get(id)?.webSocket?.add(message);
  }

  /** Notes how the WebSocket closed (the first note wins). */
  webSocketClose(id: string, close: { by?: 'client' | 'server'; code?: number; reason?: string }): void {
    this.pending.get(id)?.webSocket?.close(close);
  }

  /** The WebSocket closed cleanly: its exchange is complete (messages passed before are all in). */
  endWebSocket(id: string, close: { code?: number; reason?: string }): void {
    const entry = this.pending.get(id);
    if (!entry?.webSocket) return;
    entry.webSocket.close(close);
    this.finalize(id);
  }

  /** Finishes every exchange still in flight as cut off by `failure` (used when recording stops). */
  cutAll(failure: (hasResponse: boolean) => ExchangeFailure): void {
    for (const [id, entry] of this.pending) {
      entry.failure ??= failure(entry.response !== undefined && !entry.dropResponse);
      this.finalize(id);
    }
  }

  /** Builds what is waiting now, and resolves once every finished exchange has been emitted. */
  drained(): Promise<void> {
    return this.finished.drained();
  }

  private settle(id: string, entry: Pending): void {
    if (entry.settleTimer) return;
    entry.settleTimer = setTimeout(() => this.finalize(id), this.settleMs);
    entry.settleTimer.unref?.();
  }

  private finalize(id: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    if (entry.settleTimer) clearTimeout(entry.settleTimer);
    const after = entry.start.after;
    if (after !== undefined && (this.pending.has(after) || this.heldIds.has(after))) {
      this.held.set(after, { entry, endMark: this.now() }); // emitted once the earlier request is
      this.heldIds.add(id);
      return;
    }
    this.finished.push({ entry, endMark: this.now() });
    this.release(id);
  }

  /** Emits what waited for `id` (and what waited for that, in turn). */
  private release(id: string): void {
    let waitedFor = id;
    for (let next = this.held.get(waitedFor); next; next = this.held.get(waitedFor)) {
      this.held.delete(waitedFor);
      this.heldIds.delete(next.entry.start.id);
      this.finished.push(next);
      waitedFor = next.entry.start.id;
    }
  }

  /** Builds one finished exchange and hands it on; one that cannot be built is reported and skipped. */
  private async emit(entry: Pending, endMark: number): Promise<void> {
    try {
      await this.options.emit(this.buildBuffered(entry, endMark) ?? (await this.build(entry, endMark)));
    } catch (error) {
      this.options.onError?.(error, entry.start.url);
    }
  }

  /** The exchange, built at once when neither body streamed (the common case: no promise needed). */
  private buildBuffered(entry: Pending, endMark: number): CapturedExchange | undefined {
    const response = this.recordedResponse(entry);
    if (entry.request.streaming || response?.body.streaming) return undefined;
    const requestBody = entry.request.finishBuffered(entry.start.hasBody, requestEndOf(entry))!;
    if (!response) return this.assemble(entry, endMark, requestBody, null);
    return this.assemble(entry, endMark, requestBody, { ...response.fields, body: response.body.finishBuffered(response.present, response.end)! });
  }

  private async build(entry: Pending, endMark: number): Promise<CapturedExchange> {
    const requestBody = await entry.request.finish(entry.start.hasBody, requestEndOf(entry));
    const response = this.recordedResponse(entry);
    if (!response) return this.assemble(entry, endMark, requestBody, null);
    return this.assemble(entry, endMark, requestBody, { ...response.fields, body: await response.body.finish(response.present, response.end) });
  }

  /** What is recorded of the response (none when the client got our gateway reply instead). */
  private recordedResponse(entry: Pending) {
    if (!entry.response || entry.dropResponse) return undefined;
    const { head, body, ended } = entry.response;
    return {
      fields: { status: head.status, statusText: head.statusText, httpVersion: head.httpVersion, headers: head.headers },
      body,
      present: responseHasBody(entry.start.method, head.status),
      end: (ended ? 'complete' : 'cut') as CaptureEnd,
    };
  }

  private assemble(entry: Pending, endMark: number, requestBody: Body, response: RecordedResponse | null): CapturedExchange {
    const { start } = entry;
    const exchange: CapturedExchange = {
      timings: {
        startedAt: new Date(start.startTime).toISOString(),
        ...(entry.response && !entry.dropResponse ? { firstByteMs: roundMs(entry.response.head.mark - start.startMark) } : {}),
        durationMs: roundMs(endMark - start.startMark),
      },
      request: { method: start.method, url: start.url, httpVersion: start.httpVersion, headers: start.headers, body: requestBody },
      response,
    };
    const failure = entry.failure ?? (response === null ? { code: 'NO_RESPONSE', message: 'the exchange ended without a response', phase: 'headers' as const } : undefined);
    if (failure) exchange.failure = failure;
    if (entry.webSocket) exchange.websocket = entry.webSocket.record();
    if (start.note !== undefined) exchange.note = start.note;
    return exchange;
  }
}

function requestEndOf(entry: Pending): CaptureEnd {
  return entry.requestEnded ? 'complete' : 'cut';
}

function responseHasBody(method: string, status: number): boolean {
  return method.toUpperCase() !== 'HEAD' && !BODILESS_STATUS.has(status) && !(status >= 100 && status < 200);
}

function roundMs(ms: number): number {
  return Math.max(0, Math.round(ms * 10) / 10);
}
