// The Markdown drift report, sized for a pull-request comment: verdict, failures, then findings by endpoint.
import { mdCode, mdText } from '../collection/markdown.js';
import { showFindingCounts, showRunCounts, showValue } from './show.js';
import type { Drift, DriftReport, EndpointGroup } from './types.js';

export interface MarkdownOptions {
  /** Most table rows per endpoint before "… and N more". Default 25. */
  maxRowsPerEndpoint?: number;
}

const ICON = { fail: '❌', drift: '⚠️', pass: '✅' } as const;

/**
 * Renders `report` as GitHub-flavoured Markdown; every recorded value enters through `mdText` or
 * `mdCode` (escaped prose, or a code span fenced longer than any backtick run inside), one line.
 */
export function renderMarkdown(report: DriftReport, options: MarkdownOptions = {}): string {
  const max = options.maxRowsPerEndpoint ?? 25;
  const s = report.summary;
  const out: string[] = [];
  const verdict = s.verdict === 'pass' ? '✅ Pass' : s.verdict === 'unreachable' ? '🔌 Unreachable' : '❌ Fail';
  out.push(`## apitape replay: ${verdict}`, '');
  out.push(`**${mdText(report.run.collection)}** against **${mdText(report.run.environment)}**: ${showRunCounts(report)}.`, '');
  if (report.run.cassettes.length > 0) {
    out.push(`Drift: **${showFindingCounts(report)}** (compared with ${report.run.cassettes.map((c) => mdCode(c, 120, false)).join(', ')}; fails on \`${s.failOn}\`).`);
  } else out.push('Drift: no recording to compare with; only the collection’s own tests were checked.');
  if (s.reasons.length > 0) out.push('', `Why: ${s.reasons.map((r) => mdText(r, 200)).join('; ')}.`);
  const shown = report.endpoints.filter((g) => g.state !== 'pass');
  for (const group of shown) out.push('', ...renderGroup(group, max));
  const passing = report.endpoints.length - shown.length;
  if (passing > 0) out.push('', `${ICON.pass} ${passing} ${passing === 1 ? 'endpoint' : 'endpoints'} without failures or drift.`);
  return `${out.join('\n')}\n`;
}

function renderGroup(group: EndpointGroup, max: number): string[] {
  const lines = [`### ${ICON[group.state]} ${mdText(group.title, 200)}`];
  if (group.failures.length > 0) {
    lines.push('');
    for (const f of group.failures.slice(0, max)) {
      const what = f.kind === 'assertion' ? `test ${mdCode(f.test ?? '', 120, false)} failed` : f.kind === 'request' ? 'request failed' : 'script error';
      lines.push(`- ${what} in ${mdText(f.item)}: ${mdText(showValue(f.message, 200), 200)}`);
    }
    if (group.failures.length > max) lines.push(`- … and ${group.failures.length - max} more`);
  }
  if (group.findings.length > 0) {
    lines.push('', '| Severity | Finding | Where | Expected | Actual |', '| --- | --- | --- | --- | --- |');
    for (const d of group.findings.slice(0, max)) lines.push(row(d));
    if (group.findings.length > max) lines.push(`| | … and ${group.findings.length - max} more | | | |`);
  }
  return lines;
}

function row(d: Drift): string {
  const where = d.location === 'body' ? mdCode(d.pointer || '(body)') : d.location === 'header' ? `header ${mdCode(d.pointer.slice(1))}` : d.location;
  return `| ${d.severity} | ${d.kind} | ${where} | ${mdCode(showValue(d.expected, 60))} | ${mdCode(showValue(d.actual, 60))} |`;
}
