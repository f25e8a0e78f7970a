// The small HAR ↔ Exchange mappings: loose readers for untrusted JSON, headers, versions, timings.
import type { HarNameValue, HarTimings } from './har.js';
import type { ExchangeTimings, Header } from './types.js';

export type Loose = Record<string, unknown>;

/** `value` when it is a plain object, else undefined. */
export function asObject(value: unknown): Loose | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A finite number, also from a numeric string (some exporters quote numbers). */
export function asNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** Milliseconds rounded to the microsecond, so re-exported values do not drift in the last digit. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/**
 * HAR headers → recorded headers, in order and with duplicates. HTTP/2 pseudo-headers (`:path`,
 * Chrome) are dropped: they are not headers. Returns how many malformed items were dropped.
 */
export function headersFromHar(value: unknown): { headers: Header[]; dropped: number } {
  const headers: Header[] = [];
  let dropped = 0;
  for (const item of asArray(value)) {
    const name = asString(asObject(item)?.name);
    if (name === undefined || name === '') {
      dropped += 1;
      continue;
    }
    if (name.startsWith(':')) continue;
    const raw = asObject(item)?.value;
    headers.push([name, raw === undefined || raw === null ? '' : String(raw)]);
  }
  return { headers, dropped };
}

export function headersToHar(headers: readonly Header[]): HarNameValue[] {
  return headers.map(([name, value]) => ({ name, value }));
}

/** `HTTP/1.1` → `1.1`, `http/2.0` / `h2` → `2`, `h3` → `3`; unknown or missing → `1.1`. */
export function httpVersionFromHar(value: unknown): string {
  const raw = (asString(value) ?? '').trim().toLowerCase();
  const match = /^(?:https?\/)?(\d)(?:\.(\d))?$/.exec(raw) ?? /^h(\d)$/.exec(raw);
  if (!match) return '1.1';
  const major = match[1]!;
  const minor = match[2];
  if (major === '1') return minor === '0' ? '1.0' : '1.1';
  return major;
}

/** `1.1` → `HTTP/1.1`, `2` → `HTTP/2.0` (the spelling mitmproxy and most tools use). */
export function httpVersionToHar(version: string): string {
  return `HTTP/${version.includes('.') ? version : `${version}.0`}`;
}

/**
 * HAR `time` and `timings` → exchange timings. Time to first byte is every phase before `receive`
 * (HAR counts `ssl` inside `connect`); it is left out when `wait` is unknown (-1 or missing).
 */
export function timingsFromHar(time: unknown, timings: unknown, startedAt: string, failed: boolean): ExchangeTimings {
  const t = asObject(timings) ?? {};
  const phase = (name: string): number => Math.max(0, asNumber(t[name]) ?? 0);
  let beforeReceive = ['blocked', 'dns', 'connect', 'send', 'wait'].reduce((sum, name) => sum + phase(name), 0);
  const given = asNumber(time);
  // HAR counts `ssl` inside `connect`, but some exporters (mitmproxy) add it on top: trust whichever sums to `time`
  const ssl = phase('ssl');
  const phases = beforeReceive + phase('receive');
  if (ssl > 0 && given !== undefined && Math.abs(given - phases - ssl) < Math.abs(given - phases)) beforeReceive += ssl;
  const total = given ?? phases;
  const out: ExchangeTimings = { startedAt, durationMs: roundMs(Math.max(0, total)) };
  const wait = asNumber(t.wait);
  if (!failed && wait !== undefined && wait >= 0) out.firstByteMs = roundMs(Math.min(beforeReceive, out.durationMs));
  return out;
}

/** Exchange timings → HAR `time` and `timings` (`wait` holds the time to first byte). */
export function timingsToHar(timings: ExchangeTimings): { time: number; timings: HarTimings } {
  const time = Math.max(0, timings.durationMs);
  if (timings.firstByteMs === undefined) return { time, timings: { send: 0, wait: -1, receive: -1 } };
  const wait = Math.min(timings.firstByteMs, time);
  return { time, timings: { send: 0, wait, receive: roundMs(time - wait) } };
}
