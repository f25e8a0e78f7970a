// Re-applies a recorded Content-Encoding to decoded bytes, the inverse of the cassette's decoding.
import * as zlib from 'node:zlib';

const ENCODERS: Record<string, (bytes: Buffer) => Buffer> = {
  gzip: (b) => zlib.gzipSync(b),
  'x-gzip': (b) => zlib.gzipSync(b),
  deflate: (b) => zlib.deflateSync(b),
  br: (b) => zlib.brotliCompressSync(b),
};

/** The codings of a `Content-Encoding` value, lower-case, in the order they were applied. */
export function codingsOf(encoding: string): string[] {
  return encoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
}

/** Whether every coding of `encoding` can be applied again. */
export function canEncode(encoding: string): boolean {
  return codingsOf(encoding).every((c) => Object.hasOwn(ENCODERS, c));
}

/**
 * `bytes` encoded with each coding of `encoding` in order (`gzip, br` = gzip, then br), with Node's
 * default settings: a server that used them (as Node servers do) gets the very same bytes back.
 */
export function encodeContent(bytes: Buffer, encoding: string): Buffer {
  let out = bytes;
  for (const coding of codingsOf(encoding)) {
    const encode = Object.hasOwn(ENCODERS, coding) ? ENCODERS[coding] : undefined; // an inherited name (`constructor`) is no coding
    if (!encode) throw new Error(`cannot re-encode content-encoding "${coding}"`);
    out = encode(out);
  }
  return out;
}

/**
 * Whether a request's `Accept-Encoding` admits every coding of `encoding`. No header admits
 * anything (RFC 9110 §12.5.3); `*` admits what is not listed; `q=0` refuses.
 */
export function acceptsEncoding(acceptEncoding: string | undefined, encoding: string): boolean {
  if (acceptEncoding === undefined) return true;
  const weights = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (name === '') continue;
    const q = params.find((p) => p.startsWith('q='));
    weights.set(name, q ? Number(q.slice(2)) : 1);
  }
  return codingsOf(encoding).every((coding) => {
    const alias = coding === 'x-gzip' ? 'gzip' : coding;
    const weight = weights.get(alias) ?? weights.get(coding) ?? weights.get('*');
    return weight !== undefined && weight > 0;
  });
}
