// Builds the drift report document (what every renderer shows) from a run and its findings; pure.
import type { ReplayedRequest, RunResult } from '../replay/types.js';
import { runOutcome } from './outcome.js';
import { REPORT_FORMAT_VERSION, type Drift, type DriftReport, type EndpointGroup, type FailOn, type FailureEntry } from './types.js';

export interface BuildReportOptions {
  failOn: FailOn;
  /** requestIndex → endpoint key (from `compareRunDetailed`). */
  matched: ReadonlyMap<number, string>;
  /** endpoint key → title (`GET /users/:userId`). */
  titles?: ReadonlyMap<string, string>;
}

/** The report for `run` and its `drifts`; the same input always gives the same document. */
export function buildReport(run: RunResult, drifts: readonly Drift[], options: BuildReportOptions): DriftReport {
  const failures = collectFailures(run);
  const outcome = runOutcome(run, drifts, options.failOn);
  const count = (severity: Drift['severity']) => drifts.filter((d) => d.severity === severity).length;
  const report: DriftReport = {
    apitape: 'drift-report',
    formatVersion: REPORT_FORMAT_VERSION,
    run: {
      collection: run.collection.name,
      environment: run.environment.name,
      startedAt: run.startedAt,
      durationMs: run.durationMs,
      cassettes: [...run.cassettes],
    },
    summary: {
      verdict: outcome.verdict,
      exitCode: outcome.exitCode,
      reasons: outcome.reasons,
      failOn: options.failOn,
      requests: run.stats.requests,
      failedRequests: run.stats.failedRequests,
      assertions: run.stats.assertions,
      failedAssertions: run.stats.failedAssertions,
      skippedAssertions: run.stats.skippedAssertions,
      errors: run.stats.errors,
      unmatchedRequests: run.requests.filter((r) => !options.matched.has(r.index)).length,
      findings: { breaking: count('breaking'), warning: count('warning'), info: count('info') },
    },
    endpoints: groupByEndpoint(run, drifts, failures, options),
    failures,
    findings: [...drifts],
  };
  if (run.stoppedEarly) report.run.stoppedEarly = run.stoppedEarly;
  return report;
}

function collectFailures(run: RunResult): FailureEntry[] {
  const out: FailureEntry[] = [];
  for (const r of run.requests) {
    const base = { requestIndex: r.index, item: itemLabel(r), method: r.request.method, url: r.request.url };
    if (r.failure) out.push({ kind: 'request', ...base, message: `${r.failure.code}: ${r.failure.message}` });
    for (const a of r.assertions) {
      if (!a.passed && !a.skipped) out.push({ kind: 'assertion', ...base, test: a.name, message: a.error ?? 'failed' });
    }
  }
  for (const e of run.errors) {
    const request = e.requestIndex === undefined ? undefined : run.requests[e.requestIndex];
    out.push({
      kind: 'script',
      ...(request ? { requestIndex: request.index, item: itemLabel(request), method: request.request.method, url: request.request.url } : { item: e.itemName ?? '(run)' }),
      message: e.message,
    });
  }
  return out;
}

function itemLabel(request: ReplayedRequest): string {
  return [...request.itemPath, request.itemName].join(' / ');
}

function groupByEndpoint(run: RunResult, drifts: readonly Drift[], failures: FailureEntry[], options: BuildReportOptions): EndpointGroup[] {
  const groups = new Map<string, EndpointGroup>();
  const groupOf = (request: ReplayedRequest): EndpointGroup => {
    const endpoint = options.matched.get(request.index);
    const key = endpoint ?? `item:${itemLabel(request)}`;
    let group = groups.get(key);
    if (!group) {
      const title = endpoint ? (options.titles?.get(endpoint) ?? endpoint) : `${request.request.method} ${itemLabel(request)}`;
      group = { key, title, recorded: endpoint !== undefined, state: 'pass', requests: 0, failures: [], findings: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const request of run.requests) groupOf(request).requests += 1;
  for (const failure of failures) {
    const request = failure.requestIndex === undefined ? undefined : run.requests[failure.requestIndex];
    if (request) groupOf(request).failures.push(failure);
  }
  for (const drift of drifts) {
    const group = groups.get(drift.endpoint);
    if (group) group.findings.push(drift);
  }
  for (const group of groups.values()) {
    const breaking = group.findings.some((d) => d.severity === 'breaking');
    group.state = group.failures.length > 0 || breaking ? 'fail' : group.findings.length > 0 ? 'drift' : 'pass';
  }
  const rank = { fail: 0, drift: 1, pass: 2 } as const;
  return [...groups.values()].sort((a, b) => rank[a.state] - rank[b.state] || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}
