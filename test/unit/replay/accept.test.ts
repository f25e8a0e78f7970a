import { describe, expect, it } from 'vitest';
import { isAcceptedExchange } from '../../../src/cassette/types.js';
import { selectAccepted, toExchange } from '../../../src/replay/accept.js';
import { endpoint, replayed, responseModel, runOf } from '../report/builders.js';

const ORDERS = endpoint([responseModel([])]);
const HEALTH = endpoint([responseModel([])], { template: '/health', key: 'GET https://api.example.com/health' });

describe('accept', () => {
  it('moves a replayed request onto the recorded origin and drops the per-request token', () => {
    const request = replayed(3, { url: 'https://prod.example.com/orders/7?x=1' });
    request.request.headers = [['Host', 'prod.example.com'], ['Postman-Token', 'abc'], ['Accept', '*/*']];
    const exchange = toExchange(request, 'https://api.example.com', 'reports/r1');
    expect(exchange.request.url).toBe('https://api.example.com/orders/7?x=1');
    expect(exchange.request.headers).toEqual([['Host', 'api.example.com'], ['Accept', '*/*']]);
    expect(exchange.note).toBe('accepted from reports/r1');
    expect(isAcceptedExchange(exchange)).toBe(true);
    expect(isAcceptedExchange({})).toBe(false);
  });

  it('selects the drifted endpoints by default, or the named ones', () => {
    const run = runOf([replayed(0), replayed(1, { url: 'https://prod.example.com/health' }), replayed(2), { ...replayed(3), response: null }]);
    const matched = new Map([[0, ORDERS.key], [1, HEALTH.key], [2, ORDERS.key], [3, ORDERS.key]]);
    const byDefault = selectAccepted(run, [ORDERS, HEALTH], { endpoints: [], drifted: new Set([ORDERS.key]), matched }, 'r');
    expect([...byDefault.keys()]).toEqual([ORDERS.key]);
    expect(byDefault.get(ORDERS.key)).toHaveLength(2);
    const named = selectAccepted(run, [ORDERS, HEALTH], { endpoints: ['GET /health'], drifted: new Set([ORDERS.key]), matched }, 'r');
    expect([...named.keys()]).toEqual([HEALTH.key]);
    expect(() => selectAccepted(run, [ORDERS], { endpoints: ['GET /nope'], drifted: new Set([ORDERS.key]), matched }, 'r')).toThrow(
      expect.objectContaining({ code: 'ENDPOINT_NOT_FOUND', exit: 2 }),
    );
  });
});
