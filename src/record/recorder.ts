// `apitape record` as a library call: locks the cassette, starts the proxy, writes each exchange as
// it completes, optionally runs a command under the proxy, and stops cleanly on a signal.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import { cassettePath, prepareCassetteWriter, type CassetteWriter, type PreparedCassette } from '../cassette/store.js';
import type { RedactionRules } from '../cassette/redact.js';
import { ApitapeError } from '../errors.js';
import type { BodyLimits } from './body-capture.js';
import { apitapeHome, loadOrCreateCa, type CertificateAuthority } from './ca.js';
import { childEnvironment, type ChildSetup } from './child-env.js';
import { mergeUserTrust, type ChildTrust } from './child-trust.js';
import { compileFilter, type FilterOptions } from './filter.js';
import { generateCaPair, startProxy, type ProxyMode, type RecordingProxy } from './proxy.js';
import { judgeRecording, type RecordingOutcome, type StopCause } from './outcome.js';
import { persistExchanges } from './persist.js';
import { formatSummary, formatUnreachable, RecordingTally } from './report.js';
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
  // before the cassette is touched: a failure here leaves it as it was
  const trust = options.command && ca ? await mergeUserTrust(options.env, ca.cert) : undefined;
  try {
    return await recordInto(file, shown, upstreamCAs, ca, trust, options, io);
  } finally {
    await trust?.dispose();
  }
}

/** `record()` once the CA and the command's trust files are ready. */
async function recordInto(
  file: string,
  shown: string,
  upstreamCAs: string[],
  ca: CertificateAuthority | undefined,
  trust: ChildTrust | undefined,
  options: RecordOptions,
  io: RecordIo,
): Promise<RecordResult> {
  const cassette = await prepareCassetteWriter(file, {
    name: options.cassette,
    ...(options.target ? { target: options.target } : {}),
    overwrite: options.overwrite,
    ...(options.redaction ? { redaction: options.redaction } : {}),
    onWarning: (message) => io.stderr.write(`apitape: ${message}\n`),
  });
  const { proxy, writer } = await startCapture(options, cassette, ca, upstreamCAs, io);
  printReady(options, proxy, ca, shown, io);
  const tally = new RecordingTally();
  let writeError: unknown;
  const writeFailed = new AbortController();
  const consumed = persistExchanges(proxy.exchanges, writer, {
    tally,
    ...(options.quiet ? {} : { lines: io.stdout }),
    onWriteError: (error) => {
      writeError = error;
      writeFailed.abort('write-error');
    },
  });
  let stop: StopCause;
  try {
    stop = await waitForStop(options, proxy, ca, trust, io, writeFailed.signal);
  } catch (error) {
    // The command could not be started: stop the proxy (it would keep the process alive) and
    // release the cassette, leaving an overwritten one as it was.
    await proxy.stop(0);
    await consumed;
    await writer.close('keep-old');
    throw error;
  }
  await proxy.stop(options.graceMs);
  await consumed;
  const exitCode = await finishCassette(writer, tally, judgeRecording(tally, stop, options.overwrite && cassette.exists), writeError, options, io);
  return { exitCode, cassette: file, tally };
}

/**
 * Closes the cassette (an overwrite replaces the old one only if something reached the target),
 * prints the summary and why the recording failed, if it did; throws the write error, explained.
 */
async function finishCassette(
  writer: CassetteWriter,
  tally: RecordingTally,
  outcome: RecordingOutcome,
  writeError: unknown,
  options: RecordOptions,
  io: RecordIo,
): Promise<number> {
  await writer.close(outcome.keepOld ? 'keep-old' : 'replace');
  const shown = path.relative(options.cwd, writer.path) || writer.path;
  const staged = outcome.keepOld && writer.stagingPath && writer.count > 0 ? path.relative(options.cwd, writer.stagingPath) : undefined;
  io.stdout.write(formatSummary(tally, staged ?? shown));
  if (outcome.keepOld && !writeError) {
    const why = tally.exchanges === 0 ? 'nothing was recorded' : 'no exchange got an answer from the target';
    io.stdout.write(`  --overwrite: ${shown} was left as it was, since ${why}${staged ? ` (this recording: ${staged})` : ''}\n`);
  }
  if (outcome.unreachable) io.stderr.write(formatUnreachable(tally, options.target));
  if (writeError) throw explainWriteError(writeError, tally, shown, outcome.keepOld ? { staged } : undefined);
  return outcome.exitCode;
}

/** Binds the proxy, then starts the cassette: a failure to bind leaves the cassette as it was. */
async function startCapture(
  options: RecordOptions,
  cassette: PreparedCassette,
  ca: CertificateAuthority | undefined,
  upstreamCAs: string[],
  io: RecordIo,
): Promise<{ proxy: RecordingProxy; writer: CassetteWriter }> {
  let proxy: RecordingProxy;
  try {
    proxy = await startProxy({ ...proxySettings(options, ca), upstreamCAs, onWarning: (m) => io.stderr.write(`apitape: ${m}\n`) });
  } catch (error) {
    await cassette.cancel();
    throw error;
  }
  try {
    return { proxy, writer: await cassette.open() };
  } catch (error) {
    const drained = (async () => {
      for await (const _ of proxy.exchanges); // nothing can be written: drop what arrived meanwhile
    })();
    await proxy.stop(0);
    await drained;
    throw error;
  }
}

/**
 * The write error, saying what was kept and what to do. `overwrite` is set when an overwrite left
 * the old cassette in place; `staged` names the file holding the new exchanges, if any.
 */
function explainWriteError(error: unknown, tally: RecordingTally, shown: string, overwrite: { staged: string | undefined } | undefined): unknown {
  if (!(error instanceof ApitapeError)) return error;
  const code = (error.cause as NodeJS.ErrnoException | undefined)?.code;
  const one = tally.exchanges === 1;
  const saved = `the ${plural(tally.exchanges, 'exchange')} saved before the failure`;
  const kept = !overwrite
    ? `${saved} ${one ? 'stays' : 'stay'} readable in ${shown}`
    : `${shown} was left as it was${overwrite.staged ? `; ${saved} ${one ? 'is' : 'are'} in ${overwrite.staged}` : ''}`;
  const fix =
    code === 'ENOSPC'
      ? 'free some disk space'
      : code === 'EFBIG'
        ? 'the file-size limit was reached (see `ulimit -f`): raise it'
        : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
          ? 'make the cassettes folder writable'
          : 'fix the cause';
  return new ApitapeError(error.code, `recording stopped: ${error.message}`, { exit: 3, cause: error, hint: `${kept}; ${fix}, then record again` });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
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

/** Resolves once recording should stop (signal, command exit or write error), with the cause. */
async function waitForStop(
  options: RecordOptions,
  proxy: RecordingProxy,
  ca: CertificateAuthority | undefined,
  trust: ChildTrust | undefined,
  io: RecordIo,
  writeFailed: AbortSignal,
): Promise<StopCause> {
  const stopped = new Promise<StopCause>((resolve) => {
    const onSignal = () => resolve({ kind: 'signal', code: io.signal.reason === 'SIGTERM' ? 143 : 130 });
    if (io.signal.aborted) onSignal();
    io.signal.addEventListener('abort', onSignal, { once: true });
    writeFailed.addEventListener('abort', () => resolve({ kind: 'write-error' }), { once: true });
  });
  if (!options.command) return stopped;
  for (const warning of trust?.warnings ?? []) io.stderr.write(`apitape: ${warning}\n`);
  const setup: ChildSetup = options.target
    ? { mode: 'reverse', baseUrl: proxy.url }
    : {
        mode: 'forward',
        proxyUrl: proxy.url,
        caCertPath: ca!.files.certPath,
        caBundlePath: ca!.files.bundlePath,
        preloadPath: preloadPath(),
        trustOverrides: trust?.overrides ?? {},
      };
  const run = runCommand(options.command, {
    env: childEnvironment(options.env, setup),
    cwd: options.cwd,
    stdout: io.stdout,
    stderr: io.stderr,
    signal: AbortSignal.any([io.signal, writeFailed]), // a write failure stops the command too (SIGTERM)
  })
    .then(({ code, error }) => {
      if (error) io.stderr.write(`apitape: ${error}\n`);
      return code;
    });
  const first = await Promise.race([run.then((code): StopCause => ({ kind: 'command', code })), stopped]);
  if (first.kind === 'command') return first;
  const code = await run; // the command got the signal (or a SIGTERM after a write failure)
  return first.kind === 'signal' ? { kind: 'command', code } : first;
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
