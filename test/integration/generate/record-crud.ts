// Test helper: records a create-read-update-delete flow against the sample API into a cassette, by
// making the requests with undici and appending them through the cassette writer (which redacts).
import { request } from 'undici';
import { bodyFromBytes } from '../../../src/cassette/body.js';
import { openCassetteWriter } from '../../../src/cassette/store.js';
import type { Header } from '../../../src/cassette/types.js';
import { SAMPLE_CREDENTIALS } from '../../../src/sample-api/server.js';

export interface RecordedCall {
  method: string;
  path: string;
  body?: unknown;
  token?: string;
  /** Extra request headers. */
  headers?: Header[];
}

/** Sends one request to `baseUrl`, appends it to the writer and returns the parsed JSON answer. */
export async function callAndRecord(
  baseUrl: string,
  writer: Awaited<ReturnType<typeof openCassetteWriter>>,
  call: RecordedCall,
): Promise<{ status: number; json: unknown }> {
  const headers: Header[] = [
    ['accept', 'application/json'],
    ['accept-encoding', 'gzip'],
    ['user-agent', 'apitape-test'],
  ];
  const payload = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body));
  if (payload) headers.push(['content-type', 'application/json'], ['content-length', String(payload.length)]);
  if (call.token) headers.push(['authorization', `Bearer ${call.token}`]);
  headers.push(...(call.headers ?? []));
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const response = await request(`${baseUrl}${call.path}`, {
    method: call.method as 'GET',
    headers: headers.map(([k, v]) => [k, v]).flat(),
    body: payload,
  });
  const raw = Buffer.from(await response.body.arrayBuffer());
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  const responseHeaders: Header[] = Object.entries(response.headers).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v): Header => [name, v]),
  );
  const responseBody = bodyFromBytes(response.statusCode === 204 ? undefined : raw, responseHeaders);
  await writer.append({
    timings: { startedAt, durationMs },
    request: { method: call.method, url: `${baseUrl}${call.path}`, httpVersion: '1.1', headers, body: bodyFromBytes(payload, headers) },
    response: {
      status: response.statusCode,
      statusText: '',
      httpVersion: '1.1',
      headers: responseHeaders,
      body: responseBody,
    },
  });
  return { status: response.statusCode, json: responseBody.kind === 'json' ? responseBody.value : undefined };
}

/**
 * Records: log in, list users, create a user, get it, update it, create an order for it, get the
 * order, delete the user. Returns the statuses seen, in order.
 */
export async function recordCrudFlow(baseUrl: string, cassetteFile: string, name = 'crud'): Promise<number[]> {
  const writer = await openCassetteWriter(cassetteFile, { name, target: baseUrl, overwrite: true });
  const statuses: number[] = [];
  try {
    const send = async (call: RecordedCall): Promise<Record<string, unknown>> => {
      const result = await callAndRecord(baseUrl, writer, call);
      statuses.push(result.status);
      return (result.json ?? {}) as Record<string, unknown>;
    };
    const login = await send({ method: 'POST', path: '/auth/login', body: { ...SAMPLE_CREDENTIALS } });
    const token = String(login.access_token);
    await send({ method: 'GET', path: '/users?page=1&limit=10', token });
    const user = await send({ method: 'POST', path: '/users', token, body: { name: 'Test User', email: 'test.user@example.com' } });
    const userId = String(user.id);
    await send({ method: 'GET', path: `/users/${userId}`, token });
    await send({ method: 'PUT', path: `/users/${userId}`, token, body: { name: 'Renamed User' } });
    const order = await send({ method: 'POST', path: `/users/${userId}/orders`, token, body: { items: [{ sku: 'sku-42', qty: 2 }] } });
    await send({ method: 'GET', path: `/orders/${String(order.id)}`, token });
    await send({ method: 'DELETE', path: `/users/${userId}`, token });
  } finally {
    await writer.close();
  }
  return statuses;
}
