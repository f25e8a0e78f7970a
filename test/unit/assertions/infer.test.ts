import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addExchange, findEndpoint, finishInference, inferEndpoints, inferEndpointsFromStream, startInference } from '../../../src/assertions/infer.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { makeExchange } from '../../fixtures/apis/build.js';
import { generatedExchanges } from '../../fixtures/apis/generated.js';
import { restCrudExchanges } from '../../fixtures/apis/rest-crud.js';
import { body } from './arbitraries.js';
import { rejectedSamples } from './validators.js';

/** Property tests compile many schemas; on a loaded 2-core machine they need more than the default. */
const PROPERTY_TIMEOUT = 120_000;

const BASE = 'http://api.test';

describe('inferEndpoints', () => {
  it('is deterministic and sorted by key', () => {
    const first = JSON.stringify(inferEndpoints(restCrudExchanges()));
    expect(JSON.stringify(inferEndpoints(restCrudExchanges()))).toBe(first);
    const keys = inferEndpoints(restCrudExchanges()).map((e) => e.key);
    expect(keys).toEqual([...keys].sort());
  });

  it('gives the same endpoints from a stream as from an iterable', async () => {
    const exchanges = restCrudExchanges();
    const streamed = await inferEndpointsFromStream(async function* () {
      yield* exchanges;
    });
    expect(streamed).toEqual(inferEndpoints(exchanges));
  });

  it('leaves its state untouched when finishing: a later finish sees every exchange fed since', () => {
    const exchanges = generatedExchanges(600);
    const state = startInference();
    exchanges.slice(0, 300).forEach((exchange) => addExchange(state, exchange));
    expect(JSON.stringify(finishInference(state))).toBe(JSON.stringify(inferEndpoints(exchanges.slice(0, 300))));
    exchanges.slice(300).forEach((exchange) => addExchange(state, exchange));
    expect(JSON.stringify(finishInference(state))).toBe(JSON.stringify(inferEndpoints(exchanges)));
  });

  it('keeps one model per status code, each with its own schema', () => {
    const [endpoint] = inferEndpoints([
      makeExchange({ url: `${BASE}/users/1`, json: { id: 1, name: 'a' } }),
      makeExchange({ url: `${BASE}/users/2`, json: { id: 2, name: 'b' } }),
      makeExchange({ url: `${BASE}/users/3`, status: 404, json: { error: 'not_found' } }),
    ]);
    expect(endpoint?.responses.map((r) => [r.status, r.samples, Object.keys((r.schema?.properties ?? {}) as object)])).toEqual([
      [200, 2, ['id', 'name']],
      [404, 1, ['error']],
    ]);
  });

  it('counts failed exchanges as samples of their endpoint, with no response model', () => {
    const [endpoint] = inferEndpoints([
      makeExchange({ url: `${BASE}/slow`, json: { ok: true } }),
      makeExchange({ url: `${BASE}/slow`, failure: true }),
    ]);
    expect(endpoint).toMatchObject({ samples: 2, failures: 1 });
    expect(endpoint?.responses.map((r) => r.samples)).toEqual([1]);
  });

  it('describes non-JSON responses by content type, body kind and size only', () => {
    const [endpoint] = inferEndpoints([
      makeExchange({ url: `${BASE}/readme`, body: { kind: 'text', text: 'hello', size: 5 }, headers: [['content-type', 'text/plain; charset=utf-8']] }),
      makeExchange({ url: `${BASE}/readme`, body: { kind: 'text', text: 'hello world', size: 11 }, headers: [['content-type', 'text/plain']] }),
      makeExchange({ url: `${BASE}/readme`, body: { kind: 'text', text: '42', size: 2 }, headers: [['content-type', 'text/plain']] }),
    ]);
    const response = endpoint?.responses[0];
    expect(response).toMatchObject({ contentTypes: ['text/plain'], bodyKinds: ['text'], size: { min: 2, max: 11 }, fields: [] });
    expect(response?.schema).toBeUndefined();
  });

  it('gives latency per status and per endpoint from the recorded timings', () => {
    const exchanges = [5, 10, 15, 20].map((ms) => makeExchange({ url: `${BASE}/t`, json: {}, durationMs: ms }));
    exchanges.push(makeExchange({ url: `${BASE}/t`, status: 500, json: {}, durationMs: 100 }));
    const [endpoint] = inferEndpoints(exchanges);
    expect(endpoint?.responses[0]?.latency).toEqual({ p50: 10, p95: 20, max: 20 });
    expect(endpoint?.latency).toEqual({ p50: 15, p95: 100, max: 100 });
  });

  it('keeps selected response headers', () => {
    const [endpoint] = inferEndpoints([
      makeExchange({ url: `${BASE}/h`, json: {}, headers: [['Content-Type', 'application/json'], ['Cache-Control', 'no-store'], ['Set-Cookie', 'a=b']] }),
    ]);
    expect(endpoint?.responses[0]?.headers).toEqual({ 'cache-control': ['no-store'], 'content-type': ['application/json'] });
  });

  it('accepts every recorded body under the schema of its endpoint and status (Ajv 6 and 8)', () => {
    const exchangeArb = fc.record({
      path: fc.constantFrom('/users/1', '/users/2', '/users/me', '/orders'),
      status: fc.constantFrom(200, 404),
      value: body,
    });
    fc.assert(
      fc.property(fc.array(exchangeArb, { minLength: 1, maxLength: 12 }), (specs) => {
        const exchanges = specs.map((s) => makeExchange({ url: `${BASE}${s.path}`, status: s.status, json: s.value }));
        const endpoints = inferEndpoints(exchanges, { enums: { minSamples: 2, maxValues: 5 }, minSamplesForRequired: 1 });
        const bySchema = new Map<object, unknown[]>();
        for (const exchange of exchanges) {
          const match = findEndpoint(endpoints, 'GET', exchange.request.url);
          const response = match?.endpoint.responses.find((r) => r.status === exchange.response?.status);
          expect(response?.schema).toBeDefined();
          const value = exchange.response?.body.kind === 'json' ? exchange.response.body.value : undefined;
          bySchema.set(response!.schema!, [...(bySchema.get(response!.schema!) ?? []), value]);
        }
        for (const [schema, values] of bySchema) expect(rejectedSamples(schema, values)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('findEndpoint', () => {
  const endpoints = inferEndpoints([
    makeExchange({ url: `${BASE}/users/1` }),
    makeExchange({ url: `${BASE}/users/me` }),
    makeExchange({ url: `${BASE}/users/1/files/a%2Fb.txt` }),
    makeExchange({ url: `${BASE}/users/1/files/c.txt` }),
    makeExchange({ method: 'DELETE', url: `${BASE}/users/1` }),
  ] as Exchange[]);

  it('prefers literal segments over parameters', () => {
    expect(findEndpoint(endpoints, 'GET', `${BASE}/users/me`)?.endpoint.template).toBe('/users/me');
    expect(findEndpoint(endpoints, 'get', `${BASE}/users/77?x=1`)).toMatchObject({ endpoint: { template: '/users/:userId' }, params: { userId: '77' } });
  });

  it('returns parameters as they appear in the URL', () => {
    expect(findEndpoint(endpoints, 'GET', `${BASE}/users/5/files/x%2Fy.txt`)?.params).toEqual({ userId: '5', file: 'x%2Fy.txt' });
  });

  it('matches method and origin exactly', () => {
    expect(findEndpoint(endpoints, 'PUT', `${BASE}/users/1`)).toBeUndefined();
    expect(findEndpoint(endpoints, 'GET', 'http://other.test/users/1')).toBeUndefined();
    expect(findEndpoint(endpoints, 'GET', `${BASE}/users`)).toBeUndefined();
    expect(findEndpoint(endpoints, 'DELETE', `${BASE}/users/9`)?.endpoint.key).toBe(`DELETE ${BASE}/users/:userId`);
  });
});
