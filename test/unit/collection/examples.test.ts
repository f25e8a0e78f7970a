import { describe, expect, it } from 'vitest';
import { findEndpoint, inferEndpoints } from '../../../src/assertions/infer.js';
import { buildExample, exampleExchanges, indexExamples } from '../../../src/collection/examples.js';
import type { PostmanRequest } from '../../../src/collection/request.js';
import { calls, lookup, USER_ID } from './fixtures.js';

const user = { id: USER_ID, name: 'Ada' };

function recording() {
  return calls([
    { path: `/users/${USER_ID}`, body: user },
    { method: 'DELETE', path: `/users/${USER_ID}`, status: 204 },
    { path: `/users/${USER_ID}`, status: 404, body: { error: 'not found' } },
    { path: `/users/${USER_ID}`, status: 404, body: { error: 'still not found' } },
  ]);
}

describe('indexExamples and exampleExchanges', () => {
  it('pick the first recorded exchange of every other status, and the request\'s own for its status', () => {
    const exchanges = recording();
    const endpoints = inferEndpoints(exchanges);
    const index = indexExamples([{ name: 'f', exchanges }], (method, url) => findEndpoint(endpoints, method, url)?.endpoint);
    const get = lookup(endpoints, exchanges[0]!);
    expect(exampleExchanges(exchanges[0]!, get, index).map((e) => e.id)).toEqual(['000000', '000002']);
    expect(exampleExchanges(exchanges[3]!, get, index).map((e) => e.id)).toEqual(['000000', '000003']);
  });

  it('leave out statuses no recorded flow holds (accepted replays only feed inference)', () => {
    const exchanges = recording();
    const endpoints = inferEndpoints(exchanges);
    const get = lookup(endpoints, exchanges[0]!);
    expect(exampleExchanges(exchanges[0]!, get, new Map()).map((e) => e.id)).toEqual(['000000']);
  });
});

describe('buildExample', () => {
  const request: PostmanRequest = {
    method: 'GET',
    url: { raw: '{{baseUrl}}/users/{{userId}}', host: ['{{baseUrl}}'], path: ['users', '{{userId}}'] },
    header: [{ key: 'authorization', value: 'Bearer {{accessToken}}' }],
    note: 'not part of a request',
  };

  it('is the recorded response in Postman\'s shape: standard status text, body as shown, wire headers dropped', () => {
    const [exchange] = calls([{ path: '/users/1', body: user, responseHeaders: [['Content-Encoding', 'gzip'], ['content-length', '12'], ['cache-control', 'no-store']] }]);
    const { example, note } = buildExample(exchange!, request);
    expect(note).toBeUndefined();
    expect(example).toEqual({
      name: '200 OK',
      originalRequest: { method: 'GET', header: request.header, url: '{{baseUrl}}/users/{{userId}}' },
      status: 'OK',
      code: 200,
      _postman_previewlanguage: 'json',
      header: [{ key: 'content-type', value: 'application/json; charset=utf-8' }, { key: 'cache-control', value: 'no-store' }],
      cookie: [],
      body: JSON.stringify(user),
    });
    expect(Object.keys(example)).toEqual(['name', 'originalRequest', 'status', 'code', '_postman_previewlanguage', 'header', 'cookie', 'body']);
  });

  it('names a trimmed example and returns the note for the description', () => {
    const [exchange] = calls([{ path: '/users', status: 201, body: { data: Array.from({ length: 2000 }, (_, i) => ({ i })) } }]);
    const { example, note } = buildExample(exchange!, request);
    expect(example.name).toBe('201 Created (trimmed)');
    expect(note).toMatch(/^trimmed from \d+\.\d KB/);
    expect(JSON.parse(example.body)).toEqual({ data: [{ i: 0 }, { i: 1 }, { i: 2 }] });
  });

  it('says when the body was left out', () => {
    const [exchange] = calls([{ path: '/report.pdf', body: { kind: 'binary', base64: 'JVBERg==', size: 4 }, responseHeaders: [['content-type', 'application/pdf']] }]);
    expect(buildExample(exchange!, request)).toMatchObject({ example: { name: '200 OK (body left out)', body: '' }, note: 'binary body (4 bytes) left out' });
  });

  it('keeps the recorded reason phrase for a status Node does not name', () => {
    const [exchange] = calls([{ path: '/x', status: 599, body: { e: 1 } }]);
    const response = { ...exchange!.response!, statusText: 'Network Timeout' };
    expect(buildExample({ ...exchange!, response }, request).example.status).toBe('Network Timeout');
  });
});
