// The process-facing surface a command may use, passed in so commands run in-process in tests.

export interface Output {
  write(chunk: string): unknown;
}

export interface CliIo {
  stdout: Output;
  stderr: Output;
  /** Working directory: every relative path (cassettes/, collections/, …) resolves against it. */
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is an interactive terminal (progress redraws, colours unless NO_COLOR). */
  isTTY: boolean;
  /** Fires on the first Ctrl-C / SIGTERM; long-running commands stop cleanly when it aborts. */
  signal: AbortSignal;
}

/** Whether colours may be used on this output (honours NO_COLOR and non-TTY output). */
export function useColor(io: CliIo): boolean {
  return io.isTTY && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
}
