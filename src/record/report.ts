// What the recorder prints: one line per recorded exchange, and the summary when it stops.
import type { Body, Exchange } from '../cassette/types.js';

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
  bytes = 0;
  private readonly endpoints = new Map<string, number>();

  add(exchange: Exchange): void {
    this.exchanges += 1;
    if (exchange.failure) this.failures += 1;
    this.bytes += bodySize(exchange.request.body) + (exchange.response ? bodySize(exchange.response.body) : 0);
    const key = endpointKey(exchange.request.method, exchange.request.url);
    this.endpoints.set(key, (this.endpoints.get(key) ?? 0) + 1);
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
    lines.push('  No request reached the proxy: point the app at the proxy address printed above (or use `record -- <command>`).');
  }
  for (const [endpoint, count] of endpoints.slice(0, maxEndpoints)) lines.push(`  ${endpoint}${count > 1 ? `  ×${count}` : ''}`);
  if (endpoints.length > maxEndpoints) lines.push(`  … and ${endpoints.length - maxEndpoints} more`);
  return `${lines.join('\n')}\n`;
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
