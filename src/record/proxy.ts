// The capture stage's mockttp adapter (the only file that imports mockttp): starts a reverse or
// forward proxy on loopback and yields each finished exchange, assembled by mockttp's request id.
//
// What comes from where: request and response heads and bodies are observed on the request and
// response objects mockttp hands its HTTP server (session.ts, downstream.ts), because mockttp's
// body events either buffer whole bodies (`request`/`response`) or copy every chunk
// (`*-body-data`; about 110 MB more peak RSS with 20 concurrent 50 MB downloads); mockttp's own
// events give aborts, TLS client errors, and a WebSocket's acceptance, messages and close.
import type { Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import type { Server, Socket } from 'node:net';
import * as mockttp from 'mockttp';
import { redactUrl } from '../cassette/redact.js';
import { ApitapeError } from '../errors.js';
import { httpUrl, isLoopback } from './address.js';
import { ExchangeAssembler, type CapturedExchange } from './assembler.js';
import type { BodyLimits } from './body-capture.js';
import { Channel } from './channel.js';
import { recordedHeaders, type ProxiedRequest, type ProxiedResponse } from './downstream.js';
import type { ExchangeFilter } from './filter.js';
import { clientAborted, recordingStopped } from './gateway.js';
import { Session } from './session.js';
import { isLoopConnection, type SocketEnds } from './socket-loop.js';
import { DEFAULT_HEADERS_TIMEOUT_MS, type TimeoutLimits } from './timeouts.js';
import type { WebSocketLimits } from './websocket.js';

/** Reverse (every request to one origin) or forward (a regular proxy, HTTPS intercepted). */
export type ProxyMode =
  | { kind: 'reverse'; /** Origin every request goes to, e.g. `https://staging.example.com`. */ target: string }
  | { kind: 'forward'; /** PEM pair that signs the certificates of intercepted HTTPS hosts. */ ca: { cert: string; key: string } };

/** Everything `startProxy` needs, resolved and validated by the caller. */
export interface ProxyOptions {
  mode: ProxyMode;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Accept clients from other machines (otherwise they are disconnected on arrival). */
  allowRemote: boolean;
  limits: BodyLimits;
  timeouts: TimeoutLimits;
  filter: ExchangeFilter;
  /** Skip upstream TLS verification. */
  insecure: boolean;
  /** Extra PEM certificates trusted for upstream TLS. */
  upstreamCAs: string[];
  /** What is kept of each WebSocket's messages (default `DEFAULT_WEBSOCKET_LIMITS`). */
  webSocketLimits?: WebSocketLimits;
  onWarning?: (message: string) => void;
}

/** A running proxy. */
export interface RecordingProxy {
  /** `http://127.0.0.1:<port>`: the base URL (reverse mode) or proxy URL (forward mode). */
  readonly url: string;
  readonly port: number;
  /** Every recorded exchange, in completion order; ends after `stop()`. Must be consumed: the next
   * exchange is assembled only once the consumer's loop has finished with the previous one. */
  readonly exchanges: AsyncIterable<CapturedExchange>;
  /** Recorded exchanges still in flight. */
  readonly inFlight: number;
  /**
   * Stops accepting, waits up to `graceMs` for exchanges in flight (open WebSockets excepted), cuts
   * the rest, and shuts down (mockttp destroys every client connection, upgraded ones included).
   */
  stop(graceMs: number): Promise<void>;
}

const MOCKTTP_BODY_BUFFER = 64 * 1024;
/** Malformed requests named one by one on stderr; past this, one line says more follow. */
const MAX_CLIENT_ERROR_LINES = 20;

/** The host the next mockttp start binds to; read synchronously when its server is created. */
let nextBindHost: string | undefined;
patchComboServerListen();
patchLoopDetection();

/** Starts the proxy; rejects with an `ApitapeError` when the address cannot be bound. */
export async function startProxy(options: ProxyOptions): Promise<RecordingProxy> {
  const server = mockttp.getLocal({
    recordTraffic: false,
    maxBodySize: MOCKTTP_BODY_BUFFER,
    suggestChanges: false,
    cors: false,
    ...(options.mode.kind === 'forward' ? { https: { cert: options.mode.ca.cert, key: options.mode.ca.key } } : {}),
  });
  await listen(server, options);
  quietMockttpConsole();
  const net = (server as unknown as { server: Server }).server;
  guardRemoteClients(net, options);
  const headerTimeout = enforceHeaderTimeout(net, options.timeouts.headersMs ?? DEFAULT_HEADERS_TIMEOUT_MS, options.onWarning);
  const channel = new Channel<CapturedExchange>();
  const assembler = new ExchangeAssembler({
    limits: options.limits,
    filter: options.filter,
    emit: (ex) => channel.push(ex),
    ...(options.webSocketLimits ? { webSocketLimits: options.webSocketLimits } : {}),
    onError: (error, url) => options.onWarning?.(`could not record ${url}: ${(error as Error).message}`),
  });
  const session = new Session(options, assembler);
  net.on('request', (req: ProxiedRequest, res: ProxiedResponse) => session.onRequest(req, res));
  net.on('upgrade', (req: ProxiedRequest, socket: Socket) => session.onUpgrade(req, socket));
  try {
    await subscribe(server, session);
    await addRules(server, options);
  } catch (error) {
    headerTimeout.stop();
    session.watchdog.stop();
    await server.stop().catch(() => undefined); // never leave a half-set-up proxy listening
    throw error;
  }
  const port = server.port;
  return {
    url: httpUrl(options.host, port),
    port,
    exchanges: channel,
    get inFlight() {
      return assembler.inFlight;
    },
    stop: async (graceMs) => {
      net.close();
      headerTimeout.stop();
      await waitFor(() => assembler.inFlight === assembler.openWebSockets, graceMs); // an open WebSocket does not end by itself: it is cut
      assembler.cutAll(recordingStopped);
      await server.stop().catch(() => server.reset());
      session.watchdog.stop();
      await assembler.drained();
      channel.close();
    },
  };
}

async function subscribe(server: mockttp.Mockttp, session: Session): Promise<void> {
  const { assembler, watchdog } = session;
  const warnedTls = new Set<string>();
  await server.on('tls-client-error', (failure) => {
    if (failure.failureCause !== 'cert-rejected' && failure.failureCause !== 'closed' && failure.failureCause !== 'reset') return;
    const host = failure.tlsMetadata.sniHostname ?? failure.destination?.hostname ?? 'a host';
    if (warnedTls.has(host)) return;
    warnedTls.add(host);
    session.warn(
      `a client closed the TLS connection to ${host} (${failure.failureCause}): it probably does not trust the apitape CA; ` +
        'see `apitape ca` (this is shown once per host)',
    );
  });
  let clientErrors = 0;
  await server.on('client-error', (failure) => {
    clientErrors += 1;
    if (clientErrors > MAX_CLIENT_ERROR_LINES) {
      if (clientErrors === MAX_CLIENT_ERROR_LINES + 1) session.warn('more malformed requests follow; they are not shown one by one');
      return;
    }
    session.warn(describeClientError(failure));
  });
  await server.on('abort', (req) => {
    watchdog.forget(req.id);
    const hasResponse = req.timingEvents.headersSentTimestamp !== undefined;
    assembler.abort(req.id, clientAborted(hasResponse, req.error?.message));
  });
  await subscribeWebSockets(server, assembler);
}

/**
 * The WebSocket side of mockttp's events, joined by request id: the 101 head, each data message
 * (mockttp's `received` is what the client sent, its `sent` what the client received) and the clean
 * close that completes the exchange. An unclean close comes as `abort`; pings, pongs and which side
 * closed first come from the socket hooks in session.ts.
 */
async function subscribeWebSockets(server: mockttp.Mockttp, assembler: ExchangeAssembler): Promise<void> {
  await server.on('websocket-accepted', (res) => {
    assembler.acceptWebSocket(res.id, {
      status: res.statusCode,
      statusText: res.statusMessage ?? '',
      httpVersion: '1.1',
      headers: recordedHeaders(res.rawHeaders as Array<[string, string]>),
      mark: res.timingEvents.wsAcceptedTimestamp ?? performance.now(),
    });
  });
  const onMessage = (message: mockttp.WebSocketMessage) =>
    assembler.webSocketMessage(message.streamId, {
      direction: message.direction === 'received' ? 'sent' : 'received',
      opcode: message.isBinary ? 2 : 1,
      payload: message.content,
      mark: message.eventTimestamp,
    });
  await server.on('websocket-message-received', onMessage);
  await server.on('websocket-message-sent', onMessage);
  await server.on('websocket-close', (close) => assembler.endWebSocket(close.streamId, { ...(close.closeCode !== undefined ? { code: close.closeCode } : {}), reason: close.closeReason }));
}

/**
 * One line for a request the proxy could not parse (mockttp answered it or closed the connection;
 * nothing went upstream): what went wrong, and a short, redacted preview of the request line.
 */
function describeClientError(failure: mockttp.ClientError): string {
  const code = failure.errorCode ?? 'unknown error';
  const what =
    code === 'HPE_HEADER_OVERFLOW'
      ? 'request headers too large'
      : code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'request head not complete within --header-timeout'
        : 'malformed request';
  const target = failure.request.url ?? failure.request.path;
  // control characters from a client's bytes must not reach (and drive) the terminal
  const line = [failure.request.method, target === undefined ? undefined : redactUrl(target)].filter(Boolean).join(' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  const preview = line.length > 120 ? `${line.slice(0, 120)}…` : line;
  const answer = failure.response === 'aborted' ? 'connection closed' : `answered ${failure.response.statusCode}`;
  return `${what} from a client (${code})${preview ? `: ${preview}` : ''}; ${answer}, nothing sent upstream`;
}

async function addRules(server: mockttp.Mockttp, options: ProxyOptions): Promise<void> {
  const passthrough = {
    ...(options.insecure ? { ignoreHostHttpsErrors: true } : {}),
    ...(options.upstreamCAs.length > 0 ? { additionalTrustedCAs: options.upstreamCAs.map((cert) => ({ cert })) } : {}),
  };
  if (options.mode.kind === 'reverse') {
    await server.forAnyRequest().thenForwardTo(options.mode.target, passthrough);
    await server.forAnyWebSocket().thenForwardTo(options.mode.target.replace(/^http/, 'ws'), passthrough);
  } else {
    await server.forAnyRequest().thenPassThrough(passthrough);
    await server.forAnyWebSocket().thenPassThrough(passthrough);
  }
}

async function listen(server: mockttp.Mockttp, options: ProxyOptions): Promise<void> {
  try {
    nextBindHost = options.host;
    const started = server.start(options.port); // creates its server synchronously, before any await
    nextBindHost = undefined;
    await started;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = `${options.host}:${options.port}`;
    if (code === 'EADDRINUSE') {
      throw new ApitapeError('PORT_IN_USE', `port ${options.port} on ${options.host} is already in use`, {
        cause: error,
        hint: 'pick another with --port, or --port 0 for any free port',
      });
    }
    throw new ApitapeError('LISTEN_FAILED', `cannot listen on ${where}: ${(error as Error).message}`, { cause: error, exit: code === 'EADDRNOTAVAIL' ? 2 : 3 });
  }
  const address = (server as unknown as { server: Server }).server.address();
  const bound = typeof address === 'object' && address ? address.address : '';
  if (!options.allowRemote && !isLoopback(bound)) {
    await server.stop();
    throw new ApitapeError('BIND_NOT_LOOPBACK', `the proxy ended up listening on "${bound}" instead of ${options.host}`, {
      exit: 3,
      hint: 'this mockttp version ignores the bind address; refusing to run an open proxy',
    });
  }
}

/**
 * Makes Node's HTTP/1 server enforce a header timeout (slowloris: a client that sends its request
 * head a byte at a time gets a 400 and is closed). Node checks `headersTimeout` only on servers that
 * listen themselves; mockttp's inner HTTP/1 server is handed sockets by httpolyglot and never does,
 * so its connection tracking is started here the way `listen` would start it (Node's own listener
 * for 'listening'). The whole-request timeout stays off: a long upload is no attack. If a mockttp or
 * Node update moves these, the recorder says so and runs without the guard.
 */
function enforceHeaderTimeout(net: Server, ms: number, onWarning?: (message: string) => void): { stop(): void } {
  if (ms <= 0) return { stop: () => undefined };
  const http1 = (net as unknown as { _httpServer?: HttpServer & { connectionsCheckingInterval: number } })._httpServer;
  const track = http1?.listeners('listening').find((listener) => listener.name === 'setupConnectionsTracking');
  if (!http1 || !track) {
    onWarning?.('this mockttp version hides its HTTP server: --header-timeout is not enforced');
    return { stop: () => undefined };
  }
  http1.headersTimeout = ms;
  http1.requestTimeout = 0;
  http1.connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(ms / 4)));
  (track as (this: HttpServer) => void).call(http1);
  return { stop: () => void http1.close(() => undefined) }; // clears Node's checking interval (it never listened)
}

/** Disconnects clients that are not on this machine, unless remote clients are allowed. */
function guardRemoteClients(net: Server, options: ProxyOptions): void {
  if (options.allowRemote) return;
  net.on('connection', (socket: Socket) => {
    if (socket.remoteAddress !== undefined && !isLoopback(socket.remoteAddress)) socket.destroy();
  });
}

/**
 * mockttp listens on every interface (mockttp issue #182). Its `start()` calls `createComboServer`
 * synchronously, then `listen(port)` on the server it returns; the wrapper adds the host to that
 * call. (An AsyncLocalStorage would carry the host more elegantly, but turns on promise hooks for
 * the whole process, a cost on every promise mockttp makes.) The module object is shared with
 * mockttp, which looks the function up at call time; if a mockttp update breaks this, the address
 * check after `start()` refuses to run an open proxy.
 */
function patchComboServerListen(): void {
  const require = createRequire(import.meta.url);
  const combo = require('mockttp/dist/server/http-combo-server') as { createComboServer: (...a: unknown[]) => Promise<Server> };
  const original = combo.createComboServer;
  combo.createComboServer = async (...args: unknown[]) => {
    const host = nextBindHost;
    const server = await original(...args);
    if (host !== undefined) {
      const listen = server.listen;
      server.listen = ((port: number) => (listen as (...a: unknown[]) => Server).call(server, port, host)) as Server['listen'];
    }
    return server;
  };
}

/**
 * mockttp refuses a request as a loop when the client's address and port equal the local end of one
 * of its own upstream connections; on loopback that also happens by chance (socket-loop.ts), which
 * answered some requests with a 500 under load. Its three call sites look the check up on the
 * module at call time; the replacement also compares the other end of the connection.
 */
function patchLoopDetection(): void {
  const require = createRequire(import.meta.url);
  const sockets = require('mockttp/dist/util/socket-util') as { isSocketLoop: (outgoing: Set<SocketEnds>, incoming: SocketEnds) => boolean };
  sockets.isSocketLoop = isLoopConnection;
}

let consoleQuieted = false;

/**
 * mockttp prints "Failed to handle request: …" for every upstream failure, sometimes after the proxy
 * has stopped, and "Unexpected websocket response from …" on stdout for every refused WebSocket
 * upgrade; the recorder reports those itself (one line per exchange, with the status or reason), so
 * those two messages are dropped from the first proxy start on. Everything else reaches the console.
 */
function quietMockttpConsole(): void {
  if (consoleQuieted) return;
  consoleQuieted = true;
  const error = console.error;
  console.error = (...args: unknown[]) => {
    if (args[0] === 'Failed to handle request:') return;
    error(...args);
  };
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('Unexpected websocket response from ')) return;
    log(...args);
  };
}

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** Generates a CA certificate and key (PEM) for intercepting HTTPS; used once per install. */
export async function generateCaPair(commonName: string): Promise<{ cert: string; key: string }> {
  const pair = await mockttp.generateCACertificate({ subject: { commonName, organizationName: 'apitape' }, bits: 2048 });
  return { cert: pair.cert, key: pair.key };
}

/**
 * A server certificate for `hostname` signed by a fresh throwaway CA, for local HTTPS servers in the
 * demo and tests (the CA certificate is what a client or `--upstream-ca` trusts).
 */
export async function issueServerCertificate(hostname: string): Promise<{ caCert: string; cert: string; key: string }> {
  const ca = await mockttp.generateCACertificate({ subject: { commonName: `apitape local CA for ${hostname}`, organizationName: 'apitape' }, bits: 2048 });
  const require = createRequire(import.meta.url);
  const { getCA } = require('mockttp/dist/util/certificates') as {
    getCA(options: { cert: string; key: string }): Promise<{ generateCertificate(domain: string): Promise<{ cert: string; key: string }> }>;
  };
  const issued = await (await getCA({ cert: ca.cert, key: ca.key })).generateCertificate(hostname);
  return { caCert: ca.cert, cert: issued.cert, key: issued.key };
}
