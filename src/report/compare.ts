// The compare stage: every replayed response against the recorded model of its endpoint → drift findings.
import type { Endpoint } from '../assertions/types.js';
import { bodyJson } from '../cassette/body.js';
import type { ReplayedRequest, RunResult } from '../replay/types.js';
import { compareBody, type BodyCheckOptions, type Finding } from './body-drift.js';
import { compareHeaders, compareLatency, type LatencyOptions } from './header-drift.js';
import { ignoreMatcher, type IgnoreRules } from './ignore.js';
import { endpointMatcher } from './match.js';
import { SEVERITY_RANK, type Drift } from './types.js';

export interface CompareOptions {
  /** Findings to drop, per endpoint (see `IgnoreRules`). */
  ignore?: IgnoreRules;
  /** Latency drift beyond recorded p95 × this. Default 3. */
  latencyFactor?: number;
  /** …and beyond p95 + this many ms, so loopback jitter and a cold first request are not drift. Default 500. */
  latencyFloorMs?: number;
  /** Samples needed before a single-valued field counts as stable. Default 2. */
  minStableSamples?: number;
  /** Most distinct values of a "few-valued" field. Default 5. */
  maxFewValues?: number;
}

/** How the replayed requests of a run related to the recording. */
export interface CompareResult {
  drifts: Drift[];
  /** requestIndex → endpoint key, for every request that matched a recorded endpoint. */
  matched: Map<number, string>;
}

/**
 * Compares every replayed response of `run` with the recorded endpoint models; pure. Requests that
 * failed or match no recorded endpoint give no findings (they are failures or out of scope).
 * Findings are merged across requests (one per endpoint, status, kind and pointer) and sorted,
 * most severe first.
 */
export function compareRun(endpoints: readonly Endpoint[], run: RunResult, options: CompareOptions = {}): Drift[] {
  return compareRunDetailed(endpoints, run, options).drifts;
}

/** `compareRun`, also saying which endpoint each request matched. */
export function compareRunDetailed(endpoints: readonly Endpoint[], run: RunResult, options: CompareOptions = {}): CompareResult {
  const match = endpointMatcher(endpoints);
  const ignored = ignoreMatcher(options.ignore, endpoints);
  const merged = new Map<string, Drift>();
  const matched = new Map<number, string>();
  for (const request of run.requests) {
    if (!request.response) continue;
    const endpoint = match(request.request.method, request.request.url);
    if (!endpoint) continue;
    matched.set(request.index, endpoint.key);
    for (const finding of compareResponse(endpoint, request, options)) {
      const drift: Drift = { ...finding, endpoint: endpoint.key, status: request.response.status, requests: [request.index] };
      if (ignored(drift)) continue;
      const key = `${drift.endpoint}\n${drift.status}\n${drift.kind}\n${drift.location}\n${drift.pointer}`;
      const seen = merged.get(key);
      if (seen) seen.requests.push(request.index);
      else merged.set(key, drift);
    }
  }
  return { drifts: [...merged.values()].sort(byImportance), matched };
}

function compareResponse(endpoint: Endpoint, request: ReplayedRequest, options: CompareOptions): Finding[] {
  const response = request.response!;
  const model = endpoint.responses.find((r) => r.status === response.status);
  if (!model) {
    const recorded = endpoint.responses.map((r) => r.status);
    return [
      {
        kind: 'status',
        severity: 'breaking',
        location: 'status',
        pointer: '',
        expected: recorded,
        actual: response.status,
        message: `answered ${response.status}; recorded ${recorded.join(', ') || 'nothing'}`,
      },
    ];
  }
  const findings = compareHeaders(model, response.headers);
  const bodyOptions: BodyCheckOptions = { minStableSamples: options.minStableSamples ?? 2, maxFewValues: options.maxFewValues ?? 5 };
  if (model.bodyKinds.includes('json') && model.bodyKinds.every((k) => k === 'json')) {
    const json = bodyJson(response.body);
    if (json.ok) findings.push(...compareBody(model, json.value, bodyOptions));
    else if (response.body.kind !== 'json' && !('truncated' in response.body && response.body.truncated)) {
      findings.push({
        kind: 'type-changed',
        severity: 'breaking',
        location: 'body',
        pointer: '',
        expected: 'json',
        actual: response.body.kind,
        message: `the body is ${response.body.kind}, not JSON as recorded`,
      });
    }
  }
  const latencyOptions: LatencyOptions = { factor: options.latencyFactor ?? 3, floorMs: options.latencyFloorMs ?? 500 };
  const slow = compareLatency(model, request.timings.durationMs, latencyOptions);
  if (slow) findings.push(slow);
  return findings;
}

const LOCATION_RANK = { status: 0, body: 1, header: 2, latency: 3 } as const;

function byImportance(a: Drift, b: Drift): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.endpoint, b.endpoint) ||
    a.status - b.status ||
    LOCATION_RANK[a.location] - LOCATION_RANK[b.location] ||
    compareText(a.pointer, b.pointer) ||
    compareText(a.kind, b.kind)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
