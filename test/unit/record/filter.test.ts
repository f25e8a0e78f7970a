import { describe, expect, it } from 'vitest';
import { pathOf, compileFilter, globToRegExp, isPreflight } from '../../../src/record/filter.js';

const base = { include: [], exclude: [], recordAssets: false, recordPreflight: false };
const get = (url: string) => ({ method: 'GET', url, headers: [] as Array<[string, string]> });

describe('compileFilter', () => {
  it('skips static assets by extension and by content type, unless asked', () => {
    const filter = compileFilter(base);
    for (const p of ['/app.js', '/style.CSS', '/font.woff2', '/logo.png', '/app.js.map']) expect(filter.acceptRequest(get(`https://x.io${p}`))).toBe(false);
    expect(filter.acceptRequest(get('https://x.io/api/users.json'))).toBe(true);
    expect(filter.acceptResponse(get('https://x.io/img'), [['Content-Type', 'image/png']])).toBe(false);
    expect(filter.acceptResponse(get('https://x.io/api'), [['content-type', 'application/json']])).toBe(true);
    const all = compileFilter({ ...base, recordAssets: true });
    expect(all.acceptRequest(get('https://x.io/app.js'))).toBe(true);
    expect(all.acceptResponse(get('https://x.io/img'), [['content-type', 'image/png']])).toBe(true);
  });

  it('skips CORS preflights unless asked', () => {
    const preflight = { method: 'OPTIONS', url: 'https://x.io/a', headers: [['Access-Control-Request-Method', 'POST']] as Array<[string, string]> };
    expect(isPreflight(preflight)).toBe(true);
    expect(isPreflight({ ...preflight, headers: [] })).toBe(false);
    expect(compileFilter(base).acceptRequest(preflight)).toBe(false);
    expect(compileFilter({ ...base, recordPreflight: true }).acceptRequest(preflight)).toBe(true);
  });

  it('matches host, path and host/path patterns for --include and --exclude', () => {
    const filter = compileFilter({ ...base, include: ['*.example.com', 'localhost:3000/api/**'], exclude: ['/health', 'cdn.example.com'] });
    expect(filter.acceptRequest(get('https://api.example.com/users'))).toBe(true);
    expect(filter.acceptRequest(get('https://a.b.example.com/users'))).toBe(false);
    expect(filter.acceptRequest(get('https://api.example.com/health'))).toBe(false);
    expect(filter.acceptRequest(get('https://cdn.example.com/x'))).toBe(false);
    expect(filter.acceptRequest(get('http://localhost:3000/api/v1/users'))).toBe(true);
    expect(filter.acceptRequest(get('http://localhost:3000/other'))).toBe(false);
    expect(filter.acceptRequest(get('https://other.org/users'))).toBe(false);
  });

  it('turns globs into anchored expressions', () => {
    expect(globToRegExp('/users/*', '/').test('/users/42')).toBe(true);
    expect(globToRegExp('/users/*', '/').test('/users/42/orders')).toBe(false);
    expect(globToRegExp('/users/**', '/').test('/users/42/orders')).toBe(true);
    expect(globToRegExp('/a?c', '/').test('/abc')).toBe(true);
    expect(globToRegExp('*.io', '.').test('x.y.io')).toBe(false);
    expect(globToRegExp('(x)+', '/').test('(x)+')).toBe(true);
  });
});

describe('pathOf', () => {
  it.each([
    ['http://api.example.com/users/1?fields=a#top', '/users/1'],
    ['https://api.example.com', '/'],
    ['https://api.example.com?x=1', '/'],
    ['http://[::1]:8080/a/b.png', '/a/b.png'],
    ['http://h/app.js#frag', '/app.js'],
    ['ws://h:1/socket', '/socket'],
  ])('%s → %s', (url, path) => {
    expect(pathOf(url)).toBe(path);
  });

  it('agrees with the URL parser on the extension that decides whether an asset is recorded', () => {
    const filter = compileFilter({ include: [], exclude: [], recordAssets: false, recordPreflight: false });
    expect(filter.acceptRequest({ method: 'GET', url: 'http://h/logo.png?v=2', headers: [] })).toBe(false);
    expect(filter.acceptRequest({ method: 'GET', url: 'http://h/api?file=logo.png', headers: [] })).toBe(true);
    expect(filter.acceptRequest({ method: 'GET', url: 'http://h/api#x.js', headers: [] })).toBe(true);
  });
});
