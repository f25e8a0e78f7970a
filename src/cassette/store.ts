// Cassette files on disk: an append-only, redacting writer with a lock, and a streaming reader.
import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { ApitapeError, CassetteFormatError } from '../errors.js';
import { decodeExchange, decodeHeader, encodeExchange, encodeHeader } from './codec.js';
import { LineBatcher } from './line-batcher.js';
import { DEFAULT_REDACTION, redactExchange, type RedactionRules } from './redact.js';
import { CASSETTE_FORMAT_VERSION, type CassetteHeader, type Exchange } from './types.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** `<cwd>/cassettes/<name>.ndjson`, after checking that `name` cannot escape the folder. */
export function cassettePath(cwd: string, name: string): string {
  if (!NAME.test(name) || name.includes('..') || RESERVED.test(name) || name.endsWith('.')) {
    throw new ApitapeError('CASSETTE_NAME', `invalid cassette name "${name.slice(0, 60)}"`, {
      hint: 'use letters, digits, ".", "_" and "-" (at most 100 characters), e.g. --cassette checkout-flow',
    });
  }
  return path.join(cwd, 'cassettes', `${name}.ndjson`);
}

/** The names of the cassettes under `<cwd>/cassettes/`, sorted. */
export async function listCassettes(cwd: string): Promise<string[]> {
  const entries = await fs.readdir(path.join(cwd, 'cassettes')).catch(() => [] as string[]);
  return entries.filter((e) => e.endsWith('.ndjson')).map((e) => e.slice(0, -'.ndjson'.length)).sort();
}

export interface OpenWriterOptions {
  name: string;
  target?: string;
  /** Start the cassette anew instead of appending. */
  overwrite?: boolean;
  redaction?: RedactionRules;
  now?: () => Date;
  onWarning?: (message: string) => void;
}

export interface CassetteWriter {
  readonly path: string;
  /** Exchanges in the file, including those appended by this writer. */
  readonly count: number;
  /** Characters of lines appended but not yet handed to the file (for backpressure). */
  readonly unwritten: number;
  /** Redacts `exchange`, gives it the next id and appends it as one line; resolves once written. */
  append(exchange: Omit<Exchange, 'id'>): Promise<Exchange>;
  /** Flushes to disk, releases the lock. */
  close(): Promise<void>;
}

/** Opens (creating or appending to) a cassette; fails fast when another recorder holds its lock. */
export async function openCassetteWriter(file: string, options: OpenWriterOptions): Promise<CassetteWriter> {
  await prepareFolder(path.dirname(file));
  const releaseLock = await acquireLock(file);
  try {
    const existing = options.overwrite ? undefined : await countForAppend(file, options.onWarning);
    if (existing === undefined) await writeFresh(file, options);
    const handle = await fs.open(file, 'a');
    return createWriter(file, handle, existing ?? 0, options.redaction ?? DEFAULT_REDACTION, releaseLock);
  } catch (error) {
    await releaseLock();
    throw error;
  }
}

function createWriter(
  file: string,
  handle: fs.FileHandle,
  existing: number,
  rules: RedactionRules,
  releaseLock: () => Promise<void>,
): CassetteWriter {
  let count = existing;
  const lines = new LineBatcher((text) => writeAll(handle, text));
  return {
    path: file,
    get count() {
      return count;
    },
    get unwritten() {
      return lines.unwritten;
    },
    append(exchange) {
      const id = String(count).padStart(6, '0');
      count += 1;
      const redacted = redactExchange({ id, ...exchange } as Exchange, rules);
      return lines.add(`${encodeExchange(redacted)}\n`).then(() => redacted, (e: unknown) => rethrowWrite(e, file));
    },
    async close() {
      await lines.flush();
      await handle.datasync().catch(() => undefined);
      await handle.close();
      await releaseLock();
    },
  };
}

/** Writes all of `text`, continuing after a short write (which a filling disk can give). */
async function writeAll(handle: fs.FileHandle, text: string): Promise<void> {
  let written = (await handle.write(text)).bytesWritten;
  if (written === Buffer.byteLength(text)) return;
  const bytes = Buffer.from(text);
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
    if (bytesWritten <= 0) throw Object.assign(new Error('the write made no progress'), { code: 'EIO' });
    written += bytesWritten;
  }
}

function rethrowWrite(error: unknown, file: string): never {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  throw new ApitapeError('CASSETTE_WRITE', `cannot write to ${file}: ${code} (${(error as Error).message})`, {
    exit: 3,
    cause: error,
    hint: code === 'ENOSPC' ? 'the disk is full; what was written before stays readable' : undefined,
  });
}

async function prepareFolder(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
    await fs.access(dir, fs.constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ApitapeError('CASSETTE_DIR', `cannot write cassettes to ${dir} (${code})`, {
      exit: code === 'ENOTDIR' || code === 'EEXIST' ? 2 : 3,
      cause: error,
      hint: code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way of the cassettes folder' : 'check the folder permissions',
    });
  }
}

async function acquireLock(file: string): Promise<() => Promise<void>> {
  const lock = `${file}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await fs.writeFile(lock, String(process.pid), { flag: 'wx' });
      return () => fs.rm(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await fs.readFile(lock, 'utf8').catch(() => ''));
      if (pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new ApitapeError('CASSETTE_LOCKED', `${file} is being recorded by another apitape process (pid ${pid})`, {
          exit: 3,
          hint: `stop that recorder, or record into another cassette with --cassette NAME (stale lock: delete ${lock})`,
        });
      }
      if (pid === process.pid) throw new ApitapeError('CASSETTE_LOCKED', `${file} is already open for writing in this process`, { exit: 3 });
      await fs.rm(lock, { force: true }); // the recorder that held it is gone
    }
  }
  throw new ApitapeError('CASSETTE_LOCKED', `cannot lock ${file}`, { exit: 3 });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function writeFresh(file: string, options: OpenWriterOptions): Promise<void> {
  const header: CassetteHeader = {
    apitape: 'cassette',
    formatVersion: CASSETTE_FORMAT_VERSION,
    name: options.name,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    ...(options.target ? { target: options.target } : {}),
  };
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, `${encodeHeader(header)}\n`);
  await fs.rename(temp, file);
}

/**
 * Exchanges already in `file` (undefined when there is no cassette yet); cuts a torn last line so
 * appends stay line-aligned. A corrupt cassette is an error: it is never overwritten silently.
 */
async function countForAppend(file: string, onWarning?: (message: string) => void): Promise<number | undefined> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) return undefined;
  let count = 0;
  for await (const _ of readCassette(file, { onWarning })) count += 1;
  const content = await fs.open(file, 'r+');
  try {
    const last = Buffer.alloc(1);
    await content.read(last, 0, 1, stat.size - 1);
    if (last[0] !== 0x0a) {
      // No final newline: a complete last line gets one; a torn one (the reader skipped it) is cut.
      const text = await fs.readFile(file);
      const start = text.lastIndexOf(0x0a) + 1;
      if (isCompleteLine(text.subarray(start))) await content.write('\n', stat.size);
      else await content.truncate(start);
    }
  } finally {
    await content.close();
  }
  return count;
}

function isCompleteLine(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

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
