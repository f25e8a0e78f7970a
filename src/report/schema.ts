// The published JSON Schema of `drift.json` (also at docs/drift-report.schema.json) and its renderer.
import type { DriftReport } from './types.js';

const str = { type: 'string' } as const;
const int = { type: 'integer', minimum: 0 } as const;
const severity = { enum: ['breaking', 'warning', 'info'] } as const;

const failure = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'item', 'message'],
  properties: {
    kind: { enum: ['assertion', 'request', 'script'] },
    requestIndex: int,
    item: str,
    method: str,
    url: str,
    test: str,
    message: str,
  },
} as const;

const drift = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'severity', 'endpoint', 'status', 'location', 'pointer', 'expected', 'actual', 'message', 'requests'],
  properties: {
    kind: {
      enum: ['status', 'field-removed', 'field-added', 'type-changed', 'nullability-changed', 'format-changed', 'new-value', 'value-changed', 'header-changed', 'latency'],
    },
    severity,
    endpoint: { ...str, description: 'Recorded endpoint key: METHOD origin/template' },
    status: { type: 'integer', minimum: 100, maximum: 599 },
    location: { enum: ['status', 'body', 'header', 'latency'] },
    pointer: { ...str, description: 'JSON pointer into the body (array items as *), /<header> for headers, empty otherwise' },
    expected: { description: 'What the recording says (JSON)' },
    actual: { description: 'What the replay got (JSON)' },
    message: str,
    requests: { type: 'array', items: int, minItems: 1 },
  },
} as const;

/** Draft-07 schema every `drift.json` validates against. */
export const DRIFT_REPORT_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'apitape drift report',
  description: 'What a replay saw differently from the recording (reports/<run>/drift.json).',
  type: 'object',
  additionalProperties: false,
  required: ['apitape', 'formatVersion', 'run', 'summary', 'endpoints', 'failures', 'findings'],
  properties: {
    apitape: { const: 'drift-report' },
    formatVersion: { const: 1 },
    run: {
      type: 'object',
      additionalProperties: false,
      required: ['collection', 'environment', 'startedAt', 'durationMs', 'cassettes'],
      properties: {
        collection: str,
        environment: str,
        startedAt: { ...str, format: 'date-time' },
        durationMs: int,
        stoppedEarly: { enum: ['bail', 'aborted'] },
        cassettes: { type: 'array', items: str },
      },
    },
    summary: {
      type: 'object',
      additionalProperties: false,
      required: ['verdict', 'exitCode', 'reasons', 'failOn', 'requests', 'failedRequests', 'assertions', 'failedAssertions', 'skippedAssertions', 'errors', 'unmatchedRequests', 'findings'],
      properties: {
        verdict: { enum: ['pass', 'fail', 'unreachable'] },
        exitCode: { enum: [0, 1, 3] },
        reasons: { type: 'array', items: str },
        failOn: { enum: ['breaking', 'any', 'none'] },
        requests: int,
        failedRequests: int,
        assertions: int,
        failedAssertions: int,
        skippedAssertions: int,
        errors: int,
        unmatchedRequests: int,
        findings: {
          type: 'object',
          additionalProperties: false,
          required: ['breaking', 'warning', 'info'],
          properties: { breaking: int, warning: int, info: int },
        },
      },
    },
    endpoints: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'title', 'recorded', 'state', 'requests', 'failures', 'findings'],
        properties: {
          key: str,
          title: str,
          recorded: { type: 'boolean' },
          state: { enum: ['fail', 'drift', 'pass'] },
          requests: int,
          failures: { type: 'array', items: failure },
          findings: { type: 'array', items: drift },
        },
      },
    },
    failures: { type: 'array', items: failure },
    findings: { type: 'array', items: drift },
  },
} as const;

/** `drift.json`: the report as two-space JSON with a final newline. */
export function renderJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
