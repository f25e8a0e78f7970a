import { describe, expect, it } from 'vitest';
import { redactionPlaceholder } from '../../../src/cassette/redact.js';
import type { MockRoute } from '../../../src/mock/routes.js';
import { scoreSample, selectSample, type IncomingRequest } from '../../../src/mock/select.js';
import { jsonBody, makeExchange } from '../../helpers/exchange.js';

function route(...specs: Array<{ id: string; url: string; body?: unknown }>): MockRoute {
  return {
    method: 'POST',
    template: '/x',
    parts: ['x'],
    rank: 'L',
    samples: specs.map((s) => ({
      source: 'flow',
      exchange: makeExchange({ id: s.id, request: { method: 'POST', url: s.url, body: s.body === undefined ? { kind: 'none' } : jsonBody(s.body) } }),
    })),
  };
}

function req(path: string, query: Array<[string, string]> = [], body?: unknown): IncomingRequest {
  return { method: 'POST', path, query, body: body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body)) };
}

describe('selectSample', () => {
  it('prefers the exact path over a template match', () => {
    const r = route({ id: 'a', url: 'https://h/users/1' }, { id: 'b', url: 'https://h/users/2' });
    expect(selectSample(r, req('/users/2'), new Map()).exchange.id).toBe('b');
    expect(selectSample(r, req('/users/3'), new Map()).exchange.id).toBe('a');
  });

  it('prefers the exact query, then the one sharing most pairs (in any order)', () => {
    const r = route({ id: 'a', url: 'https://h/u' }, { id: 'b', url: 'https://h/u?page=2&limit=5' }, { id: 'c', url: 'https://h/u?page=1&limit=5' });
    expect(selectSample(r, req('/u', [['limit', '5'], ['page', '1']]), new Map()).exchange.id).toBe('c');
    expect(selectSample(r, req('/u', [['page', '2']]), new Map()).exchange.id).toBe('b');
    expect(selectSample(r, req('/u'), new Map()).exchange.id).toBe('a');
  });

  it('prefers the equal JSON body (key order ignored), then the one sharing most fields', () => {
    const r = route({ id: 'a', url: 'https://h/x', body: { name: 'Ada', role: 'admin' } }, { id: 'b', url: 'https://h/x', body: { name: 'Alan', role: 'user' } });
    expect(selectSample(r, req('/x', [], { role: 'user', name: 'Alan' }), new Map()).exchange.id).toBe('b');
    expect(selectSample(r, req('/x', [], { name: 'Grace', role: 'user' }), new Map()).exchange.id).toBe('b');
  });

  it('matches a live secret against the placeholder it was redacted into', () => {
    const wrong = redactionPlaceholder('password', 'wrong-password');
    const right = redactionPlaceholder('password', 'demo-password');
    const r = route({ id: 'a', url: 'https://h/login', body: { user: 'demo', password: wrong } }, { id: 'b', url: 'https://h/login', body: { user: 'demo', password: right } });
    expect(selectSample(r, req('/login', [], { user: 'demo', password: 'demo-password' }), new Map()).exchange.id).toBe('b');
    expect(selectSample(r, req('/login', [], { user: 'demo', password: 'wrong-password' }), new Map()).exchange.id).toBe('a');
    const q = route({ id: 'c', url: `https://h/s?api_key=${encodeURIComponent(redactionPlaceholder('api_key', 'k1'))}` }, { id: 'd', url: 'https://h/s?api_key=other' });
    expect(selectSample(q, req('/s', [['api_key', 'k1']]), new Map()).exchange.id).toBe('c');
  });

  it('replays equally good samples in recorded order, then keeps answering with the last', () => {
    const r = route({ id: 'a', url: 'https://h/users' }, { id: 'b', url: 'https://h/users' }, { id: 'c', url: 'https://h/users' });
    const served = new Map<string, number>();
    const ids = Array.from({ length: 5 }, () => selectSample(r, req('/users'), served).exchange.id);
    expect(ids).toEqual(['a', 'b', 'c', 'c', 'c']);
    expect(served.get('flow#c')).toBe(3);
  });

  it('scores path above query and body combined', () => {
    const [exactPath, exactRest] = route({ id: 'a', url: 'https://h/users/1?x=1', body: { a: 1 } }, { id: 'b', url: 'https://h/users/2?y=2', body: { b: 2 } }).samples;
    const incoming = req('/users/1', [['y', '2']], { b: 2 });
    expect(scoreSample(exactPath!, incoming)).toBeGreaterThan(scoreSample(exactRest!, incoming));
  });
});
