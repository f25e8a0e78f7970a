import { describe, expect, it } from 'vitest';
import { buildRoutes, findRoute, matchesParts, splitSegments } from '../../../src/mock/routes.js';
import { makeExchange } from '../../helpers/exchange.js';
import { makeEndpoint } from '../openapi/fixtures.js';

const sample = (method: string, url: string, id: string, response: null | undefined = undefined) => ({
  source: 'flow',
  exchange: makeExchange({ id, request: { method, url }, ...(response === null ? { response: null, failure: { code: 'ECONNRESET', message: 'x', phase: 'headers' as const } } : {}) }),
});

describe('buildRoutes', () => {
  const endpoints = [makeEndpoint('GET', '/users/:userId'), makeEndpoint('GET', '/users/me'), makeEndpoint('POST', '/users'), makeEndpoint('GET', '/users')];
  const samples = [
    sample('GET', 'https://api.shop.test/users/me', '000000'),
    sample('GET', 'https://api.shop.test/users/7', '000001'),
    sample('POST', 'https://api.shop.test/users', '000002'),
    sample('GET', 'https://api.shop.test/users/8', '000003'),
    sample('GET', 'https://api.shop.test/users/9', '000004', null),
    sample('GET', 'https://other.test/unknown/path', '000005'),
  ];
  const routes = buildRoutes(endpoints, samples);

  it('puts literal templates before parameter templates, and keeps recorded order inside a route', () => {
    expect(routes.map((r) => `${r.method} ${r.template} ${r.samples.map((s) => s.exchange.id).join(',')}`)).toEqual([
      'GET /unknown/path 000005',
      'GET /users/me 000000',
      'GET /users/:userId 000001,000003',
      'POST /users 000002',
    ]);
  });

  it('finds the most specific route for a request, and none for a method or shape never recorded', () => {
    expect(findRoute(routes, 'get', '/users/me')?.template).toBe('/users/me');
    expect(findRoute(routes, 'GET', '/users/123')?.template).toBe('/users/:userId');
    expect(findRoute(routes, 'DELETE', '/users/123')).toBeUndefined();
    expect(findRoute(routes, 'GET', '/users/123/orders')).toBeUndefined();
    expect(findRoute(routes, 'GET', '/users')).toBeUndefined(); // the endpoint exists but has no sample
  });

  it('does not replay transport failures', () => {
    expect(routes.flatMap((r) => r.samples.map((s) => s.exchange.id))).not.toContain('000004');
  });
});

describe('path segments', () => {
  it('splits like the recorder, keeping a trailing slash as an empty segment', () => {
    expect(splitSegments('/')).toEqual([]);
    expect(splitSegments('/a/b')).toEqual(['a', 'b']);
    expect(splitSegments('/a/')).toEqual(['a', '']);
  });

  it('never lets a parameter match an empty segment', () => {
    expect(matchesParts(['users', ':id'], ['users', ''])).toBe(false);
    expect(matchesParts(['users', ':id'], ['users', 'x'])).toBe(true);
  });
});
