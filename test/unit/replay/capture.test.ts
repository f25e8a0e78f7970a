import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { captureRequest, classifyFailure } from '../../../src/replay/capture.js';
import type { NewmanRequestEvent } from '../../../src/replay/newman.js';

function event(overrides: Partial<NewmanRequestEvent> = {}): NewmanRequestEvent {
  return {
    ref: 'r1',
    iteration: 0,
    item: { id: 'i1', name: 'Get user', path: ['Users'] },
    startedAt: Date.parse('2026-01-01T00:00:00Z'),
    request: { method: 'GET', url: 'http://x.test/users/1?api_key=k123', headers: [['Authorization', 'Bearer sekret-token']] },
    response: {
      status: 200,
      statusText: 'OK',
      headers: [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip']],
      body: Buffer.from('{"id":1,"password":"hunter22","note":"my key is abcd1234"}'),
      responseTimeMs: 12,
    },
    ...overrides,
  };
}

describe('captureRequest', () => {
  it('keeps the decoded body, notes the encoding, redacts secrets and scrubs given values', () => {
    const r = captureRequest(event(), 4, { secrets: [{ name: 'apiKey', value: 'abcd1234' }] });
    expect(r).toMatchObject({ index: 4, itemName: 'Get user', itemPath: ['Users'], timings: { startedAt: '2026-01-01T00:00:00.000Z', durationMs: 12 } });
    expect(r.response!.body).toMatchObject({ kind: 'json', contentEncoding: 'gzip' });
    const text = JSON.stringify(r);
    expect(text).not.toContain('sekret-token');
    expect(text).not.toContain('hunter22');
    expect(text).not.toContain('k123');
    expect(text).not.toContain('abcd1234');
    expect(text).toContain('<redacted:apikey:');
  });

  it('never decodes twice: newman already removed the gzip', () => {
    const zipped = gzipSync(Buffer.from('{"a":1}'));
    const r = captureRequest(event({ response: { ...event().response!, body: zipped } }), 0);
    expect(r.response!.body.kind).toBe('binary');
    expect(r.response!.body).not.toHaveProperty('decodeError');
  });

  it('turns a transport error into a failure without a response', () => {
    const r = captureRequest(event({ response: undefined, error: { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' } }), 0);
    expect(r.response).toBeNull();
    expect(r.failure).toEqual({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED', phase: 'connect' });
  });

  it('keeps a request body as text or JSON', () => {
    const r = captureRequest(event({ request: { method: 'POST', url: 'http://x.test/a', headers: [['Content-Type', 'application/json']], body: '{"name":"n"}' } }), 0);
    expect(r.request.body).toMatchObject({ kind: 'json', value: { name: 'n' } });
  });
});

describe('classifyFailure', () => {
  it.each([
    [{ code: 'ENOTFOUND', message: 'getaddrinfo' }, 'connect'],
    [{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self signed' }, 'tls'],
    [{ code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: 'altname' }, 'tls'],
    [{ code: 'ESOCKETTIMEDOUT', message: 'socket timeout' }, 'headers'],
    [{ message: 'request timed out' }, 'headers'],
  ])('%j → %s', (error, phase) => {
    expect(classifyFailure(error).phase).toBe(phase);
  });

  it('names a timeout without a code', () => {
    expect(classifyFailure({ message: 'timed out' }).code).toBe('ETIMEDOUT');
  });
});
