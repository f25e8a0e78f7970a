// HAR files on disk: reading one and filling a cassette from it; writing an export atomically.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ApitapeError } from '../errors.js';
import type { BodyOptions } from './body.js';
import { parseHarDocument, type HarDocumentContents } from './har-document.js';
import { harEntryFromExchange, harFrame, type HarLogOptions } from './har-export.js';
import type { ImportedExchange } from './har-import.js';
import type { RedactionRules } from './redact.js';
import { openCassetteWriter } from './store.js';
import type { Exchange } from './types.js';

/** Reads and parses a .har file; a missing or unreadable file is an `ApitapeError` naming it. */
export async function readHarFile(file: string, label = file): Promise<HarDocumentContents> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    const missing = code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR';
    throw new ApitapeError('HAR_READ', `cannot read ${label}: ${missing ? (code === 'EISDIR' ? 'it is a folder' : 'no such file') : code}`, {
      exit: missing ? 2 : 3,
      cause: error,
      hint: missing ? 'give the path of a .har file exported from a browser or proxy tool' : undefined,
    });
  }
  return parseHarDocument(bytes, label);
}

/** Something that takes text: a file handle or a stream such as stdout. */
interface Sink {
  write(chunk: string): unknown;
}

/**
 * Streams `exchanges` as one HAR document into `sink`; returns how many entries were written.
 * The output is byte-identical to `serializeHar(harLog(entries))`.
 */
export async function streamHar(exchanges: AsyncIterable<Exchange>, sink: Sink, options: HarLogOptions & BodyOptions): Promise<number> {
  const frame = harFrame(options);
  let count = 0;
  let pending = '';
  for await (const exchange of exchanges) {
    pending += (count === 0 ? frame.head : frame.separator) + frame.entry(harEntryFromExchange(exchange, options));
    count += 1;
    if (pending.length >= FLUSH_AT) {
      await sink.write(pending);
      pending = '';
    }
  }
  await sink.write(pending + (count === 0 ? frame.empty : frame.tail));
  return count;
}

/** Characters gathered before a write: few large writes instead of one per entry. */
const FLUSH_AT = 256 * 1024;

/** Writes the HAR to `file` through a temp file in the same folder, renamed into place once complete. */
export async function writeHarFile(file: string, exchanges: AsyncIterable<Exchange>, options: HarLogOptions & BodyOptions): Promise<number> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'w');
    const open = handle;
    const count = await streamHar(exchanges, { write: (chunk: string) => open.write(chunk) }, options);
    await handle.datasync().catch(() => undefined);
    await handle.close();
    handle = undefined;
    await fs.rename(temp, file);
    return count;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw writeError(error, file);
  }
}

function writeError(error: unknown, file: string): unknown {
  if (error instanceof ApitapeError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === undefined) return error;
  const usage = code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
  return new ApitapeError('HAR_WRITE', `cannot write ${file}: ${code} (${(error as Error).message})`, {
    exit: usage ? 2 : 3,
    cause: error,
    hint: usage ? 'check that the folder of --out exists' : code === 'ENOSPC' ? 'the disk is full' : 'check the folder permissions',
  });
}

export interface FillCassetteOptions {
  name: string;
  /** Add to the cassette instead of replacing it (replacing is the default). */
  append?: boolean;
  redaction?: RedactionRules;
  onWarning?: (message: string) => void;
}

/**
 * Writes imported exchanges into the cassette at `file` through the redacting cassette writer.
 * Replacing writes a temp cassette and renames it into place once complete, so a failure leaves
 * the old cassette as it was; appending appends under the cassette's lock. Returns how many were written.
 */
export async function fillCassette(file: string, exchanges: Iterable<ImportedExchange>, options: FillCassetteOptions): Promise<number> {
  const writerOptions = { name: options.name, redaction: options.redaction, onWarning: options.onWarning };
  if (options.append) return appendAll(await openCassetteWriter(file, writerOptions), exchanges);
  await refuseIfLocked(file);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.import-${process.pid}.tmp`);
  try {
    const count = await appendAll(await openCassetteWriter(temp, { ...writerOptions, overwrite: true }), exchanges);
    await fs.rename(temp, file);
    return count;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

async function appendAll(writer: Awaited<ReturnType<typeof openCassetteWriter>>, exchanges: Iterable<ImportedExchange>): Promise<number> {
  let count = 0;
  try {
    for (const exchange of exchanges) {
      await writer.append(exchange);
      count += 1;
    }
  } finally {
    await writer.close();
  }
  return count;
}

/** A recorder appending to `file` right now would lose its lines to the rename: refuse instead. */
async function refuseIfLocked(file: string): Promise<void> {
  const pid = Number(await fs.readFile(`${file}.lock`, 'utf8').catch(() => ''));
  if (!(pid > 0) || pid === process.pid) return;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return; // the process is gone: a stale lock
  }
  throw new ApitapeError('CASSETTE_LOCKED', `${file} is being recorded by another apitape process (pid ${pid})`, {
    exit: 3,
    hint: 'stop that recorder first, or import into another cassette with --cassette NAME',
  });
}
