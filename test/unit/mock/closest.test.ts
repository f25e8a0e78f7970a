import { describe, expect, it } from 'vitest';
import { closestRoutes, unmatchedBody } from '../../../src/mock/closest.js';
import { buildRoutes } from '../../../src/mock/routes.js';
import { makeExchange } from '../../helpers/exchange.js';
import { makeEndpoint } from '../openapi/fixtures.js';

const templates: Array<[string, string, string]> = [
  ['GET', '/users', '/users'],
  ['POST', '/users', '/users'],
  ['GET', '/users/:userId', '/users/1'],
  ['GET', '/users/:userId/orders', '/users/1/orders'],
  ['GET', '/orders/:orderId', '/orders/5'],
  ['GET', '/health', '/health'],
  ['GET', '/files/report.pdf', '/files/report.pdf'],
];
const routes = buildRoutes(
  templates.map(([m, t]) => makeEndpoint(m, t)),
  templates.map(([m, , p], i) => ({ source: 'flow', exchange: makeExchange({ id: String(i), request: { method: m, url: `https://api.shop.test${p}` } }) })),
);

describe('closestRoutes', () => {
  it('puts a near-typo of a recorded path first', () => {
    expect(closestRoutes(routes, 'GET', '/userz/1')[0]).toEqual({ method: 'GET', path: '/users/:userId', samples: 1 });
    expect(closestRoutes(routes, 'GET', '/users/1/order')[0]?.path).toBe('/users/:userId/orders');
  });

  it('prefers the same method, then lists other methods of the same path', () => {
    const closest = closestRoutes(routes, 'PUT', '/users');
    expect(closest.slice(0, 2).map((c) => `${c.method} ${c.path}`)).toEqual(['GET /users', 'POST /users']);
  });

  it('lists at most five', () => {
    expect(closestRoutes(routes, 'GET', '/nothing/like/this')).toHaveLength(5);
  });
});

describe('unmatchedBody', () => {
  it('names the request, the closest endpoints and what to do', () => {
    const body = unmatchedBody(routes, 'get', '/helth');
    expect(body.error).toBe('no recorded endpoint matches GET /helth');
    expect(body.request).toEqual({ method: 'GET', path: '/helth' });
    expect(body.closest[0]).toEqual({ method: 'GET', path: '/health', samples: 1 });
    expect(body.hint).toMatch(/--fallback/);
  });
});
