import SwaggerParser from '@apidevtools/swagger-parser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { buildOpenApi } from '../../../src/openapi/build.js';
import { jsonBody, makeExchange } from '../../helpers/exchange.js';
import { makeEndpoint, makeResponse } from './fixtures.js';

type Doc = Record<string, any>;

const base = 'https://api.shop.test';
const exchanges = [
  makeExchange({
    id: '000000',
    request: { method: 'POST', url: `${base}/users`, headers: [['content-type', 'application/json'], ['authorization', 'Bearer <redacted:authorization:aaaaaa>']], body: jsonBody({ name: 'Ada', email: 'ada@example.com' }) },
    response: { status: 201, statusText: 'Created', headers: [['content-type', 'application/json'], ['location', '/users/1']], body: jsonBody({ id: 1, name: 'Ada' }) },
  }),
  makeExchange({
    id: '000001',
    request: { method: 'POST', url: `${base}/users`, headers: [['content-type', 'application/json'], ['authorization', 'Bearer <redacted:authorization:aaaaaa>']], body: jsonBody({ name: 'Alan', email: 'alan@example.com', admin: true }) },
    response: { status: 201, statusText: 'Created', headers: [['content-type', 'application/json']], body: jsonBody({ id: 2, name: 'Alan' }) },
  }),
  makeExchange({
    id: '000002',
    request: { method: 'POST', url: `${base}/users`, headers: [['content-type', 'application/json']], body: jsonBody({ name: 'x' }) },
    response: { status: 422, statusText: 'Unprocessable Entity', headers: [['content-type', 'application/problem+json']], body: jsonBody({ error: 'email is required' }) },
  }),
  makeExchange({
    id: '000003',
    request: { method: 'GET', url: `${base}/users/1?expand=orders` },
    response: { headers: [['content-type', 'application/json']], body: jsonBody({ id: 1, name: 'Ada' }) },
  }),
  makeExchange({
    id: '000004',
    request: { method: 'GET', url: `${base}/users/2` },
    response: { headers: [['content-type', 'application/json']], body: jsonBody({ id: 2, name: 'Alan' }) },
  }),
  makeExchange({
    id: '000005',
    request: { method: 'POST', url: `${base}/login`, headers: [['content-type', 'application/x-www-form-urlencoded']], body: { kind: 'text', text: 'user=ada&password=%3Credacted%3Apassword%3Abbbbbb%3E', size: 50 } },
    response: { status: 204, statusText: 'No Content', headers: [], body: { kind: 'none' } },
  }),
  makeExchange({
    id: '000006',
    request: { method: 'GET', url: `${base}/files/logo.png` },
    response: { headers: [['content-type', 'image/png']], body: { kind: 'binary', base64: 'iVBORw0KGgo=', size: 8 } },
  }),
];

function build(list = exchanges, options = {}): Doc {
  return buildOpenApi(inferEndpoints(list), list, { title: 'Shop', ...options }) as Doc;
}

describe('buildOpenApi', () => {
  it('produces a document swagger-parser accepts as OpenAPI 3.1', async () => {
    const doc = build();
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('describes paths with parameters, request bodies and responses per status', () => {
    const doc = build();
    expect(Object.keys(doc.paths)).toEqual(['/files/logo.png', '/login', '/users', '/users/{userId}']);
    const getUser = doc.paths['/users/{userId}'].get;
    expect(getUser.operationId).toBe('getUsersByUserId');
    expect(getUser.parameters).toEqual([
      { example: 1, in: 'path', name: 'userId', required: true, schema: { type: 'integer' } },
      { example: 'orders', in: 'query', name: 'expand', required: false, schema: { type: 'string' } },
    ]);
    expect(getUser.responses['200'].content['application/json'].schema).toEqual({
      properties: { id: { type: 'integer' }, name: { type: 'string' } },
      required: ['id', 'name'],
      type: 'object',
    });
    const createUser = doc.paths['/users'].post;
    expect(Object.keys(createUser.responses)).toEqual(['201', '422']);
    expect(createUser.responses['201'].description).toBe('Created');
    expect(createUser.responses['422'].content).toHaveProperty(['application/problem+json']);
    expect(createUser.requestBody.required).toBe(true);
    const requestSchema = createUser.requestBody.content['application/json'].schema;
    expect(requestSchema.required).toEqual(['name']);
    expect(Object.keys(requestSchema.properties)).toEqual(['admin', 'email', 'name']);
    expect(requestSchema.properties.email.format).toBe('email');
    expect(createUser.requestBody.content['application/json'].example).toEqual({ email: 'ada@example.com', name: 'Ada' });
  });

  it('describes form bodies as objects of strings, bodiless answers without content, binary without a schema', () => {
    const doc = build();
    const login = doc.paths['/login'].post;
    expect(login.requestBody.content['application/x-www-form-urlencoded'].schema).toEqual({
      properties: { password: { type: 'string' }, user: { type: 'string' } },
      type: 'object',
    });
    expect(login.requestBody.content['application/x-www-form-urlencoded'].example).toEqual({ user: 'ada', password: '<redacted:password:bbbbbb>' });
    expect(login.responses['204']).toEqual({ description: 'No Content' });
    expect(doc.paths['/files/logo.png'].get.responses['200'].content).toEqual({ 'image/png': {} });
  });

  it('derives security from the credentials samples sent', () => {
    const doc = build();
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: { scheme: 'bearer', type: 'http' } });
    expect(doc.paths['/users'].post.security).toEqual([{ bearerAuth: [] }, {}]);
    expect(doc.paths['/users/{userId}'].get.security).toEqual([]);
  });

  it('uses the recorded origin as server unless servers are given', () => {
    expect(build().servers).toEqual([{ description: 'the recorded origin', url: base }]);
    const servers = [{ url: 'https://staging.shop.test', description: 'staging' }, { url: 'https://shop.test' }];
    expect(build(exchanges, { servers }).servers).toEqual(servers);
  });

  it('gives paths of a second origin their own server', () => {
    const extra = makeExchange({ id: '000007', request: { url: 'https://cdn.shop.test/assets/app.js' }, response: { headers: [['content-type', 'text/javascript']], body: { kind: 'text', text: 'x', size: 1 } } });
    const doc = build([...exchanges, extra]);
    expect(doc.paths['/assets/app.js'].servers).toEqual([{ url: 'https://cdn.shop.test' }]);
    expect(doc.paths['/users'].servers).toBeUndefined();
  });

  it('is deterministic: same bytes whatever the order of the endpoints', () => {
    const list = exchanges;
    const endpoints = inferEndpoints(list);
    const expected = JSON.stringify(buildOpenApi(endpoints, list));
    fc.assert(
      fc.property(fc.shuffledSubarray(endpoints, { minLength: endpoints.length, maxLength: endpoints.length }), (shuffled) => {
        expect(JSON.stringify(buildOpenApi(shuffled, list))).toBe(expected);
      }),
      { numRuns: 20 },
    );
  });

  it('sorts the keys of every object', () => {
    const text = JSON.stringify(build());
    const check = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(check);
      else if (value && typeof value === 'object') {
        const keys = Object.keys(value);
        expect(keys).toEqual([...keys].sort());
        Object.values(value).forEach(check);
      }
    };
    check(JSON.parse(text));
  });

  it('gives an endpoint that never got a response a default response, and skips methods OpenAPI cannot hold', async () => {
    const endpoints = [
      makeEndpoint('GET', '/down', { responses: [], failures: 2, samples: 2 }),
      makeEndpoint('PROPFIND', '/dav', { responses: [makeResponse({ status: 207 })] }),
    ];
    const doc = buildOpenApi(endpoints, []) as Doc;
    expect(doc.paths['/down'].get.responses.default.description).toMatch(/No response was recorded/);
    expect(doc.paths['/dav']).toBeUndefined();
    expect(doc['x-apitape-skipped']).toEqual(['PROPFIND https://api.shop.test/dav']);
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('leaves out examples that are too large to be useful', () => {
    const big = makeExchange({ request: { url: `${base}/big` }, response: { headers: [['content-type', 'application/json']], body: jsonBody({ data: 'x'.repeat(20_000) }) } });
    const doc = build([big]);
    const media = doc.paths['/big'].get.responses['200'].content['application/json'];
    expect(media.schema).toBeDefined();
    expect(media.example).toBeUndefined();
  });
});
