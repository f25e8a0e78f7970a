// Records a realistic flow against the sample API with undici and writes it as a cassette, keeping
// the bytes each response had on the wire so tests can compare a replay byte for byte.
import { STATUS_CODES } from 'node:http';
import { request } from 'undici';
import { bodyFromBytes } from '../../../src/cassette/body.js';
import { cassettePath, openCassetteWriter, readCassetteAll } from '../../../src/cassette/store.js';
import type { Exchange, Header } from '../../../src/cassette/types.js';
import { SAMPLE_CREDENTIALS } from '../../../src/sample-api/server.js';

/** What the client saw for one recorded call: the wire bytes, before any decoding. */
export interface WireResponse {
  method: string;
  path: string;
  status: number;
  headers: Header[];
  raw: Buffer;
}

export interface RecordedFlow {
  file: string;
  exchanges: Exchange[];
  wire: WireResponse[];
  userId: string;
  orderId: number;
}

interface Call {
  method: string;
  path: string;
  json?: unknown;
  token?: string;
  gzip?: boolean;
}

/** Sends one request and returns it as an (unredacted) exchange plus the wire response. */
export async function sendAndCapture(base: string, call: Call): Promise<{ exchange: Omit<Exchange, 'id'>; wire: WireResponse }> {
  const headers: Header[] = [['accept', 'application/json']];
  if (call.gzip) headers.push(['accept-encoding', 'gzip']);
  if (call.token) headers.push(['authorization', `Bearer ${call.token}`]);
  let body: Buffer | undefined;
  if (call.json !== undefined) {
    body = Buffer.from(JSON.stringify(call.json));
    headers.push(['content-type', 'application/json']);
  }
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const res = await request(`${base}${call.path}`, { method: call.method as 'GET', headers: Object.fromEntries(headers), body });
  const raw = Buffer.from(await res.body.arrayBuffer());
  const responseHeaders = toHeaderList(res.headers);
  const durationMs = Math.round(performance.now() - started);
  const exchange: Omit<Exchange, 'id'> = {
    timings: { startedAt, durationMs },
    request: { method: call.method, url: `${base}${call.path}`, httpVersion: '1.1', headers, body: bodyFromBytes(body, headers) },
    response: {
      status: res.statusCode,
      statusText: STATUS_CODES[res.statusCode] ?? '',
      httpVersion: '1.1',
      headers: responseHeaders,
      body: call.method === 'HEAD' ? { kind: 'none' } : bodyFromBytes(raw, responseHeaders),
    },
  };
  return { exchange, wire: { method: call.method, path: call.path, status: res.statusCode, headers: responseHeaders, raw } };
}

/** undici's header object as an ordered list (arrays become repeated headers). */
export function toHeaderList(headers: Record<string, string | string[] | undefined>): Header[] {
  const out: Header[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.push([name, v]);
  }
  return out;
}

/**
 * Logs in, lists users (gzip), creates a user and an order, reads them back, downloads the binary
 * PDF, gets a 404 and a 401, deletes the user and lists again; writes it to `cassettes/<name>`.
 */
export async function recordSampleFlow(cwd: string, base: string, name = 'flow'): Promise<RecordedFlow> {
  const file = cassettePath(cwd, name);
  const writer = await openCassetteWriter(file, { name, target: base, now: () => new Date(0) });
  const wire: WireResponse[] = [];
  const send = async (call: Call): Promise<unknown> => {
    const captured = await sendAndCapture(base, call);
    await writer.append(captured.exchange);
    wire.push(captured.wire);
    const body = captured.exchange.response?.body;
    return body?.kind === 'json' ? body.value : undefined;
  };
  try {
    await send({ method: 'GET', path: '/health' });
    await send({ method: 'POST', path: '/auth/login', json: { username: 'demo', password: 'wrong-password' } });
    const login = (await send({ method: 'POST', path: '/auth/login', json: SAMPLE_CREDENTIALS })) as { access_token: string };
    const token = login.access_token;
    await send({ method: 'GET', path: '/users', token, gzip: true });
    await send({ method: 'GET', path: '/users?page=1&limit=2', token });
    const user = (await send({ method: 'POST', path: '/users', token, json: { name: 'Katherine Johnson', email: 'kj@example.com' } })) as { id: string };
    await send({ method: 'POST', path: '/users', token, json: { name: 'Mary Jackson', email: 'mj@example.com' } });
    await send({ method: 'GET', path: `/users/${user.id}`, token });
    await send({ method: 'PATCH', path: `/users/${user.id}`, token, json: { name: 'Katherine G. Johnson' } });
    const order = (await send({ method: 'POST', path: `/users/${user.id}/orders`, token, json: { items: [{ sku: 'A-1', qty: 2 }] } })) as { id: number };
    await send({ method: 'GET', path: `/orders/${order.id}`, token });
    await send({ method: 'GET', path: `/users/${user.id}/orders`, token });
    await send({ method: 'GET', path: '/files/report.pdf', token });
    await send({ method: 'GET', path: '/users/00000000-0000-4000-8000-000000000000', token });
    await send({ method: 'DELETE', path: `/users/${user.id}`, token });
    await send({ method: 'GET', path: '/users', token, gzip: true });
    await writer.close();
    const { exchanges } = await readCassetteAll(file);
    return { file, exchanges, wire, userId: user.id, orderId: order.id };
  } catch (error) {
    await writer.close();
    throw error;
  }
}
