import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchQueue } from '../../../src/record/batch-queue.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('BatchQueue', () => {
  it('runs items one at a time, in order, each awaited', async () => {
    const log: string[] = [];
    const queue = new BatchQueue<number>(async (n) => {
      log.push(`start ${n}`);
      await new Promise((resolve) => setImmediate(resolve));
      log.push(`end ${n}`);
    }, 0);
    queue.push(1);
    queue.push(2);
    await queue.drained();
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('starts a batch at once after a quiet spell; later items wait for the next batch, its timer, or drained()', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] });
    const ran: number[] = [];
    const queue = new BatchQueue<number>((n) => void ran.push(n), 25);
    queue.push(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toEqual([1]);
    queue.push(2);
    queue.push(3);
    await vi.advanceTimersByTimeAsync(10);
    expect(ran).toEqual([1]);
    expect(queue.waiting).toBe(2);
    await vi.advanceTimersByTimeAsync(20); // 30 ms after the first batch: the next push starts one
    queue.push(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toEqual([1, 2, 3, 4]);
    queue.push(5);
    await vi.advanceTimersByTimeAsync(49);
    expect(ran).toEqual([1, 2, 3, 4]);
    await vi.advanceTimersByTimeAsync(2); // no push came: the timer, 2 × 25 ms after the last batch
    expect(ran).toEqual([1, 2, 3, 4, 5]);
    queue.push(6);
    const drained = queue.drained();
    await vi.advanceTimersByTimeAsync(1);
    await drained;
    expect(ran).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('starts at once when enough items wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'] });
    const ran: number[] = [];
    const queue = new BatchQueue<number>((n) => void ran.push(n), 1000);
    queue.push(0);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 1; i <= 32; i += 1) queue.push(i);
    await vi.advanceTimersByTimeAsync(0);
    expect(ran).toHaveLength(33);
  });
});
