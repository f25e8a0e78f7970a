// Failure paths of `apitape replay`: unreachable or slow environments, TLS errors, bad input files,
// missing variables (caught before any request) and a collection apitape did not make.
import * as fs from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { generateCACertificate } from 'mockttp';
import { describe, expect, it, onTestFinished } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { DriftReport } from '../../../src/report/types.js';
import type { RunResult } from '../../../src/replay/types.js';
import { startSampleApi } from '../../../src/sample-api/server.js';
import { fakeIo } from '../../helpers/io.js';
import { closedPortUrl, copyCollection, FIXTURES, sampleEnv, startSilentServer, tempProject, writeEnvironment } from './project.js';
import { listenForTest } from '../../helpers/loopback.js';

async function sampleProject(baseUrl: string): Promise<string> {
  const dir = await tempProject();
  await copyCollection(dir);
  await writeEnvironment(dir, 'prod', sampleEnv(baseUrl));
  return dir;
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as T;
}

const schema = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

describe('apitape replay: the environment fails', () => {
  it('exits 3 when nothing answers, and still writes the report', async () => {
    const dir = await sampleProject(await closedPortUrl());
    const io = fakeIo(dir);
    expect(await main(['replay', '--env', 'prod', '--out', 'out'], io)).toBe(3);
    expect(io.err()).toContain('prod is unreachable: no request got a response (ECONNREFUSED)');
    const report = await readJson<DriftReport>(path.join(dir, 'out/drift.json'));
    expect(report.summary).toMatchObject({ verdict: 'unreachable', exitCode: 3, failedRequests: 7 });
    expect(await fs.readFile(path.join(dir, 'out/junit.xml'), 'utf8')).toContain('<error type="ECONNREFUSED"');
  });

  it('exits 3 when every request times out, 1 when only some do', async () => {
    const silent = await startSilentServer();
    const api = await startSampleApi();
    onTestFinished(() => api.close());
    const dir = await tempProject();
    const collection = {
      info: { name: 'slow', schema },
      item: [
        { name: 'fast', request: { method: 'GET', url: '{{host}}/health' } },
        { name: 'slow', request: { method: 'GET', url: '{{slow}}/health' } },
      ],
    };
    await fs.mkdir(path.join(dir, 'collections'));
    await fs.writeFile(path.join(dir, 'collections/slow.postman_collection.json'), JSON.stringify(collection));
    await writeEnvironment(dir, 'mixed', { host: api.url, slow: silent.url });
    await writeEnvironment(dir, 'dead', { host: silent.url, slow: silent.url });
    const mixed = fakeIo(dir);
    expect(await main(['replay', '--env', 'mixed', '--timeout-request', '300', '--out', 'mixed'], mixed)).toBe(1);
    const run = await readJson<RunResult>(path.join(dir, 'mixed/run.json'));
    expect(run.requests.map((r) => r.failure?.code ?? r.response?.status)).toEqual([200, expect.stringMatching(/TIMEDOUT/)]);
    expect(mixed.out()).toMatch(/FAIL: 1 request without a response/);
    expect(await main(['replay', '--env', 'dead', '--timeout-request', '300', '--out', 'dead'], fakeIo(dir))).toBe(3);
  });

  it('stops after the request in flight on Ctrl-C, writes what it saw and exits 130', async () => {
    const dir = await tempProject();
    let interrupt = (): void => {};
    let third = 0;
    const server = createHttpServer((req, res) => {
      if (req.url === '/hang') return interrupt(); // never answered: the run waits for its timeout
      if (req.url === '/third') third += 1;
      res.end('{}');
    });
    const base = `http://127.0.0.1:${await listenForTest(server)}`;
    await fs.mkdir(path.join(dir, 'collections'));
    const item = (name: string) => ({ name, request: { method: 'GET', url: `{{baseUrl}}/${name}` } });
    await fs.writeFile(path.join(dir, 'collections/c.postman_collection.json'), JSON.stringify({ info: { name: 'c', schema }, item: [item('first'), item('hang'), item('third')] }));
    await writeEnvironment(dir, 'local', { baseUrl: base });
    const io = fakeIo(dir);
    interrupt = () => io.interrupt();
    expect(await main(['replay', '--env', 'local', '--timeout-request', '500', '--out', 'r'], io)).toBe(130);
    const run = await readJson<RunResult>(path.join(dir, 'r/run.json'));
    expect(run.stoppedEarly).toBe('aborted');
    expect(run.requests.map((r) => r.itemName)).toEqual(['first', 'hang']);
    expect(third).toBe(0);
  });

  it('treats an untrusted certificate as an environment failure, and --insecure lets it through', async () => {
    const ca = await generateCACertificate({ subject: { commonName: 'apitape test' } });
    const server = createHttpsServer({ key: ca.key, cert: ca.cert }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const dir = await tempProject();
    await fs.mkdir(path.join(dir, 'collections'));
    const collection = { info: { name: 'tls', schema }, item: [{ name: 'health', request: { method: 'GET', url: '{{baseUrl}}/health' } }] };
    await fs.writeFile(path.join(dir, 'collections/tls.postman_collection.json'), JSON.stringify(collection));
    await writeEnvironment(dir, 'tls', { baseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}` });
    expect(await main(['replay', '--env', 'tls', '--out', 'strict'], fakeIo(dir))).toBe(3);
    const run = await readJson<RunResult>(path.join(dir, 'strict/run.json'));
    expect(run.requests[0]!.failure).toMatchObject({ phase: 'tls' });
    expect(await main(['replay', '--env', 'tls', '--insecure', '--out', 'insecure'], fakeIo(dir))).toBe(0);
  });
});

describe('apitape replay: bad input stops before any request (exit 2)', () => {
  /** A server counting the requests it gets, so a test can prove none was sent. */
  async function countingServer(): Promise<{ url: string; hits: () => number }> {
    let hits = 0;
    const server = createHttpServer((_req, res) => {
      hits += 1;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits };
  }

  it('names a variable that no source provides', async () => {
    const server = await countingServer();
    const dir = await tempProject();
    await copyCollection(dir);
    await writeEnvironment(dir, 'prod', { baseUrl: server.url, username: 'demo', password: '' });
    const io = fakeIo(dir);
    expect(await main(['replay', '--env', 'prod'], io)).toBe(2);
    expect(io.err()).toContain('the collection needs variable "password"');
    expect(io.err()).toContain('APITAPE_VAR_password');
    expect(server.hits()).toBe(0);
    await expect(fs.stat(path.join(dir, 'reports'))).rejects.toThrow();
  });

  it('takes variables from APITAPE_VAR_* and --env-var (the flag wins) and keeps them out of the report', async () => {
    const api = await startSampleApi();
    onTestFinished(() => api.close());
    const dir = await tempProject();
    await copyCollection(dir);
    await writeEnvironment(dir, 'prod', { baseUrl: 'http://127.0.0.1:9', username: 'demo', password: '' });
    const io = fakeIo(dir, { APITAPE_VAR_password: 'demo-password', APITAPE_VAR_baseUrl: 'http://127.0.0.1:9' });
    expect(await main(['replay', '--env', 'prod', '--env-var', `baseUrl=${api.url}`, '--out', 'r'], io), io.out()).toBe(0);
    const run = await fs.readFile(path.join(dir, 'r/run.json'), 'utf8');
    expect(run).not.toContain('demo-password');
    expect(run).toContain(api.url);
  });

  it('points at the line and column of a malformed environment file', async () => {
    const dir = await tempProject();
    await copyCollection(dir);
    await fs.mkdir(path.join(dir, 'environments'));
    await fs.writeFile(path.join(dir, 'environments/prod.postman_environment.json'), '{\n  "name": "prod",\n  "values": [ {"key": "baseUrl" "value": "x"} ]\n}\n');
    const io = fakeIo(dir);
    expect(await main(['replay', '--env', 'prod'], io)).toBe(2);
    expect(io.err()).toMatch(/prod\.postman_environment\.json:3:\d+: environment is not valid JSON/);
  });

  it('explains an environment that is JSON but not a Postman environment, and an unknown name', async () => {
    const dir = await tempProject();
    await copyCollection(dir);
    await fs.mkdir(path.join(dir, 'environments'));
    await fs.writeFile(path.join(dir, 'environments/odd.postman_environment.json'), '{"name": "odd", "values": {"baseUrl": "x"}}');
    const odd = fakeIo(dir);
    expect(await main(['replay', '--env', 'odd'], odd)).toBe(2);
    expect(odd.err()).toContain('expected a "values" array');
    const missing = fakeIo(dir);
    expect(await main(['replay', '--env', 'staging'], missing)).toBe(2);
    expect(missing.err()).toContain('environment "staging" not found');
    expect(missing.err()).toContain('known environments: odd');
  });

  it('rejects a v1 collection, a broken one, an unknown folder and bad flag values', async () => {
    const dir = await tempProject();
    await writeEnvironment(dir, 'prod', { baseUrl: 'http://127.0.0.1:9' });
    await fs.writeFile(path.join(dir, 'v1.json'), JSON.stringify({ id: 'x', name: 'old', requests: [] }));
    await fs.writeFile(path.join(dir, 'broken.json'), '{"info": {"name": "b", "schema": "' + schema + '"}, "item": [{"name": "x"}]}');
    const cases: Array<[string[], string]> = [
      [['--collection', 'v1.json'], 'this is a Postman v1 collection'],
      [['--collection', 'broken.json'], 'item[0] is neither a folder'],
      [['--collection', 'missing.json'], 'collection'],
      [['--collection', path.join(FIXTURES, 'foreign.postman_collection.json'), '--folder', 'Nope'], 'no folder "Nope"'],
      [['--collection', path.join(FIXTURES, 'foreign.postman_collection.json'), '--timeout-request', 'soon'], '--timeout-request must be a whole number'],
      [['--fail-on', 'sometimes'], 'sometimes'],
    ];
    for (const [args, message] of cases) {
      const io = fakeIo(dir);
      expect(await main(['replay', '--env', 'prod', ...args], io), args.join(' ')).toBe(2);
      expect(io.err()).toContain(message);
    }
  });
});

describe('apitape replay: a collection apitape did not make', () => {
  it('replays it, with results limited to its own tests', async () => {
    const api = await startSampleApi({ seedUsers: 4 });
    onTestFinished(() => api.close());
    const dir = await tempProject();
    await copyCollection(dir, path.join(FIXTURES, 'foreign.postman_collection.json'));
    await writeEnvironment(dir, 'prod', { host: api.url, user: 'demo', pass: 'demo-password' });
    const io = fakeIo(dir);
    expect(await main(['replay', '--env', 'prod', '--format', 'md', '--out', 'r'], io), io.out()).toBe(0);
    expect(io.out()).toContain('Drift: no recording to compare with');
    const run = await readJson<RunResult>(path.join(dir, 'r/run.json'));
    expect(run.cassettes).toEqual([]);
    expect(run.requests.map((r) => [r.itemName, r.response?.status, r.assertions.map((a) => [a.name, a.passed, a.skipped])])).toEqual([
      ['Login', 200, [['login works', true, false]]],
      ['Second page of users', 200, [['page is 2', true, false], ['not yet', false, true]]],
      ['Health as form post', 405, [['method not allowed', true, false]]],
    ]);
    expect(run.requests[1]!.request.url).toBe(`${api.url}/users?page=2&limit=1`);
    expect(run.requests[2]!.request.body).toMatchObject({ kind: 'text', text: 'probe=1' });
    expect(run.requests[1]!.request.headers.find(([n]) => n === 'Authorization')?.[1]).toMatch(/^Bearer <redacted:/);
    const report = await readJson<DriftReport>(path.join(dir, 'r/drift.json'));
    expect(report.summary).toMatchObject({ skippedAssertions: 1, unmatchedRequests: 3, findings: { breaking: 0, warning: 0, info: 0 } });
  });

  it('runs iteration data rows, whose columns count as provided variables', async () => {
    const api = await startSampleApi();
    onTestFinished(() => api.close());
    const dir = await tempProject();
    await copyCollection(dir, path.join(FIXTURES, 'foreign.postman_collection.json'));
    await writeEnvironment(dir, 'prod', { host: api.url });
    await fs.writeFile(path.join(dir, 'data.csv'), 'user,pass\ndemo,demo-password\ndemo,wrong\n');
    const io = fakeIo(dir);
    expect(await main(['replay', '--env', 'prod', '--iteration-data', 'data.csv', '--folder', 'Nope'], io)).toBe(2);
    const ok = fakeIo(dir);
    expect(await main(['replay', '--env', 'prod', '--iteration-data', 'data.csv', '--out', 'r'], ok)).toBe(1);
    const run = await readJson<RunResult>(path.join(dir, 'r/run.json'));
    expect(run.requests.map((r) => [r.iteration, r.itemName, r.response?.status])).toEqual([
      [0, 'Login', 200], [0, 'Second page of users', 200], [0, 'Health as form post', 405],
      [1, 'Login', 401], [1, 'Second page of users', 401], [1, 'Health as form post', 405],
    ]);
  });
});
