// Reading cassettes: a streaming reader that tolerates a torn last line and names every other bad
// line by file and line number.
import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { ApitapeError, CassetteFormatError } from '../errors.js';
import { decodeExchange, decodeHeader } from './codec.js';
import type { CassetteHeader, Exchange } from './types.js';

export interface ReadOptions {
  /** Skip lines that are not exchanges (each named through `onWarning`) instead of failing. */
  skipCorrupt?: boolean;
  onWarning?: (message: string) => void;
}

/** Streams the exchanges of a cassette in recorded order. A torn last line is a warning. */
export async function* readCassette(file: string, options: ReadOptions = {}): AsyncGenerator<Exchange> {
  const { header, lines } = await openLines(file);
  let pending: CassetteFormatError | undefined;
  let lineNumber = 1;
  for await (const line of lines) {
    lineNumber += 1;
    if (pending) yield* skipOrThrow(pending, options);
    pending = undefined;
    if (line.trim() === '') continue;
    try {
      yield decodeExchange(line, header.formatVersion, file, lineNumber);
    } catch (error) {
      if (!(error instanceof CassetteFormatError)) throw error;
      pending = error;
    }
  }
  if (pending) {
    if (await endsWithNewline(file)) yield* skipOrThrow(pending, options);
    else options.onWarning?.(`${file}:${pending.line}: the last line is incomplete (the recorder stopped mid-write); it was skipped`);
  }
}

function* skipOrThrow(error: CassetteFormatError, options: ReadOptions): Generator<never> {
  if (!options.skipCorrupt) throw error;
  options.onWarning?.(`${error.message}; skipped`);
}

async function openLines(file: string): Promise<{ header: CassetteHeader; lines: AsyncIterableIterator<string> }> {
  await fs.access(file).catch((error: unknown) => {
    throw new ApitapeError('CASSETTE_NOT_FOUND', `no cassette at ${file}`, {
      cause: error,
      hint: 'record one with `apitape record`, import a HAR with `apitape import`, or pick one with --cassette NAME',
    });
  });
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const lines = rl[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) {
    rl.close();
    throw new CassetteFormatError(file, 1, 'the file is empty, not a cassette', { hint: 'delete it, or record again with --overwrite' });
  }
  try {
    return { header: decodeHeader(first.value, file), lines };
  } catch (error) {
    rl.close();
    throw error;
  }
}

async function endsWithNewline(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

/** Reads a whole cassette into memory (small cassettes, tests, and stages that need random access). */
export async function readCassetteAll(file: string, options: ReadOptions = {}): Promise<{ header: CassetteHeader; exchanges: Exchange[] }> {
  const { header, lines } = await openLines(file);
  await lines.return?.();
  const exchanges: Exchange[] = [];
  for await (const exchange of readCassette(file, options)) exchanges.push(exchange);
  return { header, exchanges };
}
