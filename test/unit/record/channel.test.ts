import { describe, expect, it } from 'vitest';
import { Channel } from '../../../src/record/channel.js';

describe('Channel', () => {
  it('delivers pushed values in order to a waiting consumer and ends on close', async () => {
    const channel = new Channel<number>();
    const seen: number[] = [];
    const consumer = (async () => {
      for await (const value of channel) seen.push(value);
    })();
    channel.push(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    channel.push(2);
    channel.push(3);
    channel.close();
    channel.push(4);
    await consumer;
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('Channel backpressure', () => {
  it('resolves a push only once the consumer has finished with that value', async () => {
    const channel = new Channel<string>();
    const events: string[] = [];
    const first = channel.push('a').then(() => events.push('a done'));
    const consumer = (async () => {
      for await (const value of channel) {
        events.push(`took ${value}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
        events.push(`finished ${value}`);
      }
    })();
    await first;
    expect(events).toEqual(['took a', 'finished a', 'a done']);
    channel.close();
    await consumer;
  });
});
