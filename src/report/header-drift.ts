// Compares a replayed response's content type, caching and CORS headers, and its latency, with the recording.
import type { ResponseModel } from '../assertions/types.js';
import { headerValues, mediaType } from '../cassette/headers.js';
import type { Header } from '../cassette/types.js';
import type { Finding } from './body-drift.js';
import type { Severity } from './types.js';

/** Headers compared when the recording kept their values; per-response ones (date, etag) never are. */
const WATCHED: Record<string, Severity> = {
  'cache-control': 'info',
  pragma: 'info',
  vary: 'info',
  'access-control-allow-origin': 'warning',
  'access-control-allow-credentials': 'warning',
  'access-control-allow-methods': 'warning',
  'access-control-allow-headers': 'warning',
  'access-control-expose-headers': 'warning',
};

/** Recorded value lists this long may be capped, so a new value there proves nothing. */
const OPEN_LIST = 10;

/** Content type (breaking when it changes), then the watched caching and CORS headers. */
export function compareHeaders(model: ResponseModel, headers: readonly Header[]): Finding[] {
  const findings: Finding[] = [];
  const type = mediaType(headers) ?? null;
  if (model.contentTypes.length > 0 && (type === null || !model.contentTypes.includes(type))) {
    findings.push(headerFinding('content-type', model.contentTypes, type, 'breaking'));
  }
  for (const [name, severity] of Object.entries(WATCHED)) {
    const recorded = model.headers[name];
    if (!recorded || recorded.length === 0 || recorded.length >= OPEN_LIST) continue;
    const actual = headerValues(headers, name).join(', ');
    if (actual === '') findings.push(headerFinding(name, recorded, null, severity));
    else if (!recorded.includes(actual)) findings.push(headerFinding(name, recorded, actual, severity));
  }
  return findings;
}

function headerFinding(name: string, expected: string[], actual: string | null, severity: Severity): Finding {
  const was = expected.map((v) => JSON.stringify(v)).join(' or ');
  const message = actual === null ? `${name} header is missing; it was ${was}` : `${name} is ${JSON.stringify(actual)}; it was ${was}`;
  return { kind: 'header-changed', severity, location: 'header', pointer: `/${name}`, expected, actual, message };
}

export interface LatencyOptions {
  /** Drift when slower than the recorded p95 times this. */
  factor: number;
  /** …and slower than p95 by at least this many milliseconds (loopback jitter is not drift). */
  floorMs: number;
}

/** A latency finding when `durationMs` exceeds both `p95 × factor` and `p95 + floorMs`. */
export function compareLatency(model: ResponseModel, durationMs: number, options: LatencyOptions): Finding | undefined {
  const p95 = model.latency.p95;
  const limit = Math.max(p95 * options.factor, p95 + options.floorMs);
  if (!(durationMs > limit)) return undefined;
  return {
    kind: 'latency',
    severity: 'warning',
    location: 'latency',
    pointer: '',
    expected: { p95Ms: p95, limitMs: Math.round(limit) },
    actual: Math.round(durationMs),
    message: `took ${Math.round(durationMs)} ms; recorded p95 was ${p95} ms (limit ${Math.round(limit)} ms)`,
  };
}
