import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchFormats, pickFormat, FORMATS } from '../../../src/assertions/formats.js';
import { maybeFormatted } from './arbitraries.js';
import { rejectedBy } from './validators.js';

/** Property tests compile many schemas; on a loaded 2-core machine they need more than the default. */
const PROPERTY_TIMEOUT = 120_000;

const formatOf = (value: string): string | undefined => pickFormat(matchFormats(value));

describe('matchFormats', () => {
  it.each([
    ['2024-05-01T10:00:00Z', 'date-time'],
    ['2024-05-01T10:00:00.123+02:00', 'date-time'],
    ['2024-02-29', 'date'],
    ['10:00:00Z', 'time'],
    ['ada@example.com', 'email'],
    ['https://api.example.com/users/1?x=1#top', 'uri'],
    ['5f0c9e4e-8b7a-4d35-9a55-6b1e3c7a2f10', 'uuid'],
    ['192.168.0.1', 'ipv4'],
    ['2001:db8::1', 'ipv6'],
  ])('recognises %s as %s', (value, format) => {
    expect(formatOf(value)).toBe(format);
  });

  it.each([
    ['2023-02-29', 'not a leap year'],
    ['2024-13-01', 'month 13'],
    ['10:00:00', 'a time without a zone (ajv-formats and Ajv 6 full reject it)'],
    ['2024-05-01 10:00:00', 'a space instead of T and no zone'],
    ['24:00:00Z', 'hour 24'],
    ['user@localhost', 'no top-level domain'],
    ['ftp//example.com', 'no scheme'],
    ['256.1.1.1', 'octet over 255'],
    ['fe80::1%eth0', 'IPv6 zone id'],
    ['<redacted:authorization:3f9a1c>', 'a redaction placeholder'],
    ['', 'the empty string'],
    ['42', 'a number in a string'],
    ['10:00:0', 'a time cut short'],
    ['10:00:00+01:0', 'a zone cut short'],
    ['2024-05-0', 'a date cut short'],
    ['2024-05-01T10:00:00.Z', 'a fraction without digits'],
    ['5f0c9e4e-8b7a-4d35-9a55-6b1e3c7a2f1g', 'a UUID with a non-hex digit'],
  ])('gives no format to %s (%s)', (value) => {
    expect(formatOf(value)).toBeUndefined();
  });

  it('only claims formats that Ajv 6 (fast and full) and Ajv 8 accept', () => {
    fc.assert(
      fc.property(maybeFormatted, (value) => {
        const mask = matchFormats(value);
        FORMATS.forEach((format, i) => {
          if (mask & (1 << i)) expect(rejectedBy({ type: 'string', format }, value), `${format}: ${value}`).toEqual([]);
        });
      }),
      { numRuns: 600 },
    );
  }, PROPERTY_TIMEOUT);
});
