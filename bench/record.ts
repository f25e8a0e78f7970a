// Recorder overhead, side by side in one run on loopback: requests/s and p50/p99 latency of small
// keep-alive JSON requests direct to the upstream, through a bare mockttp passthrough (listening to
// its body events), and through `apitape record`; then the recorder's peak RSS while 20 clients each
// download a 50 MB body. Each server runs in its own process. Needs `npm run build` (the recorder
// is the built CLI). `npx tsx bench/record.ts [--duration 2500] [--rounds 5] [--concurrency 1,10] [--no-rss] [--with-bare-rss]`
//
// Each cell is measured in rounds; the ratio apitape/mockttp is taken per round and the median is
// the figure (with the lowest and highest round): these machines are shared, and a burst of load that
// lands on one target's slices moves one round's ratio, not the median.
//
// The CPU columns charge each proxy process with all the CPU it used during a cell (Linux only), so
// work a proxy puts off until another target's slice (a recording backlog) still counts as its own.
// The bare mockttp gets apitape's fix for mockttp's false "loop detected" 500 (src/record/socket-loop.ts):
// with 64 connections on loopback it otherwise fails now and then, which would end the run.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Agent, Pool, request } from 'undici';

const HERE = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(HERE), '..');
const BIN = path.join(ROOT, 'bin', 'apitape.js');
const SMALL_JSON = JSON.stringify({ id: 42, name: 'Ada Lovelace', email: 'ada@example.com', roles: ['admin', 'dev'], active: true, createdAt: '2026-01-01T00:00:00.000Z' });

export interface RecordBenchOptions {
  /** Measured milliseconds per target and concurrency, in 250 ms slices interleaved across targets. */
  durationMs?: number;
  /** Rounds the duration is split into; the ratio is the median of the rounds' ratios. */
  rounds?: number;
  concurrency?: number[];
  largeClients?: number;
  largeBodyMb?: number;
  /** Also measure bare mockttp's RSS in the large-body run (it can take over 1 GB). */
  withBareRss?: boolean;
  /** Skip the throughput table (only the large-body run). */
  rssOnly?: boolean;
  /** Skip the large-body run (only the throughput table). */
  skipRss?: boolean;
  /** Extra flags for the recorder, e.g. ['--max-body-size', '1MB']. */
  recorderArgs?: string[];
  log?: (line: string) => void;
}

export interface ThroughputCell {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU of the proxy process per request over the whole cell (undefined for direct, or off Linux). */
  cpuUsPerRequest?: number;
}

/** apitape's throughput over bare mockttp's: the median of the rounds, and their spread. */
export interface RoundRatios {
  median: number;
  low: number;
  high: number;
}

export interface RecordBenchResult {
  throughput: Array<{ concurrency: number; direct: ThroughputCell; mockttp: ThroughputCell; apitape: ThroughputCell; apitapeOverMockttp: RoundRatios }>;
  /** Absent with `skipRss`. */
  largeBody?: { clients: number; bodyMb: number; apitapePeakRssMb: number; seconds: number; barePeakRssMb?: number };
}

/** Runs the benchmark and returns its figures (also printed through `log`). */
export async function benchRecord(options: RecordBenchOptions = {}): Promise<RecordBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const durationMs = options.durationMs ?? 6000;
  const rounds = Math.max(1, options.rounds ?? 6);
  const levels = options.concurrency ?? [1, 10, 64];
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('bench/record.ts needs the built CLI: run `npm run build` first');
  const cwd = await mkdtemp(path.join(os.tmpdir(), 'apitape-bench-'));
  const children: ChildProcess[] = [];
  try {
    const upstream = await startChild(['--role', 'upstream', String(options.largeBodyMb ?? 50)], children);
    if (options.rssOnly) return { throughput: [], largeBody: await measureLargeBodies(upstream.url, cwd, children, options, log) };
    const bare = await startChild(['--role', 'mockttp', upstream.url], children);
    const recorder = await startRecorder(upstream.url, cwd, children, options.recorderArgs);
    log(
      `\n## record: throughput, small JSON (${SMALL_JSON.length} B), keep-alive; ${(durationMs / 1000).toFixed(1)} s per cell in ${rounds} rounds, ` +
        'interleaved in 250 ms slices; apitape/mockttp is the median of the rounds (lowest–highest)',
    );
    log(
      `${'conc'.padStart(4)} | ${'direct req/s  p50  p99'.padStart(24)} | ${'mockttp req/s  p50  p99'.padStart(25)} | ${'apitape req/s  p50  p99'.padStart(25)} | ` +
        `apitape/mockttp (rounds)  apitape/direct | CPU µs/req mockttp apitape`,
    );
    const throughput: RecordBenchResult['throughput'] = [];
    const targets = { direct: upstream.url, mockttp: bare.url, apitape: recorder.url };
    const pids = { mockttp: bare.child.pid, apitape: recorder.child.pid };
    for (const concurrency of levels) {
      const { cells, ratios } = await inRounds(targets, concurrency, durationMs, rounds, pids);
      const { direct, mockttp, apitape } = cells;
      throughput.push({ concurrency, direct, mockttp, apitape, apitapeOverMockttp: ratios });
      const spread = `${ratios.median.toFixed(2)}x (${ratios.low.toFixed(2)}–${ratios.high.toFixed(2)})`;
      log(
        `${String(concurrency).padStart(4)} | ${cell(direct, 24)} | ${cell(mockttp, 25)} | ${cell(apitape, 25)} | ` +
          `${spread.padStart(24)}  ${ratio(apitape.requestsPerSecond, direct.requestsPerSecond).padStart(14)} | ` +
          `${cpu(mockttp).padStart(18)} ${cpu(apitape).padStart(7)}`,
      );
    }
    stop(recorder.child);
    stop(bare.child);
    if (options.skipRss) return { throughput };
    const largeBody = await measureLargeBodies(upstream.url, cwd, children, options, log);
    return { throughput, largeBody };
  } finally {
    for (const child of children) stop(child);
    await rm(cwd, { recursive: true, force: true });
  }
}

async function measureLargeBodies(upstream: string, cwd: string, children: ChildProcess[], options: RecordBenchOptions, log: (l: string) => void) {
  const clients = options.largeClients ?? 20;
  const bodyMb = options.largeBodyMb ?? 50;
  log(`\n## record: peak RSS while ${clients} clients each download ${bodyMb} MB`);
  const recorder = await startRecorder(upstream, cwd, children, options.recorderArgs);
  const { peakMb, seconds } = await downloadAll(recorder.url, recorder.child.pid!, clients);
  stop(recorder.child);
  log(`apitape record   peak RSS ${peakMb.toFixed(0).padStart(5)} MB   (target < 300 MB)   ${((clients * bodyMb) / seconds).toFixed(0)} MB/s through the proxy`);
  const result: RecordBenchResult['largeBody'] = { clients, bodyMb, apitapePeakRssMb: peakMb, seconds };
  if (options.withBareRss) {
    const bare = await startChild(['--role', 'mockttp', upstream], children);
    const bareRun = await downloadAll(bare.url, bare.child.pid!, clients);
    stop(bare.child);
    result.barePeakRssMb = bareRun.peakMb;
    log(`bare mockttp     peak RSS ${bareRun.peakMb.toFixed(0).padStart(5)} MB   ratio apitape/mockttp ${ratio(peakMb, bareRun.peakMb)}`);
  }
  return result;
}

type Target = 'direct' | 'mockttp' | 'apitape';

/**
 * Measures the cell in `rounds` interleaved runs: the cells pool every round (requests/s over all
 * the measured time, latencies of every request, CPU over every round), the ratio is per round.
 */
async function inRounds(
  targets: Record<Target, string>,
  concurrency: number,
  durationMs: number,
  rounds: number,
  pids: Partial<Record<Target, number | undefined>>,
): Promise<{ cells: Record<Target, ThroughputCell>; ratios: RoundRatios }> {
  const runs: Array<Record<Target, ThroughputCell & { requests: number; seconds: number; latencies: number[]; cpuMs?: number }>> = [];
  for (let round = 0; round < rounds; round += 1) runs.push(await interleaved(targets, concurrency, durationMs / rounds, pids));
  const perRound = runs.map((run) => run.apitape.requestsPerSecond / run.mockttp.requestsPerSecond).sort((a, b) => a - b);
  const cells = {} as Record<Target, ThroughputCell>;
  for (const target of ['direct', 'mockttp', 'apitape'] as Target[]) {
    const requests = runs.reduce((sum, run) => sum + run[target].requests, 0);
    const seconds = runs.reduce((sum, run) => sum + run[target].seconds, 0);
    const latencies = runs.flatMap((run) => run[target].latencies).sort((a, b) => a - b);
    const cpuMsTotal = runs.reduce((sum, run) => sum + (run[target].cpuMs ?? NaN), 0);
    cells[target] = { requestsPerSecond: requests / seconds, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
    if (Number.isFinite(cpuMsTotal) && requests > 0) cells[target].cpuUsPerRequest = (cpuMsTotal * 1000) / requests;
  }
  const middle = perRound.length / 2;
  const median = perRound.length % 2 === 1 ? perRound[Math.floor(middle)]! : (perRound[middle - 1]! + perRound[middle]!) / 2;
  return { cells, ratios: { median, low: perRound[0]!, high: perRound[perRound.length - 1]! } };
}

/**
 * Measures the three targets interleaved in short slices (rotating order), so that load from other
 * processes, which drifts over seconds, weighs on each of them alike. Each target gets `durationMs`
 * of measured time in all.
 */
async function interleaved(
  targets: Record<Target, string>,
  concurrency: number,
  durationMs: number,
  pids: Partial<Record<Target, number | undefined>>,
  sliceMs = 250,
): Promise<Record<Target, ThroughputCell & { requests: number; seconds: number; latencies: number[]; cpuMs?: number }>> {
  const order: Target[] = ['direct', 'mockttp', 'apitape'];
  const pools = Object.fromEntries(order.map((t) => [t, new Pool(targets[t], { connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 })])) as Record<Target, Pool>;
  const samples = Object.fromEntries(order.map((t) => [t, { latencies: [] as number[], seconds: 0 }])) as Record<Target, { latencies: number[]; seconds: number }>;
  const cpuBefore: Partial<Record<Target, number>> = {};
  const cpuUsed: Partial<Record<Target, number>> = {};
  try {
    for (const target of order) await closedLoop(pools[target], concurrency, 400, undefined, target);
    for (const target of order) cpuBefore[target] = cpuMs(pids[target]);
    const slices = Math.max(1, Math.round(durationMs / sliceMs));
    for (let slice = 0; slice < slices; slice += 1) {
      for (let i = 0; i < order.length; i += 1) {
        const target = order[(i + slice) % order.length]!;
        samples[target].seconds += (await closedLoop(pools[target], concurrency, sliceMs, samples[target].latencies, target)) / 1000;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200)); // work a proxy put off still counts
    for (const target of order) cpuUsed[target] = cpuMs(pids[target]) - (cpuBefore[target] ?? NaN);
  } finally {
    await Promise.all(order.map((t) => pools[t].close()));
  }
  const result = {} as Record<Target, ThroughputCell & { requests: number; seconds: number; latencies: number[]; cpuMs?: number }>;
  for (const target of order) {
    const { latencies, seconds } = samples[target];
    result[target] = { requestsPerSecond: latencies.length / seconds, p50Ms: NaN, p99Ms: NaN, requests: latencies.length, seconds, latencies };
    const used = cpuUsed[target];
    if (used !== undefined && Number.isFinite(used)) result[target].cpuMs = used;
  }
  return result;
}

/** `concurrency` workers send requests back to back for `ms`; returns the elapsed ms. */
async function closedLoop(pool: Pool, concurrency: number, ms: number, latencies: number[] | undefined, target: Target): Promise<number> {
  const started = performance.now();
  const until = started + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await pool.request({ path: '/json', method: 'GET' });
        const text = await res.body.text();
        if (res.statusCode !== 200) throw new Error(`/json answered ${res.statusCode} through ${target}: ${text.slice(0, 120)}`);
        latencies?.push(performance.now() - t);
      }
    }),
  );
  return performance.now() - started;
}

async function downloadAll(origin: string, pid: number, clients: number): Promise<{ peakMb: number; seconds: number }> {
  let peak = rssMb(pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 50);
  const agent = new Agent({ connections: clients });
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        const res = await request(`${origin}/big`, { dispatcher: agent });
        for await (const _chunk of res.body) {
          // discard: the client side is not what is measured
        }
      }),
    );
  } finally {
    clearInterval(sampler);
    await agent.close();
  }
  return { peakMb: Math.max(peak, peakRssMb(pid)), seconds: (performance.now() - started) / 1000 };
}

/** User + system CPU milliseconds `pid` has used, all threads (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

/** Current RSS of `pid` in MB (Linux /proc; 0 elsewhere). */
function rssMb(pid: number): number {
  return procStatusMb(pid, 'VmRSS');
}

/** Peak RSS since the process started (Linux VmHWM). */
function peakRssMb(pid: number): number {
  return procStatusMb(pid, 'VmHWM');
}

function procStatusMb(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

async function startRecorder(target: string, cwd: string, children: ChildProcess[], extra: string[] = []) {
  const args = [BIN, 'record', '--target', target, '--port', '0', '--quiet', '--cassette', 'bench', '--overwrite', ...extra];
  return startProcess(spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }), /recording (http:\/\/\S+)/, children);
}

function startChild(args: string[], children: ChildProcess[]) {
  return startProcess(spawn(process.execPath, ['--import', 'tsx', HERE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }), /READY (http:\/\/\S+)/, children);
}

function startProcess(child: ChildProcess, ready: RegExp, children: ChildProcess[]): Promise<{ url: string; child: ChildProcess }> {
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolve({ url: match[1]!, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`bench child exited (${code}) before it was ready:\n${output}`)));
  });
}

function stop(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function cell(c: ThroughputCell, width: number): string {
  return `${c.requestsPerSecond.toFixed(0).padStart(6)} ${c.p50Ms.toFixed(2).padStart(5)} ${c.p99Ms.toFixed(2).padStart(5)}`.padStart(width);
}

function cpu(c: ThroughputCell): string {
  return c.cpuUsPerRequest === undefined ? '-' : c.cpuUsPerRequest.toFixed(0);
}

function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}x` : '-';
}

/** Child role: the upstream API (small JSON and a large binary body). */
async function serveUpstream(bodyMb: number): Promise<void> {
  const big = Buffer.alloc(bodyMb * 1024 * 1024, 0x61);
  const json = Buffer.from(SMALL_JSON);
  const server = createServer((req, res) => {
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': big.length });
      res.end(big);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': json.length });
    res.end(json);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}`);
}

/** Child role: a bare mockttp passthrough to `target` that listens to its request/response (body) events. */
async function serveBareMockttp(target: string): Promise<void> {
  const mockttp = await import('mockttp');
  const { isLoopConnection } = await import('../src/record/socket-loop.js');
  const require = createRequire(import.meta.url);
  (require('mockttp/dist/util/socket-util') as { isSocketLoop: typeof isLoopConnection }).isSocketLoop = isLoopConnection;
  const server = mockttp.getLocal({ recordTraffic: false });
  await server.start(0);
  let bytes = 0;
  await server.on('request', (req) => (bytes += req.body.buffer.length));
  await server.on('response', (res) => (bytes += res.body.buffer.length));
  await server.forAnyRequest().thenForwardTo(target);
  console.log(`READY http://127.0.0.1:${server.port}`);
}

const roleAt = process.argv.indexOf('--role');
if (roleAt !== -1) {
  const [role, arg] = [process.argv[roleAt + 1], process.argv[roleAt + 2] ?? ''];
  if (role === 'upstream') await serveUpstream(Number(arg));
  else if (role === 'mockttp') await serveBareMockttp(arg);
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const durationAt = process.argv.indexOf('--duration');
  const roundsAt = process.argv.indexOf('--rounds');
  const concurrencyAt = process.argv.indexOf('--concurrency');
  await benchRecord({
    ...(durationAt !== -1 ? { durationMs: Number(process.argv[durationAt + 1]) } : {}),
    ...(roundsAt !== -1 ? { rounds: Number(process.argv[roundsAt + 1]) } : {}),
    ...(concurrencyAt !== -1 ? { concurrency: process.argv[concurrencyAt + 1]!.split(',').map(Number) } : {}),
    skipRss: process.argv.includes('--no-rss'),
    withBareRss: process.argv.includes('--with-bare-rss'),
    rssOnly: process.argv.includes('--rss-only'),
    recorderArgs: process.argv.includes('--') ? process.argv.slice(process.argv.indexOf('--') + 1) : [],
  });
}
