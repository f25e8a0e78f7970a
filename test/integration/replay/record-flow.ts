// Test helper: records traffic against a sample API into a cassette (undici requests appended through
// the cassette writer, which redacts), and a proxy that plants one change in an upstream's answers.
import { createServer } from 'node:http';
import { request } from 'undici';
import { bodyFromBytes } from '../../../src/cassette/body.js';
import { openCassetteWriter, type CassetteWriter } from '../../../src/cassette/store.js';
import type { Header } from '../../../src/cassette/types.js';
import { SAMPLE_CREDENTIALS } from '../../../src/sample-api/server.js';
import { listenForTest } from '../../helpers/loopback.js';

type Json = Record<string, unknown>;

async function send(baseUrl: string, writer: CassetteWriter, method: string, path: string, token?: string, body?: unknown): Promise<Json> {
  const headers: Header[] = [['accept', 'application/json'], ['accept-encoding', 'gzip'], ['user-agent', 'apitape-test']];
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  if (payload) headers.push(['content-type', 'application/json']);
  if (token) headers.push(['authorization', `Bearer ${token}`]);
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const response = await request(`${baseUrl}${path}`, { method: method as 'GET', headers: headers.flat(), body: payload });
  const raw = Buffer.from(await response.body.arrayBuffer());
  const responseHeaders: Header[] = Object.entries(response.headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v): Header => [name, v]),
  );
  const responseBody = bodyFromBytes(response.statusCode === 204 ? undefined : raw, responseHeaders);
  await writer.append({
    timings: { startedAt, durationMs: Math.round((performance.now() - started) * 10) / 10 },
    request: { method, url: `${baseUrl}${path}`, httpVersion: '1.1', headers, body: bodyFromBytes(payload, headers) },
    response: { status: response.statusCode, statusText: '', httpVersion: '1.1', headers: responseHeaders, body: responseBody },
  });
  return (responseBody.kind === 'json' ? responseBody.value : {}) as Json;
}

/**
 * Records a session twice over (so inference sees which values vary): log in, check health, list
 * users, create a user, read it, create an order, read the order twice; then delete both users.
 */
export async function recordSampleFlow(baseUrl: string, cassetteFile: string, name = 'flow'): Promise<number> {
  const writer = await openCassetteWriter(cassetteFile, { name, target: baseUrl, overwrite: true });
  try {
    const users: string[] = [];
    for (const round of [1, 2]) {
      const login = await send(baseUrl, writer, 'POST', '/auth/login', undefined, { ...SAMPLE_CREDENTIALS });
      const token = String(login.access_token);
      await send(baseUrl, writer, 'GET', '/health');
      await send(baseUrl, writer, 'GET', '/users?page=1&limit=10', token);
      const user = await send(baseUrl, writer, 'POST', '/users', token, { name: `Test User ${round}`, email: `test${round}@example.com` });
      users.push(String(user.id));
      await send(baseUrl, writer, 'GET', `/users/${String(user.id)}`, token);
      const order = await send(baseUrl, writer, 'POST', `/users/${String(user.id)}/orders`, token, { items: [{ sku: 'sku-42', qty: 2 }] });
      await send(baseUrl, writer, 'GET', `/orders/${String(order.id)}`, token);
      await send(baseUrl, writer, 'GET', `/orders/${String(order.id)}`, token);
    }
    return writer.count;
  } finally {
    await writer.close();
  }
}

/**
 * A loopback proxy to `upstream` that passes everything through, except JSON answers to requests
 * `select` picks, which go through `change` first (one planted drift).
 */
export async function startChangingProxy(upstream: string, select: (method: string, path: string) => boolean, change: (body: Json) => Json): Promise<{ url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = { ...req.headers, host: new URL(upstream).host, 'accept-encoding': 'identity' };
      request(`${upstream}${req.url ?? '/'}`, { method: req.method as 'GET', headers, body: chunks.length ? Buffer.concat(chunks) : undefined })
        .then(async (answer) => {
          let body = Buffer.from(await answer.body.arrayBuffer());
          const out = { ...answer.headers };
          if (select(req.method ?? 'GET', new URL(req.url ?? '/', 'http://x').pathname) && String(out['content-type']).includes('json')) {
            body = Buffer.from(JSON.stringify(change(JSON.parse(body.toString('utf8')) as Json)));
            out['content-length'] = String(body.length);
          }
          res.writeHead(answer.statusCode, out as Record<string, string>);
          res.end(body);
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  const port = await listenForTest(server);
  return { url: `http://127.0.0.1:${port}` };
}
