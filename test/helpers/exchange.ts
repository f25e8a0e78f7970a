// Builders for Exchange values in tests: `makeExchange({ response: { status: 404 } })`.
import type { Body, Exchange, RecordedRequest, RecordedResponse } from '../../src/cassette/types.js';

export interface ExchangeOverrides {
  id?: string;
  request?: Partial<RecordedRequest>;
  response?: Partial<RecordedResponse> | null;
  failure?: Exchange['failure'];
  durationMs?: number;
  startedAt?: string;
}

export function jsonBody(value: unknown): Body {
  const text = JSON.stringify(value);
  return { kind: 'json', value, size: Buffer.byteLength(text) };
}

/** A GET https://api.example.com/users answered 200 with `[]`, unless overridden. */
export function makeExchange(overrides: ExchangeOverrides = {}): Exchange {
  const response: RecordedResponse | null =
    overrides.response === null
      ? null
      : {
          status: 200,
          statusText: 'OK',
          httpVersion: '1.1',
          headers: [['content-type', 'application/json']],
          body: jsonBody([]),
          ...overrides.response,
        };
  return {
    id: overrides.id ?? '000000',
    timings: { startedAt: overrides.startedAt ?? '2026-01-01T00:00:00.000Z', durationMs: overrides.durationMs ?? 12 },
    request: {
      method: 'GET',
      url: 'https://api.example.com/users',
      httpVersion: '1.1',
      headers: [],
      body: { kind: 'none' },
      ...overrides.request,
    },
    response,
    ...(overrides.failure ? { failure: overrides.failure } : {}),
  };
}
