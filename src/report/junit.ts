// JUnit XML for CI test tabs: a suite per replayed request (a case per test) and a suite for drift.
import type { ReplayedRequest, RunResult } from '../replay/types.js';
import { driftFails } from './outcome.js';
import type { Drift, DriftReport } from './types.js';

/** Escapes text for XML content and attributes, dropping characters XML 1.0 cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/**
 * Renders the run as JUnit XML. Each request is a `<testsuite>` whose `<testcase>`s are its tests
 * (a transport failure is an `<error>`); the last suite, `apitape drift`, has a case per compared
 * endpoint that fails when its findings reach the report's `failOn` level.
 */
export function renderJunit(run: RunResult, report: DriftReport): string {
  const suites = run.requests.map((r) => requestSuite(r, run));
  if (report.run.cassettes.length > 0) suites.push(driftSuite(report));
  const assertions = run.requests.flatMap((r) => r.assertions);
  const failedRequests = run.requests.filter((r) => r.failure).length;
  const driftGroups = report.run.cassettes.length ? report.endpoints.filter((g) => g.recorded) : [];
  const tests = assertions.length + failedRequests + driftGroups.length;
  const failures = assertions.filter((a) => !a.passed && !a.skipped).length + driftGroups.filter((g) => driftFails(g.findings, report.summary.failOn)).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(run.collection.name)}" tests="${tests}" failures="${failures}" errors="${failedRequests}" time="${seconds(run.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function requestSuite(request: ReplayedRequest, run: RunResult): string {
  const name = [...request.itemPath, request.itemName].join(' / ') + (run.requests.some((r) => r.iteration > 0) ? ` [iteration ${request.iteration + 1}]` : '');
  const className = escapeXml([run.collection.name, ...request.itemPath, request.itemName].join('.'));
  const cases: string[] = [];
  if (request.failure) {
    cases.push(
      `    <testcase name="${escapeXml(`${request.request.method} ${request.request.url}`)}" classname="${className}" time="${seconds(request.timings.durationMs)}">`,
      `      <error type="${escapeXml(request.failure.code)}" message="${escapeXml(request.failure.message)}">${escapeXml(`${request.failure.phase}: ${request.failure.message}`)}</error>`,
      '    </testcase>',
    );
  }
  for (const a of request.assertions) {
    const open = `    <testcase name="${escapeXml(a.name)}" classname="${className}" time="0.000"`;
    if (a.skipped) cases.push(`${open}>`, '      <skipped/>', '    </testcase>');
    else if (!a.passed) {
      cases.push(`${open}>`, `      <failure type="AssertionError" message="${escapeXml(a.error ?? 'failed')}">${escapeXml(a.error ?? 'failed')}</failure>`, '    </testcase>');
    } else cases.push(`${open}/>`);
  }
  const failed = request.assertions.filter((a) => !a.passed && !a.skipped).length;
  const skipped = request.assertions.filter((a) => a.skipped).length;
  return [
    `  <testsuite name="${escapeXml(name)}" tests="${request.assertions.length + (request.failure ? 1 : 0)}" failures="${failed}" errors="${request.failure ? 1 : 0}" skipped="${skipped}" timestamp="${escapeXml(request.timings.startedAt)}" time="${seconds(request.timings.durationMs)}">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

function driftSuite(report: DriftReport): string {
  const groups = report.endpoints.filter((g) => g.recorded);
  const cases = groups.map((g) => {
    const open = `    <testcase name="${escapeXml(`no drift: ${g.title}`)}" classname="apitape.drift" time="0.000"`;
    if (g.findings.length === 0) return `${open}/>`;
    const text = g.findings.map(describe).join('\n');
    if (!driftFails(g.findings, report.summary.failOn)) return `${open}>\n      <system-out>${escapeXml(text)}</system-out>\n    </testcase>`;
    const first = g.findings[0]!;
    return `${open}>\n      <failure type="${escapeXml(first.kind)}" message="${escapeXml(first.message)}">${escapeXml(text)}</failure>\n    </testcase>`;
  });
  const failed = groups.filter((g) => driftFails(g.findings, report.summary.failOn)).length;
  return [`  <testsuite name="apitape drift" tests="${groups.length}" failures="${failed}" errors="0" skipped="0">`, ...cases, '  </testsuite>'].join('\n');
}

function describe(d: Drift): string {
  return `[${d.severity}] ${d.kind} ${d.pointer || d.location}: ${d.message}`;
}
