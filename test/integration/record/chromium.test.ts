// Headless Chromium through the forward proxy (--proxy-server), trusting the apitape CA by its
// SPKI fingerprint: a page and the API call its script makes are recorded. Debian's chromium.
import { createHash, createPublicKey } from 'node:crypto';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readRecorded, startRecording, tempDir } from './helpers.js';
import { launchChromium } from '../../helpers/chromium.js';

const run = promisify(execFile);

describe('headless Chromium through the forward proxy', () => {
  it('records the page and the API request its script makes over HTTPS', async () => {
    const cwd = await tempDir();
    const keyFile = path.join(cwd, 'key.pem');
    const certFile = path.join(cwd, 'cert.pem');
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1']);
    const server = createHttpsServer({ key: await readFile(keyFile), cert: await readFile(certFile) }, (req, res) => {
      if (req.url === '/api/greeting') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ greeting: 'hello from the API' }));
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><p id="out">…</p><script>fetch("/api/greeting").then(r => r.json()).then(j => { document.getElementById("out").textContent = j.greeting; });</script>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const origin = `https://localhost:${(server.address() as AddressInfo).port}`;

    const home = path.join(cwd, 'home');
    const rec = await startRecording(cwd, ['--upstream-ca', certFile], { APITAPE_HOME: home });
    const caPem = await readFile(path.join(home, 'ca', 'ca.pem'), 'utf8');
    const spki = createHash('sha256').update(createPublicKey(caPem).export({ type: 'spki', format: 'der' })).digest('base64');
    const browser = await launchChromium([`--proxy-server=${rec.url}`, '--proxy-bypass-list=<-loopback>', `--ignore-certificate-errors-spki-list=${spki}`]);
    const page = await browser.newPage();
    await page.goto(`${origin}/app`);
    await page.waitForFunction('document.getElementById("out")?.textContent === "hello from the API"');
    await browser.close();
    await rec.stop();

    const exchanges = await readRecorded(cwd);
    const urls = exchanges.map((e) => `${e.request.method} ${e.request.url} ${e.response?.status}`);
    expect(urls).toContain(`GET ${origin}/app 200`);
    expect(urls).toContain(`GET ${origin}/api/greeting 200`);
    expect(exchanges.find((e) => e.request.url.endsWith('/api/greeting'))!.response!.body).toMatchObject({ kind: 'json', value: { greeting: 'hello from the API' } });
  }, 120_000);
});
