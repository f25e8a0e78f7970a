import { describe, expect, it } from 'vitest';
import { ApitapeError } from '../../../src/errors.js';
import { checkHost, parseDuration, parsePort, parseSize, parseTarget } from '../../../src/record/options.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ApitapeError);
    expect((error as ApitapeError).exit).toBe(2);
    return (error as ApitapeError).code;
  }
}

describe('record option values', () => {
  it('accepts an http(s) origin, with or without a trailing slash', () => {
    expect(parseTarget('https://staging.example.com')).toBe('https://staging.example.com');
    expect(parseTarget('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(parseTarget('HTTPS://API.Example.com:443')).toBe('https://api.example.com');
  });

  it('rejects targets without a scheme, with another scheme, a path, a query or credentials', () => {
    for (const bad of ['staging.example.com', 'ftp://x.io', 'https://x.io/v1', 'https://x.io/?a=1', 'https://u:p@x.io', '::']) {
      expect(codeOf(() => parseTarget(bad))).toBe('BAD_TARGET');
    }
  });

  it('parses ports, sizes and durations', () => {
    expect(parsePort('0')).toBe(0);
    expect(parsePort('65535')).toBe(65535);
    for (const bad of ['70000', '-1', 'http', '8.5', '']) expect(codeOf(() => parsePort(bad))).toBe('BAD_PORT');
    expect(parseSize('1048576', '--max-body-size')).toBe(1048576);
    expect(parseSize('4MB', '--max-body-size')).toBe(4 * 1024 * 1024);
    expect(parseSize('512kb', '--max-body-size')).toBe(512 * 1024);
    expect(parseSize('1.5GiB', '--x')).toBe(1.5 * 1024 ** 3);
    expect(codeOf(() => parseSize('4 parsecs', '--x'))).toBe('BAD_SIZE');
    expect(parseDuration('30s', '--t')).toBe(30000);
    expect(parseDuration('250', '--t')).toBe(250);
    expect(parseDuration('2m', '--t')).toBe(120000);
    expect(codeOf(() => parseDuration('soon', '--t'))).toBe('BAD_DURATION');
  });

  it('needs --allow-remote for a non-loopback host', () => {
    expect(checkHost('127.0.0.1', false)).toBe('127.0.0.1');
    expect(checkHost('::1', false)).toBe('::1');
    expect(codeOf(() => checkHost('0.0.0.0', false))).toBe('REMOTE_NOT_ALLOWED');
    expect(checkHost('0.0.0.0', true)).toBe('0.0.0.0');
  });
});
