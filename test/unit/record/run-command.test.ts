import { describe, expect, it } from 'vitest';
import { runCommand } from '../../../src/record/run-command.js';

function sinks() {
  let out = '';
  let err = '';
  return { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, out: () => out, err: () => err };
}

describe('runCommand', () => {
  it("resolves with the exit code and pipes output when the streams are not the process's own", async () => {
    const io = sinks();
    const result = await runCommand([process.execPath, '-e', 'console.log(process.env.MARK); console.error("e"); process.exit(7)'], {
      env: { MARK: 'marked', PATH: process.env.PATH ?? '' },
      cwd: process.cwd(),
      stdout: io.stdout,
      stderr: io.stderr,
      signal: new AbortController().signal,
    });
    expect(result).toEqual({ code: 7 });
    expect(io.out()).toBe('marked\n');
    expect(io.err()).toBe('e\n');
  });

  it('gives 128 + signal for a killed command and 127 for a missing one', async () => {
    const io = sinks();
    const options = { env: { PATH: process.env.PATH ?? '' }, cwd: process.cwd(), stdout: io.stdout, stderr: io.stderr, signal: new AbortController().signal };
    expect(await runCommand([process.execPath, '-e', 'process.kill(process.pid, "SIGTERM")'], options)).toEqual({ code: 143 });
    expect(await runCommand(['apitape-missing-binary-1234'], options)).toEqual({ code: 127, error: 'command not found: apitape-missing-binary-1234' });
    expect(await runCommand([], options)).toMatchObject({ code: 127 });
  });

  it('passes a stop signal on to the command', async () => {
    const io = sinks();
    const controller = new AbortController();
    const running = runCommand([process.execPath, '-e', 'process.on("SIGTERM", () => process.exit(5)); console.log("up"); setInterval(() => {}, 1000)'], {
      env: { PATH: process.env.PATH ?? '' },
      cwd: process.cwd(),
      stdout: io.stdout,
      stderr: io.stderr,
      signal: controller.signal,
    });
    for (let i = 0; i < 200 && !io.out().includes('up'); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort('SIGTERM');
    expect(await running).toEqual({ code: 5 });
  });
});
