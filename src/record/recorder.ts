// `apitape record` as a library call: opens the cassette, starts the proxy, writes each exchange as
// it completes, optionally runs a command under the proxy, and stops cleanly on a signal.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { cassettePath, openCassetteWriter } from '../cassette/store.js';
import type { RedactionRules } from '../cassette/redact.js';
import { ApitapeError } from '../errors.js';
import type { BodyLimits } from './body-capture.js';
import { apitapeHome, loadOrCreateCa, type CertificateAuthority } from './ca.js';
import { childEnvironment, type ChildSetup } from './child-env.js';
import { compileFilter, type FilterOptions } from './filter.js';
import { generateCaPair, startProxy, type ProxyMode, type RecordingProxy } from './proxy.js';
import { persistExchanges } from './persist.js';
import { formatSummary, RecordingTally } from './report.js';
import { runCommand, type TextSink } from './run-command.js';
import type { TimeoutLimits } from './timeouts.js';

/** The resolved options of one recording (flags over config over defaults). */
export interface RecordOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** Reverse mode when set (an origin); forward proxy otherwise. */
  target?: string;
  host: string;
  port: number;
  allowRemote: boolean;
  cassette: string;
  overwrite: boolean;
  filter: FilterOptions;
  limits: BodyLimits;
  timeouts: TimeoutLimits;
  insecure: boolean;
  /** PEM files trusted for upstream TLS in addition to the system roots. */
  upstreamCaFiles: string[];
  quiet: boolean;
  /** How long in-flight exchanges may finish after a stop. */
  graceMs: number;
  redaction?: RedactionRules;
  /** Run this under the proxy and stop when it exits. */
  command?: string[];
}

export interface RecordIo {
  stdout: TextSink;
  stderr: TextSink;
  signal: AbortSignal;
}

export interface RecordResult {
  exitCode: number;
  cassette: string;
  tally: RecordingTally;
}

/** Records until the signal aborts or the command exits; the exit code follows the stop reason. */
export async function record(options: RecordOptions, io: RecordIo): Promise<RecordResult> {
  const file = cassettePath(options.cwd, options.cassette);
  const shown = path.relative(options.cwd, file) || file;
  const upstreamCAs = await Promise.all(options.upstreamCaFiles.map((f) => readUpstreamCa(path.resolve(options.cwd, f))));
  const ca = options.target ? undefined : await loadOrCreateCa(apitapeHome(options.env), generateCaPair);
  if (ca?.created) io.stderr.write(`apitape: created a CA for HTTPS interception: ${ca.files.certPath} (see \`apitape ca\`)\n`);
  const writer = await openCassetteWriter(file, {
    name: options.cassette,
    ...(options.target ? { target: options.target } : {}),
    overwrite: options.overwrite,
    ...(options.redaction ? { redaction: options.redaction } : {}),
    onWarning: (message) => io.stderr.write(`apitape: ${message}\n`),
  });
  let proxy: RecordingProxy;
  try {
    proxy = await startProxy({ ...proxySettings(options, ca), upstreamCAs, onWarning: (m) => io.stderr.write(`apitape: ${m}\n`) });
  } catch (error) {
    await writer.close();
    throw error;
  }
  printReady(options, proxy, ca, shown, io);
  const tally = new RecordingTally();
  let writeError: unknown;
  const stop = new AbortController();
  const consumed = persistExchanges(proxy.exchanges, writer, {
    tally,
    ...(options.quiet ? {} : { lines: io.stdout }),
    onWriteError: (error) => {
      writeError = error;
      stop.abort('write-error');
    },
  });
  const exitCode = await waitForStop(options, proxy, ca, io, stop.signal);
  await proxy.stop(options.graceMs);
  await consumed;
  await writer.close();
  io.stdout.write(formatSummary(tally, shown));
  if (writeError) throw writeError;
  return { exitCode, cassette: file, tally };
}

function proxySettings(options: RecordOptions, ca: CertificateAuthority | undefined) {
  const mode: ProxyMode = options.target ? { kind: 'reverse', target: options.target } : { kind: 'forward', ca: { cert: ca!.cert, key: ca!.key } };
  return {
    mode,
    host: options.host,
    port: options.port,
    allowRemote: options.allowRemote,
    limits: options.limits,
    timeouts: options.timeouts,
    filter: compileFilter(options.filter),
    insecure: options.insecure,
  };
}

/** Resolves with the exit code once recording should stop: signal, command exit or write error. */
async function waitForStop(
  options: RecordOptions,
  proxy: RecordingProxy,
  ca: CertificateAuthority | undefined,
  io: RecordIo,
  writeFailed: AbortSignal,
): Promise<number> {
  const stopped = new Promise<number>((resolve) => {
    const onSignal = () => resolve(io.signal.reason === 'SIGTERM' ? 143 : 130);
    if (io.signal.aborted) onSignal();
    io.signal.addEventListener('abort', onSignal, { once: true });
    writeFailed.addEventListener('abort', () => resolve(3), { once: true });
  });
  if (!options.command) return stopped;
  const setup: ChildSetup = options.target
    ? { mode: 'reverse', baseUrl: proxy.url }
    : { mode: 'forward', proxyUrl: proxy.url, caCertPath: ca!.files.certPath, caBundlePath: ca!.files.bundlePath, preloadPath: preloadPath() };
  const run = runCommand(options.command, {
    env: childEnvironment(options.env, setup),
    cwd: options.cwd,
    stdout: io.stdout,
    stderr: io.stderr,
    signal: io.signal,
  }).then(({ code, error }) => {
    if (error) io.stderr.write(`apitape: ${error}\n`);
    return code;
  });
  const first = await Promise.race([run.then((code) => ({ code, from: 'command' as const })), stopped.then((code) => ({ code, from: 'stop' as const }))]);
  if (first.from === 'command' || first.code === 3) return first.code;
  return run; // a signal was passed on to the command: its exit code is the result
}

function printReady(options: RecordOptions, proxy: RecordingProxy, ca: CertificateAuthority | undefined, shown: string, io: RecordIo): void {
  const lines: string[] = [];
  if (options.target) {
    lines.push(`apitape: recording ${proxy.url} → ${options.target} into ${shown}`);
  } else {
    lines.push(`apitape: recording as a forward proxy on ${proxy.url} into ${shown}`);
    lines.push(`  HTTPS is intercepted with the apitape CA: ${ca!.files.certPath}`);
  }
  if (options.allowRemote && !['127.0.0.1', '::1', 'localhost'].includes(options.host)) {
    io.stderr.write(`apitape: WARNING: listening on ${options.host}: this is now an open proxy for that network\n`);
  }
  if (options.insecure) io.stderr.write('apitape: WARNING: --insecure: upstream TLS certificates are NOT verified\n');
  if (!options.command) lines.push('  Press Ctrl-C to stop.');
  io.stdout.write(`${lines.join('\n')}\n`);
}

/** The compiled preload for Node children (src/ runs use the build in dist/). */
function preloadPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const sibling = path.join(here, 'node-preload.js');
  if (existsSync(sibling)) return sibling;
  return path.resolve(here, '..', '..', 'dist', 'record', 'node-preload.js');
}

async function readUpstreamCa(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ApitapeError('UPSTREAM_CA', `cannot read --upstream-ca ${file}: ${(error as NodeJS.ErrnoException).code}`, { cause: error });
  }
}
