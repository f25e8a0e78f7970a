// Accepting drift: turns replayed responses into exchanges of the recording, rebased onto the recorded origin.
import type { Endpoint } from '../assertions/types.js';
import { ACCEPTED_NOTE_PREFIX, type Exchange, type Header } from '../cassette/types.js';
import { ApitapeError } from '../errors.js';
import type { ReplayedRequest, RunResult } from './types.js';

export interface AcceptSelection {
  /** Endpoint keys (full or `METHOD /template`) to accept; empty: every endpoint that drifted. */
  endpoints: string[];
  /** Keys of the endpoints with findings. */
  drifted: ReadonlySet<string>;
  /** requestIndex → endpoint key. */
  matched: ReadonlyMap<number, string>;
}

/** endpoint key → the exchanges to append for it, in run order. Unknown `--endpoint` values are errors. */
export function selectAccepted(run: RunResult, endpoints: readonly Endpoint[], selection: AcceptSelection, runLabel: string): Map<string, Array<Omit<Exchange, 'id'>>> {
  const byKey = new Map(endpoints.map((e) => [e.key, e]));
  const wanted = resolveKeys(selection, endpoints);
  const out = new Map<string, Array<Omit<Exchange, 'id'>>>();
  for (const request of run.requests) {
    const key = selection.matched.get(request.index);
    if (!request.response || key === undefined || !wanted.has(key)) continue;
    const list = out.get(key) ?? [];
    list.push(toExchange(request, byKey.get(key)!.origin, runLabel));
    out.set(key, list);
  }
  return out;
}

function resolveKeys(selection: AcceptSelection, endpoints: readonly Endpoint[]): Set<string> {
  if (selection.endpoints.length === 0) return new Set(selection.drifted);
  const keys = new Set<string>();
  for (const asked of selection.endpoints) {
    const found = endpoints.filter((e) => e.key === asked || `${e.method} ${e.template}` === asked);
    if (found.length === 0) {
      const known = [...selection.drifted].sort();
      throw new ApitapeError('ENDPOINT_NOT_FOUND', `no recorded endpoint "${asked}"`, {
        hint: known.length ? `endpoints with drift in this run: ${known.join(', ')}` : 'this run has no drift to accept',
      });
    }
    for (const e of found) keys.add(e.key);
  }
  return keys;
}

/** The replayed request as a recorded exchange: URL and Host moved to `origin`, newman's per-request token dropped. */
export function toExchange(request: ReplayedRequest, origin: string, runLabel: string): Omit<Exchange, 'id'> {
  const url = rebase(request.request.url, origin);
  const host = new URL(origin).host;
  const headers: Header[] = request.request.headers
    .filter(([name]) => name.toLowerCase() !== 'postman-token')
    .map(([name, value]) => [name, name.toLowerCase() === 'host' ? host : value]);
  return {
    timings: request.timings,
    request: { ...request.request, url, headers },
    response: request.response,
    note: `${ACCEPTED_NOTE_PREFIX}${runLabel}`,
  };
}

function rebase(url: string, origin: string): string {
  try {
    const parsed = new URL(url);
    return `${origin}${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
