import { describe, expect, it } from 'vitest';
import { pointerCovers } from '../../../src/report/ignore.js';
import { driftFails, runOutcome } from '../../../src/report/outcome.js';
import type { Drift } from '../../../src/report/types.js';
import { replayed, runOf } from './builders.js';

const drift = (severity: Drift['severity']): Drift => ({
  kind: 'field-added', severity, endpoint: 'e', status: 200, location: 'body', pointer: '/a', expected: null, actual: null, message: '', requests: [0],
});
const failed = (i: number) => ({ ...replayed(i), response: null, failure: { code: 'ECONNREFUSED', message: 'x', phase: 'connect' as const } });

describe('runOutcome', () => {
  it('is unreachable (3) only when no request got any response', () => {
    expect(runOutcome(runOf([failed(0), failed(1)]), [], 'breaking')).toMatchObject({ verdict: 'unreachable', exitCode: 3 });
    expect(runOutcome(runOf([failed(0), replayed(1, { status: 500 })]), [], 'breaking')).toMatchObject({ verdict: 'fail', exitCode: 1 });
    expect(runOutcome(runOf([]), [], 'breaking')).toMatchObject({ verdict: 'pass', exitCode: 0 });
  });

  it('fails on failed assertions whatever --fail-on says, and on drift per --fail-on', () => {
    const failing = runOf([replayed(0, { assertions: [{ name: 't', passed: false, skipped: false }] })]);
    expect(runOutcome(failing, [], 'none').reasons).toEqual(['1 failed assertion']);
    const ok = runOf([replayed(0)]);
    expect(runOutcome(ok, [drift('info')], 'breaking').exitCode).toBe(0);
    expect(runOutcome(ok, [drift('info')], 'any').exitCode).toBe(1);
    expect(runOutcome(ok, [drift('breaking')], 'none').exitCode).toBe(0);
    expect(driftFails([drift('warning')], 'breaking')).toBe(false);
  });
});

describe('pointerCovers', () => {
  it.each([
    ['/a', '/a', true],
    ['/a', '/a/b', true],
    ['/a/b', '/a', false],
    ['/data/*/id', '/data/*/id', true],
    ['/data/0/id', '/data/*/id', true],
    ['/data/*', '/data/*/id', true],
    ['/ab', '/a', false],
  ])('%s covers %s: %s', (pattern, pointer, expected) => {
    expect(pointerCovers(pattern, pointer)).toBe(expected);
  });
});
