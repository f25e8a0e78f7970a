// Short human texts shared by the renderers: a value on one line, a duration, the findings count.
import type { DriftReport } from './types.js';

/**
 * C0 and C1 control characters (ESC, BEL, CSI, OSC…), DEL and the Unicode line and paragraph
 * separators: a recorded value holding them could move the cursor, retitle the terminal or forge
 * lines, so they never reach the terminal.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Recorded text safe for a terminal: whitespace runs around line breaks become one space, other control characters are dropped. */
export function showText(text: string): string {
  return text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').replace(/\t/g, ' ').replace(CONTROL, '');
}

/** A JSON value on one line without control characters, cut to `max` characters. */
export function showValue(value: unknown, max = 80): string {
  const raw = value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
  const text = showText(raw);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `850 ms`, `12.3 s`, `2 min 5 s`. */
export function showDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `2 breaking, 1 warning, 0 info`. */
export function showFindingCounts(report: DriftReport): string {
  const f = report.summary.findings;
  return `${f.breaking} breaking, ${f.warning} ${f.warning === 1 ? 'warning' : 'warnings'}, ${f.info} info`;
}

/** `12 requests (1 without response), 40 assertions (2 failed), 1.2 s`. */
export function showRunCounts(report: DriftReport): string {
  const s = report.summary;
  const parts = [
    `${s.requests} ${s.requests === 1 ? 'request' : 'requests'}${s.failedRequests ? ` (${s.failedRequests} without response)` : ''}`,
    `${s.assertions} ${s.assertions === 1 ? 'assertion' : 'assertions'}${s.failedAssertions ? ` (${s.failedAssertions} failed)` : ''}`,
  ];
  if (s.errors) parts.push(`${s.errors} script ${s.errors === 1 ? 'error' : 'errors'}`);
  parts.push(showDuration(report.run.durationMs));
  if (report.run.stoppedEarly) parts.push(report.run.stoppedEarly === 'bail' ? 'stopped at the first failure (--bail)' : 'interrupted');
  return parts.join(', ');
}
