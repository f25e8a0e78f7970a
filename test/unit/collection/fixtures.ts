// Builders for the collection tests: exchanges of a small API, and endpoints inferred from them.
import { inferEndpoints, findEndpoint } from '../../../src/assertions/infer.js';
import type { Endpoint } from '../../../src/assertions/types.js';
import type { Body, Exchange, Header } from '../../../src/cassette/types.js';
import type { Step } from '../../../src/collection/steps.js';
import { jsonBody, makeExchange } from '../../helpers/exchange.js';

export const API = 'https://api.example.com';

export interface CallSpec {
  method?: string;
  path: string;
  requestHeaders?: Header[];
  requestBody?: unknown;
  status?: number;
  body?: unknown;
  responseHeaders?: Header[];
  durationMs?: number;
  origin?: string;
}

/** One exchange: JSON in and out unless `body` is a ready `Body` (kind set). */
export function call(spec: CallSpec, index = 0): Exchange {
  const requestBody: Body = spec.requestBody === undefined ? { kind: 'none' } : jsonBody(spec.requestBody);
  const responseBody: Body =
    spec.body === undefined ? { kind: 'none' } : isBody(spec.body) ? spec.body : jsonBody(spec.body);
  return makeExchange({
    id: String(index).padStart(6, '0'),
    durationMs: spec.durationMs ?? 20,
    request: {
      method: spec.method ?? 'GET',
      url: `${spec.origin ?? API}${spec.path}`,
      headers: [...(spec.requestBody === undefined ? [] : [['content-type', 'application/json'] as Header]), ...(spec.requestHeaders ?? [])],
      body: requestBody,
    },
    response: {
      status: spec.status ?? 200,
      headers: spec.body === undefined ? [...(spec.responseHeaders ?? [])] : [['content-type', 'application/json; charset=utf-8'], ...(spec.responseHeaders ?? [])],
      body: responseBody,
    },
  });
}

function isBody(value: unknown): value is Body {
  return typeof value === 'object' && value !== null && 'kind' in value && typeof (value as { kind: unknown }).kind === 'string';
}

export function calls(specs: CallSpec[]): Exchange[] {
  return specs.map((s, i) => call(s, i));
}

/** Steps for exchanges, one each, with endpoints inferred from them (no collapsing). */
export function stepsOf(exchanges: Exchange[]): Step[] {
  const endpoints = inferEndpoints(exchanges);
  return exchanges.map((exchange) => ({ flow: 0, exchange, endpoint: lookup(endpoints, exchange), occurrences: 1 }));
}

export function lookup(endpoints: Endpoint[], exchange: Exchange): Endpoint {
  const found = findEndpoint(endpoints, exchange.request.method, exchange.request.url);
  if (!found) throw new Error(`no endpoint for ${exchange.request.method} ${exchange.request.url}`);
  return found.endpoint;
}

export const TOKEN = '<redacted:access_token:a1b2c3>';
export const BEARER = 'Bearer <redacted:authorization:a1b2c3>';
export const USER_ID = '8f14e45f-ceea-467a-9b3c-2f8e1d6b7a90';
export const USER_ID_2 = '0b6a2c1e-5d7f-4e8a-9c3b-1a2b3c4d5e6f';

/** Log in, create a user, read it, update it, read it again, create an order, read it, delete the user. */
export function crudExchanges(): Exchange[] {
  const user = { id: USER_ID, name: 'Ada', email: 'ada@example.com', createdAt: '2026-01-01T00:00:00.000Z' };
  const auth: Header[] = [['authorization', BEARER]];
  return calls([
    { method: 'POST', path: '/auth/login', requestBody: { username: 'demo', password: '<redacted:password:0f0f0f>' }, body: { access_token: TOKEN, token_type: 'Bearer', expires_in: 3600 } },
    { path: '/users?page=1', requestHeaders: auth, body: { data: [], page: 1, total: 0 } },
    { method: 'POST', path: '/users', requestHeaders: auth, requestBody: { name: 'Ada', email: 'ada@example.com' }, status: 201, body: user, responseHeaders: [['location', `/users/${USER_ID}`]] },
    { path: `/users/${USER_ID}`, requestHeaders: auth, body: user },
    { method: 'PUT', path: `/users/${USER_ID}`, requestHeaders: auth, requestBody: { name: 'Ada L.' }, body: { ...user, name: 'Ada L.' } },
    { method: 'POST', path: `/users/${USER_ID}/orders`, requestHeaders: auth, requestBody: { items: [{ sku: 'sku-1', qty: 2 }] }, status: 201, body: { id: 4242, userId: USER_ID, total: 25 } },
    { path: '/orders/4242', requestHeaders: auth, body: { id: 4242, userId: USER_ID, total: 25 } },
    { method: 'DELETE', path: `/users/${USER_ID}`, requestHeaders: auth, status: 204 },
  ]);
}
