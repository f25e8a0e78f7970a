// How a recording ends: exit codes when nothing reached the target, and what an overwrite keeps.
import { describe, expect, it } from 'vitest';
import type { ExchangeFailure } from '../../../src/cassette/types.js';
import { judgeRecording } from '../../../src/record/outcome.js';
import { formatUnreachable, RecordingTally } from '../../../src/record/report.js';
import { makeExchange } from '../../helpers/exchange.js';

const refused: ExchangeFailure = { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9', phase: 'connect' };

function tally(...exchanges: Array<'ok' | 'refused' | 'tls' | 'timeout' | 'aborted' | 'cut'>): RecordingTally {
  const t = new RecordingTally();
  for (const kind of exchanges) {
    if (kind === 'ok') t.add(makeExchange());
    else if (kind === 'refused') t.add(makeExchange({ response: null, failure: refused }));
    else if (kind === 'tls') t.add(makeExchange({ response: null, failure: { code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: 'bad host', phase: 'tls' } }));
    else if (kind === 'timeout') t.add(makeExchange({ response: null, failure: { code: 'TIMEOUT_FIRST_BYTE', message: 'no response within 30000 ms', phase: 'headers' } }));
    else if (kind === 'aborted') t.add(makeExchange({ response: null, failure: { code: 'CLIENT_ABORTED', message: 'the client closed the connection', phase: 'headers' } }));
    else t.add(makeExchange({ failure: { code: 'ECONNRESET', message: 'reset mid-body', phase: 'body' } })); // answered, then cut
  }
  return t;
}

const signal = { kind: 'signal', code: 130 } as const;
const command = (code: number) => ({ kind: 'command', code }) as const;

describe('judgeRecording', () => {
  it('exits 3 when no exchange reached the target: on a signal, and for a command that exited 0', () => {
    expect(judgeRecording(tally('refused', 'refused'), signal, false)).toEqual({ exitCode: 3, unreachable: true, keepOld: false });
    expect(judgeRecording(tally('refused'), { kind: 'signal', code: 143 }, false).exitCode).toBe(3);
    expect(judgeRecording(tally('tls', 'timeout'), command(0), false).exitCode).toBe(3);
  });

  it("keeps a command's own failing exit code", () => {
    expect(judgeRecording(tally('refused'), command(5), false)).toEqual({ exitCode: 5, unreachable: true, keepOld: false });
    expect(judgeRecording(tally('refused'), command(130), false).exitCode).toBe(130);
  });

  it('keeps 130/143 and the command code when at least one exchange was answered, even if cut mid-body', () => {
    expect(judgeRecording(tally('ok', 'refused', 'refused'), signal, true)).toEqual({ exitCode: 130, unreachable: false, keepOld: false });
    expect(judgeRecording(tally('cut', 'refused'), command(0), true)).toEqual({ exitCode: 0, unreachable: false, keepOld: false });
  });

  it('is no failure when nothing at all was recorded, or only the client gave up; an overwrite then keeps the old cassette', () => {
    expect(judgeRecording(tally(), signal, true)).toEqual({ exitCode: 130, unreachable: false, keepOld: true });
    expect(judgeRecording(tally(), command(0), false)).toEqual({ exitCode: 0, unreachable: false, keepOld: false });
    expect(judgeRecording(tally('aborted'), command(0), false)).toEqual({ exitCode: 0, unreachable: false, keepOld: false });
  });

  it('exits 3 on a write failure, and an overwrite keeps the old cassette then', () => {
    expect(judgeRecording(tally('ok'), { kind: 'write-error' }, true)).toEqual({ exitCode: 3, unreachable: false, keepOld: true });
    expect(judgeRecording(tally('ok'), { kind: 'write-error' }, false).keepOld).toBe(false);
    expect(judgeRecording(tally('refused'), signal, true).keepOld).toBe(true);
  });
});

describe('formatUnreachable', () => {
  it('names the target, counts each reason with one message, and says what to check', () => {
    expect(formatUnreachable(tally('refused', 'refused', 'timeout', 'aborted'), 'http://127.0.0.1:9')).toBe(
      'apitape: none of the 4 exchanges reached the target http://127.0.0.1:9: ECONNREFUSED ×2, TIMEOUT_FIRST_BYTE (connect ECONNREFUSED 127.0.0.1:9)\n' +
        '  is the API running at http://127.0.0.1:9, and is --target right?\n',
    );
  });

  it('speaks of one exchange, of TLS, and of forward mode', () => {
    expect(formatUnreachable(tally('tls'), 'https://staging.example.com')).toBe(
      'apitape: the only exchange did not reach the target https://staging.example.com: ERR_TLS_CERT_ALTNAME_INVALID (bad host)\n' +
        '  its TLS certificate was not accepted: --upstream-ca FILE trusts a private CA (--insecure skips the check)\n',
    );
    expect(formatUnreachable(tally('refused', 'refused'), undefined)).toMatch(
      /^apitape: none of the 2 exchanges reached their servers: ECONNREFUSED ×2 .*\n {2}are those hosts reachable from this machine/,
    );
  });
});
