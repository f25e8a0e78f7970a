// Headless Chromium from Debian (/usr/bin/chromium, installed by .ci/run; never downloaded) for browser
// tests, closed when the test finishes.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { onTestFinished } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';

/** Launches Chromium with the flags these machines need, plus `args`; closed when the test finishes. */
export async function launchChromium(args: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does it)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', ...args],
  });
  onTestFinished(() => browser.close());
  return browser;
}

/** A page with what it did on the side: every request, every dialog (dismissed), every page or console error. */
export interface WatchedPage {
  page: Page;
  requested: string[];
  dialogs: string[];
  errors: string[];
}

/** Opens a page on `browser` that records its requests, dialogs and errors (for self-contained, offline pages). */
export async function openWatchedPage(browser: Browser, viewport: { width: number; height: number }): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport });
  const watched: WatchedPage = { page, requested: [], dialogs: [], errors: [] };
  page.on('request', (r) => watched.requested.push(r.url()));
  page.on('dialog', (d) => {
    watched.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => watched.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') watched.errors.push(m.text());
  });
  return watched;
}
