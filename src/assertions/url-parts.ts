// Splits a recorded URL into the parts inference groups by: origin, path segments and query pairs.

/** Path segments beyond this are joined into the last one (bounds the path trie's depth). */
export const MAX_SEGMENTS = 32;

export interface UrlParts {
  /** `scheme://host[:port]`, or `''` for a relative URL. */
  origin: string;
  /** Raw (still percent-encoded) segments; `/` gives `[]`, a trailing slash gives a last `''`. */
  segments: string[];
  query: Array<[name: string, value: string]>;
}

/**
 * An absolute http(s) URL that the WHATWG parser would leave exactly as it is: lower-case host, no
 * default or zero-padded port, no dot segments, only characters that need no percent-encoding.
 * Most recorded URLs are like this, and splitting them by hand is several times cheaper.
 */
const PLAIN_URL = /^(https?:\/\/[a-z0-9.-]+)(?::([1-9]\d{0,4}))?(\/[A-Za-z0-9\-_~%!$&'()*+,;=:@/.]*)?(?:\?([^#\s"<>`{}]*))?$/;

/** The parts of `url`; relative URLs (HAR imports sometimes hold them) get an empty origin. */
export function splitUrl(url: string): UrlParts {
  const plain = PLAIN_URL.exec(url);
  if (plain !== null && !isDefaultPort(plain[1] as string, plain[2]) && !(plain[3] ?? '').includes('/.')) {
    const [, base, port, path, query] = plain;
    return {
      origin: port === undefined ? (base as string) : `${base}:${port}`,
      segments: splitPath(path ?? '/'),
      query: query ? [...new URLSearchParams(`?${query}`)] : [], // the `?` keeps a leading `?` of the query itself
    };
  }
  return splitWithParser(url);
}

function isDefaultPort(base: string, port: string | undefined): boolean {
  return (port === '80' && base.startsWith('http:')) || (port === '443' && base.startsWith('https:'));
}

function splitWithParser(url: string): UrlParts {
  let parsed: URL;
  let origin: string;
  try {
    parsed = new URL(url);
    origin = parsed.origin === 'null' ? `${parsed.protocol}//${parsed.host}` : parsed.origin;
  } catch {
    parsed = new URL(url, 'http://relative.invalid');
    origin = '';
  }
  return { origin, segments: splitPath(parsed.pathname), query: [...parsed.searchParams] };
}

/** Segments of a path (`/a/b` → `['a','b']`), capped at MAX_SEGMENTS. */
export function splitPath(pathname: string): string[] {
  if (pathname === '' || pathname === '/') return [];
  const segments = (pathname.charCodeAt(0) === 47 ? pathname.slice(1) : pathname).split('/');
  if (segments.length <= MAX_SEGMENTS) return segments;
  return [...segments.slice(0, MAX_SEGMENTS - 1), segments.slice(MAX_SEGMENTS - 1).join('/')];
}

/** `decodeURIComponent`, or the input unchanged when it is not valid percent-encoding. */
export function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
