import { describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { planSteps } from '../../../src/collection/steps.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { makeExchange } from '../../helpers/exchange.js';
import { calls, lookup, USER_ID } from './fixtures.js';

function plan(exchanges: Exchange[]) {
  const endpoints = inferEndpoints(exchanges);
  return planSteps([{ name: 'flow', exchanges }], (method, url) => {
    const exchange = exchanges.find((e) => e.request.method === method && e.request.url === url)!;
    return lookup(endpoints, exchange);
  });
}

const health = (time: string) => ({ path: '/health', body: { status: 'ok', time } });

describe('planSteps', () => {
  it('collapses a thousand identical reads into one step', () => {
    const exchanges = calls(Array.from({ length: 1000 }, (_, i) => health(new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString())));
    const result = plan(exchanges);
    expect(result.flows[0]).toHaveLength(1);
    expect(result.flows[0]![0]!.occurrences).toBe(1000);
    expect(result.collapsed).toBe(999);
  });

  it('keeps a read that a write in between changed, in recorded order', () => {
    const user = { id: USER_ID, name: 'Ada' };
    const exchanges = calls([
      { path: `/users/${USER_ID}`, body: user },
      { path: `/users/${USER_ID}`, body: user },
      { method: 'PUT', path: `/users/${USER_ID}`, requestBody: { name: 'Grace' }, body: { ...user, name: 'Grace' } },
      { path: `/users/${USER_ID}`, body: { ...user, name: 'Grace' } },
      { method: 'DELETE', path: `/users/${USER_ID}`, status: 204 },
      { path: `/users/${USER_ID}`, status: 404, body: { error: 'not found' } },
    ]);
    const steps = plan(exchanges).flows[0]!;
    expect(steps.map((s) => `${s.exchange.request.method} ${s.exchange.response!.status} x${s.occurrences}`)).toEqual([
      'GET 200 x2', 'PUT 200 x1', 'GET 200 x1', 'DELETE 204 x1', 'GET 404 x1',
    ]);
  });

  it('collapses repeats across writes when only noise (clocks, counters seen changing without writes) differs', () => {
    const exchanges = calls([
      { path: '/health', body: { status: 'ok', uptime: 1, time: '2026-01-01T00:00:00Z' } },
      { path: '/health', body: { status: 'ok', uptime: 2, time: '2026-01-01T00:00:01Z' } },
      { method: 'POST', path: '/users', requestBody: { name: 'x' }, status: 201, body: { id: USER_ID } },
      { path: '/health', body: { status: 'ok', uptime: 3, time: '2026-01-01T00:00:02Z' } },
    ]);
    const steps = plan(exchanges).flows[0]!;
    expect(steps.map((s) => s.occurrences)).toEqual([3, 1]);
  });

  it('never collapses writes, nor reads that differ in query or credentials', () => {
    const exchanges = calls([
      { method: 'POST', path: '/users', requestBody: { name: 'x' }, status: 201, body: { id: 1 } },
      { method: 'POST', path: '/users', requestBody: { name: 'x' }, status: 201, body: { id: 1 } },
      { path: '/users?page=1', body: [] },
      { path: '/users?page=2', body: [] },
      { path: '/users?page=2', requestHeaders: [['authorization', 'Bearer <redacted:authorization:aaaaaa>']], body: [] },
      { path: '/users?page=2', requestHeaders: [['user-agent', 'other'], ['authorization', 'Bearer <redacted:authorization:aaaaaa>']], body: [] },
    ]);
    expect(plan(exchanges).flows[0]!.map((s) => s.occurrences)).toEqual([1, 1, 1, 1, 2]);
  });

  it('skips exchanges that failed before a response', () => {
    const failed = makeExchange({ response: null, failure: { code: 'ECONNRESET', message: 'reset', phase: 'headers' } });
    const exchanges = [...calls([{ path: '/users', body: [] }]), failed];
    const result = plan(exchanges);
    expect(result.skipped).toBe(1);
    expect(result.flows[0]).toHaveLength(1);
  });
});
