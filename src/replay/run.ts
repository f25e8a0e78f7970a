// The run stage: replays a collection with newman against an environment and returns what it saw.
import { ApitapeError } from '../errors.js';
import { captureRequest, type CaptureOptions } from './capture.js';
import { scrubSecrets, secretScrubber } from './scrub.js';
import { runNewman, type NewmanEnvironment, type NewmanOptions } from './newman.js';
import { RUN_FORMAT_VERSION, type ReplayedRequest, type RunError, type RunResult, type RunStats } from './types.js';

/** Everything but the collection and environment; all optional. */
export interface RunCollectionOptions extends Omit<NewmanOptions, 'collection' | 'environment'>, CaptureOptions {
  /** Recorded in the result: where the collection and environment came from (relative paths). */
  collectionFile?: string;
  environmentName?: string;
  environmentFile?: string;
  /** Cassettes the comparison will use, recorded in the result for `apitape diff`. */
  cassettes?: string[];
  /** Called once per request, after its tests ran. */
  onProgress?(request: ReplayedRequest): void;
  /** Clock for the start time (tests pass a fixed one). */
  now?: () => Date;
}

/**
 * Runs `collection` against `environment` and returns every request, response and assertion
 * outcome. Resolves even when requests fail or tests fail (that is data, not an error); rejects with
 * an `ApitapeError` (exit 2) only when newman cannot run the collection at all. Every string of the
 * result (exchanges, assertion messages that quote bodies, script errors) and of that error is
 * scrubbed of `options.secrets`, and so is each request handed to `onProgress`.
 */
export async function runCollection(collection: object, environment: NewmanEnvironment, options: RunCollectionOptions = {}): Promise<RunResult> {
  const startedAt = (options.now ?? (() => new Date()))();
  const started = performance.now();
  const requests: ReplayedRequest[] = [];
  const errors: RunError[] = [];
  const lastByRef = new Map<string, ReplayedRequest>();
  const secrets = options.secrets ?? [];
  const scrub = secretScrubber(secrets);
  let reported = 0;
  // Items run one after another, so when one ends every request captured so far has its tests.
  const reportDone = (): void => {
    for (; reported < requests.length; reported += 1) options.onProgress?.(scrubSecrets(requests[reported]!, secrets));
  };
  const outcome = await runNewman({ ...newmanOptions(options), collection, environment }, {
    onRequest: (event) => {
      const replayed = captureRequest(event, requests.length, options);
      requests.push(replayed);
      lastByRef.set(event.ref, replayed);
    },
    onAssertion: (event) => {
      const target = lastByRef.get(event.ref);
      if (!target) return;
      target.assertions.push({ name: event.name, passed: event.passed, skipped: event.skipped, ...(event.error ? { error: scrub(event.error) } : {}) });
    },
    onScriptError: (event) => {
      const target = lastByRef.get(event.ref);
      errors.push({ source: 'script', message: scrub(event.message), itemName: event.itemName, ...(target ? { requestIndex: target.index } : {}) });
    },
    onItemDone: reportDone,
  }).catch((error: unknown) => {
    throw new ApitapeError('NEWMAN_FAILED', scrub(`newman could not run the collection: ${(error as Error).message}`), {
      hint: 'check the collection and the --iteration-data file',
    });
  });
  reportDone();
  const stats = runStats(requests, errors);
  const result: RunResult = {
    apitape: 'run',
    formatVersion: RUN_FORMAT_VERSION,
    collection: { name: collectionName(collection), ...(options.collectionFile ? { file: options.collectionFile } : {}) },
    environment: { name: options.environmentName ?? environment.name ?? 'environment', ...(options.environmentFile ? { file: options.environmentFile } : {}) },
    cassettes: [...(options.cassettes ?? [])],
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    requests,
    errors,
    stats,
  };
  if (outcome.aborted) result.stoppedEarly = 'aborted';
  else if (options.bail && (stats.failedAssertions > 0 || stats.failedRequests > 0 || stats.errors > 0)) result.stoppedEarly = 'bail';
  return scrubSecrets(result, secrets);
}

function newmanOptions(options: RunCollectionOptions): Omit<NewmanOptions, 'collection' | 'environment'> {
  const { iterationData, folder, bail, timeoutRequest, delayRequest, insecure, workingDir, signal } = options;
  return { iterationData, folder, bail, timeoutRequest, delayRequest, insecure, workingDir, signal };
}

/** Totals over the captured requests and errors. */
export function runStats(requests: readonly ReplayedRequest[], errors: readonly RunError[]): RunStats {
  const assertions = requests.flatMap((r) => r.assertions);
  return {
    requests: requests.length,
    failedRequests: requests.filter((r) => r.response === null).length,
    assertions: assertions.length,
    failedAssertions: assertions.filter((a) => !a.passed && !a.skipped).length,
    skippedAssertions: assertions.filter((a) => a.skipped).length,
    errors: errors.length,
  };
}

function collectionName(collection: object): string {
  const info = (collection as { info?: { name?: unknown } }).info;
  return typeof info?.name === 'string' ? info.name : 'collection';
}
