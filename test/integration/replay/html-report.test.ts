// The HTML drift report in a real browser (Debian's chromium via playwright-core): it renders without
// fetching anything, hostile values stay text, the filter narrows the list; a screenshot is kept for review.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyseRun } from '../../../src/report/analyse.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderJunit } from '../../../src/report/junit.js';
import { endpoint, field, replayed, responseModel, runOf } from '../../unit/report/builders.js';
import { tempProject } from './project.js';
import { launchChromium, openWatchedPage } from '../../helpers/chromium.js';

const SCREENSHOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/drift-report.png');
/** The slice of the browser's XML Document the JUnit check reads. */
interface XmlElement {
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface XmlDocument {
  documentElement: XmlElement;
  querySelector(selector: string): XmlElement | null;
  querySelectorAll(selector: string): Iterable<XmlElement>;
}

const HOSTILE = `</script><img src=x onerror="document.title='pwned'">`;

function sampleRun() {
  const origin = 'https://staging.example.com';
  const order = endpoint([
    responseModel([
      field('/id', ['integer']),
      field('/total', ['number']),
      field('/status', ['string'], { present: 4, of: 4 }),
      field('/createdAt', ['string'], { format: 'date-time' }),
    ]),
  ], { origin, template: '/orders/:orderId', key: `GET ${origin}/orders/:orderId` });
  const user = endpoint([responseModel([field('/id', ['string'], { format: 'uuid' }), field('/name', ['string'])], { headers: { 'cache-control': ['no-store'] } })], {
    origin,
    template: '/users/:userId',
    key: `GET ${origin}/users/:userId`,
  });
  const health = endpoint([responseModel([field('/status', ['string'])])], { origin, template: '/health', key: `GET ${origin}/health` });
  const run = runOf([
    replayed(0, { url: 'https://prod.example.com/health', body: { status: 'ok' } }),
    replayed(1, {
      url: 'https://prod.example.com/orders/4411',
      body: { id: 4411, total: '25.00', createdAt: '2026-01-01T00:00:00Z' },
      assertions: [{ name: 'body matches schema for GET /orders/:orderId 200', passed: false, skipped: false, error: 'data.total should be number' }],
    }),
    replayed(2, {
      url: 'https://prod.example.com/users/0b6c',
      body: { id: '1f7e2c5a-35b5-4d1e-9a7e-5f1c2d3e4f50', name: HOSTILE, nickname: HOSTILE },
      headers: [['content-type', 'application/json'], ['cache-control', 'max-age=600']],
    }),
  ], { collection: { name: 'Shop API' }, environment: { name: 'prod' } });
  return { run, endpoints: [order, user, health] };
}

function sampleReport() {
  const { run, endpoints } = sampleRun();
  return analyseRun(run, endpoints, { failOn: 'breaking' });
}

describe('HTML drift report in Chromium', () => {
  it('renders offline, keeps recorded values as text, and the filter narrows the list', async () => {
    const dir = await tempProject();
    const file = path.join(dir, 'drift.html');
    await fs.writeFile(file, renderHtml(sampleReport()));
    const browser = await launchChromium();
    const { page, requested, dialogs, errors } = await openWatchedPage(browser, { width: 1100, height: 900 });
    await page.goto(pathToFileURL(file).href);

    expect(requested).toEqual([pathToFileURL(file).href]);
    expect(await page.title()).toContain('Shop API against prod');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.getByText(HOSTILE).first().isVisible()).toBe(true);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);

    const visibleTitles = () => page.locator('section.endpoint:visible h2 code').allTextContents();
    expect(await visibleTitles()).toEqual(['GET /orders/:orderId', 'GET /users/:userId', 'GET /health']);
    expect(await page.locator('#shown').textContent()).toBe('3 endpoints');
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.fill('#filter', 'type-changed');
    expect(await visibleTitles()).toEqual(['GET /orders/:orderId']);
    expect(await page.locator('section.endpoint:visible .entry:visible').count()).toBe(1);
    expect(await page.locator('#shown').textContent()).toBe('1 of 3 endpoints');

    await page.fill('#filter', 'users cache-control');
    expect(await visibleTitles()).toEqual(['GET /users/:userId']);

    await page.fill('#filter', 'no such thing');
    expect(await visibleTitles()).toEqual([]);
    expect(await page.locator('#nothing').isVisible()).toBe(true);

    await page.fill('#filter', '');
    expect(await visibleTitles()).toHaveLength(3);
    expect(requested).toHaveLength(1);
  });

  it('writes JUnit XML that an XML parser accepts, hostile names included', async () => {
    const { run, endpoints } = sampleRun();
    run.requests[2]!.itemName = `${HOSTILE} & \u0001 "quoted"`;
    run.requests[2]!.assertions = [{ name: HOSTILE, passed: false, skipped: false, error: '<b>bad</b> & worse \u0007' }];
    const xml = renderJunit(run, analyseRun(run, endpoints, { failOn: 'breaking' }));
    const browser = await launchChromium();
    const page = await browser.newPage();
    const parsed = await page.evaluate((text) => {
      // runs in the browser, where DOMParser exists (this file is type-checked against Node's globals)
      const Parser = (globalThis as unknown as { DOMParser: new () => { parseFromString(t: string, type: string): XmlDocument } }).DOMParser;
      const doc = new Parser().parseFromString(text, 'application/xml');
      if (doc.querySelector('parsererror')) return { error: doc.querySelector('parsererror')!.textContent };
      const suites = [...doc.querySelectorAll('testsuite')];
      return {
        suites: suites.map((s) => s.getAttribute('name')),
        failures: [...doc.querySelectorAll('failure')].map((f) => f.getAttribute('message')),
        root: doc.documentElement.getAttribute('failures'),
      };
    }, xml);
    expect(parsed).toEqual({
      suites: ['Flow / Request 0', 'Flow / Request 1', `Flow / ${HOSTILE} &  "quoted"`, 'apitape drift'],
      failures: ['data.total should be number', '<b>bad</b> & worse ', expect.stringContaining('/status is missing')],
      root: '3',
    });
  });
});
