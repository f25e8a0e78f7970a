import { describe, expect, it } from 'vitest';
import { serversFromEnvironments } from '../../../src/openapi/servers.js';

describe('serversFromEnvironments', () => {
  it('lists each environment baseUrl once, by environment name', () => {
    const servers = serversFromEnvironments([
      { name: 'staging', values: [{ key: 'baseUrl', value: 'https://staging.shop.test/' }, { key: 'token', value: '' }] },
      { name: 'prod', values: [{ key: 'baseUrl', value: 'https://shop.test' }] },
      { name: 'prod-copy', values: [{ key: 'baseUrl', value: 'https://shop.test' }] },
      { name: 'broken', values: [{ key: 'baseUrl', value: '{{host}}/api' }] },
      { name: 'off', values: [{ key: 'baseUrl', value: 'https://off.test', enabled: false }] },
      { name: 'none', values: [] },
    ]);
    expect(servers).toEqual([
      { url: 'https://shop.test', description: 'prod' },
      { url: 'https://staging.shop.test', description: 'staging' },
    ]);
  });
});
