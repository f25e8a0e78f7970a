// Hand-built Endpoint models and matching exchanges for the OpenAPI builder's unit tests.
import type { Endpoint, ResponseModel } from '../../../src/assertions/types.js';

export function makeResponse(overrides: Partial<ResponseModel> = {}): ResponseModel {
  return {
    status: 200,
    samples: 1,
    contentTypes: ['application/json'],
    bodyKinds: ['json'],
    size: { min: 2, max: 2 },
    latency: { p50: 10, p95: 10, max: 10 },
    fields: [],
    headers: {},
    ...overrides,
  };
}

export function makeEndpoint(method: string, template: string, overrides: Partial<Endpoint> = {}): Endpoint {
  const origin = overrides.origin ?? 'https://api.shop.test';
  return {
    key: `${method} ${origin}${template}`,
    method,
    origin,
    template,
    pathParams: [],
    queryParams: [],
    samples: 1,
    responses: [makeResponse()],
    ...overrides,
  };
}
