import { describe, expect, it } from 'vitest';
import { checkCollection } from '../../../src/replay/collection.js';

const schema = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

describe('checkCollection', () => {
  it('counts requests and folders of a v2.1 collection', () => {
    const facts = checkCollection({ info: { name: 'c', schema }, item: [{ name: 'F', item: [{ name: 'a', request: { url: 'x' } }, { name: 'G', item: [] }] }, { name: 'b', request: 'http://x' }] }, 'c.json');
    expect(facts).toEqual({ name: 'c', requests: 2, folders: ['F', 'G'] });
  });

  it.each([
    [null, 'expected a JSON object'],
    [{ item: [] }, 'missing "info"'],
    [{ info: { schema: 'https://schema.getpostman.com/json/collection/v1.0.0/collection.json' }, item: [] }, 'only Postman Collection v2.0 and v2.1'],
    [{ info: {}, item: {} }, 'expected an "item" array'],
    [{ info: {}, item: [{ name: 'x', request: {} }] }, 'item[0].request has no "url"'],
    [{ name: 'old', requests: [] }, 'Postman v1 collection'],
  ])('rejects %j', (value, message) => {
    expect(() => checkCollection(value, 'c.json')).toThrow(expect.objectContaining({ code: 'COLLECTION_INVALID', exit: 2, message: expect.stringContaining(message) }));
  });
});
