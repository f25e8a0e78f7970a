import { describe, expect, it } from 'vitest';
import type { RequestStart } from '../../../src/record/assembler.js';
import { clientAborted, recordingStopped } from '../../../src/record/gateway.js';
import { setupAssembler } from './assembler-setup.js';

const setup = (batchMs?: number) => setupAssembler(batchMs !== undefined ? { batchMs } : {});

const start = (id: string, overrides: Partial<RequestStart> = {}): RequestStart => ({
  id,
  method: 'POST',
  url: 'https://api.example.com/users',
  httpVersion: '1.1',
  headers: [['content-type', 'application/json'], ['content-length', '9']],
  startTime: Date.UTC(2026, 0, 1),
  startMark: 1000,
  hasBody: true,
  ...overrides,
});
const json = [['content-type', 'application/json']] as Array<[string, string]>;

describe('ExchangeAssembler', () => {
  it('joins request and response pieces by id into one exchange, with timings', async () => {
    const { assembler, emitted, advance } = setup();
    expect(assembler.begin(start('a'))).toBe(true);
    assembler.requestData('a', Buffer.from('{"n":'));
    assembler.requestData('a', Buffer.from('"x"}'));
    assembler.requestEnd('a');
    assembler.responseHead('a', { status: 201, statusText: 'Created', httpVersion: '1.1', headers: json, mark: 1012.34 });
    assembler.responseData('a', Buffer.from('{"id":1}'), false);
    advance(20);
    assembler.responseData('a', Buffer.alloc(0), true);
    await assembler.drained();
    expect(emitted).toEqual([
      {
        timings: { startedAt: '2026-01-01T00:00:00.000Z', firstByteMs: 12.3, durationMs: 20 },
        request: { method: 'POST', url: 'https://api.example.com/users', httpVersion: '1.1', headers: start('a').headers, body: { kind: 'json', value: { n: 'x' }, size: 9 } },
        response: { status: 201, statusText: 'Created', httpVersion: '1.1', headers: json, body: { kind: 'json', value: { id: 1 }, size: 8 } },
      },
    ]);
    expect(assembler.inFlight).toBe(0);
  });

  it('ignores filtered exchanges and drops those whose response turns out to be an asset', async () => {
    const { assembler, emitted } = setup();
    expect(assembler.begin(start('js', { method: 'GET', url: 'https://x.io/app.js' }))).toBe(false);
    assembler.requestEnd('js');
    assembler.begin(start('img', { method: 'GET', url: 'https://x.io/avatar', hasBody: false }));
    assembler.responseHead('img', { status: 200, statusText: 'OK', httpVersion: '1.1', headers: [['content-type', 'image/png']], mark: 1001 });
    assembler.responseData('img', Buffer.from('png'), true);
    await assembler.drained();
    expect(emitted).toEqual([]);
    expect(assembler.inFlight).toBe(0);
  });

  it('stores a gateway failure with response null, and a cut body with the failure beside the response', async () => {
    const { assembler, emitted } = setup();
    assembler.begin(start('gw', { hasBody: false, method: 'GET' }));
    assembler.requestEnd('gw');
    assembler.fail('gw', { code: 'ECONNREFUSED', message: 'refused', phase: 'connect' }, true);
    assembler.responseHead('gw', { status: 502, statusText: 'Bad Gateway', httpVersion: '1.1', headers: [], mark: 1001 });
    assembler.responseData('gw', Buffer.from('apitape: …'), true);
    assembler.begin(start('cut', { hasBody: false, method: 'GET' }));
    assembler.requestEnd('cut');
    assembler.responseHead('cut', { status: 200, statusText: 'OK', httpVersion: '1.1', headers: [['content-type', 'text/plain']], mark: 1001 });
    assembler.responseData('cut', Buffer.from('half'), false);
    assembler.abort('cut', clientAborted(true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await assembler.drained();
    expect(emitted[0]).toMatchObject({ response: null, failure: { code: 'ECONNREFUSED', phase: 'connect' } });
    expect(emitted[0]!.timings.firstByteMs).toBeUndefined();
    expect(emitted[1]).toMatchObject({
      response: { status: 200, body: { kind: 'text', text: 'half', truncated: true } },
      failure: { code: 'CLIENT_ABORTED', phase: 'body' },
    });
  });

  it('cuts every exchange still in flight when recording stops', async () => {
    const { assembler, emitted } = setup();
    assembler.begin(start('waiting'));
    assembler.requestData('waiting', Buffer.from('{"n"'));
    assembler.cutAll(recordingStopped);
    await assembler.drained();
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({
      response: null,
      failure: { code: 'RECORDING_STOPPED', phase: 'headers' },
      request: { body: { kind: 'text', text: '{"n"', truncated: true } },
    });
  });

  it('builds finished exchanges in batches: one after a quiet spell at once, the next with its batch or on drained()', async () => {
    const { assembler, emitted } = setup(60_000);
    const finish = (id: string) => {
      assembler.begin(start(id, { method: 'GET', headers: [], hasBody: false }));
      assembler.requestEnd(id);
      assembler.responseHead(id, { status: 204, statusText: 'No Content', httpVersion: '1.1', headers: [], mark: 1001 });
      assembler.responseData(id, new Uint8Array(0), true);
    };
    const turns = async (n: number) => {
      for (let i = 0; i < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
    };
    finish('a');
    await turns(3);
    expect(emitted).toHaveLength(1);
    finish('b');
    finish('c');
    await turns(3);
    expect(emitted).toHaveLength(1);
    await assembler.drained();
    expect(emitted.map((e) => e.response?.status)).toEqual([204, 204, 204]);
  });
});

describe('ExchangeAssembler, pipelined requests', () => {
  it('emits exchanges of one connection in the order they were sent, whatever order they finish in', async () => {
    const { assembler, emitted } = setup(0);
    const ids = ['a', 'b', 'c', 'd'];
    ids.forEach((id, i) => assembler.begin({ ...start(id, { method: 'GET', headers: [], hasBody: false }), url: `http://x/${id}`, ...(i > 0 ? { after: ids[i - 1] } : {}) }));
    const finish = (id: string) => {
      assembler.requestEnd(id);
      assembler.responseHead(id, { status: 200, statusText: 'OK', httpVersion: '1.1', headers: [], mark: 1001 });
      assembler.responseData(id, new Uint8Array(0), true);
    };
    finish('c');
    finish('d');
    finish('b');
    expect(assembler.inFlight).toBe(4);
    finish('a');
    await assembler.drained();
    expect(emitted.map((e) => e.request.url)).toEqual(['http://x/a', 'http://x/b', 'http://x/c', 'http://x/d']);
    expect(assembler.inFlight).toBe(0);
  });

  it('does not hold an exchange behind one the filter dropped', async () => {
    const { assembler, emitted } = setup(0);
    assembler.begin({ ...start('a', { method: 'GET', headers: [], hasBody: false }), url: 'http://x/a' });
    assembler.begin({ ...start('b', { method: 'GET', headers: [], hasBody: false }), url: 'http://x/b', after: 'a' });
    assembler.requestEnd('b');
    assembler.responseHead('b', { status: 200, statusText: 'OK', httpVersion: '1.1', headers: [], mark: 1001 });
    assembler.responseData('b', new Uint8Array(0), true);
    assembler.responseHead('a', { status: 200, statusText: 'OK', httpVersion: '1.1', headers: [['content-type', 'image/png']], mark: 1001 }); // an asset: dropped
    await assembler.drained();
    expect(emitted.map((e) => e.request.url)).toEqual(['http://x/b']);
  });
});
