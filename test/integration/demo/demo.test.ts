// The demo the way the README runs it (the built binary): the loop works, its outputs are valid,
// and the drift it reports is exactly the planted drift. Its HTML report is opened in Chromium; with
// UPDATE_DOCS=1 the screenshot replaces docs/demo-drift-report.png.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPlanted } from '../../../src/demo/planted.js';
import type { DriftReport } from '../../../src/report/types.js';
import { launchChromium } from '../../helpers/chromium.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
const bin = path.join(root, 'bin/apitape.js');
let work: string;
let demo: string;
let stdout: string;

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-demo-test-'));
  demo = path.join(work, 'apitape-demo');
  const result = await run(process.execPath, [bin, 'demo'], { cwd: work, env: { ...process.env, APITAPE_HOME: path.join(work, 'home'), NO_COLOR: '1' } });
  stdout = result.stdout;
  return () => fs.rm(work, { recursive: true, force: true });
}, 180_000);

describe('apitape demo', () => {
  it('runs the loop and says it found exactly the planted drift (exit 0)', () => {
    expect(stdout).toContain('the loop worked');
    expect(stdout).toMatch(/found\s+order `total` turned from a number into a string/);
    expect(stdout).toContain('apitape-demo/reports/prod/drift.html');
  });

  it('writes a collection valid against the official Postman v2.1 schema', async () => {
    const schema = JSON.parse(await fs.readFile(path.join(root, 'test/fixtures/schemas/postman-collection-v2.1.0.schema.json'), 'utf8')) as object;
    const collection = JSON.parse(await fs.readFile(path.join(demo, 'collections/demo.postman_collection.json'), 'utf8')) as unknown;
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(collection), JSON.stringify(validate.errors)).toBe(true);
  });

  it('records both legs: reverse mode and one HTTPS request through forward mode', async () => {
    const reverse = await fs.readFile(path.join(demo, 'cassettes/staging.ndjson'), 'utf8');
    const forward = await fs.readFile(path.join(demo, 'cassettes/https-forward.ndjson'), 'utf8');
    expect(reverse.trimEnd().split('\n')).toHaveLength(14);
    expect(forward).toMatch(/"url":"https:\/\/localhost:\d+\/health"/);
    expect(reverse).not.toContain('demo-password');
  });

  it('reports the planted drift and only that', async () => {
    const report = JSON.parse(await fs.readFile(path.join(demo, 'reports/prod/drift.json'), 'utf8')) as DriftReport;
    expect(checkPlanted(report.findings)).toMatchObject({ ok: true, missed: [], unexpected: [] });
    expect(new Set(report.findings.map((f) => `${f.kind} ${f.pointer}`))).toEqual(
      new Set(['type-changed /total', 'field-removed /status', 'type-changed /data/*/total', 'field-removed /data/*/status']),
    );
  });

  it('gives a JUnit file and an HTML report that open in Chromium', { timeout: 60_000 }, async () => {
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.goto(pathToFileURL(path.join(demo, 'reports/prod/drift.html')).href);
    await expect(page.locator('body')).toBeDefined();
    expect(await page.textContent('body')).toContain('type-changed');
    const shot = process.env.UPDATE_DOCS ? path.join(root, 'docs/demo-drift-report.png') : path.join(work, 'demo-drift-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect((await fs.stat(shot)).size).toBeGreaterThan(10_000);
    const junit = await fs.readFile(path.join(demo, 'reports/prod/junit.xml'), 'utf8');
    const failures = await page.evaluate((xml) => {
      type Doc = { querySelector(s: string): unknown; querySelectorAll(s: string): { length: number } };
      const { DOMParser } = globalThis as unknown as { DOMParser: new () => { parseFromString(text: string, type: string): Doc } };
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      if (doc.querySelector('parsererror')) return -1;
      return doc.querySelectorAll('testcase failure').length;
    }, junit);
    expect(failures).toBe(6); // 3 failed schema tests + 3 endpoints with breaking drift
  });

  it('never writes over a folder it did not make', async () => {
    const mine = path.join(work, 'mine');
    await fs.mkdir(mine);
    await fs.writeFile(path.join(mine, 'notes.txt'), 'keep me');
    const result = await run(process.execPath, [bin, 'demo', '--dir', mine], { cwd: work }).catch((e: { code: number; stderr: string }) => e);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringMatching(/was not made by apitape demo/) });
    expect(await fs.readFile(path.join(mine, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('leaves no secret in any file or output of the whole loop (canary sweep: record → generate → replay → diff → export → docs → accept)', { timeout: 120_000 }, async () => {
    // The canaries: the login password (sent when recording, and given to replay with --env-var) and
    // every bearer token the two sample APIs issued (staging's while recording, prod's during replay).
    const outputs = [stdout];
    const cli = async (...args: string[]) => {
      const result = await run(process.execPath, [bin, ...args], { cwd: demo, env: { ...process.env, NO_COLOR: '1' } }).catch((error: { stdout: string; stderr: string; code: number }) => error);
      outputs.push(result.stdout, result.stderr);
    };
    for (const format of ['har', 'postman', 'openapi']) await cli('export', '--format', format, '--cassette', 'staging');
    await cli('docs');
    await cli('diff', '--run', 'reports/prod', '--format', 'json');
    await cli('accept', '--run', 'reports/prod'); // appends prod's responses (its login's token among them) to the cassette
    const files = (await fs.readdir(work, { recursive: true })).map((name) => path.join(work, name));
    const written: string[] = [];
    for (const file of files) if ((await fs.stat(file)).isFile()) written.push(`${path.relative(work, file)}\n${await fs.readFile(file, 'latin1')}`);
    expect(written.some((text) => text.startsWith(`apitape-demo${path.sep}exports${path.sep}staging.har`))).toBe(true); // the sweep saw the exports
    const canary = /demo-password|tok_[0-9a-f]{24}/;
    expect(written.filter((text) => canary.test(text)).map((text) => text.split('\n')[0])).toEqual([]);
    expect(outputs.filter((text) => canary.test(text))).toEqual([]);
  });
});
