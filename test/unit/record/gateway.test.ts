import { describe, expect, it } from 'vitest';
import { clientAborted, firstByteTimeout, gatewayReply, upstreamFailure } from '../../../src/record/gateway.js';

describe('gateway failures', () => {
  it('classifies upstream error codes by phase', () => {
    expect(upstreamFailure('ECONNREFUSED', 'connect ECONNREFUSED', false)).toEqual({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED', phase: 'connect' });
    expect(upstreamFailure('ENOTFOUND', 'getaddrinfo', false).phase).toBe('connect');
    expect(upstreamFailure('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', false).phase).toBe('tls');
    expect(upstreamFailure('ECONNRESET', 'socket hang up', false).phase).toBe('headers');
    expect(upstreamFailure('ECONNRESET', 'aborted', true).phase).toBe('body');
    expect(upstreamFailure(undefined, 'weird', false).code).toBe('UPSTREAM_ERROR');
  });

  it('answers 502 for unreachable upstreams and 504 for timeouts, with a plain-text reason', () => {
    const refused = gatewayReply(upstreamFailure('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443', false), 'https://api.example.com/users?x=1');
    expect(refused).toMatchObject({ status: 502, statusText: 'Bad Gateway', headers: { 'x-apitape-error': 'ECONNREFUSED' } });
    expect(refused.body).toBe('apitape: could not reach https://api.example.com (ECONNREFUSED): connect ECONNREFUSED 10.0.0.1:443.\n');
    const timeout = gatewayReply(firstByteTimeout(30000), 'https://api.example.com/slow');
    expect(timeout.status).toBe(504);
    expect(timeout.body).toContain('--first-byte-timeout');
    const tls = gatewayReply(upstreamFailure('CERT_HAS_EXPIRED', 'certificate has expired', false), 'https://old.example.com/');
    expect(tls.body).toContain('--upstream-ca');
  });

  it('names client aborts by phase', () => {
    expect(clientAborted(true)).toEqual({ code: 'CLIENT_ABORTED', message: 'the client closed the connection', phase: 'body' });
    expect(clientAborted(false, 'aborted').message).toBe('the client closed the connection (aborted)');
  });
});
