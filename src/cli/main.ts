// The CLI entry: builds the commander program from each command's definition file and runs it.
// Definition files import only commander; heavy modules load inside the action that needs them.
import { Command, CommanderError } from 'commander';
import { ApitapeError } from '../errors.js';
import type { CliIo } from './io.js';
import { commandDefinitions } from './commands/index.js';

export const VERSION = '0.1.0';

/** Builds the program; exported so the README reference can be generated from the definitions. */
export function buildProgram(io: CliIo, setCode: (code: number) => void): Command {
  const program = new Command('apitape')
    .description(
      'Record the traffic between an app and its API, turn it into a Postman collection that tests the API, ' +
        'replay it with newman against any environment and report drift.\n\n' +
        'Start with `apitape demo` to see the whole loop on a sample API.',
    )
    .version(VERSION, '-V, --version')
    .option('--verbose', 'print stack traces and debug detail on errors')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok, 1 tests failed or drift found, 2 bad usage or input, 3 the environment failed.\n' +
      'Run `apitape <command> --help` for the options of each command.',
  );
  for (const define of commandDefinitions) define(program, io, setCode);
  return program;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    return reportError(error, io, program.opts().verbose === true || argv.includes('--verbose'));
  }
}

function reportError(error: unknown, io: CliIo, verbose: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    if (error.code === 'commander.help') return 0;
    return 2; // commander already printed the message
  }
  if (error instanceof ApitapeError) {
    io.stderr.write(`apitape: ${error.message}\n`);
    if (error.hint) io.stderr.write(`  ${error.hint}\n`);
    if (verbose && error.stack) io.stderr.write(`${error.stack}\n`);
    return error.exit;
  }
  const err = error as NodeJS.ErrnoException;
  io.stderr.write(`apitape: ${err?.message ?? String(error)}\n`);
  if (verbose && err?.stack) io.stderr.write(`${err.stack}\n`);
  return ENVIRONMENT_ERRNOS.has(err?.code ?? '') ? 3 : 2;
}

const ENVIRONMENT_ERRNOS = new Set(['ENOSPC', 'EACCES', 'EPERM', 'EROFS', 'ECONNREFUSED', 'ENOTFOUND', 'EIO']);

/** The real process: wires stdout/stderr/env and Ctrl-C, and sets `process.exitCode`. */
export async function runCli(): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(signal === 'SIGINT' ? 130 : 143);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const io: CliIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    signal: controller.signal,
  };
  process.exitCode = await main(process.argv.slice(2), io);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}
