import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeContent } from '../../../src/cassette/body.js';
import { acceptsEncoding, canEncode, encodeContent } from '../../../src/mock/encode.js';

describe('encodeContent', () => {
  it('is undone by the cassette decoder for every coding and chain', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('gzip', 'deflate', 'br', 'x-gzip', 'gzip, br', 'GZIP,BR', 'identity'), (bytes, encoding) => {
        const buffer = Buffer.from(bytes);
        const encoded = encodeContent(buffer, encoding);
        expect(decodeContent(encoded, encoding, 1 << 20).bytes.equals(buffer)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses codings it cannot apply', () => {
    expect(canEncode('zstd')).toBe(false);
    expect(canEncode('gzip, br')).toBe(true);
    expect(() => encodeContent(Buffer.from('x'), 'zstd')).toThrow(/zstd/);
  });
});

describe('acceptsEncoding', () => {
  it.each([
    [undefined, 'gzip', true],
    ['gzip, deflate, br', 'gzip', true],
    ['gzip, deflate, br', 'gzip, br', true],
    ['deflate', 'gzip', false],
    ['gzip;q=0', 'gzip', false],
    ['*', 'br', true],
    ['*, br;q=0', 'br', false],
    ['identity', 'gzip', false],
    ['gzip', 'x-gzip', true],
  ])('Accept-Encoding %s admits %s: %s', (accept, encoding, expected) => {
    expect(acceptsEncoding(accept, encoding)).toBe(expected);
  });
});
