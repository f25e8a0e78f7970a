// Streams one message body into a stored `Body` with bounded memory: small bodies are buffered and
// decoded whole; past the limit only a decoded prefix, the size and a SHA-256 are kept.
import { createHash, type Hash } from 'node:crypto';
import * as zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { bodyFromBytes, bodyFromDecoded } from '../cassette/body.js';
import { headerValue, mediaType } from '../cassette/headers.js';
import type { Body, BodyMeta, Header } from '../cassette/types.js';

export interface BodyLimits {
  /** Decoded bytes kept in the cassette; beyond it a prefix plus size and SHA-256 are kept. */
  maxBodySize: number;
  /** Most bytes a content-encoding may decode to (gzip-bomb guard). */
  maxDecodedBytes: number;
}

/** How a capture ended: `complete` (the message ended normally) or cut off (abort, timeout). */
export type CaptureEnd = 'complete' | 'cut';

/**
 * Accumulates the wire bytes of one body. Memory stays under about twice `maxBodySize` whatever the
 * body's size: up to `maxBodySize` raw bytes are buffered; past that the capture switches to
 * streaming (decoding incrementally, hashing, keeping prefixes only).
 */
export class BodyCapture {
  private chunks: Buffer[] = [];
  private rawBytes = 0;
  private stream: StreamingDigest | undefined;

  constructor(
    private readonly headers: readonly Header[],
    private readonly limits: BodyLimits,
  ) {}

  /** Whether the body went past the limit and is being digested as a stream (`finish` must wait). */
  get streaming(): boolean {
    return this.stream !== undefined;
  }

  /** Wire bytes seen so far (still content-encoded). */
  get size(): number {
    return this.rawBytes;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    this.rawBytes += buffer.length;
    if (this.stream) {
      this.stream.write(buffer);
      return;
    }
    this.chunks.push(Buffer.from(buffer)); // compact: a wire chunk may pin a much larger read buffer
    if (this.rawBytes > this.limits.maxBodySize) {
      this.stream = new StreamingDigest(this.headers, this.limits, this.chunks[0]);
      for (const held of this.chunks) this.stream.write(held, true);
      this.chunks = [];
    }
  }

  /**
   * The stored body. `present` says whether the message had a body at all (`none` otherwise, when no
   * byte arrived); a `cut` body is marked truncated with what arrived.
   */
  async finish(present: boolean, end: CaptureEnd): Promise<Body> {
    return this.finishBuffered(present, end) ?? this.stream!.finish(end);
  }

  /** `finish()` without waiting, for a body that was buffered whole; undefined once it streams. */
  finishBuffered(present: boolean, end: CaptureEnd): Body | undefined {
    if (this.stream) return undefined;
    if (this.rawBytes === 0 && !present) return { kind: 'none' };
    const raw = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = [];
    const body = bodyFromBytes(raw, this.headers, this.limits);
    return end === 'cut' && body.kind !== 'none' ? markCut(body, raw) : body;
  }
}

function markCut(body: Exclude<Body, { kind: 'none' }>, raw: Buffer): Body {
  return { ...body, truncated: true, sha256: body.sha256 ?? createHash('sha256').update(raw).digest('hex') };
}

/** The streaming half of a capture: incremental decode, hashes and capped prefixes. */
class StreamingDigest {
  private readonly rawHash = createHash('sha256');
  /** Only for encoded bodies (as is the raw hash): what is stored if decoding fails (identity bodies are their own prefix). */
  private readonly rawPrefix: Buffer[] = [];
  private rawKept = 0;
  private rawSize = 0;
  private readonly decoded: DecodedSink;
  private decoder: Transform | undefined;
  private readonly encoding: string | undefined;
  private decodeError: string | undefined;
  private readonly done: Promise<void>;
  private cut = false;

  constructor(
    private readonly headers: readonly Header[],
    private readonly limits: BodyLimits,
    first: Buffer | undefined,
  ) {
    this.encoding = headerValue(headers, 'content-encoding');
    const codings = parseCodings(this.encoding);
    this.decoded = new DecodedSink(limits.maxBodySize, codings.length > 0 ? limits.maxDecodedBytes : Infinity);
    const unsupported = codings.find((c) => !Object.hasOwn(DECODERS, c));
    if (unsupported) this.decodeError = `unsupported content-encoding "${unsupported}"`;
    this.done = codings.length === 0 || unsupported ? Promise.resolve() : this.startDecoder(codings, first);
  }

  private startDecoder(codings: string[], first: Buffer | undefined): Promise<void> {
    const chain = codings.reverse().map((c, i) => DECODERS[c]!(i === 0 ? first : undefined));
    for (let i = 0; i + 1 < chain.length; i += 1) chain[i]!.pipe(chain[i + 1]!);
    this.decoder = chain[0];
    const last = chain[chain.length - 1]!;
    return new Promise<void>((resolve) => {
      last.on('data', (out: Buffer) => {
        if (!this.decoded.write(out, true)) this.fail(`decoded body exceeds ${this.limits.maxDecodedBytes} bytes; a prefix is kept`, chain);
      });
      last.on('end', resolve);
      last.on('close', resolve);
      for (const stream of chain) stream.on('error', (error: Error) => this.fail(`decoding failed: ${error.message}`, chain, resolve));
    });
  }

  private fail(message: string, chain: Transform[], resolve?: () => void): void {
    if (!this.cut) this.decodeError ??= message; // a cut stream cannot finish decoding: keep what decoded
    this.decoder = undefined;
    for (const stream of chain) stream.destroy();
    resolve?.();
  }

  /** `owned`: the chunk is ours alone (a compact copy), so it may be kept without copying. */
  write(chunk: Buffer, owned = false): void {
    this.rawSize += chunk.length;
    if (this.encoding === undefined) return void this.decoded.write(chunk, owned); // the raw bytes are the decoded ones: hashed once, there
    this.rawHash.update(chunk);
    if (this.rawKept < this.limits.maxBodySize) {
      const room = this.limits.maxBodySize - this.rawKept;
      const part = owned && chunk.length <= room ? chunk : Buffer.from(chunk.subarray(0, room));
      this.rawPrefix.push(part);
      this.rawKept += part.length;
    }
    this.decoder?.write(chunk);
  }

  async finish(end: CaptureEnd): Promise<Body> {
    this.cut = end === 'cut';
    this.decoder?.end();
    await this.done;
    const type = mediaType(this.headers);
    if (this.decodeError !== undefined && !this.decoded.capped) return this.rawBody(type);
    const meta: Partial<BodyMeta> = { size: this.decoded.size, sha256: this.decoded.digest(), truncated: true };
    if (this.encoding) meta.contentEncoding = this.encoding;
    if (this.decodeError) meta.decodeError = this.decodeError;
    return bodyFromDecoded(this.decoded.prefix(), type, { maxBodySize: this.limits.maxBodySize, meta });
  }

  /** The body as raw wire bytes when the encoding could not be removed. */
  private rawBody(type: string | undefined): Body {
    const meta: Partial<BodyMeta> = { size: this.rawSize, sha256: this.rawHash.digest('hex'), truncated: true };
    if (this.encoding) meta.contentEncoding = this.encoding;
    meta.decodeError = this.decodeError;
    const body = bodyFromDecoded(Buffer.concat(this.rawPrefix), this.encoding ? 'application/octet-stream' : type, {
      maxBodySize: this.limits.maxBodySize,
      meta,
    });
    return body;
  }
}

/** Counts, hashes and keeps a prefix of decoded bytes; refuses more than `maxDecodedBytes`. */
class DecodedSink {
  size = 0;
  capped = false;
  private readonly hash: Hash = createHash('sha256');
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;

  constructor(
    private readonly keep: number,
    private readonly cap: number,
  ) {}

  /** False once the decoded size passed the limit (the caller stops decoding). */
  write(chunk: Buffer, owned: boolean): boolean {
    if (this.capped) return false;
    this.size += chunk.length;
    this.hash.update(chunk);
    if (this.keptBytes < this.keep) {
      const room = this.keep - this.keptBytes;
      // a chunk of our own is kept as is; anything else is copied (so it pins no larger buffer)
      const part = owned && chunk.length <= room ? chunk : Buffer.from(chunk.subarray(0, room));
      this.kept.push(part);
      this.keptBytes += part.length;
    }
    if (this.size > this.cap) this.capped = true;
    return !this.capped;
  }

  prefix(): Buffer {
    return Buffer.concat(this.kept);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

function parseCodings(encoding: string | undefined): string[] {
  if (!encoding) return [];
  return encoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
}

/** Decoder factories; `first` is the first wire bytes, to tell zlib-wrapped from raw deflate. */
const DECODERS: Record<string, (first: Buffer | undefined) => Transform> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: (first) => (first === undefined || hasZlibHeader(first) ? zlib.createInflate() : zlib.createInflateRaw()),
  br: () => zlib.createBrotliDecompress(),
};

/** RFC 1950: compression method 8 in the low nibble and a header checksum divisible by 31. */
function hasZlibHeader(bytes: Buffer): boolean {
  const [cmf, flg] = [bytes[0], bytes[1]];
  if (cmf === undefined || flg === undefined) return true;
  return (cmf & 0x0f) === 8 && (cmf * 256 + flg) % 31 === 0;
}
