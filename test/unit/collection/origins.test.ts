import { describe, expect, it } from 'vitest';
import { environmentNameFor, planOrigins } from '../../../src/collection/origins.js';
import { call } from './fixtures.js';

describe('planOrigins', () => {
  it('gives the most used origin baseUrl and names the others after their host', () => {
    const exchanges = [
      call({ path: '/a', origin: 'https://payments.example.com' }),
      call({ path: '/b', origin: 'https://api.staging.example.com' }),
      call({ path: '/c', origin: 'https://api.staging.example.com' }),
      call({ path: '/d', origin: 'http://127.0.0.1:4010' }),
    ];
    const plan = planOrigins([{ name: 'app', exchanges }]);
    expect(plan.main).toBe('https://api.staging.example.com');
    expect([...plan.variables]).toEqual([
      ['https://api.staging.example.com', 'baseUrl'],
      ['https://payments.example.com', 'baseUrl_payments'],
      ['http://127.0.0.1:4010', 'baseUrl_127_0_0_1_4010'],
    ]);
  });

  it('prefers the recording target as the main origin, and tells apart hosts with the same first label', () => {
    const exchanges = [
      call({ path: '/a', origin: 'https://payments.example.com' }),
      call({ path: '/a', origin: 'https://payments.example.com' }),
      call({ path: '/b', origin: 'https://payments.other.org' }),
      call({ path: '/c', origin: 'https://shop.example.com' }),
    ];
    const plan = planOrigins([{ name: 'app', target: 'https://shop.example.com/', exchanges }]);
    expect(plan.variables.get('https://shop.example.com')).toBe('baseUrl');
    expect(plan.variables.get('https://payments.example.com')).toBe('baseUrl_payments');
    expect(plan.variables.get('https://payments.other.org')).toBe('baseUrl_payments_other_org');
  });
});

describe('environmentNameFor', () => {
  it.each([
    ['https://staging.example.com', 'staging'],
    ['https://api.staging.example.com', 'staging'],
    ['http://127.0.0.1:3000', 'local'],
    ['http://localhost:8080', 'local'],
    ['http://10.0.0.5:80', '10_0_0_5'],
  ])('%s → %s', (origin, name) => {
    expect(environmentNameFor(origin)).toBe(name);
  });
});
