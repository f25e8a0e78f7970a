import { describe, expect, it } from 'vitest';
import { endpointParameters, openApiPath, parameterSchema } from '../../../src/openapi/parameters.js';
import { makeEndpoint } from './fixtures.js';

describe('openApiPath', () => {
  it('turns :name segments into {name}', () => {
    expect(openApiPath('/users/:userId/orders/:orderId')).toBe('/users/{userId}/orders/{orderId}');
    expect(openApiPath('/')).toBe('/');
    expect(openApiPath('/repos/:owner/:repo')).toBe('/repos/{owner}/{repo}');
  });

  it('leaves a colon inside a literal segment alone', () => {
    expect(openApiPath('/v1/things:batchGet')).toBe('/v1/things:batchGet');
  });
});

describe('parameterSchema', () => {
  it('types integers, UUIDs and everything else', () => {
    expect(parameterSchema(['1', '42'])).toEqual({ type: 'integer' });
    expect(parameterSchema(['3fa85f64-5717-4562-b3fc-2c963f66afa6'])).toEqual({ type: 'string', format: 'uuid' });
    expect(parameterSchema(['42', 'abc'])).toEqual({ type: 'string' });
    expect(parameterSchema(['12345678901234567890'])).toEqual({ type: 'string' });
    expect(parameterSchema([])).toEqual({ type: 'string' });
  });
});

describe('endpointParameters', () => {
  const endpoint = makeEndpoint('GET', '/users/:userId', {
    samples: 3,
    pathParams: [{ name: 'userId', examples: ['7', '8'] }],
    queryParams: [
      { name: 'page', examples: ['1', '2'], present: 3 },
      { name: 'expand', examples: ['orders'], present: 1 },
    ],
  });

  it('lists path parameters first, then query parameters by name, with typed examples', () => {
    expect(endpointParameters(endpoint, 2)).toEqual([
      { name: 'userId', in: 'path', required: true, schema: { type: 'integer' }, example: 7 },
      { name: 'expand', in: 'query', required: false, schema: { type: 'string' }, example: 'orders' },
      { name: 'page', in: 'query', required: true, schema: { type: 'integer' }, example: 1 },
    ]);
  });

  it('does not make a query parameter required from too few samples', () => {
    const single = makeEndpoint('GET', '/users', { samples: 1, queryParams: [{ name: 'page', examples: ['1'], present: 1 }] });
    expect(endpointParameters(single, 2)[0]?.required).toBe(false);
    expect(endpointParameters(single, 1)[0]?.required).toBe(true);
  });
});
