// `apitape accept` with two cassettes, end to end through the CLI: record `accounts` and `shop`
// against the sample API, generate one collection from both, replay against the drifted API, accept,
// and check each endpoint's new responses land in the cassette that recorded it, the collection is
// regenerated from both flows, and the next replay against the drifted API passes.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { bodyFromBytes } from '../../../src/cassette/body.js';
import { openCassetteWriter, type CassetteWriter } from '../../../src/cassette/store.js';
import type { Header } from '../../../src/cassette/types.js';
import { main } from '../../../src/cli/main.js';
import type { DriftReport } from '../../../src/report/types.js';
import type { RunResult } from '../../../src/replay/types.js';
import { SAMPLE_CREDENTIALS, startSampleApi } from '../../../src/sample-api/server.js';
import { fakeIo } from '../../helpers/io.js';

type Json = Record<string, unknown>;
type Call = (method: string, path: string, body?: unknown) => Promise<Json>;

/** Records what `session` sends (logged in first) into `<dir>/cassettes/<name>.ndjson`, through the redacting writer. */
async function recordCassette(dir: string, baseUrl: string, name: string, session: (call: Call) => Promise<void>): Promise<void> {
  const writer = await openCassetteWriter(path.join(dir, 'cassettes', `${name}.ndjson`), { name, target: baseUrl, overwrite: true });
  try {
    const login = await send(writer, baseUrl, undefined, 'POST', '/auth/login', { ...SAMPLE_CREDENTIALS });
    const token = String(login.access_token);
    await session((method, p, body) => send(writer, baseUrl, token, method, p, body));
  } finally {
    await writer.close();
  }
}

async function send(writer: CassetteWriter, baseUrl: string, token: string | undefined, method: string, p: string, body?: unknown): Promise<Json> {
  const headers: Header[] = [['accept', 'application/json'], ['user-agent', 'apitape-test']];
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  if (payload) headers.push(['content-type', 'application/json']);
  if (token) headers.push(['authorization', `Bearer ${token}`]);
  const startedAt = new Date().toISOString();
  const response = await request(`${baseUrl}${p}`, { method: method as 'GET', headers: headers.flat(), body: payload });
  const raw = Buffer.from(await response.body.arrayBuffer());
  const responseHeaders = Object.entries(response.headers).flatMap(([n, v]) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x): Header => [n, x]));
  const responseBody = bodyFromBytes(response.statusCode === 204 ? undefined : raw, responseHeaders);
  await writer.append({
    timings: { startedAt, durationMs: 5 },
    request: { method, url: `${baseUrl}${p}`, httpVersion: '1.1', headers, body: bodyFromBytes(payload, headers) },
    response: { status: response.statusCode, statusText: '', httpVersion: '1.1', headers: responseHeaders, body: responseBody },
  });
  return (responseBody.kind === 'json' ? responseBody.value : {}) as Json;
}

/** Users, and one order each (so `POST /users/:userId/orders` is recorded in both cassettes, `accounts` first). */
async function accounts(call: Call): Promise<void> {
  await call('GET', '/health');
  await call('GET', '/users?page=1&limit=10');
  for (const round of [1, 2]) {
    const user = await call('POST', '/users', { name: `Ann ${round}`, email: `ann${round}@example.com` });
    await call('GET', `/users/${String(user.id)}`);
    await call('POST', `/users/${String(user.id)}/orders`, { items: [{ sku: 'sku-1', qty: round }] });
  }
}

/** Orders: created, read twice and listed (`GET /orders/:orderId` and the list are only in `shop`). */
async function shop(call: Call): Promise<void> {
  for (const round of [1, 2]) {
    const user = await call('POST', '/users', { name: `Bob ${round}`, email: `bob${round}@example.com` });
    const order = await call('POST', `/users/${String(user.id)}/orders`, { items: [{ sku: 'sku-42', qty: 2 }] });
    await call('GET', `/orders/${String(order.id)}`);
    await call('GET', `/orders/${String(order.id)}`);
    await call('GET', `/users/${String(user.id)}/orders`);
  }
}

const DRIFTED = ['GET /orders/:orderId', 'GET /users/:userId/orders', 'POST /users/:userId/orders'];
let recorded: string;
/** The generated collection, relative to the project. */
let collectionFile: string;

beforeAll(async () => {
  recorded = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-accept-multi-'));
  const staging = await startSampleApi();
  try {
    await recordCassette(recorded, staging.url, 'accounts', accounts);
    await recordCassette(recorded, staging.url, 'shop', shop);
  } finally {
    await staging.close();
  }
  const io = fakeIo(recorded);
  expect(await main(['generate', '--cassette', 'accounts', 'shop'], io), io.err()).toBe(0);
  const files = await fs.readdir(path.join(recorded, 'collections'));
  expect(files).toHaveLength(1);
  collectionFile = `collections/${files[0]!}`;
  // latency drift is real drift, but on a loaded test machine it is noise: these tests are about shape
  await fs.writeFile(path.join(recorded, 'apitape.config.json'), JSON.stringify({ drift: { latencyFactor: 1000 } }));
});

afterAll(() => fs.rm(recorded, { recursive: true, force: true }));

/** A copy of the recorded project, so each test can write reports and accepted exchanges. */
async function project(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-accept-multi-'));
  onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  await fs.cp(recorded, dir, { recursive: true });
  return dir;
}

async function driftedApi(): Promise<string> {
  const prod = await startSampleApi({ drift: true, seedUsers: 3 });
  onTestFinished(() => prod.close());
  return prod.url;
}

async function replay(dir: string, baseUrl: string, ...extra: string[]) {
  const io = fakeIo(dir, { APITAPE_VAR_password: SAMPLE_CREDENTIALS.password });
  const code = await main(['replay', '--env', 'local', '--env-var', `baseUrl=${baseUrl}`, '--out', 'reports/run', ...extra], io);
  const report = JSON.parse(await fs.readFile(path.join(dir, 'reports/run/drift.json'), 'utf8')) as DriftReport;
  const run = JSON.parse(await fs.readFile(path.join(dir, 'reports/run/run.json'), 'utf8')) as RunResult;
  return { code, io, report, run };
}

async function lines(dir: string, cassette: string): Promise<string[]> {
  return (await fs.readFile(path.join(dir, 'cassettes', `${cassette}.ndjson`), 'utf8')).trimEnd().split('\n');
}

/** `GET /orders/:orderId` for a recorded or replayed request (ids and the origin left out). */
function shape(method: string, url: string): string {
  const p = new URL(url).pathname.replace(/\/users\/[^/]+/, '/users/:userId').replace(/\/orders\/\d+/, '/orders/:orderId');
  return `${method} ${p}`;
}

/** The run's requests with a response, by endpoint shape. */
function replayedBy(run: RunResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of run.requests) if (r.response) out.set(shape(r.request.method, r.request.url), (out.get(shape(r.request.method, r.request.url)) ?? 0) + 1);
  return out;
}

const short = (key: string) => key.replace(/^(\w+) https?:\/\/[^/]+/, '$1 ');

describe('apitape accept with two cassettes', () => {
  it('appends each drifted endpoint to the cassette that first recorded it, regenerates, and the next replay passes', async () => {
    const dir = await project();
    const url = await driftedApi();
    const before = { accounts: await lines(dir, 'accounts'), shop: await lines(dir, 'shop') };
    const collectionBefore = await fs.readFile(path.join(dir, collectionFile), 'utf8');

    const first = await replay(dir, url);
    expect(first.code, first.io.out()).toBe(1);
    expect(first.run.cassettes.sort()).toEqual(['accounts', 'shop']);
    expect([...new Set(first.report.findings.map((d) => short(d.endpoint)))].sort()).toEqual(DRIFTED);
    const replayed = replayedBy(first.run);

    const io = fakeIo(dir);
    expect(await main(['accept'], io), io.err()).toBe(0);
    const toAccounts = replayed.get('POST /users/:userId/orders')!;
    const toShop = replayed.get('GET /orders/:orderId')! + replayed.get('GET /users/:userId/orders')!;
    expect(toAccounts).toBe(4);
    expect(toShop).toBe(4); // the repeated GET of an order is one request in the collection
    expect(io.out()).toContain(`appended ${toAccounts} exchanges to cassettes/accounts.ndjson\n`);
    expect(io.out()).toContain(`appended ${toShop} exchanges to cassettes/shop.ndjson\n`);
    for (const key of DRIFTED) expect(io.out()).toMatch(new RegExp(`accepted ${key.split(' ')[0]} http://127\\.0\\.0\\.1:\\d+${key.split(' ')[1]!.replace(/:\w+/g, ':\\w+')}\\n`));
    expect(io.out()).toContain(`regenerated ${collectionFile} from accounts, shop\n`);

    const after = { accounts: await lines(dir, 'accounts'), shop: await lines(dir, 'shop') };
    for (const name of ['accounts', 'shop'] as const) {
      expect(after[name].slice(0, before[name].length)).toEqual(before[name]);
    }
    const added = (name: 'accounts' | 'shop') => after[name].slice(before[name].length).map((l) => JSON.parse(l) as { note: string; request: { method: string; url: string }; response: { body: { value: Json } } });
    expect(added('accounts').map((e) => shape(e.request.method, e.request.url))).toEqual(Array(toAccounts).fill('POST /users/:userId/orders'));
    expect(new Set(added('shop').map((e) => shape(e.request.method, e.request.url)))).toEqual(new Set(['GET /orders/:orderId', 'GET /users/:userId/orders']));
    expect(added('shop')).toHaveLength(toShop);
    const recordedOrigin = new URL(JSON.parse(before.shop[1]!).request.url).origin;
    for (const exchange of [...added('accounts'), ...added('shop')]) {
      expect(exchange.note).toBe('accepted from reports/run');
      expect(new URL(exchange.request.url).origin).toBe(recordedOrigin);
    }
    expect(added('shop').find((e) => e.request.method === 'GET' && /\/orders\/\d+$/.test(e.request.url))!.response.body.value.total).toEqual(expect.any(String));
    expect(after.accounts.join('\n') + after.shop.join('\n')).not.toMatch(/tok_[0-9a-f]{24}/);

    const collectionAfter = await fs.readFile(path.join(dir, collectionFile), 'utf8');
    expect(collectionAfter).not.toBe(collectionBefore);
    const items = (text: string) => (JSON.parse(text) as { item: Array<{ name: string; item: unknown[] }> }).item.map((f) => [f.name, f.item.length]);
    expect(items(collectionAfter)).toEqual(items(collectionBefore));
    expect(items(collectionAfter).map(([name]) => name)).toEqual(['Auth', 'accounts', 'shop']);

    const again = await replay(dir, url);
    expect(again.report.findings).toEqual([]);
    expect(again.code, again.io.out()).toBe(0);
  });

  it('--no-generate still puts responses where the replayed collection reads them, not in the first cassette by name', async () => {
    const dir = await project();
    const generate = fakeIo(dir);
    expect(await main(['generate', '--cassette', 'shop', '--out', 'collections/shop.postman_collection.json'], generate), generate.err()).toBe(0);
    const before = { accounts: await lines(dir, 'accounts'), shop: await lines(dir, 'shop') };
    const collectionBefore = await fs.readFile(path.join(dir, 'collections/shop.postman_collection.json'), 'utf8');

    // compared with both cassettes (the default), so `accounts` also holds `POST /users/:userId/orders`
    const first = await replay(dir, await driftedApi(), '--collection', 'collections/shop.postman_collection.json');
    expect(first.code, first.io.out()).toBe(1);
    expect(first.run.cassettes.sort()).toEqual(['accounts', 'shop']);
    const replayed = replayedBy(first.run);
    const io = fakeIo(dir);
    expect(await main(['accept', '--no-generate'], io), io.err()).toBe(0);

    const total = DRIFTED.reduce((sum, key) => sum + replayed.get(key)!, 0);
    expect(io.out()).toContain(`appended ${total} exchanges to cassettes/shop.ndjson\n`);
    expect(io.out()).not.toContain('accounts.ndjson');
    expect(io.out()).not.toContain('regenerated');
    expect(await lines(dir, 'accounts')).toEqual(before.accounts);
    const shopAfter = await lines(dir, 'shop');
    expect(shopAfter.slice(0, before.shop.length)).toEqual(before.shop);
    expect(shopAfter).toHaveLength(before.shop.length + total);
    expect(await fs.readFile(path.join(dir, 'collections/shop.postman_collection.json'), 'utf8')).toBe(collectionBefore);
  });
});
