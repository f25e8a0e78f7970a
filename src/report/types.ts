// Drift findings and the drift report: what a replay saw differently from the recording.
import type { RunStats } from '../replay/types.js';

/** How bad a finding is for a client of the API. */
export type Severity = 'breaking' | 'warning' | 'info';

/**
 * The class of a finding; its severity follows from it (see `SEVERITY_OF`):
 * - `status`: the response status was never recorded for this endpoint;
 * - `field-removed`: a field present in every recorded sample is missing;
 * - `field-added`: a field never recorded appeared;
 * - `type-changed`: a field holds a JSON type it never held;
 * - `nullability-changed`: a field is null where it never was (or is no longer always null);
 * - `format-changed`: a string no longer matches the format every sample agreed on;
 * - `new-value`: a field that only ever held a few values holds another;
 * - `value-changed`: a field with one value across every recorded sample holds another;
 * - `header-changed`: content type, caching or CORS headers differ;
 * - `latency`: the response took longer than the recorded p95 times a factor.
 */
export type DriftKind =
  | 'status'
  | 'field-removed'
  | 'field-added'
  | 'type-changed'
  | 'nullability-changed'
  | 'format-changed'
  | 'new-value'
  | 'value-changed'
  | 'header-changed'
  | 'latency';

/** Where in the response a finding sits. */
export type DriftLocation = 'status' | 'body' | 'header' | 'latency';

/** One difference between a replayed response and the recording of its endpoint. */
export interface Drift {
  kind: DriftKind;
  severity: Severity;
  /** The recorded endpoint's key (`GET https://api.example.com/users/:userId`). */
  endpoint: string;
  /** The status whose recorded model was compared against (the replayed status). */
  status: number;
  location: DriftLocation;
  /**
   * JSON pointer into the response body (`/data/*\/total`, array items as `*`) for body findings;
   * `/<header-name>` (lower-case) for header findings; `''` for status and latency.
   */
  pointer: string;
  /** What the recording says (types, values, statuses, a duration in ms…), as JSON. */
  expected: unknown;
  /** What the replay got, as JSON. */
  actual: unknown;
  /** One readable sentence. */
  message: string;
  /** Indices into `RunResult.requests` of every replayed request that showed this finding. */
  requests: number[];
}

/** Which findings make `replay` and `diff` exit 1. */
export type FailOn = 'breaking' | 'any' | 'none';

/** Severity of each kind: removing or retyping breaks clients, adding does not. */
export const SEVERITY_OF: Record<DriftKind, Severity> = {
  status: 'breaking',
  'field-removed': 'breaking',
  'type-changed': 'breaking',
  'nullability-changed': 'breaking',
  'format-changed': 'warning',
  'new-value': 'warning',
  'value-changed': 'warning',
  'header-changed': 'warning',
  latency: 'warning',
  'field-added': 'info',
};

/** Sort rank of severities, most severe first. */
export const SEVERITY_RANK: Record<Severity, number> = { breaking: 0, warning: 1, info: 2 };

/** Version of the drift report layout (`drift.json`, see docs/drift-report.schema.json). */
export const REPORT_FORMAT_VERSION = 1;

/** A failed assertion, a request that got no response, or a script error. */
export interface FailureEntry {
  kind: 'assertion' | 'request' | 'script';
  /** Index into `RunResult.requests`, when the failure belongs to a request. */
  requestIndex?: number;
  /** The collection item's name (with its folders: `Flow / Get user`). */
  item: string;
  method?: string;
  url?: string;
  /** The assertion's name for `assertion` failures. */
  test?: string;
  message: string;
}

/** The findings and failures of one endpoint (or one unrecorded request), for grouping in reports. */
export interface EndpointGroup {
  /** The endpoint key, or `item:<name>` for requests that match no recorded endpoint. */
  key: string;
  /** What to show: `GET /users/:userId`, or the item's name. */
  title: string;
  recorded: boolean;
  /** `fail`: failed tests or requests, or breaking drift; `drift`: other findings; `pass`. */
  state: 'fail' | 'drift' | 'pass';
  requests: number;
  failures: FailureEntry[];
  findings: Drift[];
}

/** The document behind every rendering: `drift.json` as written. */
export interface DriftReport {
  apitape: 'drift-report';
  formatVersion: number;
  run: {
    collection: string;
    environment: string;
    startedAt: string;
    durationMs: number;
    stoppedEarly?: 'bail' | 'aborted';
    /** The cassettes the replay was compared with; empty when there was no recording. */
    cassettes: string[];
  };
  summary: RunStats & {
    verdict: 'pass' | 'fail' | 'unreachable';
    exitCode: 0 | 1 | 3;
    reasons: string[];
    failOn: FailOn;
    /** Requests that match no recorded endpoint (not compared). */
    unmatchedRequests: number;
    findings: Record<Severity, number>;
  };
  /** Failing groups first, then drifting, then passing; by title within each. */
  endpoints: EndpointGroup[];
  failures: FailureEntry[];
  findings: Drift[];
}
