// The demo's scripted client session: what a small app does against the sample API.
import { request, type Dispatcher } from 'undici';
import { SAMPLE_CREDENTIALS } from '../sample-api/server.js';

export interface ClientSessionOptions {
  /** Where the app sends its requests (the recording proxy's address in the demo). */
  baseUrl: string;
  /** A dispatcher to route requests through (e.g. a ProxyAgent for forward mode). */
  dispatcher?: Dispatcher;
}

/**
 * Logs in, pages through users, creates a user and an order, reads them back, updates, downloads
 * the report and deletes the user: the CRUD flow the demo records. Throws when a step fails.
 */
export async function runClientSession(options: ClientSessionOptions): Promise<number> {
  let requests = 0;
  const call = async (method: Dispatcher.HttpMethod, path: string, body?: unknown, token?: string): Promise<unknown> => {
    const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'gzip' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await request(`${options.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher: options.dispatcher,
    });
    requests += 1;
    const raw = Buffer.from(await res.body.arrayBuffer());
    if (res.statusCode >= 400) throw new Error(`${method} ${path} answered ${res.statusCode}`);
    const text = res.headers['content-encoding'] === 'gzip' ? (await import('node:zlib')).gunzipSync(raw).toString() : raw.toString();
    return String(res.headers['content-type'] ?? '').includes('json') && text ? JSON.parse(text) : text;
  };

  await call('GET', '/health');
  const { access_token: token } = (await call('POST', '/auth/login', SAMPLE_CREDENTIALS)) as { access_token: string };
  await call('GET', '/users?page=1&limit=2', undefined, token);
  await call('GET', '/users?page=2&limit=2', undefined, token);
  const user = (await call('POST', '/users', { name: 'Katherine Johnson', email: 'katherine@example.com' }, token)) as { id: string };
  await call('GET', `/users/${user.id}`, undefined, token);
  await call('PATCH', `/users/${user.id}`, { name: 'Katherine G. Johnson' }, token);
  const order = (await call('POST', `/users/${user.id}/orders`, { items: [{ sku: 'book-42', qty: 2 }] }, token)) as { id: number };
  await call('GET', `/orders/${order.id}`, undefined, token);
  await call('GET', `/users/${user.id}/orders`, undefined, token);
  await call('GET', '/files/report.pdf', undefined, token);
  await call('DELETE', `/users/${user.id}`, undefined, token);
  await call('GET', '/health');
  return requests;
}
