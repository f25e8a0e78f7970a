import { describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { makeExchange } from '../../fixtures/apis/build.js';
import { GITHUB_LIKE_TEMPLATES, githubLikeExchanges } from '../../fixtures/apis/github-like.js';
import { REST_CRUD_TEMPLATES, restCrudExchanges } from '../../fixtures/apis/rest-crud.js';
import { VERSIONED_FILES_TEMPLATES, versionedFilesExchanges } from '../../fixtures/apis/versioned-files.js';
import type { Exchange } from '../../../src/cassette/types.js';

function templates(exchanges: Exchange[]): string[] {
  return inferEndpoints(exchanges).map((e) => `${e.method} ${e.template}`).sort();
}

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('path templates on three public API styles', () => {
  it.each([
    ['a REST CRUD API', restCrudExchanges, REST_CRUD_TEMPLATES],
    ['a GitHub-like API with owner/repo names and nested resources', githubLikeExchanges, GITHUB_LIKE_TEMPLATES],
    ['a versioned API with file-like paths', versionedFilesExchanges, VERSIONED_FILES_TEMPLATES],
  ])('groups %s as a person would', (_, build, expected) => {
    expect(templates(build())).toEqual([...expected].sort());
  });

  it.each([restCrudExchanges, githubLikeExchanges, versionedFilesExchanges])('gives the same endpoints in any recorded order (%#)', (build) => {
    const exchanges = build();
    const strip = (list: ReturnType<typeof inferEndpoints>): string =>
      JSON.stringify(list.map((e) => ({ ...e, pathParams: e.pathParams.map((p) => p.name), queryParams: e.queryParams.map((q) => q.name) })));
    const reference = strip(inferEndpoints(exchanges));
    for (const seed of [1, 2, 3]) expect(strip(inferEndpoints(shuffle(exchanges, seed)))).toBe(reference);
  });

  it('names parameters from the segment before them and keeps examples in first-seen order', () => {
    const endpoint = inferEndpoints(githubLikeExchanges()).find((e) => e.template === '/repos/:owner/:repo/issues/:issueId');
    expect(endpoint?.pathParams).toEqual([
      { name: 'owner', examples: ['octocat', 'nodejs', 'torvalds', 'facebook'] },
      { name: 'repo', examples: ['hello-world', 'node', 'linux', 'react'] },
      { name: 'issueId', examples: ['10', '11', '12', '13'] },
    ]);
  });
});

describe('path template rules', () => {
  const base = 'http://api.test';

  it('names two values after one collection name owner and the singular noun, and only those', () => {
    const urls = [
      ...['octocat/hello-world', 'nodejs/node', 'torvalds/linux'].map((p) => `/repos/${p}/issues`),
      ...['octocat/hello-world', 'nodejs/node'].map((p) => `/repos/${p}`),
      ...['nodejs', 'facebook'].map((org) => `/orgs/${org}/repos`),
      ...['a1/b1', 'a2/b2'].map((p) => `/packages/${p}/versions`),
      ...['12/34', '56/78'].map((p) => `/projects/${p}/files`),
    ];
    expect(templates(urls.map((u) => makeExchange({ url: `${base}${u}` })))).toEqual([
      'GET /orgs/:org/repos',
      'GET /packages/:owner/:package/versions',
      'GET /projects/:projectId/:projectId2/files',
      'GET /repos/:owner/:repo',
      'GET /repos/:owner/:repo/issues',
    ]);
  });

  it('keeps the usual names when owner is already a parameter of the path or the first value stands alone', () => {
    const urls = [
      ...['alice', 'bob'].map((o) => `/owners/${o}/repos/x-${o}1/y-${o}2/tree`),
      ...['alice', 'bob'].map((o) => `/owners/${o}/repos/z-${o}3`),
    ];
    expect(templates(urls.map((u) => makeExchange({ url: `${base}${u}` })))).toEqual([
      'GET /owners/:owner/repos/:repo',
      'GET /owners/:owner/repos/:repo/:repo2/tree',
    ]);
  });

  it('makes an identifier a parameter even when seen once, and keeps words literal even when seen once', () => {
    expect(templates([makeExchange({ url: `${base}/users/42` }), makeExchange({ url: `${base}/users/search` })])).toEqual([
      'GET /users/:userId',
      'GET /users/search',
    ]);
  });

  it('keeps a trailing slash as its own literal endpoint', () => {
    const exchanges = ['/files/', '/files/a.txt', '/files/b.txt'].map((p) => makeExchange({ url: `${base}${p}` }));
    expect(templates(exchanges)).toEqual(['GET /files/', 'GET /files/:file']);
  });

  it('keeps version prefixes literal although they vary', () => {
    expect(templates(['v1', 'v2', 'v3'].map((v) => makeExchange({ url: `${base}/${v}/items/7` })))).toEqual([
      'GET /v1/items/:itemId',
      'GET /v2/items/:itemId',
      'GET /v3/items/:itemId',
    ]);
  });

  it('does not merge collection names that share a sub-resource', () => {
    const exchanges = ['users', 'customers'].map((c) => makeExchange({ url: `${base}/api/${c}/1/orders` }));
    expect(templates(exchanges)).toEqual(['GET /api/customers/:customerId/orders', 'GET /api/users/:userId/orders']);
  });

  it('never splits an endpoint on query parameters, and records them with examples', () => {
    const endpoints = inferEndpoints([
      makeExchange({ url: `${base}/items?page=1&sort=name` }),
      makeExchange({ url: `${base}/items?page=2` }),
      makeExchange({ url: `${base}/items` }),
    ]);
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]?.queryParams).toEqual([
      { name: 'page', examples: ['1', '2'], present: 2 },
      { name: 'sort', examples: ['name'], present: 1 },
    ]);
  });

  it('counts a query parameter once per sample however often it repeats, in short and long queries', () => {
    const long = Array.from({ length: 20 }, (_, i) => `p${i}=${i}`).join('&');
    const endpoints = inferEndpoints([
      makeExchange({ url: `${base}/items?a=1&a=2&b=3&a=4` }),
      makeExchange({ url: `${base}/items?b=1&b=1` }),
      makeExchange({ url: `${base}/items?${long}&a=x&${long}&a=y` }),
    ]);
    const present = Object.fromEntries(endpoints[0]!.queryParams.map((q) => [q.name, q.present]));
    expect(present).toMatchObject({ a: 2, b: 2, p0: 1, p19: 1 });
    expect(endpoints[0]!.queryParams.find((q) => q.name === 'a')?.examples).toEqual(['1', '2', '4', 'x', 'y']);
  });

  it('keeps a bounded trie: thousands of distinct names at one position become one parameter', () => {
    const exchanges = Array.from({ length: 3000 }, (_, i) => makeExchange({ url: `${base}/tags/${'abcdefghij'[i % 10]}${String.fromCharCode(97 + (i % 26))}${'k'.repeat(1 + (i % 7))}-${'xyz'.charAt(i % 3)}${'q'.repeat(i % 11)}/feed` }));
    const endpoints = inferEndpoints(exchanges);
    expect(endpoints.map((e) => e.template)).toEqual(['/tags/:tag/feed']);
    expect(endpoints[0]?.samples).toBe(3000);
  });

  it('separates origins and methods, and treats relative URLs as one origin', () => {
    const endpoints = inferEndpoints([
      makeExchange({ url: 'http://a.test/x' }),
      makeExchange({ url: 'http://b.test:8080/x' }),
      makeExchange({ method: 'post', url: 'http://a.test/x' }),
      makeExchange({ url: '/x' }),
    ]);
    expect(endpoints.map((e) => e.key)).toEqual(['GET /x', 'GET http://a.test/x', 'GET http://b.test:8080/x', 'POST http://a.test/x']);
  });
});
