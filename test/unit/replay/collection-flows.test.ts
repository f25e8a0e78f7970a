import { describe, expect, it } from 'vitest';
import { flowsOfCollection } from '../../../src/replay/collection-flows.js';

const origins = (map: Record<string, string>) =>
  JSON.stringify(Object.fromEntries(Object.entries(map).map(([id, flow]) => [id, { endpoint: 'GET https://x.test/a', status: 200, flow, exchange: '0', occurrences: 1 }])));

describe('flowsOfCollection', () => {
  it('names the flows of the collection in item order, each once', () => {
    const collection = {
      info: { name: 'login+checkout' },
      item: [{ name: 'checkout', item: [{ id: 'r3', name: 'c' }, { id: 'r1', name: 'a' }] }, { id: 'r2', name: 'b' }],
      variable: [{ key: 'apitape.requests', value: origins({ r1: 'checkout', r2: 'login', r3: 'checkout' }) }],
    };
    expect(flowsOfCollection(collection)).toEqual(['checkout', 'login']);
  });

  it('is empty for a collection apitape did not generate', () => {
    expect(flowsOfCollection({ item: [{ id: 'r1' }] })).toEqual([]);
    expect(flowsOfCollection({ item: [], variable: [{ key: 'apitape.requests', value: 'not json' }] })).toEqual([]);
    expect(flowsOfCollection(null)).toEqual([]);
  });
});
