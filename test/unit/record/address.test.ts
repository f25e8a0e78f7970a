import { describe, expect, it } from 'vitest';
import { httpUrl, isLoopback } from '../../../src/record/address.js';

describe('address', () => {
  it('recognises loopback addresses, including IPv4-mapped IPv6', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1', 'localhost']) expect(isLoopback(a)).toBe(true);
    for (const a of ['0.0.0.0', '::', '10.0.0.5', '::ffff:10.0.0.5', '128.0.0.1', 'example.com']) expect(isLoopback(a)).toBe(false);
  });

  it('brackets IPv6 hosts in URLs', () => {
    expect(httpUrl('127.0.0.1', 80)).toBe('http://127.0.0.1:80');
    expect(httpUrl('::1', 8080)).toBe('http://[::1]:8080');
  });
});
