// Per-proxy state: hooks each client request/response pair (as mockttp hands it to its HTTP server)
// into the assembler by mockttp's request id, and gives up on silent upstreams (the watchdog).
import type { Socket } from 'node:net';
import type { Header } from '../cassette/types.js';
import type { ExchangeAssembler, RequestStart } from './assembler.js';
import { guardGatewayErrors, observeResponse, recordedHeaders, replyGatewayTimeout, tapRequestBody, type ProxiedRequest, type ProxiedResponse } from './downstream.js';
import { firstByteTimeout, idleTimeout } from './gateway.js';
import type { ProxyOptions } from './proxy.js';
import { Watchdog } from './timeouts.js';
import { observeRefusal, observeWebSocket } from './upgrade-socket.js';

const EMPTY = new Uint8Array(0);
const NOT_ACCEPTED = { code: 'WEBSOCKET_NOT_ACCEPTED', message: 'the connection closed before the WebSocket upgrade was answered', phase: 'headers' } as const;
const REFUSAL_CUT = { code: 'WEBSOCKET_NOT_ACCEPTED', message: 'the connection closed before the refusal of the WebSocket upgrade was complete', phase: 'body' } as const;

/** Per-proxy state for the hooks and events: the requests in flight and the watchdog. */
export class Session {
  readonly flights = new Map<string, { req: ProxiedRequest; res: ProxiedResponse; url: string }>();
  /** The last request id seen on each HTTP/1 connection. */
  private readonly lastOnConnection = new WeakMap<object, string>();
  readonly watchdog: Watchdog;
  readonly warn: (message: string) => void;
  private readonly targetHost: string;

  constructor(
    private readonly options: ProxyOptions,
    readonly assembler: ExchangeAssembler,
  ) {
    this.warn = (message) => options.onWarning?.(message);
    this.targetHost = options.mode.kind === 'reverse' ? new URL(options.mode.target).host : '';
    this.watchdog = new Watchdog({ ...options.timeouts, onTimeout: (id, verdict) => this.onTimeout(id, verdict) });
  }

  onRequest(req: ProxiedRequest, res: ProxiedResponse): void {
    const id = req.id;
    if (!id) return; // mockttp rejected it before assigning an id (a malformed request)
    const url = this.upstreamUrl(req.url);
    this.flights.set(id, { req, res, url });
    this.watchdog.watch(id);
    res.once('close', () => {
      this.flights.delete(id);
      this.watchdog.forget(id);
    });
    const recording = this.assembler.begin(this.inConnectionOrder(req, this.requestStart(req, id, url)));
    if (isBodiless(req)) {
      this.assembler.requestEnd(id); // nothing to tap: saves a stream and a pipe per request
    } else {
      tapRequestBody(req, {
        onData: (chunk) => {
          this.watchdog.touch(id);
          if (recording) this.assembler.requestData(id, chunk);
        },
        onEnd: () => {
          this.watchdog.touch(id);
          this.assembler.requestEnd(id);
        },
      });
    }
    observeResponse(res, {
      onHead: (head) => {
        this.watchdog.headersSent(id, /^text\/event-stream/i.test(headerOf(head.headers, 'content-type')));
        const httpVersion = req.httpVersionMajor >= 2 ? '2' : '1.1';
        this.assembler.responseHead(id, { status: head.status, statusText: head.statusText, mark: head.mark, headers: recordedHeaders(head.headers), httpVersion });
      },
      onData: (chunk) => {
        this.watchdog.touch(id);
        this.assembler.responseData(id, chunk, false);
      },
      onEnd: () => {
        this.watchdog.forget(id);
        this.assembler.responseData(id, EMPTY, true);
      },
    });
    guardGatewayErrors(res, url, (failure, replaced) => {
      this.assembler.fail(id, failure, replaced);
      if (!replaced) this.assembler.abort(id, failure); // the client connection was cut
    });
  }

  /**
   * A WebSocket upgrade: the request is recorded at once; then either the refusal the client got
   * (read off its socket) or, once accepted, the WebSocket's control frames and close (its messages
   * and the 101 come from mockttp's events, in proxy.ts). The refusal is observed, and its chunked
   * framing repaired, whether or not the exchange is recorded.
   */
  onUpgrade(req: ProxiedRequest, socket: Socket): void {
    const id = req.id;
    if (!id) return;
    const assembler = this.assembler;
    let refused = false;
    observeRefusal(socket, {
      onHead: (head) => {
        refused = true;
        assembler.responseHead(id, { ...head, httpVersion: '1.1' });
      },
      onData: (chunk) => assembler.responseData(id, chunk, false),
      onEnd: () => assembler.responseData(id, EMPTY, true),
    });
    const start = this.requestStart(req, id, this.upstreamUrl(req.url));
    if (!assembler.begin({ ...start, note: 'websocket', hasBody: false })) return;
    assembler.requestEnd(id);
    observeWebSocket(socket, {
      onOpen: () => assembler.openWebSocket(id),
      onControl: (direction, opcode, payload, mark) => assembler.webSocketMessage(id, { direction, opcode, payload, mark }),
      onClose: (by, code, reason) => assembler.webSocketClose(id, { by, code, reason }),
    });
    socket.once('close', () => assembler.abort(id, refused ? REFUSAL_CUT : NOT_ACCEPTED));
  }

  /** `start`, with the previous request on its HTTP/1 connection (pipelined requests keep their order). */
  private inConnectionOrder(req: ProxiedRequest, start: RequestStart): RequestStart {
    const socket = req.socket as object | undefined;
    if (!socket || req.httpVersionMajor >= 2) return start;
    const after = this.lastOnConnection.get(socket);
    this.lastOnConnection.set(socket, start.id);
    if (after !== undefined) start.after = after;
    return start;
  }

  /** The request as recorded: pseudo-headers dropped, and in reverse mode the Host sent upstream. */
  private requestStart(req: ProxiedRequest, id: string, url: string): RequestStart {
    const reverse = this.options.mode.kind === 'reverse';
    const headers: Header[] = [];
    let hasBody = false;
    for (const [name, value] of req.rawHeaders) {
      if (name.startsWith(':')) continue;
      const lower = name.toLowerCase();
      if (lower === 'content-length' || lower === 'transfer-encoding') hasBody = true;
      headers.push([name, reverse && lower === 'host' ? this.targetHost : value]);
    }
    return {
      id,
      method: req.method ?? 'GET',
      url,
      httpVersion: req.httpVersionMajor >= 2 ? '2' : req.httpVersion,
      headers,
      startTime: req.timingEvents.startTime,
      startMark: req.timingEvents.startTimestamp,
      hasBody,
    };
  }

  /** The URL as sent upstream: in reverse mode the client's path on the target's origin. */
  upstreamUrl(clientUrl: string): string {
    if (this.options.mode.kind !== 'reverse') return clientUrl;
    const pathStart = clientUrl.indexOf('/', clientUrl.indexOf('//') + 2);
    const path = pathStart === -1 ? '/' : clientUrl.slice(pathStart);
    const target = this.options.mode.target;
    return clientUrl.startsWith('ws') ? `${target.replace(/^http/, 'ws')}${path}` : `${target}${path}`;
  }

  onTimeout(id: string, verdict: 'first-byte' | 'idle'): void {
    const flight = this.flights.get(id);
    if (!flight) return;
    if (verdict === 'first-byte' && !flight.res.headersSent) {
      const failure = firstByteTimeout(this.options.timeouts.firstByteMs);
      this.assembler.fail(id, failure, true);
      replyGatewayTimeout(flight.req, flight.res, failure, flight.url);
    } else {
      const failure = idleTimeout(this.options.timeouts.idleMs);
      this.assembler.fail(id, failure, false);
      this.assembler.abort(id, failure);
      flight.res.destroy();
    }
  }
}

/**
 * An HTTP/1 request without Content-Length or Transfer-Encoding has no body (RFC 9112 6.3), nor has
 * one with `Content-Length: 0`. (HTTP/2 marks the end of a body in framing, so it is always tapped.)
 */
function isBodiless(req: ProxiedRequest): boolean {
  if (req.httpVersionMajor >= 2 || req.headers['transfer-encoding'] !== undefined) return false;
  const length = req.headers['content-length'];
  return length === undefined || length === '0';
}

function headerOf(headers: ReadonlyArray<[string, string]>, name: string): string {
  return headers.find(([key]) => key.toLowerCase() === name)?.[1] ?? '';
}
