// The mock command's session: reads cassettes, infers routes, serves them on loopback until the
// stop signal, appending forwarded traffic to a cassette when asked.
import { inferEndpoints } from '../assertions/infer.js';
import { redactUrl } from '../cassette/redact.js';
import { cassettePath, listCassettes, openCassetteWriter, readCassetteAll, type CassetteWriter } from '../cassette/store.js';
import type { RedactionRules } from '../cassette/redact.js';
import { isWebSocketExchange, type Exchange } from '../cassette/types.js';
import { ApitapeError } from '../errors.js';
import type { InferOptions } from '../assertions/infer.js';
import { recordTarget } from './options.js';
import { buildRoutes, type MockSample } from './routes.js';
import { startMockServer, type MockEvent } from './server.js';

export interface ServeMockOptions {
  cwd: string;
  /** Cassette names; empty means every cassette in `cassettes/`. */
  cassettes: string[];
  port: number;
  fallback?: URL;
  record: boolean;
  quiet: boolean;
  infer?: InferOptions;
  redaction?: RedactionRules;
}

export interface MockIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  signal: AbortSignal;
}

/** Serves the cassettes until `io.signal` aborts; returns the exit code (0). */
export async function serveMock(options: ServeMockOptions, io: MockIo): Promise<number> {
  const available = await listCassettes(options.cwd);
  const names = options.cassettes.length > 0 ? options.cassettes : available;
  const target = options.record ? recordTarget(options.cassettes, names, options.fallback !== undefined) : undefined;
  if (names.length === 0) {
    throw new ApitapeError('CASSETTE_NOT_FOUND', `no cassettes in ${options.cwd}/cassettes`, { hint: 'record one with `apitape record`, or name one with --cassette NAME' });
  }
  const samples = await readSamples(options.cwd, names, io);
  const exchanges = samples.map((s) => s.exchange);
  const routes = buildRoutes(inferEndpoints(exchanges, options.infer), samples);
  const writer = target ? await openCassetteWriter(cassettePath(options.cwd, target), { name: target, ...(options.redaction ? { redaction: options.redaction } : {}) }) : undefined;
  const counts = { replayed: 0, unmatched: 0, forwarded: 0, recorded: 0 };
  const writes = new Set<Promise<unknown>>();
  try {
    const mock = await startMockServer({
      routes,
      port: options.port,
      ...(options.fallback ? { fallback: options.fallback } : {}),
      ...(writer ? { onForwarded: (exchange: Omit<Exchange, 'id'>) => track(writes, append(writer, exchange, counts, io)) } : {}),
      onEvent: (event) => logEvent(event, counts, options.quiet, io),
    });
    const forward = options.fallback ? `; unknown requests go to ${options.fallback.href}${target ? ` and are recorded into ${target}` : ''}` : '';
    io.stdout.write(`apitape mock: serving ${exchanges.length} recorded exchanges (${routes.length} routes) from ${names.join(', ')} at ${mock.url}${forward}\n`);
    await untilAborted(io.signal);
    await mock.stop();
  } finally {
    await Promise.all(writes);
    await writer?.close();
  }
  const total = counts.replayed + counts.unmatched + counts.forwarded;
  io.stdout.write(`apitape mock: stopped after ${total} requests (${counts.replayed} replayed, ${counts.unmatched} unmatched, ${counts.forwarded} forwarded, ${counts.recorded} recorded)\n`);
  return 0;
}

async function readSamples(cwd: string, names: readonly string[], io: MockIo): Promise<MockSample[]> {
  const samples: MockSample[] = [];
  for (const name of names) {
    const { exchanges } = await readCassetteAll(cassettePath(cwd, name), { onWarning: (m) => io.stderr.write(`apitape mock: warning: ${m}\n`) });
    for (const exchange of exchanges) if (!isWebSocketExchange(exchange)) samples.push({ source: name, exchange });
  }
  return samples;
}

async function append(writer: CassetteWriter, exchange: Omit<Exchange, 'id'>, counts: { recorded: number }, io: MockIo): Promise<void> {
  try {
    await writer.append(exchange);
    counts.recorded += 1;
  } catch (error) {
    io.stderr.write(`apitape mock: could not record ${exchange.request.method} ${redactUrl(exchange.request.url)}: ${(error as Error).message}\n`);
  }
}

function track(writes: Set<Promise<unknown>>, write: Promise<unknown>): void {
  writes.add(write);
  void write.finally(() => writes.delete(write));
}

function logEvent(event: MockEvent, counts: Record<MockEvent['outcome'], number>, quiet: boolean, io: MockIo): void {
  counts[event.outcome] += 1;
  if (!quiet) io.stdout.write(`${event.method} ${event.path} → ${event.status} ${event.outcome}${event.sample ? ` ${event.sample}` : ''}\n`);
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
