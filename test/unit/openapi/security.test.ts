import { describe, expect, it } from 'vitest';
import { operationSecurity, schemesOf, type SecurityScheme } from '../../../src/openapi/security.js';
import { makeExchange } from '../../helpers/exchange.js';

const withHeaders = (...headers: Array<[string, string]>) => makeExchange({ request: { headers } });

describe('schemesOf', () => {
  it('recognises bearer, basic, other Authorization values and API-key headers', () => {
    expect([...schemesOf(withHeaders(['Authorization', 'Bearer <redacted:authorization:abcdef>'])).entries()]).toEqual([
      ['bearerAuth', { type: 'http', scheme: 'bearer' }],
    ]);
    expect([...schemesOf(withHeaders(['authorization', 'Basic <redacted:authorization:abcdef>'])).keys()]).toEqual(['basicAuth']);
    expect([...schemesOf(withHeaders(['authorization', 'Token abc'])).values()]).toEqual([{ type: 'apiKey', in: 'header', name: 'Authorization' }]);
    expect([...schemesOf(withHeaders(['X-API-Key', '<redacted:x-api-key:abcdef>'])).entries()]).toEqual([
      ['xApiKeyHeader', { type: 'apiKey', in: 'header', name: 'X-API-Key' }],
    ]);
    expect(schemesOf(withHeaders(['accept', 'application/json'])).size).toBe(0);
  });
});

describe('operationSecurity', () => {
  it('is [] (explicitly public) when no sample sent credentials', () => {
    const schemes = new Map<string, SecurityScheme>();
    expect(operationSecurity([withHeaders(), withHeaders()], schemes)).toEqual([]);
    expect(schemes.size).toBe(0);
  });

  it('lists each combination seen, and {} when some samples went without', () => {
    const schemes = new Map<string, SecurityScheme>();
    const samples = [
      withHeaders(['authorization', 'Bearer x'], ['x-api-key', 'k']),
      withHeaders(['authorization', 'Bearer y']),
      withHeaders(),
      withHeaders(['authorization', 'Bearer z'], ['x-api-key', 'k']),
    ];
    expect(operationSecurity(samples, schemes)).toEqual([{ bearerAuth: [] }, { bearerAuth: [], xApiKeyHeader: [] }, {}]);
    expect([...schemes.keys()].sort()).toEqual(['bearerAuth', 'xApiKeyHeader']);
  });
});
