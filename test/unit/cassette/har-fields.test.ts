import { describe, expect, it } from 'vitest';
import {
  asNumber,
  headersFromHar,
  headersToHar,
  httpVersionFromHar,
  httpVersionToHar,
  timingsFromHar,
  timingsToHar,
} from '../../../src/cassette/har-fields.js';

describe('httpVersionFromHar', () => {
  it.each([
    ['HTTP/1.1', '1.1'],
    ['http/1.1', '1.1'],
    ['HTTP/1.0', '1.0'],
    ['http/2.0', '2'],
    ['HTTP/2', '2'],
    ['h2', '2'],
    ['h3', '3'],
    ['HTTP/3', '3'],
    ['', '1.1'],
    [undefined, '1.1'],
    ['spdy/3.1', '1.1'],
  ])('reads %j as %s', (input, expected) => {
    expect(httpVersionFromHar(input)).toBe(expected);
  });

  it('writes versions back in a form it reads the same', () => {
    for (const version of ['1.0', '1.1', '2', '3']) expect(httpVersionFromHar(httpVersionToHar(version))).toBe(version);
    expect(httpVersionToHar('2')).toBe('HTTP/2.0');
    expect(httpVersionToHar('1.1')).toBe('HTTP/1.1');
  });
});

describe('headersFromHar', () => {
  it('keeps order, duplicates and case, and drops HTTP/2 pseudo-headers', () => {
    const { headers, dropped } = headersFromHar([
      { name: ':authority', value: 'api.example.com' },
      { name: 'X-Trace', value: 'a' },
      { name: 'accept', value: '*/*' },
      { name: 'X-Trace', value: 'b' },
    ]);
    expect(headers).toEqual([
      ['X-Trace', 'a'],
      ['accept', '*/*'],
      ['X-Trace', 'b'],
    ]);
    expect(dropped).toBe(0);
  });

  it('counts malformed items and stringifies odd values', () => {
    const { headers, dropped } = headersFromHar([{ value: 'no name' }, 'junk', { name: 'x-n', value: 5 }, { name: 'x-null', value: null }]);
    expect(headers).toEqual([
      ['x-n', '5'],
      ['x-null', ''],
    ]);
    expect(dropped).toBe(2);
  });

  it('reads a missing list as no headers and writes headers back in order', () => {
    expect(headersFromHar(undefined)).toEqual({ headers: [], dropped: 0 });
    expect(headersToHar([['a', '1'], ['a', '2']])).toEqual([
      { name: 'a', value: '1' },
      { name: 'a', value: '2' },
    ]);
  });
});

describe('timings', () => {
  const start = '2026-01-01T00:00:00.000Z';

  it('sums the phases before receive as time to first byte (Chrome counts ssl inside connect)', () => {
    const t = timingsFromHar(169.796, { blocked: 0.654, dns: 18.781, ssl: 55.379, connect: 96.754, send: 0.319, wait: 53.018, receive: 0.27 }, start, false);
    expect(t).toEqual({ startedAt: start, durationMs: 169.796, firstByteMs: 169.526 });
  });

  it('adds ssl when the exporter counted it outside connect (the sum only matches that way)', () => {
    const t = timingsFromHar(101.564, { connect: 31.687, ssl: 35.333, send: 0.296, receive: 0.631, wait: 33.617 }, start, false);
    expect(t.firstByteMs).toBe(100.933);
  });

  it('ignores -1 phases, sums the phases when time is missing, and leaves TTFB out when wait is unknown', () => {
    expect(timingsFromHar(undefined, { blocked: -1, dns: -1, send: 1, wait: 10, receive: 4 }, start, false)).toEqual({
      startedAt: start,
      durationMs: 15,
      firstByteMs: 11,
    });
    expect(timingsFromHar(20, { send: 0, wait: -1, receive: -1 }, start, false)).toEqual({ startedAt: start, durationMs: 20 });
    expect(timingsFromHar(3, { connect: 3, wait: 0 }, start, true)).toEqual({ startedAt: start, durationMs: 3 });
  });

  it('reads quoted numbers and clamps a negative time', () => {
    expect(asNumber('12.5')).toBe(12.5);
    expect(asNumber('')).toBeUndefined();
    expect(timingsFromHar(-5, {}, start, false).durationMs).toBe(0);
  });

  it('round-trips through HAR timings', () => {
    for (const t of [
      { startedAt: start, durationMs: 48.123, firstByteMs: 45.6 },
      { startedAt: start, durationMs: 20 },
      { startedAt: start, durationMs: 0, firstByteMs: 0 },
    ]) {
      const har = timingsToHar(t);
      expect(timingsFromHar(har.time, har.timings, start, false)).toEqual(t);
    }
  });
});
