// The HTML drift report: one self-contained page (inline CSS and script, no fetches), failures first.
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.js';
import { escapeHtml } from '../html-escape.js';
import { showFindingCounts, showRunCounts } from './show.js';
import type { Drift, DriftReport, EndpointGroup, FailureEntry } from './types.js';

export { escapeHtml };

/**
 * Renders `report` as one HTML page. Recorded values only ever appear escaped, in text or
 * attributes; the page's Content-Security-Policy forbids every network fetch.
 */
export function renderHtml(report: DriftReport): string {
  const s = report.summary;
  const verdict = s.verdict === 'pass' ? 'Pass' : s.verdict === 'unreachable' ? 'Unreachable' : 'Fail';
  const compared = report.run.cassettes.length
    ? `Drift: ${showFindingCounts(report)}, compared with ${report.run.cassettes.join(', ')}; fails on ${s.failOn}.`
    : 'No recording to compare with: only the collection’s own tests were checked.';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>apitape drift report: ${escapeHtml(report.run.collection)} against ${escapeHtml(report.run.environment)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header>
<h1><span class="verdict ${s.verdict}">${verdict}</span> ${escapeHtml(report.run.collection)} against ${escapeHtml(report.run.environment)}</h1>
<p class="summary">${escapeHtml(showRunCounts(report))}. ${escapeHtml(compared)}</p>
${s.reasons.length ? `<p class="reasons">${escapeHtml(s.reasons.join('; '))}</p>` : ''}
<p class="started">Started ${escapeHtml(report.run.startedAt)}</p>
<label class="filter">Filter <input id="filter" type="search" placeholder="endpoint, pointer, kind, severity…" autocomplete="off"></label>
<span id="shown" aria-live="polite"></span>
</header>
<main id="endpoints">
${report.endpoints.map(renderGroup).join('\n')}
</main>
<p id="nothing" hidden>Nothing matches the filter.</p>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}

function renderGroup(group: EndpointGroup): string {
  const badge = group.state === 'fail' ? 'fail' : group.state === 'drift' ? 'drift' : 'pass';
  const counts = [
    `${group.requests} ${group.requests === 1 ? 'request' : 'requests'}`,
    group.failures.length ? `${group.failures.length} failed` : '',
    group.findings.length ? `${group.findings.length} ${group.findings.length === 1 ? 'finding' : 'findings'}` : '',
    group.recorded ? '' : 'not in the recording',
  ].filter(Boolean);
  return `<section class="endpoint ${badge}" data-search="${escapeHtml(group.title.toLowerCase())}">
<h2><span class="badge ${badge}">${badge}</span> <code>${escapeHtml(group.title)}</code> <small>${escapeHtml(counts.join(' · '))}</small></h2>
${group.failures.map(renderFailure).join('\n')}
${group.findings.map(renderFinding).join('\n')}
</section>`;
}

function renderFailure(f: FailureEntry): string {
  const title = f.kind === 'assertion' ? `Test failed: ${f.test ?? ''}` : f.kind === 'request' ? 'Request failed' : 'Script error';
  const search = `failed ${f.kind} ${f.test ?? ''} ${f.item} ${f.message}`.toLowerCase();
  return `<div class="entry failure" data-search="${escapeHtml(search)}">
<div class="meta"><span class="sev breaking">failed</span> ${escapeHtml(title)} <span class="item">${escapeHtml(f.item)}</span></div>
<p>${escapeHtml(f.message)}</p>
</div>`;
}

function renderFinding(d: Drift): string {
  const where = d.location === 'body' ? d.pointer || '(body)' : d.location === 'header' ? `header ${d.pointer.slice(1)}` : d.location;
  const search = `${d.severity} ${d.kind} ${d.location} ${d.pointer} ${d.status} ${d.message}`.toLowerCase();
  return `<div class="entry finding ${d.severity}" data-search="${escapeHtml(search)}">
<div class="meta"><span class="sev ${d.severity}">${d.severity}</span> ${escapeHtml(d.kind)} <code>${escapeHtml(where)}</code> <span class="item">status ${d.status} · ${d.requests.length} ${d.requests.length === 1 ? 'request' : 'requests'}</span></div>
<p>${escapeHtml(d.message)}</p>
<div class="sbs"><div><h3>Expected (recorded)</h3><pre>${escapeHtml(pretty(d.expected))}</pre></div><div><h3>Actual (replayed)</h3><pre>${escapeHtml(pretty(d.actual))}</pre></div></div>
</div>`;
}

/** Strings as they are, short JSON on one line, longer JSON indented. */
function pretty(value: unknown): string {
  if (typeof value === 'string') return value;
  const compact = JSON.stringify(value) ?? 'undefined';
  return compact.length <= 60 ? compact : JSON.stringify(value, null, 2);
}
