// Headless Chromium from Debian (/usr/bin/chromium, installed by .ci/run; never downloaded) for browser
// tests, closed when the test finishes.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
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
