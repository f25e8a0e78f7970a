import { describe, expect, it } from 'vitest';
import { formatBytes, formatExchangeLine, formatSummary, RecordingTally } from '../../../src/record/report.js';
import { jsonBody, makeExchange } from '../../helpers/exchange.js';

describe('recorder output', () => {
  it('prints one line per exchange with method, URL, status, size and time', () => {
    const ok = makeExchange({ request: { url: 'https://api.example.com/users?page=2' }, response: { body: jsonBody([1, 2, 3]) }, durationMs: 12.4 });
    expect(formatExchangeLine(ok)).toBe('GET https://api.example.com/users?page=2 → 200 7 B 12 ms');
    const failed = makeExchange({ response: null, failure: { code: 'ECONNREFUSED', message: 'refused', phase: 'connect' } });
    expect(formatExchangeLine(failed)).toBe('GET https://api.example.com/users → ECONNREFUSED - 12 ms');
  });

  it('summarises exchanges, endpoints (method + path), bytes and the cassette path', () => {
    const tally = new RecordingTally();
    tally.add(makeExchange({ request: { url: 'https://api.example.com/users?page=1' } }));
    tally.add(makeExchange({ request: { url: 'https://api.example.com/users?page=2' } }));
    tally.add(makeExchange({ request: { method: 'POST', url: 'https://api.example.com/users' }, response: { status: 201 } }));
    tally.add(makeExchange({ response: null, failure: { code: 'TIMEOUT_FIRST_BYTE', message: 'slow', phase: 'headers' } }));
    expect(formatSummary(tally, 'cassettes/default.ndjson')).toBe(
      'Recorded 4 exchanges (2 endpoints, 6 B of bodies, 1 failed) into cassettes/default.ndjson\n' +
        '  GET https://api.example.com/users  ×3\n' +
        '  POST https://api.example.com/users\n',
    );
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
