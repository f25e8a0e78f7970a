import { describe, expect, it } from 'vitest';
import type { CassetteWriter } from '../../../src/cassette/store.js';
import type { Exchange } from '../../../src/cassette/types.js';
import type { CapturedExchange } from '../../../src/record/assembler.js';
import { Channel } from '../../../src/record/channel.js';
import { persistExchanges } from '../../../src/record/persist.js';
import { RecordingTally } from '../../../src/record/report.js';
import { makeExchange } from '../../helpers/exchange.js';

function captured(path: string): CapturedExchange {
  const { id: _id, ...rest } = makeExchange({ request: { url: `https://api.example.com${path}` } });
  return rest;
}

/** A writer whose appends settle only when told, in order. */
function fakeWriter(unwritten = 0) {
  let count = 0;
  const pending: Array<{ exchange: Exchange; resolve: (e: Exchange) => void; reject: (error: Error) => void }> = [];
  const writer: CassetteWriter = {
    path: 'fake',
    get count() {
      return count;
    },
    unwritten,
    append: (ex) =>
      new Promise<Exchange>((resolve, reject) => {
        const exchange = { id: String(count++).padStart(6, '0'), ...ex };
        pending.push({ exchange, resolve, reject });
      }),
    close: async () => undefined,
  };
  return {
    writer,
    appended: () => pending.length,
    settleAll: () => {
      for (const p of pending.splice(0)) p.resolve(p.exchange);
    },
    failNext: (error: Error) => pending.shift()!.reject(error),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('persistExchanges', () => {
  it('appends without waiting on each write, then tallies and prints each exchange in order once written', async () => {
    const channel = new Channel<CapturedExchange>();
    const file = fakeWriter();
    const printed: string[] = [];
    const tally = new RecordingTally();
    const done = persistExchanges(channel, file.writer, { tally, lines: { write: (s) => printed.push(s) }, onWriteError: (e) => expect.fail(String(e)) });
    void channel.push(captured('/a'));
    void channel.push(captured('/b'));
    await tick();
    expect(file.appended()).toBe(2);
    expect(tally.exchanges).toBe(0);
    file.settleAll();
    await tick();
    await tick();
    expect(tally.exchanges).toBe(2);
    expect(printed).toHaveLength(1); // the lines of one batch go out in one write
    expect(printed[0]).toMatch(/^GET https:\/\/api\.example\.com\/a → 200 .*\nGET https:\/\/api\.example\.com\/b → 200 .*\n$/);
    channel.close();
    await done;
  });

  it('waits for the writes once too much is unwritten', async () => {
    const channel = new Channel<CapturedExchange>();
    const file = fakeWriter(Number.POSITIVE_INFINITY);
    const done = persistExchanges(channel, file.writer, { tally: new RecordingTally(), onWriteError: () => undefined });
    let taken = false;
    const first = channel.push(captured('/a')).then(() => (taken = true));
    void channel.push(captured('/b'));
    await tick();
    expect(file.appended()).toBe(1);
    expect(taken).toBe(false);
    file.settleAll();
    await first;
    await tick();
    expect(file.appended()).toBe(1); // the second was appended after the first was written
    file.settleAll();
    channel.close();
    await done;
  });

  it('reports the first failed write once and drops every later exchange', async () => {
    const channel = new Channel<CapturedExchange>();
    const file = fakeWriter();
    const errors: unknown[] = [];
    const tally = new RecordingTally();
    const done = persistExchanges(channel, file.writer, { tally, onWriteError: (e) => errors.push(e) });
    void channel.push(captured('/a'));
    void channel.push(captured('/b'));
    await tick();
    file.failNext(new Error('disk full'));
    file.failNext(new Error('disk full again'));
    await tick();
    void channel.push(captured('/c'));
    await tick();
    channel.close();
    await done;
    expect(errors.map(String)).toEqual(['Error: disk full']);
    expect(file.appended()).toBe(0);
    expect(tally.exchanges).toBe(0);
  });
});
