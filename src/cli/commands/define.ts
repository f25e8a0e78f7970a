// The shape of a command's definition file: registers the command on the program, nothing heavier.
import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/**
 * Registers one command. The action must `await import()` the modules it needs (mockttp, newman,
 * postman-collection…) so that `apitape --help` stays fast, and report its exit code with `setCode`
 * (errors are thrown as `ApitapeError` and mapped to 2 or 3 by main).
 */
export type DefineCommand = (program: Command, io: CliIo, setCode: (code: number) => void) => void;
