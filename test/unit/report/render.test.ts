// Renderers of the drift report: JSON (against the published schema), Markdown, terminal, HTML escaping.
import * as fs from 'node:fs/promises';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../../src/report/analyse.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { DRIFT_REPORT_SCHEMA, renderJson } from '../../../src/report/schema.js';
import { renderProgressLine, renderTerminalSummary } from '../../../src/report/terminal.js';
import { endpoint, field, replayed, responseModel, runOf } from './builders.js';

const ORDER = endpoint([responseModel([field('/id', ['integer']), field('/total', ['number']), field('/note', ['string'])])]);

function driftedReport(failOn: 'breaking' | 'any' | 'none' = 'breaking') {
  const run = runOf([
    replayed(0, { body: { id: 1, total: '3.50', note: 'n', extra: 'a | b `c` <i>' }, assertions: [{ name: 'status is 200', passed: true, skipped: false }] }),
    replayed(1, { url: 'https://prod.example.com/health', body: { ok: true } }),
  ]);
  return analyseRun(run, [ORDER], { failOn });
}

describe('JSON report', () => {
  it('validates against the published schema, which matches docs/drift-report.schema.json', async () => {
    const published = JSON.parse(await fs.readFile(new URL('../../../docs/drift-report.schema.json', import.meta.url), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(DRIFT_REPORT_SCHEMA)));
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(published);
    for (const report of [driftedReport(), analyseRun(runOf([]), [], { failOn: 'none' })]) {
      const parsed = JSON.parse(renderJson(report));
      expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    }
    const broken = { ...JSON.parse(renderJson(driftedReport())), surprise: 1 };
    expect(validate(broken)).toBe(false);
  });

  it('gives the same bytes for the same input', () => {
    expect(renderJson(driftedReport())).toBe(renderJson(driftedReport()));
    expect(renderHtml(driftedReport())).toBe(renderHtml(driftedReport()));
    expect(renderMarkdown(driftedReport())).toBe(renderMarkdown(driftedReport()));
  });

  it('summarises the verdict per --fail-on', () => {
    expect(driftedReport('breaking').summary).toMatchObject({ verdict: 'fail', exitCode: 1, findings: { breaking: 1, warning: 0, info: 1 }, unmatchedRequests: 1 });
    expect(driftedReport('none').summary).toMatchObject({ verdict: 'pass', exitCode: 0 });
    expect(driftedReport('any').summary.reasons).toEqual(['2 drift findings']);
  });

  it('groups failing endpoints first and unrecorded requests by item', () => {
    const report = driftedReport();
    expect(report.endpoints.map((g) => [g.title, g.state, g.recorded])).toEqual([
      ['GET /orders/:orderId', 'fail', true],
      ['GET Flow / Request 1', 'pass', false],
    ]);
  });
});

describe('Markdown report', () => {
  it('lists findings in a table whose cells survive pipes and backticks', () => {
    const md = renderMarkdown(driftedReport());
    expect(md).toContain('## apitape replay: ❌ Fail');
    expect(md).toContain('| breaking | type-changed | `/total` | `["number"]` | `string` |');
    expect(md).toContain('| info | field-added | `/extra` | `absent` | ``a \\| b `c` <i>`` |');
  });

  it('keeps hostile recorded text inert: long backtick runs, lone CR, markup in names and messages', () => {
    const run = runOf(
      [
        replayed(0, {
          body: { id: 1, total: 2, note: 'n', extra: 'x ``` y `` z\r## injected heading\r[click](https://evil.test)' },
          assertions: [{ name: 'has `` ticks\r# h1', passed: false, skipped: false, error: 'expected <img src=x onerror=alert(1)> to be **bold**\r## forged' }],
        }),
      ],
      { collection: { name: 'Orders <script>alert(1)</script>' }, cassettes: ['flow'] },
    );
    const md = renderMarkdown(analyseRun(run, [ORDER], { failOn: 'any' }));
    for (const line of md.split('\n')) expect(line.startsWith('## injected') || line.startsWith('## forged') || line.startsWith('# h1')).toBe(false);
    expect(md).not.toContain('\r');
    expect(md).not.toContain('<img');
    expect(md).not.toContain('<script>');
    expect(md).toContain('**Orders &lt;script&gt;alert\\(1\\)&lt;/script&gt;**');
    // the value's longest backtick run is 3, so the code span is fenced with 4
    expect(md).toContain('| info | field-added | `/extra` | `absent` | ````x ``` y `` z ## injected heading [click](https://evil.test)```` |');
    expect(md).toContain('- test ```has `` ticks # h1``` failed in');
    expect(md).toContain('expected &lt;img src=x onerror=alert\\(1\\)&gt; to be \\*\\*bold\\*\\* ## forged');
  });
});

describe('terminal report', () => {
  it('prints counts, findings and the verdict without colour when asked', () => {
    const text = renderTerminalSummary(driftedReport(), { color: false });
    expect(text).toContain('Orders against prod: 2 requests, 1 assertion, 1.2 s');
    expect(text).toContain('breaking type-changed /total: ["number"] → string');
    expect(text).toMatch(/FAIL: 1 breaking drift finding\n$/);
    expect(text).not.toContain('\u001b[');
    expect(renderTerminalSummary(driftedReport(), { color: true })).toContain('\u001b[31m');
  });

  it('strips control characters (ESC, OSC, BEL, C1) from every recorded value it prints', () => {
    const evil = '\u001b]0;pwned\u0007\u001b[2J\u009b31m';
    const run = runOf(
      [
        replayed(0, {
          body: { id: 1, total: `3${evil}`, note: 'n' },
          assertions: [{ name: `status ${evil}`, passed: false, skipped: false, error: `expected '${evil}' to equal 1` }],
        }),
      ],
      { collection: { name: `Orders${evil}` }, cassettes: ['flow'] },
    );
    const report = analyseRun(run, [ORDER], { failOn: 'any' });
    const text = renderTerminalSummary(report, { color: false });
    expect(text).toContain('type-changed /total');
    expect(text).toContain(']0;pwned');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    const line = renderProgressLine({ ...run.requests[0]!, itemName: `Get${evil}` }, { color: false });
    expect(line).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('prints one progress line per request', () => {
    const ok = replayed(0, { url: 'https://x.test/users?page=2', assertions: [{ name: 'a', passed: true, skipped: false }] });
    expect(renderProgressLine(ok, { color: false })).toBe('  ✓ GET /users?page=2 200 15 ms  Request 0\n');
    const failed = { ...ok, response: null, failure: { code: 'ECONNREFUSED', message: 'refused', phase: 'connect' as const } };
    expect(renderProgressLine(failed, { color: false })).toBe('  ✗ GET /users?page=2 ECONNREFUSED  Request 0\n');
  });
});

describe('HTML report', () => {
  it('escapes every recorded value and fetches nothing', () => {
    const html = renderHtml(driftedReport());
    expect(html).not.toContain('<i>');
    expect(html).toContain('a | b `c` &lt;i&gt;</pre>');
    expect(html).toContain(`default-src 'none'`);
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
  });
});

describe('JUnit XML', () => {
  it('escapes markup and drops characters XML cannot hold', async () => {
    const { escapeXml, renderJunit } = await import('../../../src/report/junit.js');
    expect(escapeXml(`<a href="x">'&'</a>\u0000\u0007\uFFFE ok 😀`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt; ok 😀');
    const run = runOf([replayed(0, { body: { id: 1, total: 2, note: 'n' }, assertions: [{ name: 'a', passed: true, skipped: false }, { name: 'b', passed: false, skipped: false, error: 'no' }, { name: 'c', passed: false, skipped: true }] })]);
    const xml = renderJunit(run, analyseRun(run, [ORDER], { failOn: 'breaking' }));
    expect(xml).toContain('<testsuite name="Flow / Request 0" tests="3" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('<failure type="AssertionError" message="no">no</failure>');
    expect(xml).toContain('<testsuite name="apitape drift" tests="1" failures="0"');
  });
});
