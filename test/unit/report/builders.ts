// Builders for compare/report tests: hand-made endpoint models and replayed runs.
import type { Endpoint, FieldEvidence, ResponseModel } from '../../../src/assertions/types.js';
import type { Header } from '../../../src/cassette/types.js';
import type { ReplayedRequest, RunResult } from '../../../src/replay/types.js';
import { jsonBody } from '../../helpers/exchange.js';

/** Evidence for one field: present in every one of `samples` samples, a single type, not volatile. */
export function field(pointer: string, types: string[], overrides: Partial<FieldEvidence> = {}): FieldEvidence {
  return { pointer, types, present: 3, of: 3, nulls: 0, distinct: 3, distinctCapped: false, volatile: true, ...overrides };
}

/** A 200 JSON response model with the given fields (plus the root object). */
export function responseModel(fields: FieldEvidence[], overrides: Partial<ResponseModel> = {}): ResponseModel {
  return {
    status: 200,
    samples: 3,
    contentTypes: ['application/json'],
    bodyKinds: ['json'],
    size: { min: 10, max: 100 },
    latency: { p50: 10, p95: 20, max: 25 },
    schema: { type: 'object' },
    fields: [field('', ['object'], { volatile: false, distinct: 0 }), ...fields].sort((a, b) => (a.pointer < b.pointer ? -1 : 1)),
    headers: {},
    ...overrides,
  };
}

/** `GET https://api.example.com/orders/:orderId` with one response model. */
export function endpoint(responses: ResponseModel[], overrides: Partial<Endpoint> = {}): Endpoint {
  const method = overrides.method ?? 'GET';
  const origin = overrides.origin ?? 'https://api.example.com';
  const template = overrides.template ?? '/orders/:orderId';
  return {
    key: `${method} ${origin}${template}`,
    method,
    origin,
    template,
    pathParams: [],
    queryParams: [],
    samples: responses.reduce((n, r) => n + r.samples, 0),
    responses,
    ...overrides,
  };
}

export interface ReplayedOverrides {
  method?: string;
  url?: string;
  status?: number;
  body?: unknown;
  headers?: Header[];
  durationMs?: number;
  assertions?: ReplayedRequest['assertions'];
}

/** A replayed request that got a JSON response. */
export function replayed(index: number, overrides: ReplayedOverrides = {}): ReplayedRequest {
  return {
    index,
    iteration: 0,
    itemId: `item-${index}`,
    itemName: `Request ${index}`,
    itemPath: ['Flow'],
    request: { method: overrides.method ?? 'GET', url: overrides.url ?? 'https://prod.example.com/orders/7', httpVersion: '1.1', headers: [], body: { kind: 'none' } },
    response: {
      status: overrides.status ?? 200,
      statusText: 'OK',
      httpVersion: '1.1',
      headers: overrides.headers ?? [['content-type', 'application/json; charset=utf-8']],
      body: jsonBody(overrides.body ?? {}),
    },
    timings: { startedAt: '2026-01-01T00:00:00.000Z', durationMs: overrides.durationMs ?? 15 },
    assertions: overrides.assertions ?? [],
  };
}

/** A run holding `requests`. */
export function runOf(requests: ReplayedRequest[], overrides: Partial<RunResult> = {}): RunResult {
  const assertions = requests.flatMap((r) => r.assertions);
  return {
    apitape: 'run',
    formatVersion: 1,
    collection: { name: 'Orders' },
    environment: { name: 'prod' },
    cassettes: ['orders'],
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1234,
    requests,
    errors: [],
    stats: {
      requests: requests.length,
      failedRequests: requests.filter((r) => r.response === null).length,
      assertions: assertions.length,
      failedAssertions: assertions.filter((a) => !a.passed && !a.skipped).length,
      skippedAssertions: assertions.filter((a) => a.skipped).length,
      errors: 0,
    },
    ...overrides,
  };
}
