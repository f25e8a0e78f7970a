// The one error type library code throws; the CLI maps its `exit` to the process exit code.

/**
 * Exit codes (shared/DESIGN.md): 2 = bad usage, config or input file; 3 = the environment failed
 * (target unreachable, disk full, permission denied). 1 is not an error: it is a run that found
 * failures, and is returned, never thrown.
 */
export type ErrorExit = 2 | 3;

export interface ApitapeErrorOptions {
  cause?: unknown;
  /** Defaults to 2 (the user can fix the input). */
  exit?: ErrorExit;
  /** What to do about it; printed after the message. */
  hint?: string;
}

/**
 * An error with a stable `code` (`CASSETTE_CORRUPT`, `ENV_NOT_FOUND`, …) whose message says what was
 * expected, what was found and, through `hint`, what to do next.
 */
export class ApitapeError extends Error {
  readonly code: string;
  readonly exit: ErrorExit;
  readonly hint?: string;

  constructor(code: string, message: string, options: ApitapeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApitapeError';
    this.code = code;
    this.exit = options.exit ?? 2;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/** Input that could not be read as what it claims to be; names the file and line. */
export class CassetteFormatError extends ApitapeError {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, message: string, options: ApitapeErrorOptions = {}) {
    super('CASSETTE_CORRUPT', `${file}:${line}: ${message}`, options);
    this.name = 'CassetteFormatError';
    this.file = file;
    this.line = line;
  }
}
