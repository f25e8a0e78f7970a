// Runs the command given after `--`: inherits the terminal (or pipes into the CLI's outputs), passes
// on a stop signal, and resolves with its exit code the way a shell reports it.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

/** Where text goes (the CLI's stdout/stderr, or a test's buffer). */
export interface TextSink {
  write(chunk: string): unknown;
}

export interface RunCommandOptions {
  env: Record<string, string>;
  cwd: string;
  /** Where the command's output goes when it cannot inherit the process's own streams. */
  stdout: TextSink;
  stderr: TextSink;
  /** On abort, the command gets the same signal (after a short delay, since a terminal's Ctrl-C reaches it too). */
  signal: AbortSignal;
}

/** Exit code of `command`: its own, 128 + signal number when killed, 127 when it cannot start. */
export function runCommand(command: readonly string[], options: RunCommandOptions): Promise<{ code: number; error?: string }> {
  const [file, ...args] = command;
  if (!file) return Promise.resolve({ code: 127, error: 'no command given after --' });
  const inherit = options.stdout === process.stdout && options.stderr === process.stderr;
  const child = spawn(file, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
  child.stdout?.on('data', (chunk: Buffer) => options.stdout.write(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => options.stderr.write(chunk.toString()));
  const forward = (): void => {
    const reason = options.signal.reason as unknown;
    const signal: NodeJS.Signals = reason === 'SIGINT' || reason === 'SIGTERM' ? reason : 'SIGTERM';
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    }, 300).unref();
  };
  options.signal.addEventListener('abort', forward, { once: true });
  return new Promise((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      options.signal.removeEventListener('abort', forward);
      const reason = error.code === 'ENOENT' ? `command not found: ${file}` : `cannot run ${file}: ${error.message}`;
      resolve({ code: error.code === 'ENOENT' ? 127 : 126, error: reason });
    });
    child.once('close', (code, signal) => {
      options.signal.removeEventListener('abort', forward);
      resolve({ code: code ?? 128 + (signal ? (constants.signals[signal] ?? 1) : 1) });
    });
  });
}
