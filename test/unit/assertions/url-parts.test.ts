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

  it('gives relative URLs an empty origin', () => {
    expect(splitUrl('/users/1?x=2')).toEqual({ origin: '', segments: ['users', '1'], query: [['x', '2']] });
  });

  it('caps the number of segments', () => {
    const segments = splitPath(`/${Array.from({ length: 40 }, (_, i) => `s${i}`).join('/')}`);
    expect(segments).toHaveLength(32);
    expect(segments[31]).toBe(Array.from({ length: 9 }, (_, i) => `s${i + 31}`).join('/'));
  });
});
