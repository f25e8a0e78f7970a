import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitPath, splitUrl } from '../../../src/assertions/url-parts.js';

/** Property tests compile many schemas; on a loaded 2-core machine they need more than the default. */
const PROPERTY_TIMEOUT = 120_000;

/** What the WHATWG parser gives, the reference the hand-written fast path must match. */
function reference(url: string): ReturnType<typeof splitUrl> {
  const parsed = new URL(url);
  return { origin: parsed.origin, segments: splitPath(parsed.pathname), query: [...parsed.searchParams] };
}

describe('splitUrl', () => {
  it.each([
    'https://api.example.com/users/42?expand=1&expand=2',
    'http://127.0.0.1:4010/',
    'http://host',
    'http://host?x=1',
    'https://HOST.example.com/A',
    'http://host:80/a',
    'https://host:443/a',
    'http://host:0080/a',
    'http://host/a/./b/../c',
    'http://host/a b/"q"?x=a b&y=%zz&z=1+2',
    'http://host/files/src%2Findex.ts/raw?ref=main#frag',
    'http://[::1]:8080/x',
    'http://user:pw@host/x',
    'http://host/.well-known/x',
    'http://host/a?x=<y>&q=%E2%82%AC',
    'http://a.aa??',
    'http://host/a?x=1=2&&=y&z&&',
    'http://host/a?q=a+b&r=%41&s=caf%C3%A9',
    'http://host/a?next=/b?c=d&e',
    'http://host?',
    'http://host/',
    'http://host//a//',
    'http://host/a/.b/c',
    'http://host/.a',
    'http://host/a%2Fb/~c!$&\'()*+,;=:@d',
    'http://host:8080/a?b',
    'http://host/a?é=ü',
    'http://host/a#?x=1',
    'http://host/A?B=C',
    'http://host-1.example.com/v1/users/42/history?page=3',
  ])('splits %s as the URL parser would', (url) => {
    expect(splitUrl(url)).toEqual(reference(url));
  });

  it('agrees with the URL parser on generated URLs', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(splitUrl(url)).toEqual(reference(url));
      }),
      { numRuns: 500 },
    );
  }, PROPERTY_TIMEOUT);

  it('agrees with the URL parser on URLs made of the characters the fast path reads', () => {
    const char = fc.constantFrom(...'abzAZ09-._~%!$&\'()*+,;=:@/?#'.split(''));
    const text = fc.array(char, { maxLength: 24 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.constantFrom('http://h', 'https://a.b-c.d', 'http://h:8080'), text, (base, rest) => {
        const url = `${base}/${rest}`;
        expect(splitUrl(url)).toEqual(reference(url));
      }),
      { numRuns: 2000 },
    );
  }, PROPERTY_TIMEOUT);

  it('gives relative URLs an empty origin', () => {
    expect(splitUrl('/users/1?x=2')).toEqual({ origin: '', segments: ['users', '1'], query: [['x', '2']] });
  });

  it('caps the number of segments', () => {
    const segments = splitPath(`/${Array.from({ length: 40 }, (_, i) => `s${i}`).join('/')}`);
    expect(segments).toHaveLength(32);
    expect(segments[31]).toBe(Array.from({ length: 9 }, (_, i) => `s${i + 31}`).join('/'));
  });
});
