// Saved example responses (Postman's `response[]` on an item): one recorded response per status the
// endpoint answered, redacted as recorded, so the collection shows real request/response pairs.
import { STATUS_CODES } from 'node:http';
import type { Endpoint } from '../assertions/types.js';
import type { Body, Exchange } from '../cassette/types.js';
import { exampleBody, type ExampleBody } from './example-body.js';
import type { PostmanRequest } from './request.js';
import type { RecordedFlow } from './types.js';

/** The request beside a saved example: as the collection sends it, its URL in the short string form v2.1 allows. */
export interface ExampleRequest {
  method: string;
  header: PostmanRequest['header'];
  body?: PostmanRequest['body'];
  url: string;
}

/** A saved example in Postman v2.1 shape; keys in this order in the written file. */
export interface PostmanExample {
  name: string;
  originalRequest: ExampleRequest;
  status: string;
  code: number;
  _postman_previewlanguage: string;
  header: Array<{ key: string; value: string }>;
  cookie: [];
  body: string;
}

/** endpoint key → status → the first recorded exchange that got it. */
export type ExampleIndex = Map<string, Map<number, Exchange>>;

/** Response headers that describe the wire, not the body shown (which is decoded and maybe trimmed). */
const WIRE_HEADERS = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'trailer', 'upgrade']);

/**
 * Saved examples show bodies up to 2 KB whole, in their recorded (compact) form, which Postman
 * pretty-prints: a collection stays a reviewable size when every request carries its examples.
 */
export const EXAMPLE_LIMIT = 2 * 1024;

/** Shown bodies by recorded body: a response is the example of every request of its endpoint. */
const shownBodies = new WeakMap<Body, ExampleBody>();

/** Indexes the first exchange of every endpoint and status, in recorded order across the flows. */
export function indexExamples(flows: readonly RecordedFlow[], lookup: (method: string, url: string) => Endpoint | undefined): ExampleIndex {
  const index: ExampleIndex = new Map();
  for (const flow of flows) {
    for (const exchange of flow.exchanges) {
      if (!exchange.response) continue;
      const endpoint = lookup(exchange.request.method, exchange.request.url);
      if (!endpoint) continue;
      const byStatus = index.get(endpoint.key) ?? new Map<number, Exchange>();
      if (!byStatus.has(exchange.response.status)) byStatus.set(exchange.response.status, exchange);
      index.set(endpoint.key, byStatus);
    }
  }
  return index;
}

/**
 * The exchanges to show for a request standing for `own`: `own` for its status, and the first
 * recorded exchange for every other status of `endpoint`, sorted by status.
 */
export function exampleExchanges(own: Exchange, endpoint: Endpoint, index: ExampleIndex): Exchange[] {
  const byStatus = index.get(endpoint.key);
  const statuses = [...new Set([...endpoint.responses.map((r) => r.status), own.response?.status ?? 0])].sort((a, b) => a - b);
  return statuses.flatMap((status) => {
    const exchange = status === own.response?.status ? own : byStatus?.get(status);
    return exchange?.response ? [exchange] : [];
  });
}

/** The saved example of `exchange` (which has a response); `request` is its request as the collection sends it. */
export function buildExample(exchange: Exchange, request: PostmanRequest): { example: PostmanExample; note?: string } {
  const response = exchange.response!;
  const body = shownBodies.get(response.body) ?? exampleBody(response.body, response.headers, { limit: EXAMPLE_LIMIT });
  shownBodies.set(response.body, body);
  const statusText = STATUS_CODES[response.status] ?? response.statusText;
  const originalRequest: ExampleRequest = {
    method: request.method,
    header: request.header,
    ...(request.body ? { body: request.body } : {}),
    url: request.url.raw,
  };
  const example: PostmanExample = {
    name: `${response.status}${statusText ? ` ${statusText}` : ''}${body.note ? (body.text === '' ? ' (body left out)' : ' (trimmed)') : ''}`,
    originalRequest,
    status: statusText,
    code: response.status,
    _postman_previewlanguage: body.language,
    header: response.headers.filter(([name]) => !WIRE_HEADERS.has(name.toLowerCase())).map(([key, value]) => ({ key, value })),
    cookie: [],
    body: body.text,
  };
  return body.note ? { example, note: body.note } : { example };
}
