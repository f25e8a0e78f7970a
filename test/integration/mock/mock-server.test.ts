// The mock against real clients: a flow recorded from the sample API, replayed byte for byte.
import * as fs from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { bodyBytes } from '../../../src/cassette/body.js';
import { cassettePath, openCassetteWriter, readCassetteAll } from '../../../src/cassette/store.js';
import type { Exchange } from '../../../src/cassette/types.js';
import { buildRoutes, type MockRoute } from '../../../src/mock/routes.js';
import { startMockServer, type MockServerOptions } from '../../../src/mock/server.js';
import { SAMPLE_CREDENTIALS, startSampleApi } from '../../../src/sample-api/server.js';
import { recordSampleFlow, type RecordedFlow } from './sample-flow.js';

let dir: string;
let flow: RecordedFlow;
let routes: MockRoute[];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-mock-'));
  const api = await startSampleApi({ seedUsers: 6 });
  try {
    flow = await recordSampleFlow(dir, api.url);
  } finally {
    await api.close();
  }
  routes = buildRoutes(inferEndpoints(flow.exchanges), flow.exchanges.map((exchange) => ({ source: 'flow', exchange })));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function startMock(options: Partial<MockServerOptions> = {}) {
  const mock = await startMockServer({ routes, port: 0, ...options });
  onTestFinished(() => mock.stop());
  return mock;
}

/** Sends the recorded request of `exchange` (method, path, query, body, Accept-Encoding) to `base`. */
async function replay(base: string, exchange: Exchange) {
  const url = new URL(exchange.request.url);
  const headers: Record<string, string> = {};
  for (const [name, value] of exchange.request.headers) if (/^(accept-encoding|content-type)$/i.test(name)) headers[name] = value;
  const body = exchange.request.body.kind === 'none' ? undefined : bodyBytes(exchange.request.body);
  const res = await request(`${base}${url.pathname}${url.search}`, { method: exchange.request.method as 'GET', headers, body });
  return { status: res.statusCode, headers: res.headers, raw: Buffer.from(await res.body.arrayBuffer()) };
}

function decoded(raw: Buffer, encoding: unknown): Buffer {
  return encoding === 'gzip' ? gunzipSync(raw) : raw;
}

describe('apitape mock serving a recorded flow', () => {
  it('answers every request of the flow with the recorded status and body, in order', async () => {
    const mock = await startMock();
    for (const exchange of flow.exchanges) {
      const reply = await replay(mock.url, exchange);
      const label = `${exchange.request.method} ${exchange.request.url}`;
      expect(reply.status, label).toBe(exchange.response!.status);
      expect(decoded(reply.raw, reply.headers['content-encoding']).equals(bodyBytes(exchange.response!.body)), label).toBe(true);
      expect(reply.headers['x-apitape-exchange'], label).toBe(`flow#${exchange.id}`);
    }
  });

  it('sends gzip and binary bodies with the very bytes the API put on the wire', async () => {
    const mock = await startMock();
    const gzipIndex = flow.wire.findIndex((w) => w.headers.some(([n, v]) => n === 'content-encoding' && v === 'gzip'));
    const pdfIndex = flow.wire.findIndex((w) => w.path === '/files/report.pdf');
    expect(gzipIndex).toBeGreaterThanOrEqual(0);
    for (const index of [gzipIndex, pdfIndex]) {
      const reply = await replay(mock.url, flow.exchanges[index]!);
      expect(reply.raw.equals(flow.wire[index]!.raw)).toBe(true);
    }
    const pdf = await replay(mock.url, flow.exchanges[pdfIndex]!);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const gzip = await replay(mock.url, flow.exchanges[gzipIndex]!);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(Number(gzip.headers['content-length'])).toBe(gzip.raw.length);
  });

  it('answers a client that does not accept gzip with the decoded body', async () => {
    const mock = await startMock();
    const res = await request(`${mock.url}/users`, { headers: { 'accept-encoding': 'identity' } });
    const raw = Buffer.from(await res.body.arrayBuffer());
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(raw.toString('utf8')).data.length).toBeGreaterThan(0);
  });

  it('replays repeated requests in recorded order, then keeps the last answer', async () => {
    const mock = await startMock();
    const lists = flow.exchanges.filter((e) => e.request.method === 'GET' && new URL(e.request.url).pathname === '/users' && !e.request.url.includes('?'));
    expect(lists).toHaveLength(2);
    const seen: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await request(`${mock.url}/users`, { headers: { 'accept-encoding': 'gzip' } });
      await res.body.dump();
      seen.push(String(res.headers['x-apitape-exchange']));
    }
    expect(seen).toEqual([`flow#${lists[0]!.id}`, `flow#${lists[1]!.id}`, `flow#${lists[1]!.id}`]);
  });

  it('matches path templates, queries and bodies: best match first', async () => {
    const mock = await startMock();
    const other = await request(`${mock.url}/users/4d7a0d9e-0000-4000-8000-000000000001`);
    expect(other.statusCode).toBe(200); // a user id never recorded still gets GET /users/:userId's answer
    await other.body.dump();
    const paged = await request(`${mock.url}/users?limit=2&page=1`);
    expect((await paged.body.json()) as { limit: number }).toMatchObject({ limit: 2, page: 1 });
    const login = async (password: string) => {
      const res = await request(`${mock.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...SAMPLE_CREDENTIALS, password }) });
      await res.body.dump();
      return res.statusCode;
    };
    expect(await login(SAMPLE_CREDENTIALS.password)).toBe(200); // matched through the redacted password's hash
    expect(await login('wrong-password')).toBe(401);
  });

  it('answers an unknown request with a 404 listing the closest recorded endpoints', async () => {
    const mock = await startMock();
    const res = await request(`${mock.url}/userz/42`, { method: 'GET' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = (await res.body.json()) as { error: string; closest: Array<{ method: string; path: string }> };
    expect(body.error).toBe('no recorded endpoint matches GET /userz/42');
    expect(body.closest[0]).toMatchObject({ method: 'GET', path: '/users/:userId' });
    expect(body.closest.length).toBeGreaterThan(1);
  });

  it('listens on 127.0.0.1 only', async () => {
    const mock = await startMock();
    const connects = (host: string) =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect({ host, port: mock.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('error', () => resolve(false));
      });
    expect(await connects('127.0.0.1')).toBe(true);
    expect(await connects('::1')).toBe(false);
    const external = Object.values(os.networkInterfaces()).flat().find((i) => i && !i.internal && i.family === 'IPv4');
    if (external) expect(await connects(external.address)).toBe(false);
  });

  it('forwards unknown requests to a fallback API and hands them over for recording', async () => {
    const fallback = await startSampleApi({ seedUsers: 2 });
    onTestFinished(() => fallback.close());
    const file = cassettePath(dir, 'fallback-record');
    await fs.copyFile(flow.file, file);
    const writer = await openCassetteWriter(file, { name: 'fallback-record' });
    const writes: Array<Promise<Exchange>> = [];
    const mock = await startMock({ fallback: new URL(fallback.url), onForwarded: (exchange) => writes.push(writer.append(exchange)) });
    const login = await request(`${fallback.url}/auth/login`, { method: 'POST', body: JSON.stringify(SAMPLE_CREDENTIALS) });
    const token = ((await login.body.json()) as { access_token: string }).access_token;
    const users = await request(`${fallback.url}/users`, { headers: { authorization: `Bearer ${token}` } });
    const userId = ((await users.body.json()) as { data: Array<{ id: string }> }).data[0]!.id;

    const res = await request(`${mock.url}/users/${userId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Renamed Through The Mock' }),
    });
    expect(res.statusCode).toBe(200);
    expect(((await res.body.json()) as { name: string }).name).toBe('Renamed Through The Mock');

    await Promise.all(writes);
    await writer.close();
    const { exchanges } = await readCassetteAll(file);
    expect(exchanges).toHaveLength(flow.exchanges.length + 1);
    const recorded = exchanges.at(-1)!;
    expect(recorded.request.method).toBe('PUT');
    expect(recorded.request.url).toBe(`${fallback.url}/users/${userId}`);
    expect(recorded.response?.status).toBe(200);
    expect(JSON.stringify(recorded)).not.toContain(token);
  });
});
