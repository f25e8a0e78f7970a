import { describe, expect, it } from 'vitest';
import { analyzeChains, planChains } from '../../../src/collection/chain.js';
import { buildRequest } from '../../../src/collection/request.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { makeExchange } from '../../helpers/exchange.js';
import { API, calls, crudExchanges, stepsOf } from './fixtures.js';

function requestsOf(exchanges: Exchange[]) {
  const steps = stepsOf(exchanges);
  const plan = planChains(steps, analyzeChains(steps), ['baseUrl']);
  const origins = new Map([[API, 'baseUrl']]);
  return steps.map((step, index) => buildRequest(step, index, { plan, origins }));
}

describe('buildRequest', () => {
  it('puts the host on {{baseUrl}} and chained values, tokens and secrets on variables', () => {
    const requests = requestsOf(crudExchanges());
    expect(requests.map((r) => `${r.method} ${r.url.raw}`)).toEqual([
      'POST {{baseUrl}}/auth/login',
      'GET {{baseUrl}}/users?page=1',
      'POST {{baseUrl}}/users',
      'GET {{baseUrl}}/users/{{userId}}',
      'PUT {{baseUrl}}/users/{{userId}}',
      'POST {{baseUrl}}/users/{{userId}}/orders',
      'GET {{baseUrl}}/orders/{{orderId}}',
      'DELETE {{baseUrl}}/users/{{userId}}',
    ]);
    expect(requests[0]!.body?.raw).toBe('{\n  "username": "demo",\n  "password": "{{password}}"\n}');
    expect(requests[1]!.header).toContainEqual({ key: 'authorization', value: 'Bearer {{accessToken}}' });
    expect(requests[3]!.url.path).toEqual(['users', '{{userId}}']);
    expect(requests[1]!.url.query).toEqual([{ key: 'page', value: '1' }]);
  });

  it('writes a chained number into a JSON body unquoted, and a chained string quoted', () => {
    const requests = requestsOf(calls([
      { method: 'POST', path: '/orders', requestBody: { sku: 'a' }, status: 201, body: { id: 4242, ref: 'ord-77aa' } },
      { method: 'POST', path: '/refunds', requestBody: { orderId: 4242, ref: 'ord-77aa', note: 'ord 4242' }, status: 201, body: {} },
    ]));
    expect(requests[1]!.body!.raw).toBe('{\n  "orderId": {{orderId}},\n  "ref": "{{ref}}",\n  "note": "ord 4242"\n}');
    expect(requests[1]!.body!.options.raw.language).toBe('json');
  });

  it('drops headers newman sets itself and keeps the rest in order', () => {
    const [request] = requestsOf([makeExchange({
      request: {
        url: `${API}/users`,
        headers: [['Host', 'api.example.com'], ['Accept', 'application/json'], ['Content-Length', '0'], ['Accept-Encoding', 'gzip'], ['X-Trace', 'abc'], ['Connection', 'keep-alive']],
      },
    })]);
    expect(request!.header).toEqual([{ key: 'Accept', value: 'application/json' }, { key: 'X-Trace', value: 'abc' }]);
  });

  it('replaces percent-encoded secrets in queries and form bodies', () => {
    const [request] = requestsOf([makeExchange({
      request: {
        method: 'POST',
        url: `${API}/search?api_key=%3Credacted%3Aapi_key%3Aabcdef%3E&q=a%20b`,
        headers: [['content-type', 'application/x-www-form-urlencoded']],
        body: { kind: 'text', text: 'user=ada&password=%3Credacted%3Apassword%3A123456%3E', size: 40 },
      },
    })]);
    expect(request!.url.raw).toBe('{{baseUrl}}/search?api_key={{apiKey}}&q=a%20b');
    expect(request!.body!.raw).toBe('user=ada&password={{password}}');
  });

  it('leaves out binary and truncated bodies with a note', () => {
    const requests = requestsOf([
      makeExchange({ request: { method: 'POST', url: `${API}/upload`, body: { kind: 'binary', base64: 'AAEC', size: 3 } } }),
      makeExchange({ request: { method: 'POST', url: `${API}/big`, body: { kind: 'text', text: 'abc', size: 99_999_999, truncated: true } } }),
    ]);
    expect(requests.map((r) => [r.body, r.note])).toEqual([
      [undefined, 'the recorded request body is binary (3 bytes) and is left out'],
      [undefined, 'the recorded request body (99999999 bytes) was truncated and is left out'],
    ]);
  });
});

describe('buildRequest with JSON kept as text', () => {
  it('keeps the recorded text unless a chained value must go in', () => {
    const pretty = (value: unknown) => ({ kind: 'text' as const, text: JSON.stringify(value, null, 4), size: 10 });
    const requests = requestsOf([
      makeExchange({ request: { method: 'POST', url: `${API}/users`, headers: [['content-type', 'application/json']], body: pretty({ n: 'a' }) }, response: { status: 201, body: { kind: 'json', value: { id: 'usr-123456' }, size: 20 } } }),
      makeExchange({ request: { method: 'POST', url: `${API}/notes`, headers: [['content-type', 'application/json']], body: pretty({ owner: 'usr-123456' }) }, response: { status: 201, body: { kind: 'json', value: {}, size: 2 } } }),
    ]);
    expect(requests[0]!.body!.raw).toBe(JSON.stringify({ n: 'a' }, null, 4));
    expect(requests[1]!.body!.raw).toBe('{\n  "owner": "{{userId}}"\n}');
  });
});
