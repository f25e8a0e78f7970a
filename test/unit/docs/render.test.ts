import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { DOCS_SCRIPT } from '../../../src/docs/assets.js';
import { buildDocsPage } from '../../../src/docs/model.js';
import { DOCS_GENERATOR, renderDocs } from '../../../src/docs/render.js';
import { calls, crudExchanges } from '../collection/fixtures.js';

const HOSTILE = `</script><img src=x onerror="alert(1)">'"&`;

function render(exchanges: Exchange[], title = 'Shop'): string {
  return renderDocs(buildDocsPage({ title, cassettes: [{ name: 'crud', createdAt: '2026-01-01T00:00:00.000Z', exchanges: exchanges.length }], endpoints: inferEndpoints(exchanges), exchanges }));
}

/** The page with its one inline script removed: recorded text lives only outside it. */
function withoutScript(html: string): string {
  return html.replace(`<script>${DOCS_SCRIPT}</script>`, '');
}

describe('renderDocs', () => {
  it('is one page with no external resource and only its own script allowed to run', () => {
    const html = render(crudExchanges());
    const hash = createHash('sha256').update(DOCS_SCRIPT).digest('base64');
    expect(html).toContain(`script-src 'sha256-${hash}'`);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain(`<meta name="generator" content="${DOCS_GENERATOR}">`);
    expect(html).not.toMatch(/\b(src|href)="(?!#)/);
    expect(html.match(/<script\b/g)).toHaveLength(1);
  });

  it('lists every endpoint in the table of contents and the body, with its recorded facts', () => {
    const html = render(crudExchanges());
    expect(html.match(/<li data-for="ep-/g)).toHaveLength(8);
    expect(html.match(/<article class="endpoint"/g)).toHaveLength(8);
    expect(html).toContain('<span id="shown" aria-live="polite">8 endpoints</span>');
    expect(html).toContain('Recorded by apitape: 8 exchanges in cassette crud (created 2026-01-01T00:00:00.000Z). 8 endpoints inferred.');
    expect(html).toContain('<td><code>/userId</code></td><td>string</td><td>uuid</td><td>no</td><td>seen in 1/1 samples</td>');
  });

  it('escapes hostile recorded names and values everywhere, attributes included', () => {
    const exchanges = calls([
      { method: 'POST', path: `/things/${encodeURIComponent(HOSTILE)}?${encodeURIComponent(HOSTILE)}=1`, requestBody: { [HOSTILE]: HOSTILE }, body: { [HOSTILE]: HOSTILE } },
    ]);
    const html = withoutScript(render(exchanges, HOSTILE));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('</script>');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&quot;&amp;');
    const attributes = [...html.matchAll(/data-search="([^"]*)"/g)].map((m) => m[1]!);
    expect(attributes.some((a) => a.includes('&lt;/script&gt;'))).toBe(true);
  });

  it('names the origin beside each group only when there is more than one', () => {
    const one = render(crudExchanges());
    expect(one).not.toContain('<small>https://api.example.com</small>');
    const two = render([...crudExchanges(), ...calls([{ path: '/rates', origin: 'https://fx.example.com', body: { eur: 1 } }])]);
    expect(two).toContain('<small>https://fx.example.com</small>');
  });

  it('gives the same bytes for the same recording', () => {
    expect(render(crudExchanges())).toBe(render(crudExchanges()));
  });
});
