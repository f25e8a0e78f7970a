// Which exchanges a recording keeps: --include/--exclude host and path globs, static assets and
// CORS preflights (passed through, but not recorded unless asked).
import { headerValue, mediaType } from '../cassette/headers.js';
import type { Header } from '../cassette/types.js';

/** The filter flags (`--include`, `--exclude`, `--record-assets`, `--record-preflight`). */
export interface FilterOptions {
  /** Glob patterns; when any is given, an exchange must match one. */
  include: readonly string[];
  exclude: readonly string[];
  recordAssets: boolean;
  recordPreflight: boolean;
}

/** What the filter sees of a request before any byte of its body. */
export interface RequestHead {
  method: string;
  /** Absolute URL as sent upstream. */
  url: string;
  headers: readonly Header[];
}

/** A compiled filter; `pattern` in the reasons names what matched, for `--verbose` style output. */
export interface ExchangeFilter {
  /** Decided on the request head: record it (true) or only pass it through (false). */
  acceptRequest(head: RequestHead): boolean;
  /** Decided once response headers arrive (a script or image served from a clean URL). */
  acceptResponse(head: RequestHead, responseHeaders: readonly Header[]): boolean;
}

const ASSET_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'svg', 'ico', 'bmp',
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  'css', 'js', 'mjs', 'map',
]);

/**
 * Builds the filter. A pattern with a `/` is matched against the path (`/api/**`); one starting
 * with a host part (`api.example.com/v1/*`) against host + path; one without a `/` against the
 * host (`*.example.com`). `*` matches within one segment (no `/` or `.` for hosts), `**` anything.
 */
export function compileFilter(options: FilterOptions): ExchangeFilter {
  const include = options.include.map(compilePattern);
  const exclude = options.exclude.map(compilePattern);
  return {
    acceptRequest(head) {
      if (include.length > 0 || exclude.length > 0) {
        const url = safeUrl(head.url);
        if (!url) return true;
        if (include.length > 0 && !include.some((p) => p(url))) return false;
        if (exclude.some((p) => p(url))) return false;
      }
      if (!options.recordPreflight && isPreflight(head)) return false;
      if (!options.recordAssets && ASSET_EXTENSIONS.has(extensionOf(pathOf(head.url)))) return false;
      return true;
    },
    acceptResponse(_head, responseHeaders) {
      return options.recordAssets || !isAssetType(mediaType(responseHeaders));
    },
  };
}

/** A CORS preflight: OPTIONS with `Access-Control-Request-Method`. */
export function isPreflight(head: RequestHead): boolean {
  return head.method.toUpperCase() === 'OPTIONS' && headerValue(head.headers, 'access-control-request-method') !== undefined;
}

function isAssetType(type: string | undefined): boolean {
  if (type === undefined) return false;
  return (
    type.startsWith('image/') ||
    type.startsWith('font/') ||
    type === 'text/css' ||
    type === 'text/javascript' ||
    type === 'application/javascript' ||
    type === 'application/x-javascript' ||
    type === 'application/font-woff'
  );
}

/**
 * The path of an absolute URL without parsing it (a `URL` costs microseconds on every request, and
 * no pattern needs one here): what follows the authority, up to the query or fragment.
 */
export function pathOf(url: string): string {
  const scheme = url.indexOf('://');
  const start = url.indexOf('/', scheme === -1 ? 0 : scheme + 3);
  if (start === -1) return '/';
  const end = url.slice(start).search(/[?#]/);
  return end === -1 ? url.slice(start) : url.slice(start, start + end);
}

function extensionOf(pathname: string): string {
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  return dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

type Matcher = (url: URL) => boolean;

function compilePattern(pattern: string): Matcher {
  const slash = pattern.indexOf('/');
  if (slash === -1) {
    const host = globToRegExp(pattern.toLowerCase(), '.');
    return (url) => host.test(url.hostname.toLowerCase()) || host.test(url.host.toLowerCase());
  }
  if (slash === 0) {
    const path = globToRegExp(pattern, '/');
    return (url) => path.test(url.pathname);
  }
  const host = globToRegExp(pattern.slice(0, slash).toLowerCase(), '.');
  const path = globToRegExp(pattern.slice(slash), '/');
  return (url) => (host.test(url.hostname.toLowerCase()) || host.test(url.host.toLowerCase())) && path.test(url.pathname);
}

/** `**` matches anything, `*` anything but `separator` (and `/`), `?` one such character. */
export function globToRegExp(glob: string, separator: '/' | '.'): RegExp {
  const stop = separator === '/' ? '/' : '/.';
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i]!;
    if (char === '*' && glob[i + 1] === '*') {
      source += '.*';
      i += 1;
    } else if (char === '*') {
      source += `[^${escapeClass(stop)}]*`;
    } else if (char === '?') {
      source += `[^${escapeClass(stop)}]`;
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

function escapeClass(chars: string): string {
  return chars.replace(/[\]\\^-]/g, '\\$&');
}
