// The mock server: mockttp rules, one per recorded route (method + path template, most specific
// first), answering from the cassette; unmatched requests get a 404 listing the closest routes, or
// are passed through to a fallback API and reported so the caller can record them.
import { getLocal, type CompletedRequest, type Mockttp } from 'mockttp';
import { redactUrl } from '../cassette/redact.js';
import type { Exchange, Header } from '../cassette/types.js';
import { ApitapeError } from '../errors.js';
import { setOwnProperty } from '../own-property.js';
import { exchangeFromTraffic } from './capture.js';
import { unmatchedBody } from './closest.js';
import { startOnHost } from './loopback.js';
import { replyFor, type MockReply } from './reply.js';
import { findRoute, type MockRoute } from './routes.js';
import { sampleKey, selectSample, type IncomingRequest } from './select.js';

/** One request the mock handled, for the log. */
export interface MockEvent {
  method: string;
  /** Path and query as requested. */
  path: string;
  status: number;
  outcome: 'replayed' | 'unmatched' | 'forwarded';
  /** `cassette#id` of the replayed sample. */
  sample?: string;
}

export interface MockServerOptions {
  routes: MockRoute[];
  /** 0 picks a free port. */
  port: number;
  /** Loopback address to bind; default 127.0.0.1. */
  host?: string;
  /** Base URL (`https://api.example.com[/prefix]`) unmatched requests are forwarded to. */
  fallback?: URL;
  /** Called with each exchange forwarded to the fallback (for `--record`). */
  onForwarded?: (exchange: Omit<Exchange, 'id'>) => void;
  onEvent?: (event: MockEvent) => void;
}

export interface RunningMock {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts the mock on loopback and resolves once its rules are in place. */
export async function startMockServer(options: MockServerOptions): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  const server = getLocal({ recordTraffic: false, cors: false });
  const address = await startOnHost(host, () => server.start(options.port)).catch((error: unknown) => {
    throw listenError(error, host, options.port);
  });
  try {
    const served = new Map<string, number>();
    const replies = new Map<string, MockReply>();
    const routeOf = routeLookup(options.routes);
    for (const route of options.routes) {
      await server
        .forAnyRequest()
        .matching((req) => routeOf(req) === route)
        .always()
        .thenCallback(async (req) => replyFromRoute(route, req, { served, replies }, options.onEvent));
    }
    if (options.fallback) await forwardUnmatched(server, options.fallback, options);
    else await server.forUnmatchedRequest().thenCallback((req) => notFound(options.routes, req, options.onEvent));
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: `http://${host}:${address.port}`, port: address.port, stop: () => server.stop() };
}

/** The route of a request, computed once per request however many rules ask (one rule per route). */
function routeLookup(routes: MockRoute[]): (req: CompletedRequest) => MockRoute | undefined {
  const cache = new WeakMap<CompletedRequest, MockRoute | null>();
  return (req) => {
    let route = cache.get(req);
    if (route === undefined) {
      route = findRoute(routes, req.method, new URL(req.url).pathname) ?? null;
      cache.set(req, route);
    }
    return route ?? undefined;
  };
}

/** What the route callbacks share: how often each sample was served, and replies already encoded. */
interface ReplayState {
  served: Map<string, number>;
  /** `cassette#id accept-encoding` → reply; a sample's reply is encoded once, not per request. */
  replies: Map<string, MockReply>;
}

async function replyFromRoute(route: MockRoute, req: CompletedRequest, state: ReplayState, onEvent: MockServerOptions['onEvent']) {
  const url = new URL(req.url);
  const incoming: IncomingRequest = {
    method: req.method,
    path: url.pathname,
    query: [...url.searchParams],
    body: (await req.body.getDecodedBuffer().catch(() => undefined)) ?? req.body.buffer,
  };
  const sample = selectSample(route, incoming, state.served);
  const accept = req.rawHeaders.find(([name]) => name.toLowerCase() === 'accept-encoding')?.[1];
  const key = `${sampleKey(sample)} ${accept ?? '(none)'}`;
  let reply = state.replies.get(key);
  if (!reply) state.replies.set(key, (reply = replyFor(sample.exchange.response!, accept, sampleKey(sample))));
  onEvent?.({ method: req.method, path: redactUrl(url.pathname + url.search), status: reply.status, outcome: 'replayed', sample: sampleKey(sample) });
  return toCallbackResult(reply);
}

function notFound(routes: MockRoute[], req: CompletedRequest, onEvent: MockServerOptions['onEvent']) {
  const url = new URL(req.url);
  onEvent?.({ method: req.method, path: redactUrl(url.pathname + url.search), status: 404, outcome: 'unmatched' });
  return {
    statusCode: 404,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-apitape-mock': 'unmatched' },
    body: `${JSON.stringify(unmatchedBody(routes, req.method, url.pathname), null, 2)}\n`,
  };
}

/** Passes unmatched requests through to `fallback`, reporting each exchange once its response arrived. */
async function forwardUnmatched(server: Mockttp, fallback: URL, options: MockServerOptions): Promise<void> {
  const prefix = fallback.pathname.replace(/\/+$/, '');
  await server.forUnmatchedRequest().thenPassThrough({
    transformRequest: {
      setProtocol: fallback.protocol === 'https:' ? 'https' : 'http',
      replaceHost: { targetHost: fallback.host, updateHostHeader: true },
      ...(prefix ? { matchReplacePath: [[/^\//, `${prefix}/`]] as Array<[RegExp, string]> } : {}),
    },
    beforeResponse: (response, request) => {
      const url = new URL(request.url);
      options.onEvent?.({ method: request.method, path: redactUrl(url.pathname + url.search), status: response.statusCode, outcome: 'forwarded' });
      const upstream = `${fallback.origin}${prefix}${url.pathname}${url.search}`;
      options.onForwarded?.(exchangeFromTraffic(request, response, upstream, performance.now()));
    },
  });
}

function toCallbackResult(reply: MockReply) {
  return {
    statusCode: reply.status,
    ...(reply.statusText ? { statusMessage: reply.statusText } : {}),
    headers: headerObject(reply.headers),
    rawBody: reply.body,
  };
}

/** An ordered header list as Node's header object (repeated names become arrays, first casing kept). */
function headerObject(headers: readonly Header[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const names = new Map<string, string>();
  for (const [name, value] of headers) {
    const key = names.get(name.toLowerCase()) ?? name;
    names.set(name.toLowerCase(), key);
    const existing = Object.hasOwn(out, key) ? out[key] : undefined;
    setOwnProperty(out, key, existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value]);
  }
  return out;
}

function listenError(error: unknown, host: string, port: number): ApitapeError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new ApitapeError('PORT_IN_USE', `port ${port} on ${host} is already in use`, {
      cause: error,
      hint: 'pick another with --port, or --port 0 for any free port',
    });
  }
  return new ApitapeError('LISTEN_FAILED', `cannot listen on ${host}:${port}: ${(error as Error).message}`, { cause: error, exit: 3 });
}
