// What a replay saw, as plain serialisable data: every request sent, its response, each assertion.
import type { ExchangeFailure, ExchangeTimings, RecordedRequest, RecordedResponse } from '../cassette/types.js';

/** Version of the `run.json` layout; bumped on an incompatible change. */
export const RUN_FORMAT_VERSION = 1;

/** The outcome of one `pm.test` in a request's test script. */
export interface AssertionOutcome {
  /** The test's name as written in the script (`status is 201`). */
  name: string;
  passed: boolean;
  /** `pm.test.skip`: neither passed nor failed. */
  skipped: boolean;
  /** The assertion error's message when it failed. */
  error?: string;
}

/**
 * One request newman sent and what came back. Request and response use the cassette's shapes, so an
 * accepted response folds straight into a cassette; both are already redacted.
 */
export interface ReplayedRequest {
  /** 0-based position in the run (across iterations). */
  index: number;
  /** 0-based iteration (more than one with iteration data). */
  iteration: number;
  /** The collection item's id, or its name when it has none. */
  itemId: string;
  itemName: string;
  /** Folder names from the collection root down to the item. */
  itemPath: string[];
  request: RecordedRequest;
  /** `null` when the request failed before a response arrived; see `failure`. */
  response: RecordedResponse | null;
  failure?: ExchangeFailure;
  /** `durationMs` is newman's response time (request start until the body ended). */
  timings: ExchangeTimings;
  assertions: AssertionOutcome[];
}

/** An error outside any assertion: a script that threw, or a run-level failure. */
export interface RunError {
  /** Index of the request during which it happened, when known. */
  requestIndex?: number;
  itemName?: string;
  /** `script` (a pre-request or test script threw) or `run` (newman itself failed). */
  source: 'script' | 'run';
  message: string;
}

/** Totals over a run, for summaries and exit codes. */
export interface RunStats {
  requests: number;
  /** Requests that got no response (connection refused, timeout, TLS error…). */
  failedRequests: number;
  assertions: number;
  failedAssertions: number;
  skippedAssertions: number;
  /** Script errors and run-level errors. */
  errors: number;
}

/** Everything one replay saw: written to `reports/<run>/run.json` and read back by `apitape diff`. */
export interface RunResult {
  apitape: 'run';
  formatVersion: number;
  /** The collection's `info.name`, and the file it came from when known (relative to the project). */
  collection: { name: string; file?: string };
  /** The environment's name, and its file when known. */
  environment: { name: string; file?: string };
  /** Names of the cassettes the drift comparison uses (recorded by the CLI; empty for none). */
  cassettes: string[];
  /** ISO-8601 start time of the run. */
  startedAt: string;
  /** Wall time of the whole newman run in milliseconds. */
  durationMs: number;
  /** Set when the run stopped early (`--bail` or an abort). */
  stoppedEarly?: 'bail' | 'aborted';
  requests: ReplayedRequest[];
  errors: RunError[];
  stats: RunStats;
}
