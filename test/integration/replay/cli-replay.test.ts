// Acceptance, end to end through the CLI: record → generate → replay on a second instance (no findings),
// on one with a single retyped field (exactly that finding), then diff with an ignore rule and accept.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { DriftReport } from '../../../src/report/types.js';
import type { RunResult } from '../../../src/replay/types.js';
import { startSampleApi } from '../../../src/sample-api/server.js';
import { fakeIo } from '../../helpers/io.js';
import { recordSampleFlow, startChangingProxy } from './record-flow.js';

let recorded: string;

beforeAll(async () => {
  recorded = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-replay-e2e-'));
  const staging = await startSampleApi();
  try {
    await recordSampleFlow(staging.url, path.join(recorded, 'cassettes', 'flow.ndjson'));
  } finally {
    await staging.close();
  }
  const io = fakeIo(recorded);
  expect(await main(['generate'], io), io.err()).toBe(0);
  // latency drift is real drift, but on a loaded test machine it is noise: these tests are about shape
  await fs.writeFile(path.join(recorded, 'apitape.config.json'), JSON.stringify({ drift: { latencyFactor: 1000 } }));
});

afterAll(() => fs.rm(recorded, { recursive: true, force: true }));

/** A copy of the recorded project, so each test can write reports, configs and accepted exchanges. */
async function project(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-replay-cli-'));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  await fs.cp(recorded, dir, { recursive: true });
  return dir;
}

async function replay(dir: string, baseUrl: string, ...extra: string[]) {
  const io = fakeIo(dir, { APITAPE_VAR_password: 'demo-password' });
  const code = await main(['replay', '--env', 'local', '--env-var', `baseUrl=${baseUrl}`, '--out', 'reports/run', ...extra], io);
  const report = JSON.parse(await fs.readFile(path.join(dir, 'reports/run/drift.json'), 'utf8')) as DriftReport;
  return { code, io, report };
}

/** A second instance whose `GET /orders/:id` answers `total` as a string; nothing else differs. */
async function retypedTotal(): Promise<string> {
  const prod = await startSampleApi({ seedUsers: 3 });
  onTestFinished(() => prod.close());
  const proxy = await startChangingProxy(prod.url, (m, p) => m === 'GET' && /^\/orders\/\d+$/.test(p), (body) => ({ ...body, total: String(body.total) }));
  return proxy.url;
}

describe('apitape replay (end to end)', () => {
  it('finds nothing against an unchanged second instance with its own ids, timestamps and token', async () => {
    const dir = await project();
    const prod = await startSampleApi({ seedUsers: 3 });
    onTestFinished(() => prod.close());
    const { code, io, report } = await replay(dir, prod.url);
    expect(code, io.err()).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject({ verdict: 'pass', failedAssertions: 0, failedRequests: 0, unmatchedRequests: 0 });
    expect(report.summary.requests).toBeGreaterThan(8);
    expect(io.out()).toContain('PASS');
    expect(io.out()).toMatch(/✓ GET \/orders\/\d+ 200/);
    const files = (await fs.readdir(path.join(dir, 'reports/run'))).sort();
    expect(files).toEqual(['drift.html', 'drift.json', 'drift.md', 'junit.xml', 'run.json']);
    const all = await Promise.all(files.map((f) => fs.readFile(path.join(dir, 'reports/run', f), 'utf8')));
    for (const text of all) {
      expect(text).not.toContain('demo-password');
      expect(text).not.toMatch(/tok_[0-9a-f]{24}/);
    }
    const run = JSON.parse(all[4]!) as RunResult;
    expect(run.cassettes).toEqual(['flow']);
    expect(run.environment).toEqual({ name: 'local', file: 'environments/local.postman_environment.json' });
  });

  it('reports exactly one finding when one field changes type, and exits 1', async () => {
    const dir = await project();
    const { code, io, report } = await replay(dir, await retypedTotal(), '--json');
    expect(code).toBe(1);
    expect(report.findings.map((d) => [d.kind, d.severity, d.endpoint.replace(/^GET http:\/\/[^/]+/, 'GET '), d.pointer, d.expected, d.actual])).toEqual([
      ['type-changed', 'breaking', 'GET /orders/:orderId', '/total', ['integer'], 'string'],
    ]);
    expect(JSON.parse(io.out())).toEqual(report);
    const ajv = new Ajv({ strict: true });
    addFormats.default(ajv);
    const schema = JSON.parse(await fs.readFile(new URL('../../../docs/drift-report.schema.json', import.meta.url), 'utf8'));
    expect(ajv.validate(schema, report), JSON.stringify(ajv.errors)).toBe(true);
    expect(await fs.readFile(path.join(dir, 'reports/run/junit.xml'), 'utf8')).toContain('<failure type="type-changed"');
  });

  it('--fail-on decides what drift fails the run; failing tests always do', async () => {
    const dir = await project();
    const prod = await startSampleApi({ seedUsers: 3 });
    onTestFinished(() => prod.close());
    const added = await startChangingProxy(prod.url, (m, p) => m === 'GET' && /^\/orders\/\d+$/.test(p), (body) => ({ ...body, discount: 0 }));
    const lenient = await replay(dir, added.url);
    expect(lenient.report.findings.map((d) => [d.kind, d.severity, d.pointer])).toEqual([['field-added', 'info', '/discount']]);
    expect(lenient.code).toBe(0);
    expect((await replay(dir, added.url, '--fail-on', 'any')).code).toBe(1);
    const retyped = await replay(dir, await retypedTotal(), '--fail-on', 'none');
    expect(retyped.report.summary.failedAssertions).toBeGreaterThan(0);
    expect(retyped.report.summary.reasons.join()).not.toContain('drift');
    expect(retyped.code).toBe(1);
  });

  it('diff reruns the comparison from run.json, and honours ignore rules from apitape.config.json', async () => {
    const dir = await project();
    await replay(dir, await retypedTotal());
    const first = fakeIo(dir);
    expect(await main(['diff', '--run', 'reports/run', '--format', 'md'], first)).toBe(1);
    expect(first.out()).toContain('| breaking | type-changed | `/total` | `["integer"]` | `string` |');
    await fs.writeFile(path.join(dir, 'apitape.config.json'), JSON.stringify({ drift: { latencyFactor: 1000, ignore: { 'GET /orders/:orderId': ['/total'] } } }));
    const second = fakeIo(dir);
    expect(await main(['diff'], second)).toBe(1); // the run's own failed schema test still counts
    const rewritten = JSON.parse(await fs.readFile(path.join(dir, 'reports/run/drift.json'), 'utf8')) as DriftReport;
    expect(rewritten.findings).toEqual([]);
    expect(second.err()).toContain('Updated reports/run/drift.{md,html,json}');
  });

  it('accept folds the new responses into the cassette and regenerates, so the next replay passes', async () => {
    const dir = await project();
    const url = await retypedTotal();
    expect((await replay(dir, url)).code).toBe(1);
    const before = (await fs.readFile(path.join(dir, 'cassettes/flow.ndjson'), 'utf8')).trim().split('\n').length;
    const collectionBefore = await fs.readFile(path.join(dir, 'collections/flow.postman_collection.json'), 'utf8');
    const io = fakeIo(dir);
    expect(await main(['accept', '--endpoint', 'GET /orders/:orderId'], io), io.err()).toBe(0);
    expect(io.out()).toMatch(/appended 2 exchanges to cassettes\/flow\.ndjson/);
    const lines = (await fs.readFile(path.join(dir, 'cassettes/flow.ndjson'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(before + 2);
    const accepted = JSON.parse(lines.at(-1)!);
    expect(accepted.note).toBe('accepted from reports/run');
    expect(accepted.request.url.startsWith(url)).toBe(false);
    expect(JSON.stringify(accepted)).not.toMatch(/tok_[0-9a-f]{24}/);
    const collectionAfter = await fs.readFile(path.join(dir, 'collections/flow.postman_collection.json'), 'utf8');
    expect(collectionAfter).not.toBe(collectionBefore);
    expect(JSON.parse(collectionAfter).item.flatMap((f: { item: unknown[] }) => f.item)).toHaveLength(
      JSON.parse(collectionBefore).item.flatMap((f: { item: unknown[] }) => f.item).length,
    );
    const again = await replay(dir, url);
    expect(again.code, again.io.out()).toBe(0);
    expect(again.report.findings).toEqual([]);
  });

  it('accept refuses an endpoint the recording does not know', async () => {
    const dir = await project();
    await replay(dir, await retypedTotal());
    const io = fakeIo(dir);
    expect(await main(['accept', '--endpoint', 'GET /nope'], io)).toBe(2);
    expect(io.err()).toContain('no recorded endpoint "GET /nope"');
    expect(io.err()).toContain('GET http://');
  });
});
