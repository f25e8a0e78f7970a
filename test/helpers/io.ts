// A fake CliIo for running `main()` in-process: captures output, fixes cwd and env.
import type { CliIo } from '../../src/cli/io.js';

export interface FakeIo extends CliIo {
  out(): string;
  err(): string;
  /** Aborts `signal`, as Ctrl-C does for the real process. */
  interrupt(): void;
}

export function fakeIo(cwd: string, env: Record<string, string | undefined> = {}): FakeIo {
  let out = '';
  let err = '';
  const controller = new AbortController();
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    cwd,
    env: { NO_COLOR: '1', ...env },
    isTTY: false,
    signal: controller.signal,
    out: () => out,
    err: () => err,
    interrupt: () => controller.abort('SIGINT'),
  };
}
