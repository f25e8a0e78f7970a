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
  return splitPlainUrl(url) ?? splitByPattern(url);
}

/** PLAIN_URL, then the WHATWG parser for anything the pattern does not cover. */
function splitByPattern(url: string): UrlParts {
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

/**
 * The commonest recorded URL, split in one scan without a regex or URLSearchParams (this runs for
 * every exchange): what PLAIN_URL accepts, minus anything that needs decoding or a closer look (a
 * port that may be a default one, `/.` in the path, `%`, `+` or non-ASCII in the query). Returns
 * undefined for those, and splitByPattern decides, so the result is always what it would give.
 */
function splitPlainUrl(url: string): UrlParts | undefined {
  const n = url.length;
  let i = url.startsWith('https://') ? 8 : url.startsWith('http://') ? 7 : -1;
  if (i < 0) return undefined;
  const hostStart = i;
  while (i < n && isHostChar(url.charCodeAt(i))) i++;
  if (i === hostStart || url.charCodeAt(i) === 58) return undefined; // no host, or a port
  const origin = i === lastOrigin.length && url.startsWith(lastOrigin) ? lastOrigin : (lastOrigin = url.slice(0, i));
  let segments: string[] = [];
  if (url.charCodeAt(i) === 47) {
    const pathStart = i;
    while (i < n && isPathChar(url.charCodeAt(i))) i++;
    if (i < n && url.charCodeAt(i) !== 63) return undefined;
    const path = url.slice(pathStart + 1, i);
    if (path.includes('/.') || path.charCodeAt(0) === 46) return undefined;
    if (path !== '') segments = capSegments(path.split('/'));
  }
  if (i === n) return { origin, segments, query: [] };
  if (url.charCodeAt(i) !== 63) return undefined;
  const query = splitPlainQuery(url, i + 1);
  return query && { origin, segments, query };
}

/**
 * The origin splitPlainUrl returned last. Recordings mostly talk to one origin, and handing back
 * the same string saves a copy per URL and lets the caller's map reuse its cached hash.
 */
let lastOrigin = '';

/** The pairs of the query from `start`, when it needs no decoding (else undefined). */
function splitPlainQuery(url: string, start: number): Array<[string, string]> | undefined {
  const pairs: Array<[string, string]> = [];
  let from = start;
  let equals = -1;
  for (let i = start; i <= url.length; i++) {
    const c = i === url.length ? 38 : url.charCodeAt(i);
    if (c === 38) {
      if (i > from) pairs.push(equals < 0 ? [url.slice(from, i), ''] : [url.slice(from, equals), url.slice(equals + 1, i)]);
      from = i + 1;
      equals = -1;
    } else if (c === 61) {
      if (equals < 0) equals = i;
    } else if (!isPlainQueryChar(c)) {
      return undefined;
    }
  }
  return pairs;
}

/** `[a-z0-9.-]`: a host PLAIN_URL accepts. */
function isHostChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

/** PLAIN_URL's path characters: `[A-Za-z0-9\-_~%!$&'()*+,;=:@/.]`. */
function isPathChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 64 && c <= 90) || (c >= 38 && c <= 59) || c === 33 || c === 36 || c === 37 || c === 61 || c === 95 || c === 126;
}

/** Printable ASCII that PLAIN_URL accepts in a query and that URLSearchParams leaves as it is. */
function isPlainQueryChar(c: number): boolean {
  return c > 32 && c < 127 && c !== 35 && c !== 34 && c !== 60 && c !== 62 && c !== 96 && c !== 123 && c !== 125 && c !== 37 && c !== 43;
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
  return capSegments((pathname.charCodeAt(0) === 47 ? pathname.slice(1) : pathname).split('/'));
}

function capSegments(segments: string[]): string[] {
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
