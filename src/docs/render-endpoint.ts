// One endpoint of the API reference as HTML: parameters, an example request, and per status the
// response fields with their evidence and a recorded example. Every recorded value is escaped.
import type { ParameterModel } from '../assertions/types.js';
import { escapeHtml } from '../html-escape.js';
import { formatBytes, type ExampleBody } from '../collection/example-body.js';
import type { FieldRow } from '../collection/field-rows.js';
import type { DocsEndpoint, DocsResponse } from './model.js';

export { escapeHtml };

/** The `<article>` of one endpoint. */
export function renderEndpoint(endpoint: DocsEndpoint): string {
  const statuses = endpoint.responses.map((r) => String(r.status));
  const meta = [
    `<code>${escapeHtml(endpoint.origin || '(relative URL)')}</code>`,
    `recorded ${plural(endpoint.samples, 'time')}`,
    statuses.length > 0 ? `${statuses.length === 1 ? 'status' : 'statuses'} ${statuses.join(', ')}` : 'no response recorded',
    endpoint.failures > 0 ? `${plural(endpoint.failures, 'transport failure')}` : '',
  ].filter(Boolean);
  return `<article class="endpoint" id="${endpoint.anchor}" data-search="${escapeHtml(endpoint.search)}">
<h3><span class="method ${methodClass(endpoint.method)}">${escapeHtml(endpoint.method)}</span> <code class="template">${escapeHtml(endpoint.template)}</code> <span class="name">${escapeHtml(endpoint.name)}</span></h3>
<p class="meta">${meta.join(' · ')}</p>
${renderParams('Path parameters', endpoint.pathParams, undefined)}${renderParams('Query parameters', endpoint.queryParams, endpoint.samples)}${renderRequest(endpoint)}${endpoint.responses.map((r, i) => renderResponse(r, i === 0)).join('\n')}
</article>`;
}

function renderParams(title: string, params: ParameterModel[], samples: number | undefined): string {
  if (params.length === 0) return '';
  const head = samples === undefined ? '<th>name</th><th>recorded values</th>' : '<th>name</th><th>seen in</th><th>recorded values</th>';
  const rows = params.map((p) => {
    const values = p.examples.map((v) => `<code>${escapeHtml(v)}</code>`).join(', ') || '—';
    const seen = samples === undefined ? '' : `<td>${p.present ?? 0}/${samples} samples</td>`;
    return `<tr><td><code>${escapeHtml(p.name)}</code></td>${seen}<td>${values}</td></tr>`;
  });
  return `<h4>${title}</h4>\n<table><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>\n`;
}

function renderRequest(endpoint: DocsEndpoint): string {
  if (!endpoint.request) return '';
  const line = `<pre><code>${escapeHtml(`${endpoint.method} ${endpoint.request.target}`)}</code></pre>`;
  return `<h4>Example request</h4>\n${line}\n${endpoint.request.body ? renderBody(endpoint.request.body) : ''}`;
}

function renderResponse(response: DocsResponse, open: boolean): string {
  const kinds = response.contentTypes.length > 0 ? response.contentTypes.join(', ') : response.bodyKinds.join(', ') || 'no body';
  const size = response.size.min === response.size.max ? formatBytes(response.size.max) : `${formatBytes(response.size.min)} to ${formatBytes(response.size.max)}`;
  const facts = [kinds, plural(response.samples, 'sample'), size, `p50 ${response.latency.p50} ms, p95 ${response.latency.p95} ms`];
  const parts = [
    `<details class="response"${open ? ' open' : ''}>`,
    `<summary><span class="status s${Math.floor(response.status / 100)}">${response.status}</span> ${escapeHtml(response.statusText)} · ${escapeHtml(facts.join(' · '))}</summary>`,
  ];
  if (response.fields.length > 0) parts.push(renderFields(response.fields));
  if (response.schemaCapped) parts.push('<p class="note">Some bodies nest deeper than inference describes: the schema accepts anything below that depth.</p>');
  if (response.example && (response.example.text !== '' || response.example.note)) parts.push('<h4>Recorded example</h4>', renderBody(response.example));
  parts.push('</details>');
  return parts.join('\n');
}

function renderFields(rows: FieldRow[]): string {
  const body = rows.map((row) => {
    const name = row.pointer === '' ? '(body)' : `<code>${escapeHtml(row.pointer)}</code>`;
    const required = row.required === undefined ? '—' : row.required ? 'yes' : 'no';
    return `<tr><td>${name}</td><td>${escapeHtml(row.types.join(' or ') || 'nothing')}</td><td>${escapeHtml(row.format ?? '')}</td><td>${required}</td><td>seen in ${escapeHtml(row.seenIn)}</td><td>${escapeHtml(row.notes.join(', '))}</td></tr>`;
  });
  return `<table class="fields"><thead><tr><th>field</th><th>type</th><th>format</th><th>required</th><th>evidence</th><th>notes</th></tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

function renderBody(body: ExampleBody): string {
  const note = body.note ? `\n<p class="note">${escapeHtml(body.note)}</p>` : '';
  return `${body.text === '' ? '' : `<pre><code>${escapeHtml(body.text)}</code></pre>`}${note}`;
}

/** The CSS class of a method badge: its own colour for the common ones, `other` for the rest. */
export function methodClass(method: string): string {
  const lower = method.toLowerCase();
  return ['get', 'post', 'put', 'patch', 'delete'].includes(lower) ? lower : 'other';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
