// Benchmark: `apitape replay` (newman + response capture + comparison + five report files) against a
// plain newman library call on the same 1,000-request collection and local upstream, in one process.
// Run: `npx tsx bench/replay.ts [requests] [rounds]` (or through bench/run.ts with `npm run bench`).
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import newman from 'newman';
import { request } from 'undici';
import { bodyFromBytes } from '../src/cassette/body.js';
import { openCassetteWriter } from '../src/cassette/store.js';
import type { Header } from '../src/cassette/types.js';
import { main } from '../src/cli/main.js';
import type { CliIo } from '../src/cli/io.js';
import { SAMPLE_CREDENTIALS, startSampleApi } from '../src/sample-api/server.js';

export interface ReplayBenchOptions {
  /** Requests per run (default 1,000). */
  requests?: number;
  /** Runs of each side; the median is reported (default 3). */
  rounds?: number;
  print?: boolean;
}

export interface ReplayBenchResult {
  requests: number;
  /** Median wall time of a plain `newman.run` (no reporters) in ms. */
  newmanMs: number;
  /** Median wall time of `apitape replay` in process, reports written, in ms. */
  apitapeMs: number;
  /** apitapeMs / newmanMs − 1; the target is at most 0.15. */
  overhead: number;
  /** Median CPU time (user + system) of this process in ms: steadier than wall time on a busy machine. */
  newmanCpuMs: number;
  apitapeCpuMs: number;
  samples: { newman: number[]; apitape: number[]; newmanCpu: number[]; apitapeCpu: number[] };
}

const schema = { type: 'object', required: ['id', 'name', 'email', 'createdAt'], properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string', format: 'email' } } };

/** A collection: log in, then `requests − 1` reads spread over four endpoints, each with a status and a schema test. */
function buildCollection(requests: number, userIds: string[]): object {
  const test = (status: number, withSchema: boolean) => ({
    listen: 'test',
    script: {
      type: 'text/javascript',
      exec: [
        `pm.test("status is ${status}", function () { pm.response.to.have.status(${status}); });`,
        ...(withSchema ? [`pm.test("body matches schema", function () { pm.response.to.have.jsonSchema(${JSON.stringify(schema)}); });`] : []),
      ],
    },
  });
  const auth = [{ key: 'Authorization', value: 'Bearer {{token}}' }];
  const paths = ['/health', '/users?page=1&limit=5', ...userIds.map((id) => `/users/${id}`)];
  const item = [
    {
      name: 'Log in',
      request: { method: 'POST', header: [{ key: 'Content-Type', value: 'application/json' }], body: { mode: 'raw', raw: '{"username":"{{username}}","password":"{{password}}"}' }, url: '{{baseUrl}}/auth/login' },
      event: [{ listen: 'test', script: { type: 'text/javascript', exec: ['pm.collectionVariables.set("token", pm.response.json().access_token);'] } }],
    },
    ...Array.from({ length: requests - 1 }, (_, i) => {
      const p = paths[i % paths.length]!;
      return { name: `Read ${i}`, request: { method: 'GET', header: auth, url: `{{baseUrl}}${p}` }, event: [test(200, p.startsWith('/users/'))] };
    }),
  ];
  return { info: { name: 'bench', schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' }, item, variable: [{ key: 'token', value: '' }] };
}

/** Records a few exchanges of the same endpoints, so the comparison has endpoints to compare with. */
async function recordCassette(baseUrl: string, file: string, userIds: string[]): Promise<void> {
  const writer = await openCassetteWriter(file, { name: 'bench', overwrite: true });
  try {
    const login = await request(`${baseUrl}/auth/login`, { method: 'POST', body: JSON.stringify(SAMPLE_CREDENTIALS), headers: { 'content-type': 'application/json' } });
    const token = ((await login.body.json()) as { access_token: string }).access_token;
    for (const p of ['/health', '/health', '/users?page=1&limit=5', ...userIds.map((id) => `/users/${id}`), ...userIds.map((id) => `/users/${id}`)]) {
      const headers: Header[] = [['authorization', `Bearer ${token}`]];
      const started = performance.now();
      const res = await request(`${baseUrl}${p}`, { headers: Object.fromEntries(headers) });
      const raw = Buffer.from(await res.body.arrayBuffer());
      const responseHeaders = Object.entries(res.headers).map(([k, v]): Header => [k, String(v)]);
      await writer.append({
        timings: { startedAt: new Date().toISOString(), durationMs: performance.now() - started },
        request: { method: 'GET', url: `${baseUrl}${p}`, httpVersion: '1.1', headers, body: { kind: 'none' } },
        response: { status: res.statusCode, statusText: '', httpVersion: '1.1', headers: responseHeaders, body: bodyFromBytes(raw, responseHeaders) },
      });
    }
  } finally {
    await writer.close();
  }
}

function plainNewman(collection: object, baseUrl: string): Promise<void> {
  const values = [{ key: 'baseUrl', value: baseUrl }, { key: 'username', value: SAMPLE_CREDENTIALS.username }, { key: 'password', value: SAMPLE_CREDENTIALS.password }];
  return new Promise((resolve, reject) => {
    newman.run({ collection: collection as newman.NewmanRunOptions['collection'], environment: { values } as newman.NewmanRunOptions['environment'], reporters: [] }, (error, summary) => {
      if (error) reject(error);
      else if (summary.run.failures.length > 0) reject(new Error(`plain newman run failed: ${summary.run.failures[0]!.error.message}`));
      else resolve();
    });
  });
}

async function apitapeReplay(dir: string, round: number): Promise<void> {
  const sink = { write: () => true };
  const io: CliIo = { stdout: sink, stderr: sink, cwd: dir, env: { APITAPE_VAR_password: SAMPLE_CREDENTIALS.password }, isTTY: false, signal: new AbortController().signal };
  const code = await main(['replay', '--env', 'bench', '--out', `reports/round-${round}`], io);
  if (code !== 0) throw new Error(`apitape replay exited ${code} (see ${dir}/reports/round-${round})`);
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Runs both sides `rounds` times, alternating, against one sample API, and returns the medians. */
export async function benchReplay(options: ReplayBenchOptions = {}): Promise<ReplayBenchResult> {
  const requests = options.requests ?? 1000;
  const rounds = options.rounds ?? 3;
  const api = await startSampleApi({ seedUsers: 5 });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'apitape-bench-replay-'));
  try {
    const users = (await (await request(`${api.url}/auth/login`, { method: 'POST', body: JSON.stringify(SAMPLE_CREDENTIALS), headers: { 'content-type': 'application/json' } })).body.json()) as { access_token: string };
    const list = (await (await request(`${api.url}/users?limit=2`, { headers: { authorization: `Bearer ${users.access_token}` } })).body.json()) as { data: Array<{ id: string }> };
    const userIds = list.data.map((u) => u.id);
    const collection = buildCollection(requests, userIds);
    await fs.mkdir(path.join(dir, 'collections'));
    await fs.writeFile(path.join(dir, 'collections/bench.postman_collection.json'), JSON.stringify(collection));
    await fs.mkdir(path.join(dir, 'environments'));
    await fs.writeFile(path.join(dir, 'environments/bench.postman_environment.json'), JSON.stringify({ name: 'bench', values: [{ key: 'baseUrl', value: api.url }, { key: 'username', value: 'demo' }, { key: 'password', value: '' }] }));
    await recordCassette(api.url, path.join(dir, 'cassettes/bench.ndjson'), userIds);
    await plainNewman(buildCollection(20, userIds), api.url); // warm-up: module caches, JIT, sockets
    const samples = { newman: [] as number[], apitape: [] as number[], newmanCpu: [] as number[], apitapeCpu: [] as number[] };
    const cpuMs = (since: NodeJS.CpuUsage): number => {
      const used = process.cpuUsage(since);
      return (used.user + used.system) / 1000;
    };
    const measure = async (side: 'newman' | 'apitape', round: number): Promise<void> => {
      const t = performance.now();
      const cpu = process.cpuUsage();
      if (side === 'newman') await plainNewman(collection, api.url);
      else await apitapeReplay(dir, round);
      samples[side].push(performance.now() - t);
      samples[side === 'newman' ? 'newmanCpu' : 'apitapeCpu'].push(cpuMs(cpu));
    };
    for (let round = 0; round < rounds; round += 1) {
      // alternate which side goes first, so warm-up and GC debt do not favour one side
      const order: Array<'newman' | 'apitape'> = round % 2 === 0 ? ['newman', 'apitape'] : ['apitape', 'newman'];
      for (const side of order) await measure(side, round);
      if (options.print !== false) console.log(`round ${round + 1}/${rounds}: newman ${samples.newman.at(-1)!.toFixed(0)} ms, apitape ${samples.apitape.at(-1)!.toFixed(0)} ms`);
    }
    const newmanMs = median(samples.newman);
    const apitapeMs = median(samples.apitape);
    return {
      requests,
      newmanMs,
      apitapeMs,
      overhead: apitapeMs / newmanMs - 1,
      newmanCpuMs: median(samples.newmanCpu),
      apitapeCpuMs: median(samples.apitapeCpu),
      samples,
    };
  } finally {
    await api.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [requests, rounds] = process.argv.slice(2).map(Number);
  const result = await benchReplay({ ...(requests ? { requests } : {}), ...(rounds ? { rounds } : {}) });
  console.log(`\n## replay of ${result.requests} requests (median of ${result.samples.newman.length} runs each)`);
  console.log(`plain newman.run      ${result.newmanMs.toFixed(0).padStart(7)} ms  (${(result.newmanMs / result.requests).toFixed(1)} ms/request)`);
  console.log(`apitape replay        ${result.apitapeMs.toFixed(0).padStart(7)} ms  (capture, compare, 5 report files)`);
  console.log(`overhead (wall)       ${(result.overhead * 100).toFixed(1).padStart(6)} %   (target ≤ 15 %)`);
  console.log(`CPU: newman ${result.newmanCpuMs.toFixed(0)} ms, apitape ${result.apitapeCpuMs.toFixed(0)} ms, overhead ${((result.apitapeCpuMs / result.newmanCpuMs - 1) * 100).toFixed(1)} % (both include the in-process upstream)`);
}
