// The API reference as one self-contained HTML page: inline style and script, no fetches (the
// Content-Security-Policy allows nothing else), recorded values only ever as escaped text.
import { createHash } from 'node:crypto';
import { DOCS_SCRIPT, DOCS_STYLE } from './assets.js';
import type { DocsGroup, DocsPage } from './model.js';
import { escapeHtml, methodClass, renderEndpoint } from './render-endpoint.js';

/** Marks a page `apitape docs` wrote, so it only ever replaces its own output. */
export const DOCS_GENERATOR = 'apitape docs';

/** The one script the page may run, by hash: injected markup could not add a script that runs. */
const SCRIPT_HASH = `sha256-${createHash('sha256').update(DOCS_SCRIPT).digest('base64')}`;
const CSP = `default-src 'none'; style-src 'unsafe-inline'; script-src '${SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'`;

/** Renders `page`; the same page always gives the same bytes. */
export function renderDocs(page: DocsPage): string {
  const endpoints = page.groups.reduce((n, g) => n + g.endpoints.length, 0);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="${DOCS_GENERATOR}">
<title>${escapeHtml(page.title)}: API reference</title>
<style>${DOCS_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(page.title)}: API reference</h1>
<p class="summary">${escapeHtml(summaryOf(page, endpoints))}</p>
<p class="hosts">Hosts: ${page.origins.map((o) => `<code>${escapeHtml(o || '(relative URLs)')}</code>`).join(', ') || 'none'}. Every field lists the evidence behind it; examples are recorded responses, redacted as recorded. Regenerate with <code>apitape docs</code>; test the API with <code>apitape generate</code> and <code>apitape replay</code>.</p>
<label class="search">Search <input id="search" type="search" placeholder="method, path, field, status…" autocomplete="off"></label>
<span id="shown" aria-live="polite">${endpoints} endpoints</span>
</header>
<div class="layout">
<nav aria-label="Endpoints">
<ol id="toc">
${page.groups.map((g, i) => renderToc(g, i, page.origins.length > 1)).join('\n')}
</ol>
</nav>
<main>
${page.groups.map((g, i) => renderGroup(g, i, page.origins.length > 1)).join('\n')}
<p id="nothing" hidden>No endpoint matches the search.</p>
</main>
</div>
<script>${DOCS_SCRIPT}</script>
</body>
</html>
`;
}

/** `Recorded by apitape: 16 exchanges in cassette crud (created 2026-…, against https://…); 9 endpoints.` */
function summaryOf(page: DocsPage, endpoints: number): string {
  const several = page.cassettes.length > 1;
  const cassettes = page.cassettes.map((c) => {
    const facts = [c.createdAt ? `created ${c.createdAt}` : '', c.target ? `against ${c.target}` : '', several ? `${c.exchanges} exchanges` : ''].filter(Boolean);
    return facts.length > 0 ? `${c.name} (${facts.join(', ')})` : c.name;
  });
  const from = `${page.cassettes.length === 1 ? 'cassette' : 'cassettes'} ${cassettes.join('; ')}`;
  return `Recorded by apitape: ${page.exchanges} exchanges in ${from}. ${endpoints} ${endpoints === 1 ? 'endpoint' : 'endpoints'} inferred.`;
}

function groupId(index: number): string {
  return `g${index}`;
}

/** The origin beside a group's name, when the page covers more than one. */
function originNote(group: DocsGroup, show: boolean): string {
  return show ? `<small>${escapeHtml(group.origin || '(relative URLs)')}</small>` : '';
}

function renderToc(group: DocsGroup, index: number, showOrigin: boolean): string {
  const links = group.endpoints.map(
    (e) => `<li data-for="${e.anchor}"><a href="#${e.anchor}"><span class="method ${methodClass(e.method)}">${escapeHtml(e.method)}</span> <code>${escapeHtml(e.template)}</code></a></li>`,
  );
  return `<li class="toc-group" data-group="${groupId(index)}"><span>${escapeHtml(group.resource)}</span>${originNote(group, showOrigin)}
<ol>
${links.join('\n')}
</ol></li>`;
}

function renderGroup(group: DocsGroup, index: number, showOrigin: boolean): string {
  return `<section class="group" data-group="${groupId(index)}">
<h2>${escapeHtml(group.resource)} ${originNote(group, showOrigin)}</h2>
${group.endpoints.map(renderEndpoint).join('\n')}
</section>`;
}
