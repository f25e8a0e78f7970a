import { describe, expect, it } from 'vitest';
import type { ExchangeAssembler, RequestStart } from '../../../src/record/assembler.js';
import { clientAborted, recordingStopped } from '../../../src/record/gateway.js';
import { setupAssembler } from './assembler-setup.js';

const setup = () => setupAssembler({ batchMs: 0, webSocketLimits: { maxMessages: 2, maxMessageBytes: 100, maxTotalBytes: 1000 } });

const start = (id: string): RequestStart => ({
  id,
  method: 'GET',
  url: 'ws://api.example.com/live',
  httpVersion: '1.1',
  headers: [['Upgrade', 'websocket']],
  startTime: Date.UTC(2026, 0, 1),
  startMark: 1000,
  hasBody: false,
  note: 'websocket',
});
const head = { status: 101, statusText: 'Switching Protocols', httpVersion: '1.1', headers: [['Upgrade', 'websocket']] as Array<[string, string]>, mark: 1002 };

function open(assembler: ExchangeAssembler, id: string): void {
  assembler.begin(start(id));
  assembler.requestEnd(id);
  assembler.openWebSocket(id);
  assembler.acceptWebSocket(id, head);
}

describe('ExchangeAssembler: WebSockets', () => {
  it('keeps an accepted WebSocket open until it closes, then emits it with its messages and close', async () => {
    const { assembler, emitted, advance } = setup();
    open(assembler, 'w');
    assembler.webSocketMessage('w', { direction: 'sent', opcode: 1, payload: Buffer.from('a'), mark: 1005 });
    assembler.webSocketMessage('w', { direction: 'received', opcode: 1, payload: Buffer.from('b'), mark: 1006 });
    assembler.webSocketMessage('w', { direction: 'received', opcode: 1, payload: Buffer.from('cc'), mark: 1007 });
    await assembler.drained();
    expect(emitted).toEqual([]);
    expect(assembler.openWebSockets).toBe(1);
    assembler.webSocketClose('w', { by: 'client', code: 1000, reason: 'bye' });
    advance(50);
    assembler.endWebSocket('w', { code: 1000, reason: 'ignored: the first close wins' });
    await assembler.drained();
    expect(emitted).toEqual([
      {
        timings: { startedAt: '2026-01-01T00:00:00.000Z', firstByteMs: 2, durationMs: 50 },
        request: { method: 'GET', url: 'ws://api.example.com/live', httpVersion: '1.1', headers: [['Upgrade', 'websocket']], body: { kind: 'none' } },
        response: { status: 101, statusText: 'Switching Protocols', httpVersion: '1.1', headers: head.headers, body: { kind: 'none' } },
        websocket: {
          messages: [
            { direction: 'sent', time: 5, opcode: 1, size: 1, text: 'a' },
            { direction: 'received', time: 6, opcode: 1, size: 1, text: 'b' },
          ],
          close: { by: 'client', code: 1000, reason: 'bye' },
          omitted: { messages: 1, bytes: 2 },
        },
        note: 'websocket',
      },
    ]);
    expect(assembler.inFlight).toBe(0);
  });

  it('cuts an open WebSocket when recording stops: no close, a RECORDING_STOPPED failure', async () => {
    const { assembler, emitted } = setup();
    open(assembler, 'w');
    assembler.webSocketMessage('w', { direction: 'sent', opcode: 1, payload: Buffer.from('x'), mark: 1010 });
    assembler.cutAll(recordingStopped);
    await assembler.drained();
    expect(emitted[0]).toMatchObject({ response: { status: 101 }, failure: { code: 'RECORDING_STOPPED', phase: 'body' }, websocket: { messages: [{ text: 'x' }] } });
    expect(emitted[0]!.websocket!.close).toBeUndefined();
  });

  it('finishes a WebSocket whose connection dropped (abort) after the settle time, with the close seen', async () => {
    const { assembler, emitted } = setup();
    open(assembler, 'w');
    assembler.webSocketClose('w', { by: 'client', code: 1006, reason: '' });
    assembler.abort('w', clientAborted(true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await assembler.drained();
    expect(emitted).toHaveLength(1);
    expect(emitted[0]!.websocket).toEqual({ messages: [], close: { by: 'client', code: 1006 } });
    expect(emitted[0]!.failure).toBeUndefined();
  });

  it('records a refused upgrade as a plain response, without a websocket field', async () => {
    const { assembler, emitted } = setup();
    assembler.begin(start('r'));
    assembler.requestEnd('r');
    assembler.responseHead('r', { status: 403, statusText: 'Forbidden', httpVersion: '1.1', headers: [['Content-Type', 'text/plain']], mark: 1003 });
    assembler.responseData('r', Buffer.from('no'), false);
    assembler.responseData('r', new Uint8Array(0), true);
    await assembler.drained();
    expect(emitted[0]).toMatchObject({ response: { status: 403, body: { kind: 'text', text: 'no', size: 2 } }, note: 'websocket' });
    expect(emitted[0]!.websocket).toBeUndefined();
    expect(assembler.openWebSockets).toBe(0);
  });
});
