// How a recording ended: its exit code, and whether an overwrite may replace the old cassette.
import type { RecordingTally } from './report.js';

/** What stopped the recording. */
export type StopCause =
  /** Ctrl-C or SIGTERM without a command: 130 or 143. */
  | { kind: 'signal'; code: number }
  /** The command run under the proxy exited (or could not start) with `code`. */
  | { kind: 'command'; code: number }
  /** A cassette write failed. */
  | { kind: 'write-error' };

export interface RecordingOutcome {
  exitCode: number;
  /** At least one exchange, and not one got an answer from the upstream because of it (refused, TLS, timeout). */
  unreachable: boolean;
  /** An overwrite leaves the old cassette in place: nothing reached the target, or a write failed. */
  keepOld: boolean;
}

/**
 * The exit code follows the stop (130/143 for a signal, the command's own code), except that a
 * write failure is 3, and so is a recording in which no exchange reached the target (the environment
 * failed): a command's non-zero code is kept, its 0 becomes 3. No exchange at all is not a failure.
 * `replacing` is true when `--overwrite` meets an existing cassette: it is replaced only by a
 * recording with at least one answered exchange, so a wrong --target cannot wipe a good cassette.
 */
export function judgeRecording(tally: RecordingTally, stop: StopCause, replacing: boolean): RecordingOutcome {
  const unreachable = tally.exchanges > 0 && tally.reached === 0 && tally.unreachedReasons().length > 0;
  const keepOld = replacing && (stop.kind === 'write-error' || tally.reached === 0);
  if (stop.kind === 'write-error') return { exitCode: 3, unreachable, keepOld };
  if (!unreachable) return { exitCode: stop.code, unreachable, keepOld };
  return { exitCode: stop.kind === 'command' && stop.code !== 0 ? stop.code : 3, unreachable, keepOld };
}
