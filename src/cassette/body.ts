// Turns bytes as seen on the wire into a stored `Body` (decoded, capped, most readable kind) and back.
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { headerValue, isJsonMediaType, isTextMediaType, mediaType } from './headers.js';
import type { Body, BodyMeta, Header } from './types.js';

export interface BodyOptions {
  /** Bytes of the decoded body kept in the cassette; beyond it a prefix is kept. Default 10 MiB. */
  maxBodySize?: number;
  /** Most bytes a content-encoding may decode to (gzip-bomb guard). Default 64 MiB. */
  maxDecodedBytes?: number;
}

export const DEFAULT_MAX_BODY_SIZE = 10 * 1024 * 1024;
export const DEFAULT_MAX_DECODED_BYTES = 64 * 1024 * 1024;

/**
 * Builds a stored body from the raw (still content-encoded) bytes of a message and its headers.
 * `undefined` means the message had no body; zero bytes give `empty`. A body that cannot be decoded
 * keeps its raw bytes as `binary` with `decodeError` set, never a silent loss.
 */
export function bodyFromBytes(raw: Buffer | undefined, headers: readonly Header[], options: BodyOptions = {}): Body {
  if (raw === undefined) return { kind: 'none' };
  const encoding = headerValue(headers, 'content-encoding');
  if (raw.length === 0) return { kind: 'empty', size: 0, ...(encoding ? { contentEncoding: encoding } : {}) };
  const maxDecoded = options.maxDecodedBytes ?? DEFAULT_MAX_DECODED_BYTES;
  const decoded = encoding ? decodeContent(raw, encoding, maxDecoded) : { bytes: raw };
  if (decoded.error !== undefined) {
    return { kind: 'binary', base64: raw.toString('base64'), size: raw.length, contentEncoding: encoding!, decodeError: decoded.error };
  }
  const meta: Partial<BodyMeta> = {};
  if (encoding) meta.contentEncoding = encoding;
  if (decoded.capped) {
    meta.truncated = true;
    meta.decodeError = `decoded body exceeds ${maxDecoded} bytes; a prefix is kept`;
  }
  return bodyFromDecoded(decoded.bytes, mediaType(headers), { ...options, meta });
}

/**
 * Builds a stored body from already-decoded bytes. `size` and `sha256` in `meta` override the
 * computed ones (a streaming recorder passes the full size and hash with a prefix of the bytes).
 */
export function bodyFromDecoded(
  bytes: Buffer,
  type: string | undefined,
  options: BodyOptions & { meta?: Partial<BodyMeta> } = {},
): Body {
  const limit = options.maxBodySize ?? DEFAULT_MAX_BODY_SIZE;
  const meta: BodyMeta = { size: bytes.length, ...options.meta };
  let kept = bytes;
  if (bytes.length > limit) {
    kept = bytes.subarray(0, limit);
    meta.truncated = true;
  }
  if (meta.truncated && meta.sha256 === undefined && bytes.length > kept.length) {
    meta.sha256 = createHash('sha256').update(bytes).digest('hex');
  }
  if (kept.length === 0) return { kind: 'empty', ...meta };
  const text = type === undefined || isTextMediaType(type) ? decodeUtf8(kept) : undefined;
  if (text === undefined) return { kind: 'binary', base64: kept.toString('base64'), ...meta };
  if (!meta.truncated && (isJsonMediaType(type) || type === undefined)) {
    const value = exactJson(text);
    if (value.ok) return { kind: 'json', value: value.value, ...meta };
  }
  return { kind: 'text', text, ...meta };
}

/** The decoded bytes of a body (a prefix when it was truncated). */
export function bodyBytes(body: Body): Buffer {
  switch (body.kind) {
    case 'none':
    case 'empty':
      return Buffer.alloc(0);
    case 'json':
      return Buffer.from(JSON.stringify(body.value), 'utf8');
    case 'text':
      return Buffer.from(body.text, 'utf8');
    case 'binary':
      return Buffer.from(body.base64, 'base64');
  }
}

/** The body as a JSON value: a `json` body, or a complete `text` body that parses as JSON. */
export function bodyJson(body: Body): { ok: true; value: unknown } | { ok: false } {
  if (body.kind === 'json') return { ok: true, value: body.value };
  if (body.kind !== 'text' || body.truncated) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(body.text.replace(/^\uFEFF/, '')) };
  } catch {
    return { ok: false };
  }
}

/** The value when `text` is JSON whose compact serialisation is exactly `text` (lossless), else not ok. */
function exactJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    const value: unknown = JSON.parse(text);
    return JSON.stringify(value) === text ? { ok: true, value } : { ok: false };
  } catch {
    return { ok: false }; // not JSON, or nested too deep to re-serialise
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

interface Decoded {
  bytes: Buffer;
  capped?: boolean;
  error?: string;
}

/**
 * Removes a `Content-Encoding` list (applied left to right, so undone right to left). Accepts the
 * spellings real servers send (`gzip,br`, `GZIP, BR`, `x-gzip`). Output is capped at `max` bytes.
 */
export function decodeContent(raw: Buffer, encoding: string, max: number): Decoded {
  const codings = encoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  let bytes = raw;
  let capped = false;
  for (const coding of codings.reverse()) {
    const step = decodeOne(bytes, coding, max);
    if (step.error !== undefined) return step;
    bytes = step.bytes;
    capped ||= step.capped === true;
  }
  return { bytes, capped };
}

const DECODERS: Record<string, (buf: Buffer, opts: zlib.ZlibOptions) => Buffer> = {
  gzip: zlib.gunzipSync,
  'x-gzip': zlib.gunzipSync,
  deflate: (buf, opts) => {
    try {
      return zlib.inflateSync(buf, opts);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw error;
      return zlib.inflateRawSync(buf, opts); // servers often send raw deflate
    }
  },
  br: (buf, opts) => zlib.brotliDecompressSync(buf, opts as zlib.BrotliOptions),
};

function decodeOne(bytes: Buffer, coding: string, max: number): Decoded {
  const decode = Object.hasOwn(DECODERS, coding) ? DECODERS[coding] : undefined;
  if (!decode) return { bytes, error: `unsupported content-encoding "${coding}"` };
  try {
    return { bytes: decode(bytes, { maxOutputLength: max }) };
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return decodePrefix(bytes, decode, max);
    return { bytes, error: `${coding} decoding failed: ${err.message}` };
  }
}

/** A decoding bomb: decode ever shorter prefixes of the input until the output fits in `max`. */
function decodePrefix(bytes: Buffer, decode: (buf: Buffer, opts: zlib.ZlibOptions) => Buffer, max: number): Decoded {
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: max };
  for (let length = Math.floor(bytes.length / 2); length > 0; length = Math.floor(length / 2)) {
    try {
      return { bytes: decode(bytes.subarray(0, length), flush), capped: true };
    } catch {
      // still too large (or not decodable at this cut): try a shorter prefix
    }
  }
  return { bytes: Buffer.alloc(0), capped: true };
}
