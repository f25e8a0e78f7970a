// Parsing and validation of the mock command's values (port, fallback URL, cassette to record into).
import { ApitapeError } from '../errors.js';

/** A TCP port, 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65535) {
    throw new ApitapeError('BAD_PORT', `--port must be a number from 0 to 65535, not "${value}"`, { hint: '--port 0 picks a free port' });
  }
  return port;
}

/**
 * The API unknown requests are forwarded to: an http(s) URL, optionally with a path prefix that is
 * put before every forwarded path (`https://api.example.com/v1`); no query, fragment or credentials.
 */
export function parseFallback(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApitapeError('BAD_FALLBACK', `--fallback "${value}" is not a URL`, { hint: 'e.g. --fallback https://staging.example.com' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApitapeError('BAD_FALLBACK', `--fallback must be an http:// or https:// URL, not ${url.protocol}//`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ApitapeError('BAD_FALLBACK', `--fallback takes an origin and optional path prefix; "${value}" has a query, fragment or credentials`);
  }
  return url;
}

/**
 * The cassette `--record` appends to: the first one named, else the only cassette there is.
 * Recording needs somewhere to forward to, so it requires a fallback.
 */
export function recordTarget(named: readonly string[], available: readonly string[], hasFallback: boolean): string {
  if (!hasFallback) {
    throw new ApitapeError('RECORD_NEEDS_FALLBACK', '--record appends what the fallback API answers, but no --fallback URL was given', {
      hint: 'add --fallback https://your-api.example.com',
    });
  }
  const target = named[0] ?? (available.length === 1 ? available[0] : undefined);
  if (target === undefined) {
    throw new ApitapeError('RECORD_TARGET', `--record needs one cassette to append to, and ${available.length} are being served`, {
      hint: 'name it first: --cassette NAME (the first --cassette receives the recording)',
    });
  }
  return target;
}
