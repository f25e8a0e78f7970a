// Decides what a replay means for CI: pass, fail (tests or drift) or the environment was unreachable.
import type { RunResult } from '../replay/types.js';
import type { Drift, FailOn } from './types.js';

/** `pass` → exit 0; `fail` → exit 1; `unreachable` → exit 3 (no request got any response). */
export type Verdict = 'pass' | 'fail' | 'unreachable';

export interface Outcome {
  verdict: Verdict;
  exitCode: 0 | 1 | 3;
  /** Why, in a few words, for the summary line. */
  reasons: string[];
}

/** Whether `drifts` hold a finding at or above the `failOn` level. */
export function driftFails(drifts: readonly Drift[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  if (failOn === 'any') return drifts.length > 0;
  return drifts.some((d) => d.severity === 'breaking');
}

/**
 * The verdict of a run. newman treats a refused connection like any failed test, so the
 * distinction is made here: when every request failed at the transport level (nothing answered,
 * not even with an error status), the environment is unreachable (3), not the API changed (1).
 */
export function runOutcome(run: RunResult, drifts: readonly Drift[], failOn: FailOn): Outcome {
  const { stats } = run;
  if (stats.requests > 0 && stats.failedRequests === stats.requests) {
    const codes = [...new Set(run.requests.map((r) => r.failure?.code ?? 'no response'))].sort();
    return { verdict: 'unreachable', exitCode: 3, reasons: [`no request got a response (${codes.join(', ')})`] };
  }
  const reasons: string[] = [];
  if (stats.failedAssertions > 0) reasons.push(`${stats.failedAssertions} failed ${plural(stats.failedAssertions, 'assertion')}`);
  if (stats.failedRequests > 0) reasons.push(`${stats.failedRequests} ${plural(stats.failedRequests, 'request')} without a response`);
  if (stats.errors > 0) reasons.push(`${stats.errors} script ${plural(stats.errors, 'error')}`);
  if (driftFails(drifts, failOn)) {
    const counted = failOn === 'any' ? drifts.length : drifts.filter((d) => d.severity === 'breaking').length;
    reasons.push(`${counted} ${failOn === 'any' ? '' : 'breaking '}drift ${plural(counted, 'finding')}`);
  }
  return reasons.length > 0 ? { verdict: 'fail', exitCode: 1, reasons } : { verdict: 'pass', exitCode: 0, reasons: [] };
}

export function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
