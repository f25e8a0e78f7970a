import { describe, expect, it } from 'vitest';
import { inferEndpoints } from '../../../src/assertions/infer.js';
import { buildEnvironment, isEnvironmentName, type PostmanEnvironment } from '../../../src/collection/environment.js';
import { generateCollection } from '../../../src/collection/generate.js';
import { planTargetEnvironments } from '../../../src/collection/target-environments.js';
import type { RecordedFlow } from '../../../src/collection/types.js';
import { calls } from './fixtures.js';

const A = 'http://127.0.0.1:4001';
const B = 'http://127.0.0.1:4002';

/** A flow of a login and a user list recorded at `origin` (forward mode when `target` is null). */
function flow(name: string, origin: string, target: string | null = origin): RecordedFlow {
  const exchanges = calls([
    { method: 'POST', path: '/auth/login', requestBody: { username: 'demo', password: '<redacted:password:abc123>' }, body: { ok: true }, origin },
    { path: '/users', body: [{ id: 1, name: 'Ann' }], origin },
  ]);
  return { name, ...(target !== null ? { target } : {}), exchanges };
}

/** The default environment `generateCollection` makes for `flows`, and the per-target ones. */
function plan(flows: RecordedFlow[]) {
  const endpoints = inferEndpoints(flows.flatMap((f) => f.exchanges));
  const base = generateCollection({ name: 'api', flows, endpoints }).environments[0]!;
  return { base, targets: planTargetEnvironments(flows, base) };
}

function values(env: PostmanEnvironment): Array<[string, string, string]> {
  return env.values.map((v) => [v.key, v.value, v.type]);
}

describe('planTargetEnvironments', () => {
  it('adds nothing for one target, even across several cassettes', () => {
    expect(plan([flow('a', A), flow('b', A)]).targets).toEqual([]);
  });

  it('adds nothing for a forward-mode recording across several hosts', () => {
    const { base, targets } = plan([flow('fwd', A, null), flow('more', 'https://payments.example.com', null)]);
    expect(targets).toEqual([]);
    expect(base.values.map((v) => v.key)).toEqual(['baseUrl', 'baseUrl_payments', 'password']);
  });

  it('gives each target an environment named after its cassette, with the default keys all pointing at it', () => {
    const { base, targets } = plan([flow('staging', A), flow('other', B)]);
    expect(base.name).toBe('local');
    expect(targets.map((t) => [t.environment.name, t.target, t.cassettes])).toEqual([
      ['staging', A, ['staging']],
      ['other', B, ['other']],
    ]);
    for (const t of targets) {
      expect(t.environment.values.map((v) => v.key)).toEqual(base.values.map((v) => v.key));
      expect(values(t.environment)).toEqual([
        ['baseUrl', t.target, 'default'],
        ['baseUrl_127_0_0_1_4002', t.target, 'default'],
        ['password', '', 'secret'],
      ]);
    }
  });

  it('keeps the recorded origin of hosts a forward-mode cassette talked to', () => {
    const third = 'https://payments.example.com';
    const { targets } = plan([flow('staging', A), flow('other', B), flow('pay', third, null)]);
    expect(targets.map((t) => t.environment.name)).toEqual(['staging', 'other']);
    expect(values(targets[1]!.environment)).toEqual([
      ['baseUrl', B, 'default'],
      ['baseUrl_127_0_0_1_4002', B, 'default'],
      ['baseUrl_payments', third, 'default'],
      ['password', '', 'secret'],
    ]);
  });

  it('names a target several cassettes share after its host', () => {
    const staging = 'https://api.staging.example.com';
    const { targets } = plan([flow('a', A), flow('b', A), flow('other', B), flow('users', staging), flow('orders', staging)]);
    expect(targets.map((t) => [t.environment.name, t.cassettes])).toEqual([
      ['127.0.0.1-4001', ['a', 'b']],
      ['other', ['other']],
      ['staging', ['users', 'orders']],
    ]);
  });

  it('never takes the default environment name or a name another target has, ignoring case', () => {
    const base = buildEnvironment('local', [{ key: 'baseUrl', value: A }, { key: 'baseUrl_x', value: B }]);
    const flows = [flow('LOCAL', A), flow('b1', B), flow('b2', B), flow('127.0.0.1-4002', 'http://127.0.0.1:4003')];
    const names = planTargetEnvironments(flows, base).map((t) => t.environment.name);
    expect(names).toEqual(['127.0.0.1-4001', '127.0.0.1-4002-2', '127.0.0.1-4002']);
    expect(names.every(isEnvironmentName)).toBe(true);
  });

  it('takes a target with or without a trailing slash as one, and gives the same environments whatever the flow order', () => {
    const base = buildEnvironment('local', [{ key: 'baseUrl', value: A }, { key: 'baseUrl_b', value: B }, { key: 'token', value: '', secret: true }]);
    const one = planTargetEnvironments([flow('a', A, `${A}/`), flow('b', B)], base);
    const two = planTargetEnvironments([flow('b', B), flow('a', A)], base);
    expect(one).toEqual(two);
    expect(one.map((t) => t.environment.id)).toEqual([buildEnvironment('a', []).id, buildEnvironment('b', []).id]);
  });
});
