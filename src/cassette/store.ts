// Cassette files on disk: opening one for writing (lock, checks, append or staged overwrite) and the
// append-only, redacting writer; reading is in cassette-reader.ts.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ApitapeError } from '../errors.js';
import { acquireLock } from './cassette-lock.js';
import { readCassette } from './cassette-reader.js';
import { encodeExchange, encodeHeader } from './codec.js';
import { LineBatcher } from './line-batcher.js';
import { DEFAULT_REDACTION, redactExchange, type RedactionRules } from './redact.js';
import { CASSETTE_FORMAT_VERSION, type CassetteHeader, type Exchange } from './types.js';

export { readCassette, readCassetteAll, type ReadOptions } from './cassette-reader.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
/** `<cassette>.recording-<pid>`: where an overwrite writes until it replaces the cassette. */
const STAGING_SUFFIX = '.recording-';

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
  /**
   * With `overwrite`: the file the new cassette is written to (`<path>.recording-<pid>`) until
   * `close()` puts it in place of `path`, so the old cassette survives anything before that.
   */
  readonly stagingPath?: string;
  /** Redacts `exchange`, gives it the next id and appends it as one line; resolves once written. */
  append(exchange: Omit<Exchange, 'id'>): Promise<Exchange>;
  /**
   * Flushes to disk, releases the lock. With `overwrite`, `'replace'` (the default) renames the new
   * cassette over the old one (atomically); `'keep-old'` leaves the old one as it was and keeps the
   * new one at `stagingPath` (deleted instead when it holds no exchange). Appending ignores it.
   */
  close(ending?: CloseEnding): Promise<void>;
}

/** How `close()` ends an overwrite: put the new cassette in place, or leave the old one. */
export type CloseEnding = 'replace' | 'keep-old';

/**
 * A cassette checked and locked for writing, with nothing on disk changed yet: a caller that can
 * still fail to start (the recorder binding its port) opens it only once it has started.
 */
export interface PreparedCassette {
  readonly path: string;
  /** A cassette file was already there. */
  readonly exists: boolean;
  /** Starts writing: creates or repairs the cassette, or (overwrite) its staging file. */
  open(): Promise<CassetteWriter>;
  /** Gives up before writing: releases the lock; the cassette stays byte for byte as it was. */
  cancel(): Promise<void>;
}

/** Opens (creating or appending to) a cassette; fails fast when another recorder holds its lock. */
export async function openCassetteWriter(file: string, options: OpenWriterOptions): Promise<CassetteWriter> {
  return (await prepareCassetteWriter(file, options)).open();
}

/**
 * Checks that `file` can become or continue a cassette and takes its lock, changing nothing else:
 * the folder is created if missing (and removed again by `cancel()`), an existing cassette is read
 * to count its exchanges, and a path that is not a regular file, or a symlink out of the project, is
 * refused (exit 2).
 */
export async function prepareCassetteWriter(file: string, options: OpenWriterOptions): Promise<PreparedCassette> {
  const dir = path.dirname(file);
  const createdDir = await prepareFolder(dir);
  const removeDir = () => (createdDir ? fs.rmdir(dir).catch(() => undefined) : Promise.resolve());
  let releaseLock: () => Promise<void>;
  try {
    await checkInsideProject(dir, dir);
    releaseLock = await acquireLock(file);
  } catch (error) {
    await removeDir();
    throw error;
  }
  let exists: boolean;
  let existing: number | undefined;
  try {
    exists = await checkRegularFile(file);
    if (exists) await checkInsideProject(file, dir);
    existing = options.overwrite || !exists ? undefined : await countExchanges(file, options.onWarning);
    await warnAboutLeftovers(file, options.onWarning);
  } catch (error) {
    await releaseLock();
    await removeDir();
    throw error;
  }
  return {
    path: file,
    exists,
    open: async () => {
      try {
        return await startWriting(file, options, existing, releaseLock);
      } catch (error) {
        await releaseLock();
        throw error;
      }
    },
    cancel: async () => {
      await releaseLock();
      await removeDir();
    },
  };
}

async function startWriting(file: string, options: OpenWriterOptions, existing: number | undefined, releaseLock: () => Promise<void>): Promise<CassetteWriter> {
  const rules = options.redaction ?? DEFAULT_REDACTION;
  if (options.overwrite) return startStaged(file, options, rules, releaseLock);
  if (existing === undefined) await writeFresh(file, options);
  else await repairLastLine(file);
  const handle = await fs.open(file, 'a');
  return createWriter(file, handle, existing ?? 0, rules, releaseLock);
}

/** An overwrite: the new cassette grows beside the old one and replaces it on `close()`. */
async function startStaged(file: string, options: OpenWriterOptions, rules: RedactionRules, releaseLock: () => Promise<void>): Promise<CassetteWriter> {
  const staging = `${file}${STAGING_SUFFIX}${process.pid}`;
  await writeFresh(staging, options);
  const handle = await fs.open(staging, 'a');
  const inner = createWriter(file, handle, 0, rules, async () => undefined);
  return {
    path: file,
    stagingPath: staging,
    get count() {
      return inner.count;
    },
    get unwritten() {
      return inner.unwritten;
    },
    append: (exchange) => inner.append(exchange),
    async close(ending = 'replace') {
      try {
        await inner.close();
        if (ending === 'replace') await fs.rename(staging, file);
        else if (inner.count === 0) await fs.rm(staging, { force: true });
      } finally {
        await releaseLock();
      }
    },
  };
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

/** Creates the cassettes folder if needed; true when this call created it. */
async function prepareFolder(dir: string): Promise<boolean> {
  try {
    const created = await fs.mkdir(dir, { recursive: true });
    await fs.access(dir, fs.constants.W_OK);
    return created !== undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ApitapeError('CASSETTE_DIR', `cannot write cassettes to ${dir} (${code})`, {
      exit: code === 'ENOTDIR' || code === 'EEXIST' ? 2 : 3,
      cause: error,
      hint: code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way of the cassettes folder' : 'check the folder permissions',
    });
  }
}

/**
 * Refuses a cassettes folder (or a cassette in it) that is a symlink leading out of the project (the
 * folder holding `cassettes/`): a recording would otherwise be written somewhere the user did not name.
 * A link that stays inside the project is fine.
 */
async function checkInsideProject(target: string, dir: string): Promise<void> {
  const project = path.dirname(dir);
  const [real, realProject] = await Promise.all([fs.realpath(target), fs.realpath(project)]);
  const relative = path.relative(realProject, real);
  if (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative)) return;
  throw new ApitapeError('CASSETTE_OUTSIDE', `${target} is a symlink to ${real}, outside ${project}: cassettes are not written there`, {
    hint: `replace the symlink with a ${target === dir ? 'folder' : 'file'}, or run apitape in the project the cassettes belong to`,
  });
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
 * Whether a cassette is at `file`; anything there but a regular file (a folder, a FIFO, a symlink to
 * `/dev/full`) is refused, as reading it to append could block or never end.
 */
async function checkRegularFile(file: string): Promise<boolean> {
  const stat = await fs.stat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new ApitapeError('CASSETTE_UNREADABLE', `cannot use ${file} as a cassette (${error.code})`, { exit: 3, cause: error, hint: 'check the path and its permissions' });
  });
  if (!stat) return false;
  if (stat.isFile()) return true;
  const kind = stat.isDirectory() ? 'a folder' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : stat.isFIFO() ? 'a FIFO' : 'not a regular file';
  throw new ApitapeError('CASSETTE_NOT_FILE', `${file} is ${kind}, not a cassette file`, {
    hint: 'a cassette is a plain file: move what is there out of the way, or record into another cassette with --cassette NAME',
  });
}

/** Exchanges already in the cassette at `file`. A corrupt cassette is an error: it is never overwritten silently. */
async function countExchanges(file: string, onWarning?: (message: string) => void): Promise<number> {
  let count = 0;
  for await (const _ of readCassette(file, { onWarning })) count += 1;
  return count;
}

/** Names the staging files of `--overwrite` recordings that ended before replacing the cassette. */
async function warnAboutLeftovers(file: string, onWarning?: (message: string) => void): Promise<void> {
  if (!onWarning) return;
  const prefix = `${path.basename(file)}${STAGING_SUFFIX}`;
  const entries = await fs.readdir(path.dirname(file)).catch(() => [] as string[]);
  for (const entry of entries.filter((e) => e.startsWith(prefix)).sort()) {
    onWarning(
      `${path.join(path.dirname(file), entry)} holds an --overwrite recording that did not replace ${path.basename(file)} ` +
        '(it stopped early, or nothing in it reached the target): rename it over the cassette to use it, or delete it',
    );
  }
}

/** Cuts a torn last line (or ends a complete one) so that appends stay line-aligned. */
async function repairLastLine(file: string): Promise<void> {
  const content = await fs.open(file, 'r+');
  try {
    const { size } = await content.stat();
    const last = Buffer.alloc(1);
    await content.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) {
      // No final newline: a complete last line gets one; a torn one (the reader skipped it) is cut.
      const text = await fs.readFile(file);
      const start = text.lastIndexOf(0x0a) + 1;
      if (isCompleteLine(text.subarray(start))) await content.write('\n', size);
      else await content.truncate(start);
    }
  } finally {
    await content.close();
  }
}

function isCompleteLine(bytes: Buffer): boolean {
  try {
    JSON.parse(bytes.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}
