// The API reference in a real browser (Debian's chromium via playwright-core): it renders without
// fetching anything, hostile recorded values stay text and run nothing, and the search narrows the
// table of contents and the endpoints.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openCassetteWriter } from '../../../src/cassette/store.js';
import { main } from '../../../src/cli/main.js';
import { fakeIo } from '../../helpers/io.js';
import { calls, crudExchanges } from '../../unit/collection/fixtures.js';
import { launchChromium, openWatchedPage } from '../../helpers/chromium.js';

const HOSTILE = `</script><img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script>`;

async function writeProject(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-docs-browser-'));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  const writer = await openCassetteWriter(path.join(dir, 'cassettes', 'shop.ndjson'), { name: 'shop', now: () => new Date(0) });
  const hostile = calls([
    { path: '/notes/n-1001', body: { id: 'n-1001', [HOSTILE]: HOSTILE, text: HOSTILE } },
    { path: '/notes/n-1002', body: { id: 'n-1002', [HOSTILE]: 'x', text: 'plain' } },
  ]);
  for (const { id: _id, ...exchange } of [...crudExchanges(), ...hostile]) await writer.append(exchange);
  await writer.close();
  const io = fakeIo(dir);
  expect(await main(['docs'], io), io.err()).toBe(0);
  return path.join(dir, 'api-docs', 'index.html');
}

describe('apitape docs page in Chromium', () => {
  it('renders offline, keeps recorded values as text, and the search narrows the list', async () => {
    const file = await writeProject();
    const browser = await launchChromium();
    const { page, requested, dialogs, errors } = await openWatchedPage(browser, { width: 1200, height: 900 });
    await page.goto(pathToFileURL(file).href);

    expect(requested).toEqual([pathToFileURL(file).href]);
    expect(await page.title()).toBe('shop: API reference');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('pre', { hasText: `"text": ${JSON.stringify(HOSTILE)}` }).first().isVisible()).toBe(true);
    expect(await page.locator('td code', { hasText: `/<~1script><img src=x onerror="document.title='pwned'">` }).first().isVisible()).toBe(true);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);

    const toc = () => page.locator('nav li[data-for]:visible code').allTextContents();
    const titles = () => page.locator('article.endpoint:visible h3 .template').allTextContents();
    expect(await page.locator('#shown').textContent()).toBe('9 endpoints');
    expect(await titles()).toHaveLength(9);
    expect(await toc()).toEqual(await titles());

    await page.fill('#search', 'orders');
    expect(await titles()).toEqual(['/orders/:orderId', '/users/:userId/orders']);
    expect(await toc()).toEqual(['/orders/:orderId', '/users/:userId/orders']);
    expect(await page.locator('#shown').textContent()).toBe('2 of 9 endpoints');

    await page.fill('#search', 'post /users');
    expect(await titles()).toEqual(['/users', '/users/:userId/orders']);

    await page.fill('#search', '/createdat date-time');
    expect(await titles()).toEqual(['/users', '/users/:userId', '/users/:userId']);
    expect(await page.locator('section.group:visible h2').allTextContents()).toEqual(['users ']);

    await page.fill('#search', '<img src=x onerror');
    expect(await titles()).toEqual(['/notes/:note']);

    await page.fill('#search', 'no such endpoint');
    expect(await titles()).toEqual([]);
    expect(await page.locator('#nothing').isVisible()).toBe(true);

    await page.fill('#search', '');
    expect(await titles()).toHaveLength(9);
    await page.locator('nav a', { hasText: '/orders/:orderId' }).click();
    expect(new URL(page.url()).hash).toMatch(/^#ep-[0-9a-f]{12}$/);
    expect(await page.title()).toBe('shop: API reference');
    expect(requested).toHaveLength(1);
  });
});
