// Parsing and validation of the record command's values (target, port, host, sizes, durations).
import { ApitapeError } from '../errors.js';
import { isLoopback } from './address.js';

/**
 * The origin a reverse proxy forwards to. Accepts `https://host[:port]` with an optional trailing
 * slash; a path, query, credentials or a scheme other than http(s) is a usage error (exit 2).
 */
export function parseTarget(value: string): string {
  const bare = /^([\w.-]+)(:\d+)?(\/(?!\/).*)?$/.exec(value); // host[:port][/path]: `localhost:3000` parses as scheme "localhost:"
  if (bare) {
    const host = bare[1]!;
    const port = bare[2] ?? '';
    const origin = /^\d+$/.test(host) && !port ? `http://localhost:${host}` : `${isLoopback(host) ? 'http' : 'https'}://${host}${port}`;
    throw new ApitapeError('BAD_TARGET', `--target "${value}" has no scheme`, { hint: `did you mean ${origin} ?` });
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApitapeError('BAD_TARGET', `--target "${value}" is not a URL`, { hint: 'e.g. --target https://staging.example.com' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApitapeError('BAD_TARGET', `--target must be an http:// or https:// URL, not ${url.protocol}//`, {
      hint: 'e.g. --target https://staging.example.com',
    });
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ApitapeError('BAD_TARGET', `--target takes an origin only; "${value}" has a path, query or fragment`, {
      hint: `use --target ${url.origin}: the app's request paths are kept as they are`,
    });
  }
  if (url.username || url.password) {
    throw new ApitapeError('BAD_TARGET', '--target must not contain credentials', {
      hint: 'the app sends its own credentials; they are redacted in the cassette',
    });
  }
  return url.origin;
}

/** A TCP port, 0 (any free port) to 65535. */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ApitapeError('BAD_PORT', `--port must be a number from 0 to 65535, not "${value}"`, { hint: '--port 0 picks a free port' });
  }
  return port;
}

/** The listening host; a non-loopback address needs `allowRemote`. */
export function checkHost(host: string, allowRemote: boolean): string {
  if (host.trim() === '') throw new ApitapeError('BAD_HOST', '--host must not be empty', { hint: 'the default is --host 127.0.0.1' });
  if (!allowRemote && !isLoopback(host)) {
    throw new ApitapeError('REMOTE_NOT_ALLOWED', `--host ${host} would accept connections from other machines`, {
      hint: 'add --allow-remote if you mean it: anyone on that network can then use this proxy',
    });
  }
  return host;
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** A byte size: `1048576`, `512KB`, `4MB`, `1GiB` (binary units). */
export function parseSize(value: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = SIZE_UNITS[match?.[2]?.toLowerCase() ?? 'x'];
  if (!match || unit === undefined) {
    throw new ApitapeError('BAD_SIZE', `${flag} must be a size like 4MB, 512KB or 1048576, not "${value}"`);
  }
  return Math.floor(Number(match[1]) * unit);
}

/** A duration: `500` or `500ms` (milliseconds), `30s`, `2m`; 0 disables. */
export function parseDuration(value: string, flag: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/i.exec(value);
  if (!match) throw new ApitapeError('BAD_DURATION', `${flag} must be a duration like 30s or 500ms, not "${value}"`);
  const unit = { ms: 1, s: 1000, m: 60_000 }[(match[2] ?? 'ms').toLowerCase() as 'ms' | 's' | 'm'];
  return Math.round(Number(match[1]) * unit);
}
