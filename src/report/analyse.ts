// Compare and build in one pure step: a run and the recorded endpoints → the drift report.
import type { Endpoint } from '../assertions/types.js';
import type { RunResult } from '../replay/types.js';
import { buildReport } from './build.js';
import { compareRunDetailed, type CompareOptions } from './compare.js';
import type { DriftReport, FailOn } from './types.js';

export interface AnalyseOptions extends CompareOptions {
  failOn: FailOn;
}

/** The drift report of `run` against `endpoints` (none: only the run's own test results count). */
export function analyseRun(run: RunResult, endpoints: readonly Endpoint[], options: AnalyseOptions): DriftReport {
  const { drifts, matched } = compareRunDetailed(endpoints, run, options);
  return buildReport(run, drifts, { failOn: options.failOn, matched, titles: endpointTitles(endpoints) });
}

/** `GET /users/:userId`, with the host added when the recording spans several origins. */
export function endpointTitles(endpoints: readonly Endpoint[]): Map<string, string> {
  const several = new Set(endpoints.map((e) => e.origin)).size > 1;
  return new Map(endpoints.map((e) => [e.key, several ? `${e.method} ${e.template} (${hostOf(e.origin)})` : `${e.method} ${e.template}`]));
}

function hostOf(origin: string): string {
  return origin.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
}
