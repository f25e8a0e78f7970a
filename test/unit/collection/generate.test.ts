import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { generateCollection } from '../../../src/collection/generate.js';
import type { CollectionItem, GenerateInput, GenerateOptions } from '../../../src/collection/types.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { ApitapeError } from '../../../src/errors.js';
import { BEARER, calls, crudExchanges, USER_ID } from './fixtures.js';

const schema = JSON.parse(readFileSync(new URL('../../fixtures/schemas/postman-collection-v2.1.0.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ strict: false }).compile(schema);

function generate(flows: Array<{ name: string; exchanges: Exchange[]; target?: string }>, options: GenerateOptions = {}) {
  const input: GenerateInput = { name: 'demo', flows, endpoints: inferEndpoints(flows.flatMap((f) => f.exchanges)) };
  return generateCollection(input, options);
}

function requests(items: CollectionItem[]): CollectionItem[] {
  return items.flatMap((i) => (i.item ? requests(i.item) : [i]));
}

function script(item: CollectionItem): string {
  return item.event?.[0]?.script.exec.join('\n') ?? '';
}

describe('generateCollection', () => {
  it('gives a valid v2.1 collection: Auth folder first, then the flow in recorded order', () => {
    const { collection, environments, summary } = generate([{ name: 'crud', exchanges: crudExchanges() }]);
    expect(validate(collection), JSON.stringify(validate.errors)).toBe(true);
    expect(collection.item.map((f) => f.name)).toEqual(['Auth', 'crud']);
    expect(requests(collection.item).map((i) => i.name)).toEqual([
      'Log in', 'List users', 'Create user', 'Get user by id', 'Update user', 'Create order for user', 'Get order by id', 'Delete user',
    ]);
    expect(summary).toMatchObject({ requests: 8, folders: 2, chained: ['accessToken', 'userId', 'orderId'], secrets: ['password'] });
    expect(environments).toHaveLength(1);
    expect(environments[0]!.name).toBe('example');
    expect(environments[0]!.values).toEqual([
      { key: 'baseUrl', value: 'https://api.example.com', type: 'default', enabled: true },
      { key: 'password', value: '', type: 'secret', enabled: true },
    ]);
  });

  it('stores each schema once per endpoint and status, and tests read it from there', () => {
    const { collection } = generate([{ name: 'crud', exchanges: crudExchanges() }]);
    const keys = collection.variable.map((v) => v.key).filter((k) => k.startsWith('schema '));
    expect(keys).toEqual([...keys].sort());
    expect(keys).toContain('schema GET /users/:userId 200');
    expect(new Set(keys).size).toBe(keys.length);
    const getUser = requests(collection.item).find((i) => i.name === 'Get user by id')!;
    expect(script(getUser)).toContain('pm.collectionVariables.get("schema GET /users/:userId 200")');
    expect(script(getUser)).not.toContain('"properties"');
  });

  it('is byte-stable: the same recording gives the same JSON, whatever order the endpoints come in', () => {
    const exchanges = crudExchanges();
    const first = JSON.stringify(generate([{ name: 'crud', exchanges }]));
    const endpoints = inferEndpoints(exchanges).reverse();
    const second = JSON.stringify(generateCollection({ name: 'demo', flows: [{ name: 'crud', exchanges }], endpoints }));
    expect(second).toBe(first);
    const ids = requests(JSON.parse(first).collection.item).map((i) => i.id);
    expect(new Set(ids).size).toBe(8);
    expect(JSON.stringify(JSON.parse(first).collection.item.map((f: CollectionItem) => ({ ...f, item: [] })))).not.toMatch(/"id":/);
  });

  it('maps every request id to its recorded endpoint and exchange', () => {
    const { collection } = generate([{ name: 'crud', exchanges: crudExchanges() }]);
    const index = JSON.parse(collection.variable.find((v) => v.key === 'apitape.requests')!.value);
    const get = requests(collection.item).find((i) => i.name === 'Get order by id')!;
    expect(index[get.id!]).toEqual({ endpoint: 'GET https://api.example.com/orders/:orderId', status: 200, flow: 'crud', exchange: '000006', occurrences: 1 });
    expect(Object.keys(index)).toHaveLength(8);
  });

  it('leaves out response-time tests with timing off, and scales the budget from the recorded p95', () => {
    const slow = calls([{ path: '/reports', body: { rows: [] }, durationMs: 900 }]);
    const on = generate([{ name: 'r', exchanges: slow }], { timing: { floorMs: 1000, factor: 3 } });
    expect(script(requests(on.collection.item)[0]!)).toContain('response time is under 2700 ms');
    const off = generate([{ name: 'r', exchanges: slow }], { timing: false });
    expect(script(requests(off.collection.item)[0]!)).not.toContain('response time');
  });

  it('keeps a login in place when a write came before it', () => {
    const exchanges = calls([
      { method: 'POST', path: '/signup', requestBody: { username: 'u' }, status: 201, body: { ok: true } },
      { method: 'POST', path: '/auth/login', requestBody: { username: 'u' }, body: { access_token: '<redacted:access_token:a1b2c3>' } },
      { path: '/me', requestHeaders: [['authorization', BEARER]], body: { id: USER_ID } },
    ]);
    const { collection } = generate([{ name: 'signup', exchanges }]);
    expect(collection.item.map((f) => f.name)).toEqual(['signup']);
    expect(requests(collection.item).map((i) => i.name)).toEqual(['Sign up', 'Log in', 'Get current user']);
  });

  it('gives every other origin its own base URL variable, in the collection and the environment', () => {
    const exchanges = [
      ...calls([{ path: '/cart', body: { items: [] } }, { path: '/cart', body: { items: [] } }]),
      ...calls([{ method: 'POST', path: '/charges', origin: 'https://payments.example.com', requestBody: { amount: 5 }, status: 201, body: { id: 'ch_123' } }]),
    ];
    const { collection, environments } = generate([{ name: 'shop', exchanges }], { envName: 'staging' });
    expect(requests(collection.item).map((i) => (i.request as { url: { raw: string } }).url.raw)).toEqual([
      '{{baseUrl}}/cart', '{{baseUrl_payments}}/charges',
    ]);
    expect(environments[0]!.name).toBe('staging');
    expect(environments[0]!.values.map((v) => [v.key, v.value])).toEqual([
      ['baseUrl', 'https://api.example.com'], ['baseUrl_payments', 'https://payments.example.com'],
    ]);
    expect(script(requests(collection.item)[1]!)).toContain('body matches schema for POST payments.example.com/charges 201');
  });

  it('makes one folder per flow, in the given order, and chains across them', () => {
    const { collection } = generate([
      { name: 'create', exchanges: calls([{ method: 'POST', path: '/users', requestBody: { n: 1 }, status: 201, body: { id: USER_ID } }]) },
      { name: 'read', exchanges: calls([{ path: `/users/${USER_ID}`, body: { id: USER_ID } }]) },
    ]);
    expect(collection.item.map((f) => f.name)).toEqual(['create', 'read']);
    expect(JSON.stringify(collection.item[1])).toContain('{{baseUrl}}/users/{{userId}}');
  });

  it.each([
    ['an empty recording', [], 'CASSETTE_EMPTY'],
    ['a recording without JSON responses', calls([{ path: '/report.pdf', body: { kind: 'binary', base64: 'JVBERg==', size: 4 } }]), 'NO_JSON_ENDPOINTS'],
  ] as Array<[string, Exchange[], string]>)('rejects %s with exit 2', (_what, exchanges, code) => {
    let error: unknown;
    try {
      generate([{ name: 'x', exchanges }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApitapeError);
    expect((error as ApitapeError).code).toBe(code);
    expect((error as ApitapeError).exit).toBe(2);
  });

  it('rejects an environment name that would escape environments/', () => {
    expect(() => generate([{ name: 'crud', exchanges: crudExchanges() }], { envName: '../etc' })).toThrow(/invalid environment name/);
  });
});
