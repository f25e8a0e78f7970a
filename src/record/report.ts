// What the recorder prints: one line per recorded exchange, and the summary when it stops.
import type { Body, Exchange, ExchangeFailure } from '../cassette/types.js';

/**
 * Failures that do not show the upstream was unreachable: the client or the recorder ended the
 * exchange, or a WebSocket upgrade was not accepted (an upstream's 403 ends that way too).
 */
const NOT_UPSTREAM = new Set(['CLIENT_ABORTED', 'RECORDING_STOPPED', 'WEBSOCKET_NOT_ACCEPTED']);

/** One reason exchanges got no answer from the upstream, with how often it happened. */
export interface UnreachedReason {
  failure: ExchangeFailure;
  count: number;
}

/** `GET https://api.example.com/users?page=2 → 200 1.2 KB 34 ms` (from the redacted exchange). */
export function formatExchangeLine(exchange: Exchange): string {
  const { request, response, failure } = exchange;
  const outcome = response ? String(response.status) : (failure?.code ?? 'no response');
  const size = response ? formatBytes(bodySize(response.body)) : '-';
  const suffix = failure && response ? ` (${failure.code})` : '';
  const note = exchange.note ? ` [${exchange.note}]` : '';
  return `${request.method} ${request.url} → ${outcome} ${size} ${Math.round(exchange.timings.durationMs)} ms${suffix}${note}`;
}

/** Running totals for the summary. */
export class RecordingTally {
  exchanges = 0;
  failures = 0;
  /** Exchanges the upstream answered (its response headers arrived). */
  reached = 0;
  bytes = 0;
  private readonly endpoints = new Map<string, number>();
  private readonly unreached = new Map<string, UnreachedReason>();

  add(exchange: Exchange): void {
    this.exchanges += 1;
    if (exchange.failure) this.failures += 1;
    if (exchange.response) this.reached += 1;
    else if (exchange.failure && !NOT_UPSTREAM.has(exchange.failure.code)) this.countUnreached(exchange.failure);
    this.bytes += bodySize(exchange.request.body) + (exchange.response ? bodySize(exchange.response.body) : 0);
    const key = endpointKey(exchange.request.method, exchange.request.url);
    this.endpoints.set(key, (this.endpoints.get(key) ?? 0) + 1);
  }

  /** Why exchanges got no answer from the upstream (refused, TLS, timeout…), most frequent first. */
  unreachedReasons(): UnreachedReason[] {
    return [...this.unreached.values()].sort((a, b) => b.count - a.count || (a.failure.code < b.failure.code ? -1 : 1));
  }

  private countUnreached(failure: ExchangeFailure): void {
    const known = this.unreached.get(failure.code);
    if (known) known.count += 1;
    else this.unreached.set(failure.code, { failure, count: 1 });
  }

  /** Distinct method + origin + path, sorted, with how many exchanges each had. */
  endpointCounts(): Array<[string, number]> {
    return [...this.endpoints].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

/** The summary printed when recording stops; lists at most `maxEndpoints` endpoints. */
export function formatSummary(tally: RecordingTally, cassette: string, maxEndpoints = 20): string {
  const endpoints = tally.endpointCounts();
  const lines = [
    `Recorded ${plural(tally.exchanges, 'exchange')} (${plural(endpoints.length, 'endpoint')}, ${formatBytes(tally.bytes)} of bodies` +
      `${tally.failures > 0 ? `, ${tally.failures} failed` : ''}) into ${cassette}`,
  ];
  if (tally.exchanges === 0) {
    lines.push('  Nothing was recorded. No request reached the proxy: point the app at the proxy address printed above (or use `record -- <command>`).');
  }
  for (const [endpoint, count] of endpoints.slice(0, maxEndpoints)) lines.push(`  ${endpoint}${count > 1 ? `  ×${count}` : ''}`);
  if (endpoints.length > maxEndpoints) lines.push(`  … and ${endpoints.length - maxEndpoints} more`);
  return `${lines.join('\n')}\n`;
}

/**
 * Why a recording in which no exchange got an answer failed (`target` in reverse mode): the reasons
 * with their counts and one message, then what to check.
 */
export function formatUnreachable(tally: RecordingTally, target: string | undefined): string {
  const reasons = tally.unreachedReasons();
  const counted = reasons.map(({ failure, count }) => (count > 1 ? `${failure.code} ×${count}` : failure.code)).join(', ');
  const first = reasons[0]?.failure;
  const where = target ? `the target ${target}` : 'its server';
  const what = tally.exchanges === 1 ? `the only exchange did not reach ${where}` : `none of the ${tally.exchanges} exchanges reached ${target ? where : 'their servers'}`;
  const lines = [
    `apitape: ${what}: ${counted}${first ? ` (${first.message})` : ''}`,
    `  ${unreachableHint(first, target)}`,
  ];
  return `${lines.join('\n')}\n`;
}

function unreachableHint(failure: ExchangeFailure | undefined, target: string | undefined): string {
  if (failure?.phase === 'tls') return "its TLS certificate was not accepted: --upstream-ca FILE trusts a private CA (--insecure skips the check)";
  if (failure?.code === 'TIMEOUT_FIRST_BYTE') return 'it accepted connections but sent no response in time: is it the right port, or overloaded? (--first-byte-timeout)';
  return target ? `is the API running at ${target}, and is --target right?` : 'are those hosts reachable from this machine (DNS, VPN, firewall)?';
}

function endpointKey(method: string, url: string): string {
  try {
    const parsed = new URL(url);
    return `${method} ${parsed.origin}${parsed.pathname}`;
  } catch {
    return `${method} ${url}`;
  }
}

function bodySize(body: Body): number {
  return body.kind === 'none' ? 0 : body.size;
}

/** `812 B`, `1.2 KB`, `34.0 MB` (binary units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
