// runCollection against real sample API instances on loopback, with newman running for real.
import * as fs from 'node:fs/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import { bodyJson } from '../../../src/cassette/body.js';
import { runCollection } from '../../../src/replay/run.js';
import { startSampleApi } from '../../../src/sample-api/server.js';
import { closedPortUrl, SAMPLE_COLLECTION, sampleEnv, startSilentServer } from './project.js';

async function sampleCollection(): Promise<object> {
  return JSON.parse(await fs.readFile(SAMPLE_COLLECTION, 'utf8')) as object;
}

function env(values: Record<string, string>) {
  return { name: 'test', values: Object.entries(values).map(([key, value]) => ({ key, value })) };
}

describe('runCollection', () => {
  it('captures every request, its decoded response body and each assertion', async () => {
    const api = await startSampleApi({ seedUsers: 12 });
    onTestFinished(() => api.close());
    const seen: number[] = [];
    const run = await runCollection(await sampleCollection(), env(sampleEnv(api.url)), {
      onProgress: (r) => seen.push(r.index),
      cassettes: ['demo'],
    });
    expect(run.apitape).toBe('run');
    expect(run.cassettes).toEqual(['demo']);
    expect(run.requests.map((r) => `${r.request.method} ${new URL(r.request.url).pathname}`)).toEqual([
      'POST /auth/login',
      'GET /health',
      'GET /users',
      'POST /users',
      `GET /users/${(bodyJson(run.requests[3]!.response!.body) as { value: { id: string } }).value.id}`,
      expect.stringMatching(/^POST \/users\/[0-9a-f-]{36}\/orders$/),
      expect.stringMatching(/^GET \/orders\/\d+$/),
    ]);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(run.stats).toMatchObject({ requests: 7, failedRequests: 0, failedAssertions: 0, errors: 0 });
    expect(run.stats.assertions).toBe(9);
    const list = run.requests[2]!;
    expect(list.itemPath).toEqual(['Users']);
    expect(list.itemName).toBe('List users');
    // 12 users make the list larger than 256 bytes: the sample API gzips it, newman decodes it
    expect(list.response!.body).toMatchObject({ kind: 'json', contentEncoding: 'gzip' });
    expect((bodyJson(list.response!.body) as { value: { data: unknown[] } }).value.data).toHaveLength(10);
    expect(list.assertions).toEqual([
      { name: 'status is 200', passed: true, skipped: false },
      { name: 'has data', passed: true, skipped: false },
    ]);
    expect(list.timings.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('redacts tokens and passwords in what it keeps', async () => {
    const api = await startSampleApi();
    onTestFinished(() => api.close());
    const run = await runCollection(await sampleCollection(), env(sampleEnv(api.url)), {
      secrets: [{ name: 'password', value: 'demo-password' }],
    });
    const text = JSON.stringify(run);
    expect(text).not.toContain('demo-password');
    expect(text).not.toMatch(/tok_[0-9a-f]{24}/);
    expect(text).toMatch(/<redacted:[a-z_.-]+:[0-9a-f]{6}>/);
  });

  it('records a failing test with its message, and keeps going', async () => {
    const api = await startSampleApi({ drift: true });
    onTestFinished(() => api.close());
    const run = await runCollection(await sampleCollection(), env(sampleEnv(api.url)));
    const order = run.requests.at(-1)!;
    expect(order.assertions).toEqual([
      { name: 'status is 200', passed: true, skipped: false },
      { name: 'total is a number', passed: false, skipped: false, error: expect.stringContaining('expected') },
    ]);
    expect(run.stats.failedAssertions).toBe(1);
  });

  it('records connection failures as failures, not responses', async () => {
    const run = await runCollection(await sampleCollection(), env(sampleEnv(await closedPortUrl())));
    expect(run.stats.requests).toBe(7);
    expect(run.stats.failedRequests).toBe(7);
    expect(run.requests[0]).toMatchObject({ response: null, failure: { code: 'ECONNREFUSED', phase: 'connect' } });
  });

  it('times a silent upstream out with --timeout-request', async () => {
    const silent = await startSilentServer();
    const collection = { info: { name: 'silent', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item: [{ name: 'hang', request: { method: 'GET', url: `${silent.url}/x` } }] };
    const run = await runCollection(collection, env({}), { timeoutRequest: 300 });
    expect(run.requests[0]!.response).toBeNull();
    expect(run.requests[0]!.failure?.code).toMatch(/TIMEDOUT/);
  });

  it('notes script errors and stops early with bail', async () => {
    const api = await startSampleApi();
    onTestFinished(() => api.close());
    const collection = {
      info: { name: 'bail', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
      item: [
        { name: 'one', request: { method: 'GET', url: `${api.url}/health` }, event: [{ listen: 'test', script: { exec: ['throw new Error("boom")'] } }] },
        { name: 'two', request: { method: 'GET', url: `${api.url}/health` }, event: [{ listen: 'test', script: { exec: ['pm.test("fails", () => pm.expect(1).to.equal(2));'] } }] },
        { name: 'three', request: { method: 'GET', url: `${api.url}/health` } },
      ],
    };
    const all = await runCollection(collection, env({}));
    expect(all.errors).toEqual([expect.objectContaining({ source: 'script', itemName: 'one', requestIndex: 0, message: expect.stringContaining('boom') })]);
    expect(all.requests).toHaveLength(3);
    const bailed = await runCollection(collection, env({}), { bail: true });
    expect(bailed.requests.length).toBeLessThan(3);
    expect(bailed.stoppedEarly).toBe('bail');
  });
});
