// A small, realistic REST API shipped with apitape for the demo and the tests: users and orders with
// generated ids and timestamps, pagination, a bearer-token login, a binary download and gzip.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface SampleApiOptions {
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to 0 (a free port). */
  port?: number;
  /** How many users exist at start (their ids are random per instance). Default 3. */
  seedUsers?: number;
  /**
   * Plant the demo's drift: `total` of an order becomes a string, and `status` disappears from
   * orders. Everything else stays the same.
   */
  drift?: boolean;
  /** Serve HTTPS with this PEM certificate and key instead of plain HTTP. */
  tls?: { cert: string; key: string };
}

export interface SampleApi {
  /** `http://127.0.0.1:<port>` (`https://localhost:<port>` with `tls`) */
  url: string;
  close(): Promise<void>;
}

export const SAMPLE_CREDENTIALS = { username: 'demo', password: 'demo-password' } as const;

interface User {
  id: string;
  name: string;
  email: string;
  createdAt: string;
}
interface Order {
  id: number;
  userId: string;
  items: Array<{ sku: string; qty: number }>;
  total: number;
  status: string;
  createdAt: string;
}

type Handler = (req: IncomingMessage, body: unknown, params: string[]) => Reply;
interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Starts the sample API on loopback; every instance has its own random ids and token. */
export async function startSampleApi(options: SampleApiOptions = {}): Promise<SampleApi> {
  const state = createState(options);
  const listener: RequestListener = (req, res) => {
    readBody(req)
      .then((raw) => respond(req, res, route(state, req, raw)))
      .catch(() => respond(req, res, { status: 400, body: { error: 'bad request body' } }));
  };
  const server = options.tls ? createTlsServer(options.tls, listener) : createServer(listener);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: options.tls ? `https://localhost:${port}` : `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function createState(options: SampleApiOptions) {
  const users = new Map<string, User>();
  const orders = new Map<number, Order>();
  const names = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'];
  for (let i = 0; i < (options.seedUsers ?? 3); i += 1) {
    const name = names[i % names.length] ?? 'User';
    const user = makeUser(name, `${name.split(' ')[0]!.toLowerCase()}${i}@example.com`);
    users.set(user.id, user);
  }
  return {
    users,
    orders,
    drift: options.drift === true,
    token: `tok_${randomBytes(12).toString('hex')}`,
    nextOrderId: 1000 + Math.floor(Math.random() * 9000),
  };
}
type State = ReturnType<typeof createState>;

function makeUser(name: string, email: string): User {
  return { id: randomUUID(), name, email, createdAt: new Date().toISOString() };
}

const routes: Array<[string, RegExp, (s: State) => Handler]> = [
  ['GET', /^\/health$/, () => () => ({ status: 200, body: { status: 'ok', time: new Date().toISOString() } })],
  ['POST', /^\/auth\/login$/, (s) => (_r, body) => login(s, body)],
  ['GET', /^\/users$/, (s) => (req) => listUsers(s, req)],
  ['POST', /^\/users$/, (s) => (_r, body) => createUser(s, body)],
  ['GET', /^\/users\/([^/]+)$/, (s) => (_r, _b, [id]) => withUser(s, id, (u) => ({ status: 200, body: u }))],
  ['PUT', /^\/users\/([^/]+)$/, (s) => (_r, body, [id]) => withUser(s, id, (u) => updateUser(u, body))],
  ['PATCH', /^\/users\/([^/]+)$/, (s) => (_r, body, [id]) => withUser(s, id, (u) => updateUser(u, body))],
  ['DELETE', /^\/users\/([^/]+)$/, (s) => (_r, _b, [id]) => withUser(s, id, (u) => deleteUser(s, u))],
  ['GET', /^\/users\/([^/]+)\/orders$/, (s) => (_r, _b, [id]) => withUser(s, id, (u) => listOrders(s, u))],
  ['POST', /^\/users\/([^/]+)\/orders$/, (s) => (_r, body, [id]) => withUser(s, id, (u) => createOrder(s, u, body))],
  ['GET', /^\/orders\/(\d+)$/, (s) => (_r, _b, [id]) => getOrder(s, Number(id))],
  ['GET', /^\/files\/report\.pdf$/, () => () => ({ status: 200, body: REPORT_PDF, headers: { 'content-type': 'application/pdf' } })],
];

function route(state: State, req: IncomingMessage, raw: Buffer): Reply {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const matching = routes.filter(([, pattern]) => pattern.test(path));
  if (matching.length === 0) return { status: 404, body: { error: `no route for ${path}` } };
  const found = matching.find(([method]) => method === req.method);
  if (!found) return { status: 405, body: { error: `${req.method} not allowed on ${path}` } };
  const [, pattern, make] = found;
  const isPublic = path === '/health' || path === '/auth/login';
  if (!isPublic && req.headers.authorization !== `Bearer ${state.token}`) {
    return { status: 401, body: { error: 'missing or invalid bearer token' }, headers: { 'www-authenticate': 'Bearer' } };
  }
  let body: unknown;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return { status: 400, body: { error: 'request body is not JSON' } };
    }
  }
  const params = (pattern.exec(path) ?? []).slice(1).map((p) => decodeURIComponent(p ?? ''));
  return make(state)(req, body, params);
}

function login(state: State, body: unknown): Reply {
  const b = body as { username?: unknown; password?: unknown } | undefined;
  if (b?.username !== SAMPLE_CREDENTIALS.username || b?.password !== SAMPLE_CREDENTIALS.password) {
    return { status: 401, body: { error: 'invalid credentials' } };
  }
  return { status: 200, body: { access_token: state.token, token_type: 'Bearer', expires_in: 3600 } };
}

function listUsers(state: State, req: IncomingMessage): Reply {
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const limit = Math.min(50, Math.max(1, Number(query.get('limit') ?? 10) || 10));
  const all = [...state.users.values()];
  const data = all.slice((page - 1) * limit, page * limit);
  return { status: 200, body: { data, page, limit, total: all.length } };
}

function createUser(state: State, body: unknown): Reply {
  const b = body as { name?: unknown; email?: unknown } | undefined;
  if (typeof b?.name !== 'string' || typeof b.email !== 'string') {
    return { status: 422, body: { error: 'name and email are required strings' } };
  }
  const user = makeUser(b.name, b.email);
  state.users.set(user.id, user);
  return { status: 201, body: user, headers: { location: `/users/${user.id}` } };
}

function withUser(state: State, id: string | undefined, then: (user: User) => Reply): Reply {
  const user = state.users.get(id ?? '');
  return user ? then(user) : { status: 404, body: { error: `user ${id} not found` } };
}

function updateUser(user: User, body: unknown): Reply {
  const b = (body ?? {}) as Partial<User>;
  if (typeof b.name === 'string') user.name = b.name;
  if (typeof b.email === 'string') user.email = b.email;
  return { status: 200, body: user };
}

function deleteUser(state: State, user: User): Reply {
  state.users.delete(user.id);
  return { status: 204 };
}

function listOrders(state: State, user: User): Reply {
  const data = [...state.orders.values()].filter((o) => o.userId === user.id).map((o) => present(state, o));
  return { status: 200, body: { data } };
}

function createOrder(state: State, user: User, body: unknown): Reply {
  const items = (body as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items) || items.length === 0) return { status: 422, body: { error: 'items must be a non-empty array' } };
  const clean = items.map((i) => ({ sku: String((i as { sku?: unknown }).sku), qty: Number((i as { qty?: unknown }).qty) || 1 }));
  const order: Order = {
    id: state.nextOrderId++,
    userId: user.id,
    items: clean,
    total: Math.round(clean.reduce((sum, i) => sum + i.qty * 12.5, 0) * 100) / 100,
    status: 'pending',
    createdAt: new Date().toISOString(),
  };
  state.orders.set(order.id, order);
  return { status: 201, body: present(state, order), headers: { location: `/orders/${order.id}` } };
}

function getOrder(state: State, id: number): Reply {
  const order = state.orders.get(id);
  return order ? { status: 200, body: present(state, order) } : { status: 404, body: { error: `order ${id} not found` } };
}

/** The planted drift lives here: prod answers `total` as a string and drops `status`. */
function present(state: State, order: Order): unknown {
  if (!state.drift) return order;
  const { status: _dropped, ...rest } = order;
  return { ...rest, total: order.total.toFixed(2) };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function respond(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Buffer | undefined;
  if (Buffer.isBuffer(reply.body)) payload = reply.body;
  else if (reply.body !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.body));
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  if (payload && payload.length > 256 && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    payload = gzipSync(payload);
    headers['content-encoding'] = 'gzip';
  }
  if (payload) headers['content-length'] = String(payload.length);
  headers['cache-control'] = 'no-store';
  res.writeHead(reply.status, headers);
  res.end(req.method === 'HEAD' ? undefined : payload);
}

/** A tiny but valid PDF, served as the binary download. */
const REPORT_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n' +
    '\u00e2\u00e3\u00cf\u00d3',
  'latin1',
);
