import { describe, expect, it } from 'vitest';
import { analyzeChains, findLoginSteps, planChains } from '../../../src/collection/chain.js';
import { BEARER, calls, crudExchanges, stepsOf, TOKEN, USER_ID, USER_ID_2 } from './fixtures.js';

function chainsOf(exchanges: ReturnType<typeof calls>) {
  const steps = stepsOf(exchanges);
  const analysis = analyzeChains(steps);
  return { steps, analysis, plan: planChains(steps, analysis, ['baseUrl']) };
}

describe('chaining', () => {
  it('follows ids, tokens and numbers from responses into later paths, headers and bodies', () => {
    const { plan, analysis } = chainsOf(crudExchanges());
    const chained = [...plan.chained.values()].map((v) => ({ name: v.name, producer: v.producer, source: v.source }));
    expect(chained).toEqual([
      { name: 'accessToken', producer: 0, source: { kind: 'body', path: ['access_token'] } },
      { name: 'userId', producer: 2, source: { kind: 'body', path: ['id'] } },
      { name: 'orderId', producer: 5, source: { kind: 'body', path: ['id'] } },
    ]);
    expect([...plan.captures.keys()]).toEqual([0, 2, 5]);
    expect([...plan.secrets.values()]).toEqual([{ name: 'password', rule: 'password' }]);
    expect(findLoginSteps(analysis)).toEqual(new Set([0]));
  });

  it('does not chain values the client sent first (its own data), even when a response echoes them', () => {
    const { plan } = chainsOf(calls([
      { method: 'POST', path: '/users', requestBody: { email: 'user42@example.com', ref: 'ext-12345' }, status: 201, body: { id: USER_ID, email: 'user42@example.com', ref: 'ext-12345' } },
      { method: 'PUT', path: `/users/${USER_ID}`, requestBody: { email: 'user42@example.com', ref: 'ext-12345' }, body: { id: USER_ID } },
    ]));
    expect([...plan.chained.values()].map((v) => v.name)).toEqual(['userId']);
  });

  it('does not chain words and small numbers that happen to match', () => {
    const { plan } = chainsOf(calls([
      { path: '/users', body: { data: [], page: 2, status: 'active' } },
      { path: '/users?page=2&status=active', body: { data: [], page: 2 } },
    ]));
    expect(plan.chained.size).toBe(0);
  });

  it('reads an id from a Location header when the body does not carry it', () => {
    const { plan } = chainsOf(calls([
      { method: 'POST', path: '/users', requestBody: { name: 'x' }, status: 201, responseHeaders: [['Location', `https://api.example.com/users/${USER_ID}`]] },
      { path: `/users/${USER_ID}`, body: { name: 'x' } },
    ]));
    expect([...plan.chained.values()]).toEqual([
      { name: 'userId', producer: 0, source: { kind: 'location', header: 'Location', segment: 2 }, recorded: USER_ID, secret: false },
    ]);
  });

  it('names variables from the path parameter they fill, and numbers clashes', () => {
    const { plan } = chainsOf(calls([
      { path: '/users', body: { data: [{ id: USER_ID }, { id: USER_ID_2 }] } },
      { path: `/users/${USER_ID}`, body: { id: USER_ID } },
      { path: `/users/${USER_ID_2}`, body: { id: USER_ID_2 } },
    ]));
    expect([...plan.chained.values()].map((v) => [v.name, v.source])).toEqual([
      ['userId', { kind: 'body', path: ['data', 0, 'id'] }],
      ['userId_2', { kind: 'body', path: ['data', 1, 'id'] }],
    ]);
  });

  it('makes path parameters no response produced into variables with the recorded default', () => {
    const { plan } = chainsOf(calls([
      { path: `/users/${USER_ID}`, body: { name: 'a' } },
      { path: `/users/${USER_ID_2}`, body: { name: 'b' } },
      { path: `/users/${USER_ID}/orders`, body: [] },
    ]));
    expect([...plan.pathDefaults.values()]).toEqual([
      { name: 'userId', value: USER_ID },
      { name: 'userId_2', value: USER_ID_2 },
    ]);
  });

  it('takes a token nobody returned from the environment, named after the redaction rule', () => {
    const { plan, analysis } = chainsOf(calls([
      { path: '/users', requestHeaders: [['authorization', BEARER], ['x-api-key', '<redacted:x-api-key:bbbbbb>']], body: [] },
      { path: '/orders', requestHeaders: [['authorization', 'Bearer <redacted:authorization:cccccc>']], body: [] },
    ]));
    expect([...plan.secrets.values()].map((s) => s.name)).toEqual(['authorization', 'apiKey', 'authorization_2']);
    expect(findLoginSteps(analysis).size).toBe(0);
  });

  it('matches a redacted token across rules by its hash (login body → Authorization header)', () => {
    const { plan } = chainsOf(calls([
      { method: 'POST', path: '/oauth/token', requestBody: { grant_type: 'client_credentials' }, body: { access_token: TOKEN } },
      { path: '/me', requestHeaders: [['authorization', BEARER]], body: { id: 1 } },
    ]));
    expect([...plan.chained.values()].map((v) => [v.name, v.secret])).toEqual([['accessToken', true]]);
    expect(plan.secrets.size).toBe(0);
  });
});

describe('chaining tokens that were not redacted', () => {
  it('follows a plain token into `Authorization: Bearer …` and treats its producer as a login', async () => {
    const { buildRequest } = await import('../../../src/collection/request.js');
    const token = 'tok_9f8e7d6c5b4a39281706';
    const exchanges = calls([
      { method: 'POST', path: '/session', requestBody: { user: 'demo' }, body: { token } },
      { path: '/me', requestHeaders: [['Authorization', `Bearer ${token}`]], body: { id: 1 } },
      { method: 'POST', path: '/users', requestBody: { n: 1 }, status: 201, body: { id: USER_ID } },
      { path: '/audit', requestHeaders: [['X-Subject', USER_ID]], body: [] },
    ]);
    const { steps, analysis, plan } = chainsOf(exchanges);
    expect(findLoginSteps(analysis)).toEqual(new Set([0]));
    const request = buildRequest(steps[1]!, 1, { plan, origins: new Map([['https://api.example.com', 'baseUrl']]) });
    expect(request.header).toEqual([{ key: 'Authorization', value: 'Bearer {{token}}' }]);
    const audit = buildRequest(steps[3]!, 3, { plan, origins: new Map() });
    expect(audit.header).toEqual([{ key: 'X-Subject', value: '{{userId}}' }]);
  });
});
