import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignOperationIds, operationIdFor } from '../../../src/openapi/operation-ids.js';
import { makeEndpoint } from './fixtures.js';

describe('operationIdFor', () => {
  it('builds a camel-case id from method and template', () => {
    expect(operationIdFor('GET', '/users/:userId/orders')).toBe('getUsersByUserIdOrders');
    expect(operationIdFor('POST', '/auth/login')).toBe('postAuthLogin');
    expect(operationIdFor('GET', '/files/report.pdf')).toBe('getFilesReportPdf');
    expect(operationIdFor('DELETE', '/')).toBe('deleteRoot');
    expect(operationIdFor('GET', '/v2/pull-requests')).toBe('getV2PullRequests');
  });
});

describe('assignOperationIds', () => {
  const endpoints = [
    makeEndpoint('GET', '/a-b'),
    makeEndpoint('GET', '/a_b'),
    makeEndpoint('GET', '/users', { origin: 'https://other.test' }),
    makeEndpoint('GET', '/users'),
    makeEndpoint('POST', '/users'),
  ];

  it('gives every endpoint a unique, URL-safe id', () => {
    const ids = [...assignOperationIds(endpoints).values()];
    expect(new Set(ids).size).toBe(endpoints.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('resolves clashes by endpoint key, so the ids do not depend on input order', () => {
    const expected = assignOperationIds(endpoints);
    expect(expected.get('GET https://api.shop.test/a-b')).toBe('getAB');
    expect(expected.get('GET https://api.shop.test/a_b')).toBe('getAB2');
    expect(expected.get('GET https://api.shop.test/users')).toBe('getUsers');
    expect(expected.get('GET https://other.test/users')).toBe('getUsers2');
    fc.assert(
      fc.property(fc.shuffledSubarray(endpoints, { minLength: endpoints.length, maxLength: endpoints.length }), (shuffled) => {
        expect(assignOperationIds(shuffled)).toEqual(expected);
      }),
    );
  });
});
