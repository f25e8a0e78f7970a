import { describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { ACCEPTED_NOTE_PREFIX, type Exchange } from '../../../src/cassette/types.js';
import { buildDocsPage, type DocsInput } from '../../../src/docs/model.js';
import { calls, crudExchanges } from '../collection/fixtures.js';

function input(exchanges: Exchange[]): DocsInput {
  return { title: 'Shop', cassettes: [{ name: 'crud', createdAt: '2026-01-01T00:00:00.000Z', exchanges: exchanges.length }], endpoints: inferEndpoints(exchanges), exchanges };
}

describe('buildDocsPage', () => {
  it('groups endpoints by origin and resource, sorted, with methods in reading order', () => {
    const exchanges = [
      ...crudExchanges(),
      ...calls([{ method: 'POST', path: '/v1/charges', origin: 'https://payments.example.com', requestBody: { amount: 5 }, status: 201, body: { id: 'ch_1' } }]),
    ];
    const page = buildDocsPage(input(exchanges));
    expect(page.origins).toEqual(['https://api.example.com', 'https://payments.example.com']);
    expect(page.groups.map((g) => [g.origin.replace('https://', ''), g.resource, g.endpoints.map((e) => `${e.method} ${e.template}`)])).toEqual([
      ['api.example.com', 'auth', ['POST /auth/login']],
      ['api.example.com', 'orders', ['GET /orders/:orderId']],
      ['api.example.com', 'users', ['GET /users', 'POST /users', 'GET /users/:userId', 'PUT /users/:userId', 'DELETE /users/:userId', 'POST /users/:userId/orders']],
      ['payments.example.com', 'charges', ['POST /v1/charges']],
    ]);
    const anchors = page.groups.flatMap((g) => g.endpoints.map((e) => e.anchor));
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(anchors.every((a) => /^ep-[0-9a-f]{12}$/.test(a))).toBe(true);
  });

  it('documents parameters, an example request, and per status the fields and a recorded example', () => {
    const page = buildDocsPage(input(crudExchanges()));
    const order = page.groups.flatMap((g) => g.endpoints).find((e) => e.template === '/users/:userId/orders')!;
    expect(order.name).toBe('Create order for user');
    expect(order.pathParams.map((p) => p.name)).toEqual(['userId']);
    expect(order.request?.target).toBe('/users/8f14e45f-ceea-467a-9b3c-2f8e1d6b7a90/orders');
    expect(JSON.parse(order.request!.body!.text)).toEqual({ items: [{ sku: 'sku-1', qty: 2 }] });
    expect(order.responses).toHaveLength(1);
    expect(order.responses[0]).toMatchObject({ status: 201, statusText: 'Created', samples: 1, contentTypes: ['application/json'] });
    expect(order.responses[0]!.fields.map((f) => f.pointer)).toEqual(['', '/id', '/total', '/userId']);
    expect(JSON.parse(order.responses[0]!.example!.text)).toEqual({ id: 4242, userId: '8f14e45f-ceea-467a-9b3c-2f8e1d6b7a90', total: 25 });
    expect(order.search).toContain('post /users/:userid/orders');
    expect(order.search).toContain('/userid');
    expect(order.search).toContain('201 created');
  });

  it('takes examples from the recording first, and from accepted replays only for statuses nothing else showed', () => {
    const [recorded, accepted200, accepted404] = calls([
      { path: '/things/1', body: { v: 'recorded' } },
      { path: '/things/1', body: { v: 'accepted' } },
      { path: '/things/1', status: 404, body: { v: 'accepted 404' } },
    ]);
    const note = `${ACCEPTED_NOTE_PREFIX}reports/run`;
    const exchanges = [{ ...accepted200!, note }, recorded!, { ...accepted404!, note }];
    const [endpoint] = buildDocsPage(input(exchanges)).groups[0]!.endpoints;
    expect(endpoint!.responses.map((r) => JSON.parse(r.example!.text).v)).toEqual(['recorded', 'accepted 404']);
  });

  it('is the same for the same input, whatever order inference listed the endpoints in', () => {
    const exchanges = crudExchanges();
    const a = buildDocsPage(input(exchanges));
    const b = buildDocsPage({ ...input(exchanges), endpoints: inferEndpoints(exchanges).reverse() });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});
