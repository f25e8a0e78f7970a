// The Markdown drift report, sized for a pull-request comment: verdict, failures, then findings by endpoint.
import { showFindingCounts, showRunCounts, showValue } from './show.js';
import type { Drift, DriftReport, EndpointGroup } from './types.js';

export interface MarkdownOptions {
  /** Most table rows per endpoint before "… and N more". Default 25. */
  maxRowsPerEndpoint?: number;
}

const ICON = { fail: '❌', drift: '⚠️', pass: '✅' } as const;

/** Renders `report` as GitHub-flavoured Markdown; every recorded value is escaped, never markup. */
export function renderMarkdown(report: DriftReport, options: MarkdownOptions = {}): string {
  const max = options.maxRowsPerEndpoint ?? 25;
  const s = report.summary;
  const out: string[] = [];
  const verdict = s.verdict === 'pass' ? '✅ Pass' : s.verdict === 'unreachable' ? '🔌 Unreachable' : '❌ Fail';
  out.push(`## apitape replay: ${verdict}`, '');
  out.push(`**${inline(report.run.collection)}** against **${inline(report.run.environment)}**: ${showRunCounts(report)}.`, '');
  if (report.run.cassettes.length > 0) {
    out.push(`Drift: **${showFindingCounts(report)}** (compared with ${report.run.cassettes.map(code).join(', ')}; fails on \`${s.failOn}\`).`);
  } else out.push('Drift: no recording to compare with; only the collection’s own tests were checked.');
  if (s.reasons.length > 0) out.push('', `Why: ${s.reasons.map(inline).join('; ')}.`);
  const shown = report.endpoints.filter((g) => g.state !== 'pass');
  for (const group of shown) out.push('', ...renderGroup(group, max));
  const passing = report.endpoints.length - shown.length;
  if (passing > 0) out.push('', `${ICON.pass} ${passing} ${passing === 1 ? 'endpoint' : 'endpoints'} without failures or drift.`);
  return `${out.join('\n')}\n`;
}

function renderGroup(group: EndpointGroup, max: number): string[] {
  const lines = [`### ${ICON[group.state]} ${inline(group.title)}`];
  if (group.failures.length > 0) {
    lines.push('');
    for (const f of group.failures.slice(0, max)) {
      const what = f.kind === 'assertion' ? `test ${code(f.test ?? '')} failed` : f.kind === 'request' ? 'request failed' : 'script error';
      lines.push(`- ${what} in ${inline(f.item)}: ${inline(showValue(f.message, 200))}`);
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
  const where = d.location === 'body' ? code(d.pointer || '(body)') : d.location === 'header' ? `header ${code(d.pointer.slice(1))}` : d.location;
  return `| ${d.severity} | ${d.kind} | ${where} | ${code(showValue(d.expected, 60))} | ${code(showValue(d.actual, 60))} |`;
}

/** Escapes text so it renders literally inside a paragraph or table cell. */
export function inline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`).replace(/\s*\r?\n\s*/g, ' ');
}

/** Inline code that survives backticks and pipes in the value (a table cell cannot hold a raw `|`). */
export function code(text: string): string {
  const clean = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const fence = clean.includes('`') ? '`` ' : '`';
  const close = clean.includes('`') ? ' ``' : '`';
  return `${fence}${clean}${close}`;
}
