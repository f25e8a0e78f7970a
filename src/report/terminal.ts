// The terminal renderings: one progress line per replayed request, and the summary at the end.
import type { ReplayedRequest } from '../replay/types.js';
import { showDuration, showFindingCounts, showRunCounts, showText, showValue } from './show.js';
import type { DriftReport, Severity } from './types.js';

export interface TerminalOptions {
  color: boolean;
  /** Most findings listed per endpoint before "… and N more". Default 10. */
  maxPerEndpoint?: number;
}

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1, cyan: 36 } as const;
type Paint = (style: keyof typeof CODES, text: string) => string;

function painter(color: boolean): Paint {
  return (style, text) => (color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
}

const SEVERITY_STYLE: Record<Severity, keyof typeof CODES> = { breaking: 'red', warning: 'yellow', info: 'dim' };

/**
 * `  ✓ GET /users 200 12 ms  Get user` (or ✗ with the failed test count, or the transport error).
 * Recorded text (method, path, item name, error code) is shown without control characters.
 */
export function renderProgressLine(request: ReplayedRequest, options: TerminalOptions): string {
  const paint = painter(options.color);
  const failed = request.assertions.filter((a) => !a.passed && !a.skipped).length;
  const ok = request.response !== null && failed === 0;
  const mark = ok ? paint('green', '✓') : paint('red', '✗');
  const path = pathOf(request.request.url);
  const result = request.response
    ? `${request.response.status} ${showDuration(request.timings.durationMs)}`
    : paint('red', showText(request.failure?.code ?? 'no response'));
  const tests = failed > 0 ? paint('red', ` ${failed}/${request.assertions.length} tests failed`) : '';
  return `  ${mark} ${showText(request.request.method)} ${showText(path)} ${result}${tests}  ${paint('dim', showText(request.itemName))}\n`;
}

/**
 * The end-of-run summary: counts, verdict, then failures and findings by endpoint (failures first).
 * Every recorded or replayed string goes through `showText`/`showValue`, so no control character
 * from a response (ESC, OSC…) reaches the terminal.
 */
export function renderTerminalSummary(report: DriftReport, options: TerminalOptions): string {
  const paint = painter(options.color);
  const max = options.maxPerEndpoint ?? 10;
  const s = report.summary;
  const lines: string[] = [''];
  lines.push(`${paint('bold', showText(report.run.collection))} against ${paint('bold', showText(report.run.environment))}: ${showRunCounts(report)}`);
  if (report.run.cassettes.length > 0) {
    lines.push(`drift: ${showFindingCounts(report)} (compared with ${showText(report.run.cassettes.join(', '))}; fail on ${s.failOn})`);
  } else lines.push(paint('dim', 'drift: no recording to compare with; only the collection’s tests were checked'));
  if (s.unmatchedRequests > 0 && report.run.cassettes.length > 0) {
    lines.push(paint('dim', `${s.unmatchedRequests} ${s.unmatchedRequests === 1 ? 'request matches' : 'requests match'} no recorded endpoint`));
  }
  for (const group of report.endpoints) {
    if (group.state === 'pass') continue;
    lines.push('', `${group.state === 'fail' ? paint('red', '✗') : paint('yellow', '!')} ${paint('bold', showText(group.title))}`);
    for (const f of group.failures.slice(0, max)) {
      lines.push(`    ${paint('red', f.kind === 'assertion' ? 'failed' : f.kind)}  ${f.test ? `${showText(f.test)}: ` : ''}${showValue(f.message, 160)}`);
    }
    for (const d of group.findings.slice(0, max)) {
      const where = d.pointer ? ` ${showText(d.pointer)}` : '';
      lines.push(`    ${paint(SEVERITY_STYLE[d.severity], d.severity.padEnd(8))} ${d.kind}${where}: ${showValue(d.expected, 40)} → ${showValue(d.actual, 40)}`);
    }
    const hidden = Math.max(0, group.failures.length - max) + Math.max(0, group.findings.length - max);
    if (hidden > 0) lines.push(paint('dim', `    … and ${hidden} more (see the report files)`));
  }
  for (const f of report.failures.filter((x) => x.requestIndex === undefined)) lines.push('', `${paint('red', '✗')} ${showText(f.item)}: ${showText(f.message)}`);
  lines.push('');
  if (s.verdict === 'pass') lines.push(paint('green', 'PASS'));
  else lines.push(paint('red', `${s.verdict === 'unreachable' ? 'UNREACHABLE' : 'FAIL'}: ${showText(s.reasons.join('; '))}`));
  return `${lines.join('\n')}\n`;
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}
