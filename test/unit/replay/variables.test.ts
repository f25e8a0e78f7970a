import { describe, expect, it } from 'vitest';
import { checkVariables, collectionProvidedVariables, iterationDataVariables, referencedVariables } from '../../../src/replay/variables.js';

const collection = {
  info: { name: 'c' },
  variable: [{ key: 'declared', value: '' }],
  auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{authToken}}' }] },
  item: [
    {
      name: 'folder',
      item: [
        {
          name: 'r',
          request: { method: 'POST', url: '{{baseUrl}}/users/{{ userId }}?q={{$randomInt}}', header: [{ key: 'X-Key', value: '{{apiKey}}' }], body: { mode: 'raw', raw: '{"a":"{{declared}}"}' } },
          event: [{ listen: 'test', script: { exec: ['pm.collectionVariables.set("userId", pm.response.json().id);'] } }],
        },
      ],
    },
    {
      name: 'dynamic',
      request: { method: 'GET', url: '{{baseUrl}}/orders/{{orderId}}' },
      event: [{ listen: 'test', script: { exec: ['const chain = {"orderId": "/id"};', 'for (const [name, p] of Object.entries(chain)) pm.collectionVariables.set(name, p);'] } }],
    },
  ],
};

describe('variables', () => {
  it('finds {{references}} in URLs, headers, bodies and auth, without dynamic ones', () => {
    expect(referencedVariables(collection)).toEqual(['apiKey', 'authToken', 'baseUrl', 'declared', 'orderId', 'userId']);
  });

  it('counts declared variables, literal sets, and names held by scripts that set computed names', () => {
    const provided = collectionProvidedVariables(collection);
    expect([...provided].sort()).toEqual(expect.arrayContaining(['declared', 'orderId', 'userId']));
    expect(provided.has('apiKey')).toBe(false);
  });

  it('names what nothing provides; empty or disabled environment values do not count', () => {
    const env = { values: [{ key: 'baseUrl', value: 'http://x' }, { key: 'apiKey', value: '' }, { key: 'authToken', value: 't', enabled: false }] };
    expect(() => checkVariables(collection, env, [], 'env.json')).toThrow(
      expect.objectContaining({ code: 'ENV_VARIABLE_MISSING', exit: 2, message: expect.stringContaining('"apiKey", "authToken"') }),
    );
    expect(() => checkVariables(collection, env, ['apiKey', 'authToken'], 'env.json')).not.toThrow();
  });

  it('reads iteration data columns from CSV and JSON', () => {
    expect(iterationDataVariables('\uFEFFuser,"pass"\nx,y\n')).toEqual(['user', 'pass']);
    expect(iterationDataVariables('[{"a":1},{"b":2}]')).toEqual(['a', 'b']);
    expect(iterationDataVariables('[broken')).toEqual([]);
  });
});
